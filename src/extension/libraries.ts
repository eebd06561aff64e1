import * as vscode from 'vscode';

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
