import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { AllSessionsTree } from '../../../src/extension/trees/allSessionsTree';
import { createNodeHost } from '../../../src/cli/nodeHost';
import { api, deleteWorkspaceFolder, openSession, ruleCodes, sessionUrisInTree, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// The workspace has one owner in the extension: it lists and watches the files, and every feature
// (Problems, All Sessions) follows what it sees, whether or not closed files are linted.

const transcript = (session: number, code = 'open-question'): string => `---
session: ${session}
date: 2026-05-0${session}
client: C-401
---

## Beginning

T: How was the week? {${code}}

## Middle

T: Let's look at the diary. {summary}

## Termination

T: See you next week. {summary}
`;

/** Writes a folder of transcripts beside the workspace (in the test run's temporary folder), then moves it in at once. */
function moveFolderIn(name: string, files: Record<string, string>): void {
  const outside = mkdtempSync(join(workspaceRoot().fsPath, '..', 'outside-'));
  mkdirSync(join(outside, name));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(outside, name, file), text);
  renameSync(join(outside, name), join(workspaceRoot().fsPath, name));
  rmSync(outside, { recursive: true });
}

/** The labels All Sessions shows for a client, as it last showed them. */
async function sessionLabels(tree: AllSessionsTree, client: string): Promise<string[]> {
  const group = ((await tree.getChildren()) ?? []).find((node) => node.kind === 'group' && node.group === client);
  return group?.kind === 'group' ? group.children.map((node) => String(tree.getTreeItem(node).label)) : [];
}

async function withSetting<T>(key: string, value: unknown, run: () => Promise<T>): Promise<T> {
  const config = vscode.workspace.getConfiguration('sessionMarkdown');
  await config.update(key, value, vscode.ConfigurationTarget.Global);
  try {
    return await run();
  } finally {
    await config.update(key, undefined, vscode.ConfigurationTarget.Global);
  }
}

