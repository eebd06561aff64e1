import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, ruleCodes, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// The media panel from the extension's side: its page, Insert Timestamp, the one-line message for
// AAC, and the media rules in the Problems panel. The Playwright suite (../mediaPanel.mjs) plays,
// seeks and follows in the browser.

/** A mono 8-bit WAV of `seconds` of silence at 1 kHz: enough for a header with a length. */
function silentWav(seconds: number): Uint8Array {
  const rate = 1000;
  const bytes = new Uint8Array(44 + rate * seconds).fill(128);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string): void => [...text].forEach((c, i) => view.setUint8(at + i, c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + rate * seconds, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  ascii(36, 'data');
  view.setUint32(40, rate * seconds, true);
  return bytes;
}

const session = (media: string): string =>
  [
    '---',
    'session: 1',
    `media: ${media}`,
    '---',
    '',
    '## Beginning',
    '',
    '[00:00:02] T: How are you? {question}',
    'C: Tired.',
    '[00:00:50] T: Tell me more.',
    '',
  ].join('\n');

async function open(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relativePath));
  return vscode.window.showTextDocument(document, vscode.ViewColumn.One);
}

describe('the media panel', () => {
  before(async () => {
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), 'media-suite', 'rec', 'forty.wav'), silentWav(40));
    await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(workspaceRoot(), 'media-suite', 'phone.m4a'), new Uint8Array(64));
    await writeWorkspaceFile('media-suite/played.session.md', session('rec/forty.wav'));
    await writeWorkspaceFile('media-suite/aac.session.md', session('phone.m4a'));
    await writeWorkspaceFile('media-suite/gone.session.md', session('rec/gone.wav'));
  });

  it('reports a missing recording and a timestamp after the end of one in the Problems panel', async () => {
    const gone = await open('media-suite/gone.session.md');
    await waitFor('media-missing', () => ruleCodes(gone.document.uri).includes('media-missing'));
    const played = await open('media-suite/played.session.md');
    await waitFor('timestamp-beyond-media', () => ruleCodes(played.document.uri).includes('timestamp-beyond-media'));
    const late = vscode.languages.getDiagnostics(played.document.uri).find((d) => d.code === 'timestamp-beyond-media')!;
    assert.equal(late.range.start.line, 9, 'on the [00:00:50] turn, after the 40-second recording');
    assert.equal(late.message, 'This timestamp is after the end of the recording, which lasts 00:00:40');
  });

  it('plays the recording from its own folder only, with a nonce script and no network', async () => {
    const editor = await open('media-suite/played.session.md');
    const { media } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.openMedia');
    const html = await waitFor('the media page', () => media.html);
    assert.match(html, /<audio id="player" controls preload="metadata" src="[^"]*forty\.wav"/);
    const csp = /Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-[^' ]+';/, 'the one script with its nonce, nothing else');
    assert.match(csp, /style-src 'nonce-[^' ]+';/);
    // Media only from the webview's resource origin; nothing may be fetched, framed or shown from elsewhere.
    assert.doesNotMatch(csp, /connect-src|img-src|frame-src|font-src|unsafe|http:/);
    const roots = media.webviewOptions?.localResourceRoots?.map((u) => u.path) ?? [];
    assert.deepEqual(roots, [vscode.Uri.joinPath(workspaceRoot(), 'media-suite', 'rec').path], "only the recording's folder");
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the transcript keeps the focus');
  });

  it('Insert Timestamp writes the playback time into the turn at the cursor, replacing its timestamp or adding one', async () => {
    const editor = await open('media-suite/played.session.md');
    const { media } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.openMedia');
    await waitFor('the media page', () => media.html);
    media.time = 75.4;
    editor.selection = new vscode.Selection(7, 20, 7, 20);
    await vscode.commands.executeCommand('sessionMarkdown.insertTimestamp');
    assert.equal(editor.document.lineAt(7).text, '[00:01:15] T: How are you? {question}');
    media.time = 3.9;
    editor.selection = new vscode.Selection(8, 4, 8, 4);
    await vscode.commands.executeCommand('sessionMarkdown.insertTimestamp');
    assert.equal(editor.document.lineAt(8).text, '[00:00:03] C: Tired.');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Play from Here seeks to the timestamp of the turn at the cursor, or of the last turn before it that has one', async () => {
    const editor = await open('media-suite/played.session.md');
    const { media } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.openMedia');
    await waitFor('the media page', () => media.html);
    media.time = -1;
    editor.selection = new vscode.Selection(8, 3, 8, 3); // `C: Tired.` has no timestamp: the turn before it starts at 00:00:02
    await vscode.commands.executeCommand('sessionMarkdown.playFromHere');
    // The time comes back from the page's player, in the browser.
    await waitFor('the player at 2 s', () => media.time >= 1.9 && media.time < 3, 20_000);
  });

  it('says in one line that AAC does not play, which formats do and how to convert, instead of failing silently', async () => {
    await open('media-suite/aac.session.md');
    const { media } = await api();
    media.lastMessage = undefined;
    await vscode.commands.executeCommand('sessionMarkdown.openMedia');
    const message = await waitFor('a message', () => media.lastMessage);
    assert.match(
      message,
      /^VS Code cannot play AAC audio \(phone\.m4a\); use mp3, wav, flac, ogg or webm .*ffmpeg -i "phone\.m4a" -c:a libmp3lame -q:a 2 "phone\.mp3"$/,
    );
    assert.ok(!message.includes('\n'));
  });
});
