import * as vscode from 'vscode';
import { codeTurns } from '../core';
import { isSession } from './documents';
import { renderStatisticsHtml, renderStatisticsNotice } from './statisticsPage';
import { toVsRange } from './positions';
import { countsOf } from './sessionCounts';
import type { SessionAnalysis, SessionStore } from './sessionStore';

/** The command a chart dot links to: it reveals the turn, by number, of the session the view shows. */
export const REVEAL_STATISTICS_TURN_COMMAND = 'sessionMarkdown.revealStatisticsTurn';

/**
 * The "Show Session Statistics" webview: charts of the active session. One panel follows the
 * active transcript and its edits without taking the focus. The page runs no script: its dots are
 * `command:` links that VS Code runs only for the one command the panel allows.
 */
export class StatisticsView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private uri: vscode.Uri | undefined;
  private shown: SessionAnalysis | undefined;
  // The transcript that became active, until its analysis is shown (the store brings it).
  private followed: vscode.Uri | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly store: SessionStore) {
    this.subscriptions = [
      store.onDidAnalyse((analysis) => {
        if (this.panel && [this.uri, this.followed].some((uri) => uri?.toString() === analysis.uri.toString())) this.render(analysis);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.commands.registerCommand(REVEAL_STATISTICS_TURN_COMMAND, (turn: unknown) => this.revealTurn(turn)),
    ];
  }

  /** Shows the charts of a session beside its editor, reusing the open panel. */
  show(analysis: SessionAnalysis, column = vscode.ViewColumn.Beside): void {
    this.followed = undefined;
    if (!this.panel) {
      // No scripts and no local resources: the page is static SVG under a strict CSP.
      this.panel = vscode.window.createWebviewPanel(
        'sessionMarkdown.statistics',
        'Session Statistics',
        { viewColumn: column, preserveFocus: true },
        {
          enableScripts: false,
          enableCommandUris: [REVEAL_STATISTICS_TURN_COMMAND],
          localResourceRoots: [],
        },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.uri = undefined;
        this.shown = undefined;
        this.followed = undefined;
      });
    } else {
      this.panel.reveal(column, true);
    }
    this.render(analysis);
  }

  /** The HTML currently shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /** The file the panel shows, for tests. */
  get shownUri(): vscode.Uri | undefined {
    return this.panel ? this.uri : undefined;
  }

  /** The webview's options (which commands its links may run), for tests. */
  get webviewOptions(): vscode.WebviewOptions | undefined {
    return this.panel?.webview.options;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.panel?.dispose();
  }

  /** Shows the session of the editor that became active, now or once the store brings its analysis; other editors leave the panel as it is. */
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !isSession(editor.document) || editor.document.uri.toString() === this.uri?.toString()) return;
    this.followed = editor.document.uri;
    const analysis = this.store.request(editor.document);
    if (analysis) this.render(analysis);
  }

  private render(analysis: SessionAnalysis): void {
    if (!this.panel) return;
    // Setting the HTML reloads the page and scrolls it to the top: only when there is news.
    if (analysis === this.shown) return;
    this.uri = analysis.uri;
    this.shown = analysis;
    const name = analysis.uri.path.split('/').pop() ?? 'session';
    const file = vscode.workspace.asRelativePath(analysis.uri);
    this.panel.title = `Statistics: ${name}`;
    const session = analysis.linted?.session;
    const stats = countsOf(analysis);
    if (!session || !stats) {
      this.panel.webview.html = renderStatisticsNotice(
        name,
        file,
        analysis.skipped ? `No statistics: ${analysis.skipped}.` : 'This file could not be analysed; see the Problems panel.',
        this.panel.webview.cspSource,
      );
      return;
    }
    const fm = session.frontMatter;
    const title = [fm?.client ?? fm?.course, fm?.session !== undefined ? `Session ${fm.session}` : undefined, fm?.date].filter(Boolean).join(' · ') || name;
    this.panel.webview.html = renderStatisticsHtml({ title, stats, codeTurns: codeTurns(session) }, this.panel.webview.cspSource, {
      revealTurnCommand: REVEAL_STATISTICS_TURN_COMMAND,
    });
  }

  /** Reveals turn `turn` (a number from a chart link) of the shown session, in its editor. */
  private async revealTurn(turn: unknown): Promise<void> {
    const uri = this.uri;
    // The argument comes from a link: anything but a turn of the shown session is ignored.
    if (!this.panel || !uri || typeof turn !== 'number' || !Number.isSafeInteger(turn)) return;
    const session = (await this.store.analyseUri(uri)).linted?.session;
    const target = session?.turns[turn - 1];
    if (!target || target.index !== turn) return;
    const range = toVsRange(target.range);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(uri, {
      viewColumn: column,
      preserveFocus: false,
      selection: new vscode.Range(range.start, range.start),
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}
