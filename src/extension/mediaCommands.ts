import * as vscode from 'vscode';
import { turnAt, type Session } from '../core';
import { isSession } from './documents';
import { MediaPanel } from './mediaPanel';
import { toVsRange } from './positions';
import type { SessionStore } from './sessionStore';

/** The command a timestamp link runs: `[uri, seconds]`. */
export const PLAY_FROM_COMMAND = 'sessionMarkdown.playFrom';

/**
 * Registers the media panel's commands (Open Recording, Play from Here, the player keys, Insert
 * Timestamp, follow mode) and the timestamp links that seek it: Ctrl+click on `[00:00:12]`.
 */
export function registerMedia(context: vscode.ExtensionContext, store: SessionStore): MediaPanel {
  const panel = new MediaPanel(store);
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  context.subscriptions.push(
    panel,
    command('sessionMarkdown.openMedia', () => withSession((editor) => panel.open(editor.document))),
    command('sessionMarkdown.playFromHere', () => withSession((editor) => playFromCursor(store, panel, editor))),
    command(PLAY_FROM_COMMAND, async (uri: string, seconds: number) => {
      if (typeof uri !== 'string' || typeof seconds !== 'number') return;
      await panel.playFrom(await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)), seconds);
    }),
    command('sessionMarkdown.media.togglePlay', () => panel.control({ type: 'toggle' })),
    command('sessionMarkdown.media.back', () => panel.control({ type: 'back', seconds: 3 })),
    command('sessionMarkdown.media.slower', () => panel.control({ type: 'speed', delta: -1 })),
    command('sessionMarkdown.media.faster', () => panel.control({ type: 'speed', delta: 1 })),
    command('sessionMarkdown.media.toggleFollow', () => {
      panel.setFollow(!panel.following);
      void vscode.window.setStatusBarMessage(`Follow playback: ${panel.following ? 'on' : 'off'}`, 3000);
    }),
    command('sessionMarkdown.insertTimestamp', () => withSession((editor) => panel.insertTimestamp(editor))),
    vscode.languages.registerDocumentLinkProvider({ language: 'session-markdown' }, new TimestampLinks(store)),
  );
  return panel;
}

function withSession(run: (editor: vscode.TextEditor) => unknown): unknown {
  const editor = vscode.window.activeTextEditor;
  if (editor && isSession(editor.document)) return run(editor);
  void vscode.window.showInformationMessage('Open a session transcript (*.session.md) first.');
  return undefined;
}

// The turn at the cursor, else the last turn before it with a timestamp, gives the time to play from.
async function playFromCursor(store: SessionStore, panel: MediaPanel, editor: vscode.TextEditor): Promise<void> {
  const session = (store.request(editor.document) ?? (await store.analyse(editor.document))).linted?.session;
  const seconds = session && secondsAt(session, editor.document.offsetAt(editor.selection.active));
  if (seconds === undefined) {
    void vscode.window.showInformationMessage('No timestamp at or before the cursor: Play from Here starts at the timestamp of the turn at the cursor.');
    return;
  }
  await panel.playFrom(editor.document, seconds);
}

function secondsAt(session: Session, offset: number): number | undefined {
  const here = turnAt(session, offset);
  let seconds: number | undefined;
  for (const turn of session.turns) {
    if (turn.range.start.offset > offset && turn !== here) break;
    if (turn.timestamp?.seconds !== undefined) seconds = turn.timestamp.seconds;
  }
  return seconds;
}

/** Each valid timestamp of a transcript that names a recording becomes a link that plays it from there. */
class TimestampLinks implements vscode.DocumentLinkProvider {
  constructor(private readonly store: SessionStore) {}

  async provideDocumentLinks(document: vscode.TextDocument): Promise<vscode.DocumentLink[]> {
    const session = (this.store.request(document) ?? (await this.store.analyse(document))).linted?.session;
    if (!session?.frontMatter?.media) return [];
    return session.turns.flatMap((turn) => {
      const ts = turn.timestamp;
      if (ts?.seconds === undefined) return [];
      const args = encodeURIComponent(JSON.stringify([document.uri.toString(), ts.seconds]));
      const link = new vscode.DocumentLink(toVsRange(ts.range), vscode.Uri.parse(`command:${PLAY_FROM_COMMAND}?${args}`));
      link.tooltip = 'Play the recording from here';
      return [link];
    });
  }
}
