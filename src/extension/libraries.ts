import * as vscode from 'vscode';
import type { FileHost } from '../core';

/** The technique libraries the `sessionMarkdown.libraries` setting names (files, or folders holding them), as absolute paths. */
export async function librariesFromSettings(): Promise<string[]> {
  const paths: string[] = [];
  for (const entry of vscode.workspace.getConfiguration('sessionMarkdown').get<string[]>('libraries', [])) {
    for (const uri of await expand(resolveSetting(entry))) paths.push(uri.fsPath);
  }
  return paths;
}

// Relative entries are relative to the first workspace folder; `~` is the home folder.
function resolveSetting(entry: string): vscode.Uri {
  const home = process.env['HOME'] ?? process.env['USERPROFILE'];
  const path = entry.startsWith('~/') && home ? home + entry.slice(1) : entry;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return /^([a-zA-Z]:[\\/]|\/)/.test(path) || !folder ? vscode.Uri.file(path) : vscode.Uri.joinPath(folder, path);
}

// A folder stands for every *.codebook.yaml below it (a few levels deep, as libraries are shared folders).
async function expand(uri: vscode.Uri, depth = 0): Promise<vscode.Uri[]> {
  let stat: vscode.FileStat;
  try {
    stat = await vscode.workspace.fs.stat(uri);
  } catch {
    return [];
  }
  if (!(stat.type & vscode.FileType.Directory)) return uri.path.endsWith('.codebook.yaml') || depth === 0 ? [uri] : [];
  if (depth > 4) return [];
  const entries = await vscode.workspace.fs.readDirectory(uri);
  const nested = await Promise.all(
    entries.filter(([name]) => !name.startsWith('.') && name !== 'node_modules').map(([name]) => expand(vscode.Uri.joinPath(uri, name), depth + 1)),
  );
  return nested.flat();
}

/**
 * The workspace's libraries as the search `found` them, corrected by the watcher's word on the files that `changed`:
 * the search may not have indexed a library created a moment ago, or may still list one just deleted.
 */
export async function withChangedLibraries(found: readonly string[], changed: readonly vscode.Uri[], files: Pick<FileHost, 'stat'>): Promise<string[]> {
  const libraries = new Set(found);
  for (const uri of changed) {
    if (uri.scheme !== 'file' || !uri.path.endsWith('.codebook.yaml') || /\/(node_modules|\.git)\//.test(uri.path) || !vscode.workspace.getWorkspaceFolder(uri))
      continue;
    const stat = await files.stat(uri.fsPath);
    if (stat && !stat.isDirectory) libraries.add(uri.fsPath);
    else libraries.delete(uri.fsPath);
  }
  return [...libraries].sort();
}
