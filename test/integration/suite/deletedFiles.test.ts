import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { api, deleteWorkspaceFolder, ruleCodes, sessionUrisInTree, waitFor, workspaceRoot, writeWorkspaceFile } from './support';

// A transcript that no longer exists (deleted from a shell, renamed, checked out away) leaves
// nothing behind: no problem in the Problems panel (nor in the status bar's count), no entry in
// All Sessions, no analysis in the store; not after its tab is closed, nor after Refresh or Lint Workspace.

const transcript = (client: string): string => `---
session: 2
date: 2026-04-01
client: ${client}
---

## Beginning

T: How was the week? {open-question}
C: Some nights. {neutrl}

## Middle

T: Let's look at the diary. {summary}

## Termination

T: See you next week. {summary}
`;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Opens a transcript as a user does (Explorer, quick open): VS Code closes its document soon after its last tab. */
async function openAsUser(uri: vscode.Uri): Promise<void> {
  await vscode.commands.executeCommand('vscode.open', uri, { preview: false });
  await waitFor(
    `${vscode.workspace.asRelativePath(uri)} in the active editor`,
    () => vscode.window.activeTextEditor?.document.uri.toString() === uri.toString(),
  );
}

const tabsOf = (uri: vscode.Uri): vscode.Tab[] =>
  vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString());

/**
 * Closes the tabs that show `uri`. A document opened as a user does is then closed too; one an
 * extension opened (`openTextDocument`) VS Code may keep open for minutes, without a tab.
 */
async function closeTabs(uri: vscode.Uri, openedBy: 'user' | 'extension' = 'user'): Promise<void> {
  assert.ok(tabsOf(uri).length > 0, `no tab shows ${vscode.workspace.asRelativePath(uri)}`);
  await vscode.window.tabGroups.close(tabsOf(uri));
  if (openedBy === 'user')
    await waitFor(
      `the document of ${vscode.workspace.asRelativePath(uri)} to be closed`,
      () => !vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()),
    );
}

async function analysed(uri: vscode.Uri, code = 'code-unknown'): Promise<void> {
  const { store, allSessionsTree } = await api();
  await waitFor(
    `${vscode.workspace.asRelativePath(uri)} to be analysed and listed`,
    async () => ruleCodes(uri).includes(code) && !!store.peek(uri)?.linted && (await sessionUrisInTree(allSessionsTree)).includes(uri.toString()),
  );
}

/** What is still shown for a file: its diagnostics, its All Sessions entry, its analysis. */
async function leftovers(uri: vscode.Uri): Promise<string[]> {
  const { store, allSessionsTree } = await api();
  const found: string[] = [];
  const diagnostics = vscode.languages.getDiagnostics(uri);
  if (diagnostics.length) found.push(`diagnostics ${diagnostics.map((d) => `${d.code}: ${d.message}`).join('; ')}`);
  if ((await sessionUrisInTree(allSessionsTree)).includes(uri.toString())) found.push('an All Sessions entry');
  if (store.peek(uri)) found.push('an analysis in the store');
  return found;
}

/** Waits until nothing is shown for the files, then checks it stays so, also after Refresh and Lint Workspace. */
async function expectForgotten(...uris: vscode.Uri[]): Promise<void> {
  const all = async () =>
    (await Promise.all(uris.map(async (uri) => (await leftovers(uri)).map((l) => `${vscode.workspace.asRelativePath(uri)}: ${l}`)))).flat();
  await waitFor('the files that are gone to be forgotten', async () => (await all()).length === 0).catch(async () =>
    assert.fail(`still shown:\n${(await all()).join('\n')}`),
  );
  // Closing a tab reads the file from disk, and a late answer must not bring it back: watch for a while.
  for (const started = Date.now(); Date.now() - started < 1500; await pause(100)) assert.deepEqual(await all(), [], 'a file that is gone came back');
  await vscode.commands.executeCommand('sessionMarkdown.refreshAllSessions');
  await vscode.commands.executeCommand('sessionMarkdown.lintWorkspace');
  assert.deepEqual(await all(), [], 'Refresh or Lint Workspace brought a file that is gone back');
}

