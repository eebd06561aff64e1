import { lstat, realpath, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, sep } from 'node:path';
import * as vscode from 'vscode';
import type { PlannedSession } from '../core';

// Where Import Transcript… writes, and how: only inside a folder of the workspace, never through a
// symbolic link that leads out of it, and never over an existing file. VS Code's file system API
// follows links and cannot create a file exclusively, so the checks and the writes use Node's.

/**
 * The folder the sessions go to: the input's own folder when it lies in a folder of the workspace;
 * otherwise one the user picks among the workspace's. With the folder of the workspace that holds it.
 */
export async function importFolder(input: vscode.Uri): Promise<{ folder: vscode.Uri; root: vscode.Uri } | { error: string } | undefined> {
  const beside = vscode.Uri.joinPath(input, '..');
  const own = vscode.workspace.getWorkspaceFolder(beside);
  if (own) return { folder: beside, root: own.uri };
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) return { error: 'Import Transcript writes the sessions into the workspace: open a folder first.' };
  const [picked] =
    (await vscode.window.showOpenDialog({
      title: 'Import: the folder of the workspace to write the sessions in',
      canSelectFiles: false,
      canSelectFolders: true,
      defaultUri: folders[0]!.uri,
    })) ?? [];
  if (!picked) return undefined;
  const holder = vscode.workspace.getWorkspaceFolder(picked);
  if (!holder) return { error: `Import Transcript writes only inside the workspace; ${vscode.workspace.asRelativePath(picked)} is outside it.` };
  return { folder: picked, root: holder.uri };
}

/**
 * Writes the planned sessions, each a new file: nothing is written when one of them exists (a
 * symbolic link counts, even a broken one) or when a folder leads, through a symbolic link, out of
 * `root`. A file that appears meanwhile stops the import there. Returns what was written.
 */
export async function writeSessions(plan: readonly PlannedSession[], root: vscode.Uri): Promise<{ written: vscode.Uri[] } | { error: string }> {
  const realRoot = await realpath(root.fsPath);
  for (const folder of new Set(plan.map((session) => dirname(session.path)))) {
    const real = await realpath(folder);
    if (!isInside(real, realRoot))
      return {
        error: `Not writing into ${vscode.workspace.asRelativePath(folder)}: it leads through a symbolic link to ${real}, outside the workspace folder; nothing was written.`,
      };
  }
  const existing: string[] = [];
  for (const { path } of plan)
    if (
      await lstat(path).then(
        () => true,
        () => false,
      )
    )
      existing.push(path);
  if (existing.length > 0) {
    return { error: `${existing.length} of the sessions to write already exist (${vscode.workspace.asRelativePath(existing[0]!)}); nothing was written.` };
  }
  const written: vscode.Uri[] = [];
  for (const session of plan) {
    try {
      // `wx` creates the file or fails: it never follows a link, nor replaces what appeared since the check.
      await writeFile(session.path, session.text, { encoding: 'utf8', flag: 'wx' });
    } catch (error) {
      const reason = (error as { code?: string }).code === 'EEXIST' ? 'it appeared meanwhile' : error instanceof Error ? error.message : String(error);
      return { error: `Cannot write ${vscode.workspace.asRelativePath(session.path)}: ${reason}; ${written.length} of ${plan.length} sessions were written.` };
    }
    written.push(vscode.Uri.file(session.path));
  }
  return { written };
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
