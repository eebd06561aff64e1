import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, openSession, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

describe('Show Session Statistics', () => {
  it('opens charts of the active session beside it, and follows its edits', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const { statistics } = await api();
    await vscode.commands.executeCommand('sessionMarkdown.showStatistics');
    const html = await waitFor('the statistics page', () => statistics.html);
    for (const heading of ['Time per phase', 'Speaker share', 'Codes over the session', 'MITI summary scores']) assert.match(html, new RegExp(`<h2>${heading}</h2>`));
    assert.match(html, /<h1>C-017 · Session 4 · 2026-02-03<\/h1>/);
    assert.match(html, />Beginning<\/text>/);
    assert.match(html, /R:Q/);
    assert.doesNotMatch(html, /<script/);
    const before = (html.match(/<circle /g) ?? []).length;
    const line = editor.document.getText().split('\n').indexOf('## Termination') + 2;
    await editor.edit((e) => e.insert(new vscode.Position(line, 0), 'T: One more reflection on the week. {reflection.complex}\n'));
    await waitFor('one more code in the chart', () => (statistics.html?.match(/<circle /g) ?? []).length === before + 1);
  });
});

describe('Compare Coders…', () => {
  it("reports agreement between two coders' copies of a transcript", async () => {
    const original = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(workspaceRoot(), 'C-017/04-sleep-window.session.md'));
    const text = new TextDecoder().decode(original);
    const a = await writeWorkspaceFile('coders/a.session.md', text);
    // Coder B hears the first open question as a closed one.
    const b = await writeWorkspaceFile('coders/b.session.md', text.replace('{open-question}', '{closed-question}'));
    await vscode.commands.executeCommand('sessionMarkdown.compareCoders', a, [a, b]);
    const report = await waitFor('the agreement report', () => {
      const doc = vscode.window.activeTextEditor?.document;
      return doc?.getText().startsWith('# Agreement between coders') ? doc.getText() : undefined;
    });
    assert.match(report, /^1\. coders\/a\.session\.md$/m);
    assert.match(report, /^\| Therapist technique \| \d+ \| 0\.9\d\d \| 0\.9\d\d \| 0\.9\d\d \| 0\.9\d\d \|$/m);
    assert.match(report, /^\| Client talk \| \d+ \| 1\.000 \| 1\.000 \| 1\.000 \| 1\.000 \|$/m);
    assert.match(report, /^\| `open-question` \| \d+ \| 0\.9\d\d \|/m);
  });

  after(async () => {
    // Leave the workspace as the other suites expect it: one course, three sessions.
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(workspaceRoot(), 'coders'), { recursive: true });
  });
});
