import * as vscode from 'vscode';
import { goalProgress, type GoalCourse, type Range, type Session } from '../core';
import { isSession } from './documents';
import { renderGoalProgressHtml, renderGoalProgressNotice } from './goalProgressPage';
import { toVsRange } from './positions';
import { showFromPanel } from './webviewLinks';
import type { SessionWorkspace } from './workspace';

export const SHOW_GOAL_PROGRESS_COMMAND = 'sessionMarkdown.showGoalProgress';
/** The command a cell links to: it opens the cell's session at the goal's first reference there (or its declaration). */
export const OPEN_GOAL_CELL_COMMAND = 'sessionMarkdown.openGoalProgressCell';
/** The command a course's name links to: it shows that course. */
export const SHOW_GOAL_COURSE_COMMAND = 'sessionMarkdown.showGoalProgressCourse';

// Edits and scans bring analyses in bursts: the table is rebuilt once they settle.
const RENDER_DELAY_MS = 150;

/**
 * The "Show Goal Progress" webview: the goals of a course of therapy (rows) over its sessions
 * (columns), built from every analysed transcript of the workspace. One panel beside the editor
 * shows the course of the active transcript, follows the transcript that becomes active and keeps
 * up with edits and files on disk, without taking the focus. Like the statistics view it runs no
 * script: its links run only its two commands, which act only on a goal, session or course the
 * panel lists and ignore anything else.
 */
