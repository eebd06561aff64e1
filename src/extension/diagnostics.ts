import * as vscode from 'vscode';
import { checkCodebookText, CODEBOOK_CONFLICT, type Finding } from '../core';
import { isLibrary, isSession } from './documents';
import { toDiagnostic } from './findings';
import { isOpen } from './openEditors';
import type { SessionAnalysis } from './sessionStore';
import type { SessionWorkspace } from './workspace';

/**
 * Publishes the core rules' findings as diagnostics. It only decides when: an open transcript's on
 * open, after typing (debounced) or on save; closed transcripts' when the workspace is linted. The
 * store brings every analysis; the workspace brings the settings and says when everything starts afresh.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('session-markdown');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  // The version of each open transcript the publishing gate (open, debounced typing, save) released.
  private readonly released = new Map<string, number>();
  // The findings on each codebook and library file, as the last analysis that used it reported them.
  private readonly codebookFindings = new Map<string, Finding[]>();
  // Set by "Lint Workspace": closed files then reach the Problems panel even with lint.workspace off.
  private workspaceShown = false;
  private readonly disposables: vscode.Disposable[];

  constructor(
    private readonly workspace: SessionWorkspace,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.disposables = [
      this.collection,
      workspace.store.onDidAnalyse((analysis) => this.publish(analysis)),
      workspace.store.onDidForget((uri) => this.collection.delete(uri)),
      workspace.onDidReset((changed) => this.reset(changed)),
      vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event.document)),
      vscode.workspace.onDidSaveTextDocument(
        (doc) => isSession(doc) && this.workspace.settings.lintEnabled && !this.workspace.settings.lintOnType && this.release(doc),
      ),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
    ];
    // The transcripts open at activation: their analyses land once activation has returned.
    for (const doc of vscode.workspace.textDocuments) if (isSession(doc)) this.onOpen(doc);
  }

  /** From now on, show the problems of closed transcripts too (the "Lint Workspace" command asked for them). */
  showWorkspace(): void {
    this.workspaceShown = true;
    for (const analysis of this.workspace.store.all()) this.publish(analysis);
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const d of this.disposables) d.dispose();
  }

  // Other features analyse too (hover, folding, trees); only what the gate released, or closed
  // files when the whole workspace is linted, reaches the Problems panel.
  private publish(analysis: SessionAnalysis): void {
    if (!this.workspace.settings.lintEnabled) return;
    const closedShown = this.workspace.settings.lintWorkspace || this.workspaceShown;
    if (isOpen(analysis.uri) ? this.released.get(analysis.uri.toString()) !== analysis.version : analysis.version !== -1 || !closedShown) return;
    this.collection.set(analysis.uri, analysis.findings.map(toDiagnostic));
    // Problems inside the codebook and libraries a transcript uses, and conflicts between them, show on those files.
    for (const path of analysis.deps ?? []) {
      if (path.startsWith(this.extensionUri.fsPath)) continue;
      this.codebookFindings.set(path, analysis.codebooks?.find((report) => report.path === path)?.findings ?? []);
      this.publishCodebook(vscode.Uri.file(path));
    }
  }

  // A codebook shows what `session-md lint` reports on it; one open in an editor, as `session-md codebook check` checks it as you type, with the analyses' conflicts.
  private publishCodebook(uri: vscode.Uri): void {
    const reported = this.codebookFindings.get(uri.fsPath) ?? [];
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === uri.toString() && !doc.isClosed);
    const findings = open ? [...checkCodebookText(open.getText(), uri.fsPath), ...reported.filter((f) => f.ruleId === CODEBOOK_CONFLICT.id)] : reported;
    this.collection.set(uri, findings.map(toDiagnostic));
  }

  // The store brings the analysis of the released version to `publish`, unless it has it already.
  private release(document: vscode.TextDocument): void {
    this.released.set(document.uri.toString(), document.version);
    const analysis = this.workspace.store.request(document);
    if (analysis) this.publish(analysis);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (!this.workspace.settings.lintEnabled) return;
    if (isSession(document)) this.release(document);
    else if (isLibrary(document)) this.publishCodebook(document.uri);
  }

  private onChange(document: vscode.TextDocument): void {
    if (!this.workspace.settings.lintEnabled || !this.workspace.settings.lintOnType) return;
    if (isLibrary(document)) return this.debounce(document, () => this.publishCodebook(document.uri));
    if (isSession(document)) this.debounce(document, () => this.release(document));
  }

  private debounce(document: vscode.TextDocument, run: () => void): void {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    const timer = setTimeout(() => {
      this.timers.delete(key);
      if (!document.isClosed) run();
    }, this.workspace.settings.debounceMs);
    this.timers.set(key, timer);
  }

  // The workspace reads a closed transcript from disk again; its problems stay while closed files are shown.
  private onClose(document: vscode.TextDocument): void {
    if (isLibrary(document)) return this.collection.set(document.uri, (this.codebookFindings.get(document.uri.fsPath) ?? []).map(toDiagnostic));
    if (!isSession(document)) return;
    this.released.delete(document.uri.toString());
    if (!this.workspace.settings.lintWorkspace || document.uri.scheme !== 'file') this.collection.delete(document.uri);
  }

  // The settings, a config or a library changed: a changed library's problems go, and the open files are analysed again.
  private reset(changed: vscode.Uri[]): void {
    for (const uri of changed) if (this.codebookFindings.delete(uri.fsPath)) this.collection.delete(uri);
    if (!this.workspace.settings.lintEnabled) return this.collection.clear();
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }
}
