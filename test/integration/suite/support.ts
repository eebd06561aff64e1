import * as vscode from 'vscode';
import type { SessionMarkdownApi } from '../../../src/extension/main';
import type { AllSessionsTree } from '../../../src/extension/trees/allSessionsTree';

/** The workspace folder the driver opened: a fresh copy of examples/. */
export function workspaceRoot(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the integration tests need a workspace folder (a copy of examples/)');
  return folder.uri;
}

/** Opens a workspace file in an editor and waits until the extension is active. */
export async function openSession(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceRoot(), relativePath));
  const editor = await vscode.window.showTextDocument(document);
  await api();
  return editor;
}

/** The extension's API, after activating it. */
export async function api(): Promise<SessionMarkdownApi> {
  const extension = vscode.extensions.getExtension<SessionMarkdownApi>('session-markdown.session-markdown');
  if (!extension) throw new Error('Session Markdown is not installed');
  return extension.activate();
}

/** Polls until `check` returns a value (not undefined or false), or fails after `timeoutMs` (a minute by default: a busy machine is slow, not broken). */
export async function waitFor<T>(what: string, check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Writes a file into the workspace, creating folders. */
export async function writeWorkspaceFile(relativePath: string, text: string): Promise<vscode.Uri> {
  const uri = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** The rule ids of a file's diagnostics from this extension, in document order. */
export function ruleCodes(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'session-md')
    .sort((a, b) => a.range.start.compareTo(b.range.start))
    .map((d) => String(d.code));
}

/** The uris of the sessions the All Sessions view lists, as it last showed them. */
export async function sessionUrisInTree(tree: AllSessionsTree): Promise<string[]> {
  const groups = (await tree.getChildren()) ?? [];
  return groups
    .flatMap((group) => (group.kind === 'group' ? group.children : []))
    .flatMap((node) => (node.kind === 'session' ? [node.analysis.uri.toString()] : []));
}

/** Closes the editors of a workspace folder's files (dropping unsaved changes), deletes the folder, and waits until the extension has forgotten every transcript in it. */
export async function deleteWorkspaceFolder(relativePath: string): Promise<void> {
  const folder = vscode.Uri.joinPath(workspaceRoot(), relativePath);
  const prefix = `${folder.toString()}/`;
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.toString().startsWith(prefix))) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  }
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString().startsWith(prefix));
  await vscode.window.tabGroups.close(tabs);
  await vscode.workspace.fs.delete(folder, { recursive: true });
  const { store, allSessionsTree } = await api();
  const left = async () => [...store.all().map((a) => a.uri.toString()), ...(await sessionUrisInTree(allSessionsTree))].filter((uri) => uri.startsWith(prefix));
  await waitFor(`the transcripts of ${relativePath}/ to be forgotten`, async () => (await left()).length === 0);
}

/** Accepts what the open quick pick or input box offers until `done` holds. */
export async function acceptUntil<T>(what: string, done: () => T | undefined | false): Promise<T> {
  return waitFor(what, async () => {
    const value = done();
    if (value) return value;
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return undefined;
  });
}
