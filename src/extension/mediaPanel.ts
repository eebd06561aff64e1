import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { PLAYABLE_FORMATS, turnAt, turnPlayingAt, unplayableReason, type Session, type SessionMedia, type Turn } from '../core';
import { isSession } from './documents';
import { renderMediaHtml } from './mediaPage';
import { toVsRange } from './positions';
import type { SessionStore } from './sessionStore';

const VIDEO = /\.(?:mp4|webm|ogv|mov|m4v)$/i;

/**
 * The media panel: plays the recording a transcript names in `media:` beside it. Timestamps seek
 * it, the turn being spoken is highlighted (and revealed in follow mode), and Insert Timestamp
 * writes the playback time into the turn at the cursor. The page may load only the recording's
 * folder and run only its own script; the recording is never copied, uploaded or written.
 */
export class MediaPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private document: vscode.Uri | undefined;
  private mediaPath: string | undefined;
  /** The playback time the page last reported, in seconds. */
  time = 0;
  private follow = true;
  /** The last one-line message the panel gave instead of playing, for tests. */
  lastMessage: string | undefined;
  private highlighted: Turn | undefined;
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.rangeHighlightBackground'),
    isWholeLine: true,
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.rangeHighlightForeground'),
  });

  constructor(private readonly store: SessionStore) {}

  /** Opens (or reuses) the panel for the transcript's recording; says in one line why when it cannot play. */
  async open(document: vscode.TextDocument): Promise<boolean> {
    const analysis = this.store.request(document) ?? (await this.store.analyse(document));
    const media = analysis.linted?.media;
    const problem = mediaProblem(media);
    if (problem) return this.say(problem);
    const location = media!.location as Extract<SessionMedia['location'], { status: 'found' }>;
    const aac = unplayableReason(location.path, location.header);
    if (aac) return this.say(aac);
    if (this.panel && this.mediaPath === location.path && this.document?.toString() === document.uri.toString()) {
      this.panel.reveal(vscode.ViewColumn.Beside, true);
      return true;
    }
    this.panel?.dispose();
    const folder = vscode.Uri.joinPath(vscode.Uri.file(location.path), '..');
    const panel = vscode.window.createWebviewPanel(
      'sessionMarkdown.media',
      `Recording: ${document.uri.path.split('/').pop()}`,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [folder] },
    );
    this.panel = panel;
    this.document = document.uri;
    this.mediaPath = location.path;
    this.time = 0;
    panel.webview.html = renderMediaHtml({
      src: panel.webview.asWebviewUri(vscode.Uri.file(location.path)).toString(),
      video: VIDEO.test(location.path),
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(16).toString('base64'),
      follow: this.follow,
    });
    panel.webview.onDidReceiveMessage((message: unknown) => this.receive(message));
    panel.onDidDispose(() => {
      if (this.panel !== panel) return;
      this.panel = undefined;
      this.clearHighlight();
      void vscode.commands.executeCommand('setContext', 'sessionMarkdown.mediaOpen', false);
    });
    void vscode.commands.executeCommand('setContext', 'sessionMarkdown.mediaOpen', true);
    return true;
  }

  /** Plays the transcript's recording from `seconds`, opening the panel first when needed. */
  async playFrom(document: vscode.TextDocument, seconds: number): Promise<void> {
    if (!(await this.open(document))) return;
    this.post({ type: 'seek', seconds, play: true });
  }

  /** Play or pause, back 3 s, or a step of speed: the keys of the editor, sent to the page. */
  control(message: { type: 'toggle' } | { type: 'back'; seconds: number } | { type: 'speed'; delta: number }): void {
    if (!this.panel) {
      void vscode.window.showInformationMessage('No recording is open: run "Open Recording" on a transcript whose front matter names one in media:.');
      return;
    }
    this.post(message);
  }

  /** Turns follow mode (highlight and reveal the turn being spoken) on or off. */
  setFollow(on: boolean): void {
    this.follow = on;
    this.post({ type: 'follow', on });
    if (!on) this.clearHighlight();
  }

  get following(): boolean {
    return this.follow;
  }

  /** Writes the playback time as `[hh:mm:ss]` into the turn at the cursor (replacing its timestamp), or at the cursor outside a turn. */
  async insertTimestamp(editor: vscode.TextEditor): Promise<void> {
    if (!this.panel) return this.control({ type: 'toggle' });
    const stamp = `[${clock(this.time)}]`;
    const analysis = this.store.request(editor.document) ?? (await this.store.analyse(editor.document));
    const session = analysis.linted?.session;
    const turn = session && turnAt(session, editor.document.offsetAt(editor.selection.active));
    await editor.edit((edit) => {
      if (turn?.timestamp) edit.replace(toVsRange(turn.timestamp.range), stamp);
      else if (turn) edit.insert(toVsRange(turn.range).start, `${stamp} `);
      else edit.insert(editor.selection.active, `${stamp} `);
    });
  }

  /** The turn the panel highlights, for tests. */
  get highlightedTurn(): Turn | undefined {
    return this.highlighted;
  }

  /** The webview's options (its one resource folder), for tests. */
  get webviewOptions(): vscode.WebviewOptions | undefined {
    return this.panel?.webview.options;
  }

  /** The page's HTML, for tests. */
  get html(): string | undefined {
    return this.panel?.webview.html;
  }

  dispose(): void {
    this.panel?.dispose();
    this.decoration.dispose();
  }

  // Never silent: each reason the recording does not play is one line the user sees.
  private say(message: string): false {
    this.lastMessage = message;
    void vscode.window.showErrorMessage(message);
    return false;
  }

  private post(message: object): void {
    void this.panel?.webview.postMessage(message);
  }

  private receive(message: unknown): void {
    const m = message as { type?: string; seconds?: unknown; on?: unknown; code?: unknown };
    if (m.type === 'time' && typeof m.seconds === 'number' && Number.isFinite(m.seconds)) {
      this.time = m.seconds;
      this.highlightAt(m.seconds);
    } else if (m.type === 'follow') {
      this.follow = m.on === true;
      if (!this.follow) this.clearHighlight();
    } else if (m.type === 'error') {
      // The element's own error, such as a codec the webview lacks: said in one line, never silent.
      const aac = this.mediaPath && unplayableReason(this.mediaPath, undefined);
      const code = typeof m.code === 'number' ? m.code : 0;
      this.say(aac || `The recording cannot be played here (media error ${code}); use a format VS Code plays: ${PLAYABLE_FORMATS}.`);
    }
  }

  private highlightAt(seconds: number): void {
    if (!this.follow || !this.document) return;
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document.uri.toString() === this.document!.toString());
    const session = editors.length > 0 ? this.sessionOf(editors[0]!.document) : undefined;
    if (!session) return;
    const turn = turnPlayingAt(session, seconds);
    if (turn?.range.start.offset === this.highlighted?.range.start.offset && turn?.index === this.highlighted?.index) return;
    this.highlighted = turn;
    for (const editor of editors) {
      editor.setDecorations(this.decoration, turn ? [toVsRange(turn.range)] : []);
      if (turn) editor.revealRange(toVsRange(turn.range), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
  }

  private clearHighlight(): void {
    this.highlighted = undefined;
    for (const editor of vscode.window.visibleTextEditors) editor.setDecorations(this.decoration, []);
  }

  private sessionOf(document: vscode.TextDocument): Session | undefined {
    return isSession(document) ? this.store.request(document)?.linted?.session : undefined;
  }
}

/** Why a transcript's recording cannot be opened, in one line, or undefined when it can. */
function mediaProblem(media: SessionMedia | undefined): string | undefined {
  if (!media) return 'This transcript names no recording: add media: with a path relative to it (such as recordings/session-3.wav) to its front matter.';
  const location = media.location;
  if (location.status === 'missing') return 'The recording named in media: does not exist (see the media-missing problem).';
  if (location.status === 'refused') return `The recording cannot be opened: the media path ${location.reason}.`;
  return undefined;
}

function clock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}`;
}
