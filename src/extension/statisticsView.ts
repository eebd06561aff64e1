import * as vscode from 'vscode';
import { codeCooccurrence, codeTurns, courseMeasures, measuresInForce, NO_CLIENT, transitionTable, type CourseMeasures, type SessionStats } from '../core';
import { isSession } from './documents';
import { renderStatisticsHtml, renderStatisticsNotice } from './statisticsPage';
import { toVsRange } from './positions';
import { countsOf } from './sessionCounts';
import type { SessionAnalysis, SessionStore } from './sessionStore';
import { showFromPanel } from './webviewLinks';

// The most sibling transcripts read to chart a course's measures: far more than a course has sessions.
const MAX_COURSE_FILES = 200;

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
  // The folders whose transcripts were read for a course's measures.
  private readonly readFolders = new Set<string>();

  constructor(private readonly store: SessionStore) {
    this.subscriptions = [
      store.onDidAnalyse((analysis) => {
        if (this.panel && [this.uri, this.followed].some((uri) => uri?.toString() === analysis.uri.toString())) this.render(analysis);
        // Another session of the folder may belong to the course whose measures are drawn.
        else if (this.panel && this.shown && folderOf(analysis.uri) === folderOf(this.shown.uri)) this.redraw();
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
        this.readFolders.clear();
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
    this.panel.title = `Statistics: ${name}`;
    this.panel.webview.html = this.htmlOf(analysis);
    // A session that records measures draws its course's: the folder's other transcripts are read, once per folder.
    const folder = folderOf(analysis.uri);
    if (analysis.linted?.session.frontMatter?.measures?.length && !this.readFolders.has(folder)) {
      this.readFolders.add(folder);
      void this.analyseFolder(analysis.uri);
    }
  }

  // After another session of the course changed: the page again, only if it differs.
  private redraw(): void {
    if (!this.panel || !this.shown) return;
    const html = this.htmlOf(this.shown);
    if (html !== this.panel.webview.html) this.panel.webview.html = html;
  }

  private htmlOf(analysis: SessionAnalysis): string {
    const cspSource = this.panel!.webview.cspSource;
    const name = analysis.uri.path.split('/').pop() ?? 'session';
    const file = vscode.workspace.asRelativePath(analysis.uri);
    const session = analysis.linted?.session;
    const stats = countsOf(analysis);
    if (!session || !stats) {
      const why = analysis.skipped ? `No statistics: ${analysis.skipped}.` : 'This file could not be analysed; see the Problems panel.';
      return renderStatisticsNotice(name, file, why, cspSource);
    }
    const fm = session.frontMatter;
    const title = [fm?.client ?? fm?.course, fm?.session !== undefined ? `Session ${fm.session}` : undefined, fm?.date].filter(Boolean).join(' · ') || name;
    // What the client says after each therapist code: the sequence MISC was designed for (issue 17).
    const sequences = { cooccurrence: codeCooccurrence([session]), transitions: transitionTable([session], { from: 'therapist', to: 'client', lag: 1 }) };
    return renderStatisticsHtml({ title, stats, codeTurns: codeTurns(session), course: this.courseOf(analysis, stats), ...sequences }, cspSource, {
      revealTurnCommand: REVEAL_STATISTICS_TURN_COMMAND,
    });
  }

  /** The measures of the shown session's course: the analysed sessions of the same client (or course) in its folder; a session of neither is a course of its own. */
  private courseOf(analysis: SessionAnalysis, stats: SessionStats): CourseMeasures {
    const folder = folderOf(analysis.uri);
    const course: SessionStats[] = [stats];
    if (stats.group !== NO_CLIENT) {
      for (const other of this.store.all()) {
        if (other.uri.toString() === analysis.uri.toString() || folderOf(other.uri) !== folder) continue;
        const counts = countsOf(other);
        if (counts?.group === stats.group) course.push(counts);
      }
    }
    return courseMeasures(course, stats.file, measuresInForce(analysis.linted!.config, analysis.codebook));
  }

  // The other transcripts of the folder are analysed (once; the store caches them), so that the course is complete without a workspace scan.
  private async analyseFolder(uri: vscode.Uri): Promise<void> {
    const folder = uri.with({ path: folderOf(uri) });
    const entries = await Promise.resolve(vscode.workspace.fs.readDirectory(folder)).catch(() => [] as [string, vscode.FileType][]);
    const siblings = entries
      .filter(([name, type]) => type === vscode.FileType.File && name.endsWith('.session.md'))
      .slice(0, MAX_COURSE_FILES)
      .map(([name]) => vscode.Uri.joinPath(folder, name))
      .filter((sibling) => sibling.toString() !== uri.toString() && !this.store.peek(sibling));
    await Promise.all(siblings.map((sibling) => this.store.analyseUri(sibling).catch(() => undefined)));
  }

  /** Reveals turn `turn` (a number from a chart link) of the shown session, in its editor. */
  private async revealTurn(turn: unknown): Promise<void> {
    const uri = this.uri;
    // The argument comes from a link: anything but a turn of the shown session is ignored.
    if (!this.panel || !uri || typeof turn !== 'number' || !Number.isSafeInteger(turn)) return;
    const session = (await this.store.analyseUri(uri)).linted?.session;
    const target = session?.turns[turn - 1];
    // The panel may have been closed while the session was read.
    if (!target || target.index !== turn || !this.panel) return;
    const range = toVsRange(target.range);
    const editor = await showFromPanel(this.panel, uri, new vscode.Range(range.start, range.start));
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

function folderOf(uri: vscode.Uri): string {
  return uri.path.slice(0, uri.path.lastIndexOf('/'));
}
