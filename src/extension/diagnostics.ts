import * as vscode from 'vscode';
import { checkCodebookText, conflictFindings, type Finding } from '../core';
import { ConfigFileWatch } from './configFiles';
import { EXCLUDE_GLOB, SESSION_GLOB } from './globs';
import { discoverLibraries } from './libraries';
import { toVsRange } from './positions';
import { isInEditor, isOpen, tabUris, type SessionAnalysis, type SessionStore } from './sessionStore';
import { readSettings, type Settings } from './settings';

/** The `source` of every diagnostic the extension publishes. */
export const DIAGNOSTIC_SOURCE = 'session-md';

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

/** How long the workspace scan waits after the open transcripts are analysed at activation. */
export const STARTUP_DELAY_MS = 300;

/** What activation started: the open transcripts first, then the workspace scan. */
export interface StartupReport {
  /** The transcripts open at activation (uris), analysed first. */
  open: string[];
  /** Resolves once the open transcripts are analysed and a moment has passed: then the workspace may be scanned. */
  ready: Promise<void>;
  /** What the store had analysed when the workspace scan was about to begin. */
  analysedBeforeScan?: string[];
  /** Resolves with how many transcripts the workspace scan analysed (0 when it is off). */
  workspaceScan: Promise<number>;
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
  private readonly conflicts = new Map<string, Finding[]>();
  // The version of each open transcript the publishing gate (open, debounced typing, save) released.
  private readonly released = new Map<string, number>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  // Set by "Lint Workspace": closed files then reach the Problems panel even with lint.workspace off.
  private workspaceShown = false;
  private settings: Settings = readSettings();
  private readonly configFiles = new ConfigFileWatch(() => this.scheduleRefresh());

  constructor(private readonly store: SessionStore, private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      this.configFiles,
      store.onDidAnalyse((analysis) => this.publish(analysis)),
      store.onDidForget((uri) => this.collection.delete(uri)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event.document)),
      vscode.workspace.onDidSaveTextDocument((doc) => isSession(doc) && this.settings.lintEnabled && !this.settings.lintOnType && this.release(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      // VS Code may keep a document open for minutes after its tab closed: a file that is gone is forgotten with its last tab.
      vscode.window.tabGroups.onDidChangeTabs(({ closed }) => {
        for (const uri of closed.flatMap(tabUris)) if (uri.scheme === 'file' && uri.path.endsWith('.session.md')) void this.store.forgetIfMissing(uri);
      }),
    );
    this.watch();
  }