export class GoalProgressView implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private courses: GoalCourse[] = [];
  private shown: GoalCourse | undefined;
  // The course asked for by name, kept while its sessions change.
  private wanted: string | undefined;
  // A transcript that became active: its course is shown once its analysis is in.
  private followed: string | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly workspace: SessionWorkspace) {
    const { store } = workspace;
    this.subscriptions = [
      store.onDidAnalyse(() => this.schedule()),
      store.onDidForget(() => this.schedule()),
      workspace.onDidChangeTranscripts(() => this.schedule()),
      workspace.onDidReset(() => this.schedule()),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)),
      vscode.commands.registerCommand(OPEN_GOAL_CELL_COMMAND, (goal: unknown, session: unknown) => this.openCell(goal, session)),
      vscode.commands.registerCommand(SHOW_GOAL_COURSE_COMMAND, (index: unknown) => this.showCourse(index)),
    ];
  }

  /** Opens (or reveals) the panel beside the editor on the course of `uri` (a transcript), or the course named `course`, or the active transcript's. */
  async show(target: { uri?: vscode.Uri; course?: string } = {}): Promise<void> {
    const active = vscode.window.activeTextEditor;
    const uri = target.uri ?? (active && isSession(active.document) ? active.document.uri : undefined);
    this.followed = target.course === undefined ? uri?.toString() : undefined;
    if (target.course !== undefined) this.wanted = target.course;
    if (uri && active?.document.uri.toString() === uri.toString()) void this.workspace.store.analyse(active.document).catch(() => undefined);
    if (!this.panel) {
      // No scripts and no local resources: the page is a static table under a strict CSP.
      this.panel = vscode.window.createWebviewPanel(
        'sessionMarkdown.goalProgress',
        'Goal Progress',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: false, enableCommandUris: [OPEN_GOAL_CELL_COMMAND, SHOW_GOAL_COURSE_COMMAND], localResourceRoots: [] },
      );
      this.panel.onDidDispose(() => {
        this.panel = undefined;
        this.shown = undefined;
        this.wanted = undefined;
        this.followed = undefined;
      });
    } else this.panel.reveal(undefined, true);
    this.render();
    // The first time: once the workspace's transcripts are all analysed.
    await this.workspace.listed();
    this.render();
  }

  /** The HTML currently shown, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  /** The course the panel shows, for tests. */
  get shownCourse(): GoalCourse | undefined {
    return this.panel ? this.shown : undefined;
  }

  /** The webview's options (which commands its links may run), for tests. */
  get webviewOptions(): vscode.WebviewOptions | undefined {
    return this.panel?.webview.options;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.panel?.dispose();
  }

  private schedule(): void {
    if (!this.panel) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.render(), RENDER_DELAY_MS);
  }

  // A transcript that becomes active brings its course; other editors leave the panel as it is.
  private follow(editor: vscode.TextEditor | undefined): void {
    if (!this.panel || !editor || !isSession(editor.document)) return;
    this.followed = editor.document.uri.toString();
    this.workspace.store.request(editor.document);
    this.render();
  }

  private render(): void {
    if (!this.panel) return;
    this.courses = goalProgress(this.transcripts());
    const followed = this.followed === undefined ? undefined : this.courses.find((c) => c.sessions.some((s) => s.file === this.followed));
    if (followed) {
      this.followed = undefined;
      this.wanted = followed.course;
    }
    const wanted = this.wanted;
    const course =
      followed ??
      this.courses.find((c) => c.course === wanted) ??
      this.courses.find((c) => wanted !== undefined && c.course.startsWith(`${wanted} (`)) ??
      this.courses[0];
    this.shown = course;
    this.panel.title = course ? `Goals: ${course.course}` : 'Goal Progress';
    const csp = this.panel.webview.cspSource;
    const html = course
      ? renderGoalProgressHtml(
          { course, courses: this.courses.map((c) => c.course), fileName: (file) => vscode.workspace.asRelativePath(vscode.Uri.parse(file)) },
          { openCellCommand: OPEN_GOAL_CELL_COMMAND, showCourseCommand: SHOW_GOAL_COURSE_COMMAND },
          csp,
        )
      : renderGoalProgressNotice('No session transcripts were found in this workspace.', csp);
    // Setting the HTML reloads the page and scrolls it to the top: only when there is news.
    if (this.panel.webview.html !== html) this.panel.webview.html = html;
  }

  // The analysed transcripts of the workspace, and the active one wherever it is.
  private transcripts(): { file: string; folder: string; session: Session }[] {
    const analyses = this.workspace.transcripts();
    const active = vscode.window.activeTextEditor?.document;
    const own = active && isSession(active) ? this.workspace.store.peek(active.uri) : undefined;
    if (own && !analyses.some((a) => a.uri.toString() === own.uri.toString())) analyses.push(own);
    return analyses.flatMap((a) =>
      a.linted ? [{ file: a.uri.toString(), folder: vscode.workspace.asRelativePath(vscode.Uri.joinPath(a.uri, '..')), session: a.linted.session }] : [],
    );
  }

  private showCourse(name: unknown): void {
    // The argument comes from a link: anything but the name of a listed course is ignored.
    const course = this.courses.find((c) => c.course === name);
    if (!this.panel || !course) return;
    this.wanted = course.course;
    this.followed = undefined;
    this.render();
  }

  /** Opens the session (a file of the shown course) at the goal's first reference there, or at its declaration. */
  private async openCell(goal: unknown, file: unknown): Promise<void> {
    const course = this.shown;
    // The arguments come from a link: anything but a goal and a session of the shown course is ignored.
    const id = course?.goals.find((g) => g.id === goal)?.id;
    const session = course?.sessions.find((s) => s.file === file);
    if (!this.panel || id === undefined || !session) return;
    const uri = vscode.Uri.parse(session.file);
    // Read again, so that the place is where the goal is now, even just after an edit.
    const analysis = await this.workspace.store.analyseUri(uri);
    const range = analysis.linted ? goalPlace(analysis.linted.session, id) : undefined;
    // The panel may have been closed while the session was read.
    if (!range || !this.panel) return;
    const target = toVsRange(range);
    const editor = await showFromPanel(this.panel, uri);
    // The reference selected, with the cursor at its start (where the status bar's position points).
    editor.selection = new vscode.Selection(target.end, target.start);
    editor.revealRange(target, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** Registers Show Goal Progress (from the palette, the All Sessions title bar and a client's context menu); returns the view. */
export function registerGoalProgress(context: vscode.ExtensionContext, workspace: SessionWorkspace): GoalProgressView {
  const view = new GoalProgressView(workspace);
  context.subscriptions.push(
    view,
    vscode.commands.registerCommand(SHOW_GOAL_PROGRESS_COMMAND, (node?: unknown) => {
      // From the All Sessions tree: a client (or course) node, or a session node.
      if (isNode(node) && node.kind === 'group' && typeof node.group === 'string') return view.show({ course: node.group });
      if (isNode(node) && node.kind === 'session' && node.analysis?.uri instanceof vscode.Uri) return view.show({ uri: node.analysis.uri });
      return view.show(node instanceof vscode.Uri ? { uri: node } : {});
    }),
  );
  return view;
}

// The goal's first `{#id}` reference in the session, else its declaration in the front matter.
function goalPlace(session: Session, id: string): Range | undefined {
  const cell = goalProgress([{ file: '', session }])[0]?.goals.find((g) => g.id === id)?.cells[0];
  return cell?.firstReference ?? cell?.declaration;
}

function isNode(value: unknown): value is { kind?: unknown; group?: unknown; analysis?: { uri?: unknown } } {
  return typeof value === 'object' && value !== null && 'kind' in value;
}