describe('the workspace, watched by one owner', () => {
  afterEach(async () => {
    for (const folder of ['moved-in', 'moved-in-unlinted', 'watched'])
      if (existsSync(join(workspaceRoot().fsPath, folder))) await deleteWorkspaceFolder(folder);
  });

  it('analyses the transcripts of a folder moved in at once, and forgets them when it is moved out', async () => {
    const { allSessionsTree, store } = await api();
    moveFolderIn('moved-in', { 'a.session.md': transcript(1, 'neutrl'), 'b.session.md': transcript(2) });
    const [a, b] = ['a', 'b'].map((name) => vscode.Uri.joinPath(workspaceRoot(), 'moved-in', `${name}.session.md`)) as [vscode.Uri, vscode.Uri];
    await waitFor('the problems of the moved-in transcript', () => ruleCodes(a).includes('code-unknown'));
    await waitFor('both transcripts in All Sessions', async () => (await sessionLabels(allSessionsTree, 'C-401')).length === 2);
    assert.deepEqual(await sessionLabels(allSessionsTree, 'C-401'), ['Session 1 · 2026-05-01', 'Session 2 · 2026-05-02']);

    const away = mkdtempSync(join(workspaceRoot().fsPath, '..', 'away-'));
    renameSync(join(workspaceRoot().fsPath, 'moved-in'), join(away, 'moved-in'));
    await waitFor(
      'the moved-out transcripts to be forgotten',
      async () => !store.peek(a) && !store.peek(b) && ruleCodes(a).length === 0 && (await sessionLabels(allSessionsTree, 'C-401')).length === 0,
    );
    rmSync(away, { recursive: true });
  });

  it('counts a technique library in a folder moved in at once, and forgets it when the folder is moved out', async () => {
    const user = await writeWorkspaceFile('watched/uses-library.session.md', transcript(1, 'moved-in-technique'));
    await waitFor('code-unknown before the library is there', () => ruleCodes(user).includes('code-unknown'));
    const library = 'name: Moved-in library\nversion: 0.1.0\ncodes:\n  - id: moved-in-technique\n    label: Moved-in technique\n    role: therapist\n';
    moveFolderIn('moved-in', { 'group.codebook.yaml': library });
    await waitFor('the moved-in library to define its code', () => !ruleCodes(user).includes('code-unknown'));

    const away = mkdtempSync(join(workspaceRoot().fsPath, '..', 'away-'));
    renameSync(join(workspaceRoot().fsPath, 'moved-in'), join(away, 'moved-in'));
    await waitFor('code-unknown again once the library moved out', () => ruleCodes(user).includes('code-unknown'));
    rmSync(away, { recursive: true });
  });

  it('lists the transcripts of a folder moved in also when closed files are not linted', async () => {
    await withSetting('lint.workspace', false, async () => {
      const { allSessionsTree } = await api();
      await waitFor('All Sessions to list the examples', async () => (await sessionLabels(allSessionsTree, 'C-017')).length > 0);
      moveFolderIn('moved-in-unlinted', { 'c.session.md': transcript(3) });
      await waitFor(
        'the moved-in transcript in All Sessions',
        async () => (await sessionLabels(allSessionsTree, 'C-401')).includes('Session 3 · 2026-05-03'),
        20000,
      ).catch(async () => assert.fail(`All Sessions lists ${JSON.stringify(await sessionUrisInTree(allSessionsTree))}`));
    });
  });

  it('shows a closed transcript changed on disk as it is now, also when closed files are not linted', async () => {
    await withSetting('lint.workspace', false, async () => {
      const { allSessionsTree } = await api();
      const uri = await writeWorkspaceFile('watched/d.session.md', transcript(4));
      await waitFor('the new transcript in All Sessions', async () => (await sessionLabels(allSessionsTree, 'C-401')).includes('Session 4 · 2026-05-04'));
      writeFileSync(uri.fsPath, transcript(5));
      await waitFor('the changed transcript in All Sessions', async () => (await sessionLabels(allSessionsTree, 'C-401')).includes('Session 5 · 2026-05-05'));
      assert.deepEqual(await sessionLabels(allSessionsTree, 'C-401'), ['Session 5 · 2026-05-05']);
    });
  });

  it('publishes on save the problems of a version another feature had analysed already (lint.run onSave)', async () => {
    await withSetting('lint.run', 'onSave', async () => {
      await writeWorkspaceFile('watched/e.session.md', transcript(6));
      const editor = await openSession('watched/e.session.md');
      const { store } = await api();
      const uri = editor.document.uri;
      await waitFor(
        'the opened transcript analysed, without problems',
        () => store.peek(uri)?.version === editor.document.version && ruleCodes(uri).length === 0,
      );
      await editor.edit((edit) => edit.insert(new vscode.Position(8, 0), 'C: Some nights. {neutrl}\n'));
      // The Outline analyses the edited version; typing publishes nothing in onSave mode.
      await vscode.commands.executeCommand('vscode.executeDocumentSymbolProvider', uri);
      await waitFor('the edited version analysed', () => store.peek(uri)?.version === editor.document.version);
      assert.deepEqual(ruleCodes(uri), [], 'nothing is published before the save');
      await editor.document.save();
      await waitFor('the problem of the edited version after the save', () => ruleCodes(uri).includes('code-unknown'));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });
  });
});

describe('the core host of the editor', () => {
  it('lists transcripts and libraries under folders as session-md does: files named pass through, folders are searched without node_modules, what names nothing is missing', async () => {
    const base = join(workspaceRoot().fsPath, 'host-listing');
    for (const file of ['a.session.md', 'sub/b.session.md', 'notes.txt', 'node_modules/dep/x.session.md', 'sub/techniques.codebook.yaml']) {
      mkdirSync(join(base, file, '..'), { recursive: true });
      writeFileSync(join(base, file), file.endsWith('.yaml') ? 'name: t\ncodes: []\n' : '');
    }
    try {
      const args = ['host-listing', 'host-listing/notes.txt', 'host-listing/nothing-here'];
      const cwd = workspaceRoot().fsPath;
      const { workspace } = await api();
      const editor = await workspace.host.listFiles(args, cwd);
      const cli = await createNodeHost().listFiles(args, cwd);
      assert.deepEqual(
        editor.files,
        ['a.session.md', 'notes.txt', 'sub/b.session.md'].map((f) => join(base, f)),
      );
      assert.deepEqual(editor, cli);
      assert.deepEqual(await workspace.host.findLibraries(args, cwd), await createNodeHost().findLibraries(args, cwd));
      assert.deepEqual(await workspace.host.findLibraries(args, cwd), [join(base, 'sub/techniques.codebook.yaml')]);
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});
