import { strict as assert } from 'node:assert';
import { readFileSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import { api, openSession, ruleCodes, waitFor, writeWorkspaceFile } from './support';

// Confidentiality and edit safety in a real VS Code: connections are watched, a file too large to
// analyse live is skipped and the status bar says so, and the extension writes nothing to disk by
// itself: a fix is applied on save only when the user turns on editor.codeActionsOnSave.

const UNDECLARED_GOAL = `---
session: 3
date: 2026-04-01
client: C-098
goals:
  - id: sleep
    text: Sleep better
    status: open
---

## Beginning

T: How was the week? {open-question} {#sleep}
C: Some nights were better. {change-talk} {#mood}

## Middle

T: Let's look at the diary. {summary}

## Termination

T: We will review sleep next time. {summary} {#sleep}
`;

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('trust and edit safety', () => {
  it('runs with every way to open a network connection watched (test/support/no-network.cjs)', function () {
    // The offline code-server run installs the watch before the suites start; run.mjs then checks its log.
    if (!process.env['SESSIONMD_NETWORK_HOOK']) this.skip();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const net = require('node:net') as typeof import('node:net');
    assert.match(net.connect.toString(), /network access refused/, 'the extension host should run with the watch preloaded');
    assert.match(String(globalThis.fetch), /network access refused/);
  });

  it('skips live analysis of a file above sessionMarkdown.maxFileSize and says so in the status bar', async () => {
    const config = vscode.workspace.getConfiguration('sessionMarkdown');
    await config.update('maxFileSize', 2000, vscode.ConfigurationTarget.Global);
    try {
      const big = UNDECLARED_GOAL + '\nT: More words about the week. {summary}\n'.repeat(60);
      await writeWorkspaceFile('scratch/too-large.session.md', big);
      const editor = await openSession('scratch/too-large.session.md');
      const { store, statusBar } = await api();
      const analysis = await waitFor('the analysis', () => store.peek(editor.document.uri));
      assert.match(analysis.skipped ?? '', /KB is above sessionMarkdown\.maxFileSize/);
      await waitFor('the status bar message', () => /live analysis off/.test(statusBar.text));
      assert.deepEqual(ruleCodes(editor.document.uri), [], 'a skipped file gets no diagnostics');
    } finally {
      await config.update('maxFileSize', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('writes nothing by itself, and fixes on save only when editor.codeActionsOnSave asks for it', async () => {
    const uri = await writeWorkspaceFile('scratch/save.session.md', UNDECLARED_GOAL);
    const before = statSync(uri.fsPath).mtimeMs;
    const editor = await openSession('scratch/save.session.md');
    await waitFor('goal-undeclared', () => ruleCodes(uri).includes('goal-undeclared'));
    await pause(500);
    assert.equal(statSync(uri.fsPath).mtimeMs, before, 'analysing a file must not write it');
    assert.equal(readFileSync(uri.fsPath, 'utf8'), UNDECLARED_GOAL);

    // Saving without the opt-in writes exactly what is in the editor: the fixable problem stays.
    await editor.edit((edit) => edit.insert(new vscode.Position(18, 0), 'T: One more thing. {summary}\n'));
    assert.ok(await editor.document.save());
    assert.doesNotMatch(readFileSync(uri.fsPath, 'utf8'), /- id: mood/);
    assert.equal(readFileSync(uri.fsPath, 'utf8'), editor.document.getText());

    // With fix on save turned on for transcripts, the safe fix (declaring the goal) lands on save.
    const languageSettings = vscode.workspace.getConfiguration('', { languageId: editor.document.languageId });
    await languageSettings.update('editor.codeActionsOnSave', { 'source.fixAll.sessionMarkdown': 'explicit' }, vscode.ConfigurationTarget.Global, true);
    try {
      await editor.edit((edit) => edit.insert(new vscode.Position(18, 0), 'C: Fine. {neutral}\n'));
      assert.ok(await editor.document.save());
      await waitFor('the goal declared on disk', () => /- id: mood/.test(readFileSync(uri.fsPath, 'utf8')));
      assert.match(readFileSync(uri.fsPath, 'utf8'), /C: Fine\. \{neutral\}\nT: One more thing\. \{summary\}/, 'the user’s own edits are kept');
    } finally {
      await languageSettings.update('editor.codeActionsOnSave', undefined, vscode.ConfigurationTarget.Global, true);
    }
  });

  it('checks open transcripts again when the pii name list appears or changes, without a reload', async () => {
    await writeWorkspaceFile('pii-watch/.sessionmdrc.yaml', 'pii:\n  names: ../private/names.txt\n');
    const uri = await writeWorkspaceFile(
      'pii-watch/mentions.session.md',
      UNDECLARED_GOAL.replace('{#mood}', '{#sleep}').replace('Some nights were better.', 'Zoë says some nights were better.'),
    );
    const editor = await openSession('pii-watch/mentions.session.md');
    await waitFor('the missing name list reported', () => ruleCodes(uri).includes('file-invalid'));
    await writeWorkspaceFile('private/names.txt', '# nobody yet\n');
    await waitFor('no problems once the list exists', () => ruleCodes(uri).length === 0);
    await writeWorkspaceFile('private/names.txt', 'Zoë\n');
    await waitFor('pii-name after the name was listed', () => ruleCodes(uri).includes('pii-name'));
    const diagnostic = vscode.languages.getDiagnostics(uri).find((d) => d.code === 'pii-name')!;
    assert.equal(editor.document.getText(diagnostic.range), 'Zoë');
    assert.doesNotMatch(diagnostic.message, /Zoë/, 'messages never quote the name');
  });
});
