import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { DiagnosticsPublisher } from '../../../src/extension/diagnostics';
import { EXCLUDE_GLOB, SESSION_GLOB } from '../../../src/extension/globs';
import { createVscodeHost } from '../../../src/extension/host';
import { readSettings } from '../../../src/extension/settings';
import { SessionWorkspace } from '../../../src/extension/workspace';
import { api, openSession, workspaceRoot } from './support';

// Activation parses nothing itself; the open transcripts are analysed first, and the rest of the
// workspace only afterwards, in the background. (This file sorts first, so no suite opened editors before.)
describe('activation', () => {
  it('parses nothing in activate and scans the workspace only after the open transcripts', async () => {
    const extension = await api();
    assert.equal(extension.parsesDuringActivation, 0);
    await extension.startup.ready;
    const open = new Set(extension.startup.open);
    for (const uri of extension.startup.analysedBeforeScan ?? [])
      assert.ok(open.has(uri), `${uri} was analysed before the workspace scan, though it was not open`);
    const files = await vscode.workspace.findFiles(SESSION_GLOB, EXCLUDE_GLOB);
    assert.equal(await extension.startup.workspaceScan, files.length);
    for (const uri of files) assert.ok(extension.store.peek(uri), `${vscode.workspace.asRelativePath(uri)} was not scanned`);
  });

  it('with one transcript open, analyses only that one until the deferred scan, which then covers the workspace', async () => {
    const editor = await openSession('C-017/04-sleep-window.session.md');
    const openSessions = vscode.workspace.textDocuments.filter((d) => d.languageId === 'session-markdown').map((d) => d.uri.toString());
    assert.deepEqual(openSessions, [editor.document.uri.toString()]);
    // A fresh workspace, store and publisher, wired as activate() wires them.
    const extensionUri = vscode.extensions.getExtension('session-markdown.session-markdown')!.extensionUri;
    const workspace = new SessionWorkspace(createVscodeHost(extensionUri, () => readSettings().maxFileSize));
    const { store } = workspace;
    const diagnostics = new DiagnosticsPublisher(workspace, extensionUri);
    try {
      const startup = workspace.startup();
      assert.deepEqual(store.all(), [], 'nothing is parsed before activation returns');
      assert.deepEqual(startup.open, openSessions);
      await store.analyse(editor.document);
      assert.deepEqual(
        store.all().map((a) => a.uri.toString()),
        openSessions,
        'right after the open transcript, nothing else is analysed',
      );
      await startup.ready;
      assert.deepEqual(startup.analysedBeforeScan, openSessions);
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(workspaceRoot(), SESSION_GLOB), EXCLUDE_GLOB);
      assert.ok(files.length >= 3, `${files.length} transcripts in the workspace`);
      assert.equal(await startup.workspaceScan, files.length);
      assert.deepEqual(
        store
          .all()
          .map((a) => a.uri.toString())
          .sort(),
        files.map((f) => f.toString()).sort(),
      );
    } finally {
      diagnostics.dispose();
      workspace.dispose();
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    }
  });
});