describe('files that are gone', () => {
  after(async () => {
    for (const folder of ['gone', 'gone-git']) await deleteWorkspaceFolder(folder);
  });

  it('forgets an open transcript deleted from a shell once its tab is closed, whoever opened it', async () => {
    const byUser = await writeWorkspaceFile('gone/deleted.session.md', transcript('C-301'));
    const byExtension = await writeWorkspaceFile('gone/deleted-by-extension.session.md', transcript('C-307'));
    const closed = await writeWorkspaceFile('gone/deleted-closed.session.md', transcript('C-308'));
    await openAsUser(byUser);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(byExtension), { preview: false });
    for (const uri of [byUser, byExtension, closed]) await analysed(uri);
    for (const uri of [byUser, byExtension, closed]) unlinkSync(uri.fsPath);
    await expectForgotten(closed); // the file watcher has seen the deletions
    // The editors still have the text, and their problems, until they are closed.
    const whileOpen = [ruleCodes(byUser), ruleCodes(byExtension)];
    await closeTabs(byUser);
    await closeTabs(byExtension, 'extension');
    await expectForgotten(byUser, byExtension);
    assert.deepEqual(whileOpen, [['code-unknown'], ['code-unknown']]);
  });

  it('follows a rename outside the editor: the old path is forgotten, the new one analysed, open or closed', async () => {
    const openOld = await writeWorkspaceFile('gone/renamed-open.session.md', transcript('C-302'));
    const closedOld = await writeWorkspaceFile('gone/renamed-closed.session.md', transcript('C-303'));
    await openAsUser(openOld);
    await analysed(openOld);
    await analysed(closedOld);
    const openNew = vscode.Uri.joinPath(workspaceRoot(), 'gone/renamed-open-2.session.md');
    const closedNew = vscode.Uri.joinPath(workspaceRoot(), 'gone/moved/renamed-closed.session.md');
    mkdirSync(join(closedNew.fsPath, '..'), { recursive: true });
    renameSync(openOld.fsPath, openNew.fsPath);
    renameSync(closedOld.fsPath, closedNew.fsPath);
    await analysed(openNew);
    await analysed(closedNew);
    await expectForgotten(closedOld);
    await closeTabs(openOld);
    await expectForgotten(openOld);
    assert.deepEqual([ruleCodes(openNew), ruleCodes(closedNew)], [['code-unknown'], ['code-unknown']]);
  });

  it('forgets the transcripts a git checkout removes, open or closed, and keeps the rest', async () => {
    const repo = join(workspaceRoot().fsPath, 'gone-git');
    mkdirSync(repo, { recursive: true });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', ...args], {
        cwd: repo,
        stdio: 'pipe',
      });
    git('init', '-q');
    writeFileSync(join(repo, 'kept.session.md'), transcript('C-304'));
    git('add', '.');
    git('commit', '-q', '-m', 'one transcript');
    git('branch', 'one');
    writeFileSync(join(repo, 'open.session.md'), transcript('C-305'));
    writeFileSync(join(repo, 'closed.session.md'), transcript('C-306'));
    git('add', '.');
    git('commit', '-q', '-m', 'three transcripts');
    const [kept, open, closed] = ['kept', 'open', 'closed'].map((name) => vscode.Uri.joinPath(workspaceRoot(), 'gone-git', `${name}.session.md`)) as [
      vscode.Uri,
      vscode.Uri,
      vscode.Uri,
    ];
    await openAsUser(open);
    for (const uri of [kept, open, closed]) await analysed(uri);
    git('checkout', '-q', 'one');
    await expectForgotten(closed); // the file watcher has seen the checkout
    await closeTabs(open);
    await expectForgotten(open);
    assert.deepEqual(ruleCodes(kept), ['code-unknown']);
    assert.ok((await api()).store.peek(kept)?.linted);
  });
});
