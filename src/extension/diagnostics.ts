import * as vscode from 'vscode';
import { codebookFindings, type Finding } from '../core';
import { toVsRange } from './positions';
import type { SessionAnalysis, SessionStore } from './sessionStore';
import { readSettings, type Settings } from './settings';

/** The `source` of every diagnostic the extension publishes. */
export const DIAGNOSTIC_SOURCE = 'session-md';
export const SESSION_GLOB = '**/*.session.md';
export const EXCLUDE_GLOB = '**/{node_modules,.git}/**';

const SEVERITY: Record<Finding['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A finding as a VS Code diagnostic, with the rule id as its code. */
export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toVsRange(finding.range), finding.message, SEVERITY[finding.severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.ruleId;
  return diagnostic;
}

/**
 * Publishes the core rules' findings as diagnostics: for open transcripts while typing
 * (debounced) and on open, and for every transcript of the workspace, open or not.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('session-markdown');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private readonly codebookFiles = new Set<string>();
  private settings: Settings = readSettings();

  constructor(private readonly store: SessionStore, private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      store.onDidAnalyse((analysis) => this.publish(analysis)),
      store.onDidForget((uri) => this.collection.delete(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event.document)),
      vscode.workspace.onDidSaveTextDocument((doc) => isSession(doc) && !this.settings.lintOnType && void store.analyse(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
    );
    this.watch();
  }

  /** Analyses the open transcripts and, if enabled, every transcript in the workspace. */
  async start(token?: vscode.CancellationToken): Promise<number> {
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
    if (!this.settings.lintWorkspace) return 0;
    return this.lintWorkspace(token);
  }

  /** Analyses every `*.session.md` of the workspace; returns how many were analysed. */
  async lintWorkspace(token?: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<number> {
    const uris = await vscode.workspace.findFiles(SESSION_GLOB, EXCLUDE_GLOB);
    let done = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      await this.store.analyseUri(uri);
      progress?.(++done, uris.length);
    }
    return done;
  }

  /** Re-reads the settings and analyses everything again (after settings, configs or codebooks change). */
  async refreshAll(): Promise<void> {
    this.settings = readSettings();
    this.store.reset(this.settings);
    if (!this.settings.lintEnabled) {
      this.collection.clear();
      return;
    }
    const known = this.store.all().map((a) => a.uri);
    for (const uri of known) await this.store.analyseUri(uri);
    await this.start();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  private publish(analysis: SessionAnalysis): void {
    if (!this.settings.lintEnabled) return;
    this.collection.set(analysis.uri, analysis.findings.map(toDiagnostic));
    this.publishCodebook(analysis);
  }

  // Problems inside a workspace codebook show on the codebook file itself.
  private publishCodebook(analysis: SessionAnalysis): void {
    const loaded = analysis.linted?.codebook;
    if (!loaded || loaded.path.startsWith(this.extensionUri.fsPath)) return;
    const uri = vscode.Uri.file(loaded.path);
    const severity = analysis.linted!.config.rules['codebook-invalid'];
    if (severity === 'off') return;
    this.codebookFiles.add(uri.toString());
    this.collection.set(uri, codebookFindings(loaded, severity).map(toDiagnostic));
  }

  private onOpen(document: vscode.TextDocument): void {
    if (isSession(document) && this.settings.lintEnabled) void this.store.analyse(document);
  }

  private onChange(document: vscode.TextDocument): void {
    if (!isSession(document) || !this.settings.lintEnabled || !this.settings.lintOnType) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) void this.store.analyse(document);
      }, this.settings.debounceMs),
    );
  }

  private onClose(document: vscode.TextDocument): void {
    if (!isSession(document)) return;
    // The file on disk may differ from the closed editor's unsaved text.
    this.store.forget(document.uri);
    if (this.settings.lintWorkspace && document.uri.scheme === 'file') void this.store.analyseUri(document.uri);
    else this.collection.delete(document.uri);
  }

  private watch(): void {
    const sessions = vscode.workspace.createFileSystemWatcher(SESSION_GLOB);
    const onDisk = (uri: vscode.Uri): void => {
      if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
      this.store.forget(uri);
      if (this.settings.lintWorkspace) void this.store.analyseUri(uri);
    };
    sessions.onDidCreate(onDisk);
    sessions.onDidChange(onDisk);
    sessions.onDidDelete((uri) => this.store.forget(uri, true));
    const settingsFiles = vscode.workspace.createFileSystemWatcher('**/{.sessionmdrc.yaml,*.codebook.yaml}');
    const refresh = (uri: vscode.Uri): void => {
      if (uri.path.endsWith('.codebook.yaml') && this.codebookFiles.has(uri.toString())) this.collection.delete(uri);
      void this.refreshAll();
    };
    settingsFiles.onDidCreate(refresh);
    settingsFiles.onDidChange(refresh);
    settingsFiles.onDidDelete(refresh);
    this.disposables.push(
      sessions,
      settingsFiles,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sessionMarkdown') && void this.refreshAll()),
    );
  }
}

/** Whether a document is a transcript this extension analyses. */
export function isSession(document: vscode.TextDocument): boolean {
  return document.languageId === 'session-markdown';
}