  /**
   * At activation: analyses the open transcripts, and only once they are done and activation has
   * returned, every other transcript of the workspace (if enabled), in the background with progress
   * in the status bar. `ready` resolves when the scan may begin, for other scans to wait on.
   */
  startup(delayMs = STARTUP_DELAY_MS): StartupReport {
    const openDocuments = vscode.workspace.textDocuments.filter(isSession);
    const report = { open: openDocuments.map((d) => d.uri.toString()) } as StartupReport;
    const analysed = openDocuments.map((doc) => {
      this.onOpen(doc);
      return this.store.analyse(doc).catch(() => undefined);
    });
    report.ready = Promise.all(analysed)
      .then(() => new Promise((resolve) => setTimeout(resolve, delayMs)))
      .then(() => {
        report.analysedBeforeScan = this.store.all().map((a) => a.uri.toString());
      });
    report.workspaceScan = report.ready.then(() => {
      if (!this.settings.lintEnabled || !this.settings.lintWorkspace) return 0;
      const title = 'Session Markdown: checking transcripts';
      return vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, (progress) =>
        this.lintWorkspace(undefined, (done, total) => progress.report({ message: `${done}/${total}` })),
      );
    });
    return report;
  }

  /** Analyses the open transcripts and, if enabled, every transcript in the workspace. */
  async start(token?: vscode.CancellationToken): Promise<number> {
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
    if (!this.settings.lintWorkspace) return 0;
    return this.lintWorkspace(token);
  }

  /** From now on, show the problems of closed transcripts too (the "Lint Workspace" command asked for them). */
  showWorkspace(): void {
    this.workspaceShown = true;
    for (const analysis of this.store.all()) this.publish(analysis);
  }

  /** Analyses every `*.session.md` of the workspace; returns how many were analysed. */
  async lintWorkspace(token?: vscode.CancellationToken, progress?: (done: number, total: number) => void): Promise<number> {
    const uris = await vscode.workspace.findFiles(SESSION_GLOB, EXCLUDE_GLOB);
    let done = 0;
    for (const uri of uris) {
      if (token?.isCancellationRequested) break;
      this.publish(await this.store.analyseUri(uri));
      progress?.(++done, uris.length);
    }
    return done;
  }

  /** Re-reads settings and libraries and analyses everything again, at most once at a time and after a burst of changes settles. */
  scheduleRefresh(delayMs = 300): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => {
      const previous = this.refreshing ?? Promise.resolve();
      this.refreshing = previous.then(() => this.refreshAll()).finally(() => (this.refreshing = undefined));
    }, delayMs);
  }

  /** Re-reads the settings and analyses everything again (after settings, configs or codebooks change). */
  async refreshAll(): Promise<void> {
    this.settings = readSettings();
    this.store.reset(this.settings, discoverLibraries());
    if (!this.settings.lintEnabled) {
      this.collection.clear();
      return;
    }
    const known = this.store.all().map((a) => a.uri);
    for (const uri of known) this.publish(await this.store.analyseUri(uri));
    await this.start();
  }

  dispose(): void {
    clearTimeout(this.refreshTimer);
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  // Other features analyse too (hover, folding, trees); only what the gate released, or closed
  // files when the whole workspace is linted, reaches the Problems panel.
  private publish(analysis: SessionAnalysis): void {
    this.configFiles.add([...(analysis.linted?.config.files ?? []), ...(analysis.failedConfigFiles ?? [])]);
    if (!this.settings.lintEnabled) return;
    const key = analysis.uri.toString();
    // The store forgot a file that is gone, which took its problems away.
    if (analysis.gone) return;
    const open = isOpen(analysis.uri);
    const closedShown = this.settings.lintWorkspace || this.workspaceShown;
    if (open ? this.released.get(key) !== analysis.version : analysis.version !== -1 || !closedShown) return;
    this.collection.set(analysis.uri, analysis.findings.map(toDiagnostic));
    this.publishCodebook(analysis);
  }

  // Problems inside a workspace codebook or library, and conflicts between libraries, show on those files.
  private publishCodebook(analysis: SessionAnalysis): void {
    const linted = analysis.linted;
    if (!linted) return;
    for (const loaded of [linted.codebook, ...linted.libraries]) {
      if (!loaded || loaded.text === undefined || loaded.path.startsWith(this.extensionUri.fsPath)) continue;
      this.conflicts.set(loaded.path, conflictFindings(linted.conflicts, loaded.path));
      this.publishLibrary(vscode.Uri.file(loaded.path), loaded.text);
    }
  }

  private publishLibrary(uri: vscode.Uri, text: string): void {
    this.codebookFiles.add(uri.toString());
    const findings = [...checkCodebookText(text, uri.fsPath), ...(this.conflicts.get(uri.fsPath) ?? [])];
    this.collection.set(uri, findings.map(toDiagnostic));
  }

  // The store brings the analysis of the released version to `publish`, unless it has it already.
  private release(document: vscode.TextDocument): void {
    this.released.set(document.uri.toString(), document.version);
    const analysis = this.store.request(document);
    if (analysis) this.publish(analysis);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (!this.settings.lintEnabled) return;
    if (isSession(document)) this.release(document);
    else if (isLibrary(document)) this.publishLibrary(document.uri, document.getText());
  }

  private onChange(document: vscode.TextDocument): void {
    if (!this.settings.lintEnabled || !this.settings.lintOnType) return;
    if (isLibrary(document)) return this.debounce(document, () => this.publishLibrary(document.uri, document.getText()));
    if (isSession(document)) this.debounce(document, () => this.release(document));
  }

  private debounce(document: vscode.TextDocument, run: () => void): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) run();
      }, this.settings.debounceMs),
    );
  }

  private onClose(document: vscode.TextDocument): void {
    if (!isSession(document)) return;
    this.released.delete(document.uri.toString());
    // The file on disk may differ from the closed editor's unsaved text.
    this.store.forget(document.uri);
    if (!this.settings.lintWorkspace || document.uri.scheme !== 'file') this.collection.delete(document.uri);
    if (document.uri.scheme !== 'file') return;
    // The file on disk is what the trees show now; if it is gone (deleted, renamed or checked out
    // away while open), the store forgets it everywhere instead.
    void this.store.analyseUri(document.uri).then((analysis) => this.publish(analysis));
  }

  private watch(): void {
    const sessions = vscode.workspace.createFileSystemWatcher(SESSION_GLOB);
    const onDisk = (uri: vscode.Uri): void => {
      if (isOpen(uri)) return;
      this.store.forget(uri);
      if (this.settings.lintWorkspace) void this.store.analyseUri(uri).then((analysis) => this.publish(analysis));
    };
    sessions.onDidCreate(onDisk);
    sessions.onDidChange(onDisk);
    // An editor that shows the file keeps its text, and its problems, until its tab is closed.
    sessions.onDidDelete((uri) => isInEditor(uri) || this.store.forget(uri, true));
    const settingsFiles = vscode.workspace.createFileSystemWatcher('**/{.sessionmdrc.yaml,*.codebook.yaml}');
    const refresh = (uri: vscode.Uri): void => {
      if (uri.path.endsWith('.codebook.yaml') && this.codebookFiles.has(uri.toString())) this.collection.delete(uri);
      this.scheduleRefresh();
    };
    settingsFiles.onDidCreate(refresh);
    settingsFiles.onDidChange(refresh);
    settingsFiles.onDidDelete(refresh);
    // A folder moved in or deleted may come as one event for the folder, none for the files in it.
    const folders = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
    folders.onDidCreate(async (uri) => {
      if (uri.path.endsWith('.session.md') || /\/(node_modules|\.git)(\/|$)/.test(uri.path) || !((await vscode.workspace.fs.stat(uri).then((s) => s.type, () => 0)) & vscode.FileType.Directory)) return;
      for (const file of await vscode.workspace.findFiles(new vscode.RelativePattern(uri, SESSION_GLOB), EXCLUDE_GLOB)) onDisk(file);
    });
    folders.onDidDelete((uri) => {
      const prefix = uri.toString() + '/';
      for (const analysis of this.store.all()) if (analysis.uri.toString().startsWith(prefix) && !isInEditor(analysis.uri)) this.store.forget(analysis.uri, true);
    });
    this.disposables.push(
      sessions,
      settingsFiles,
      folders,
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('sessionMarkdown') && this.scheduleRefresh(0)),
    );
  }
}

/** Whether a document is a codebook or technique library. */
export function isLibrary(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && document.uri.path.endsWith('.codebook.yaml');
}

/** Whether a document is a transcript this extension analyses. */
export function isSession(document: vscode.TextDocument): boolean {
  return document.languageId === 'session-markdown';
}
