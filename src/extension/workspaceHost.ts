import { dirname, isAbsolute, relative, resolve } from 'node:path';
import * as vscode from 'vscode';
import type { FileHost, FileListing, ListedKind, WorkspaceHost } from '../core';
import { LIBRARY_GLOB, SESSION_GLOB } from './globs';

/** Searches the workspace for `glob` under the folders `roots` (the whole workspace when none): the workspace owner's one search. */
export type WorkspaceFinder = (glob: string, roots: readonly vscode.Uri[]) => Promise<vscode.Uri[]>;

const GLOBS: Record<ListedKind, string> = { transcripts: SESSION_GLOB, codebooks: LIBRARY_GLOB };

/**
 * The core's host for the editor: VS Code's file access, and listings that go through the
 * workspace owner's search, so the core's use cases list files as `session-md` lists them:
 * a file named passes through, a folder is searched, and what names nothing is reported missing.
 */
export function createWorkspaceHost(files: FileHost, find: WorkspaceFinder): WorkspaceHost {
  // A prototype keeps the file host's live `maxFileSize` getter.
  const host = Object.create(files) as WorkspaceHost;
  host.listFiles = (paths, baseDir, kind = 'transcripts') => listFiles(files, find, paths, baseDir, GLOBS[kind]);
  host.findLibraries = async (paths, baseDir) => {
    const folders = (await foldersAmong(files, paths, baseDir)).map((folder) => vscode.Uri.file(folder));
    if (folders.length === 0) return [];
    return (await find(LIBRARY_GLOB, folders)).map((uri) => uri.fsPath).sort();
  };
  return host;
}

async function listFiles(files: FileHost, find: WorkspaceFinder, paths: readonly string[], baseDir: string, glob: string): Promise<FileListing> {
  const listing: FileListing = { files: [], missing: [], roots: new Map() };
  for (const given of paths) {
    const path = resolve(baseDir, given);
    const stat = await files.stat(path);
    if (!stat) listing.missing.push(given);
    else if (!stat.isDirectory) add(listing, path, rootOfFile(path, baseDir));
    else for (const uri of await find(glob, [vscode.Uri.file(path)])) add(listing, uri.fsPath, path);
  }
  listing.files.sort();
  return listing;
}

// As session-md: a file named by itself may be fixed within the working folder when it lies inside it, else within its own folder.
function rootOfFile(path: string, baseDir: string): string {
  const inside = relative(baseDir, path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? resolve(baseDir) : dirname(path);
}

function add(listing: FileListing, file: string, root: string): void {
  if (listing.roots.has(file)) return;
  listing.files.push(file);
  listing.roots.set(file, root);
}

async function foldersAmong(files: FileHost, paths: readonly string[], baseDir: string): Promise<string[]> {
  const stats = await Promise.all(paths.map(async (given) => ({ path: resolve(baseDir, given), stat: await files.stat(resolve(baseDir, given)) })));
  return stats.filter((s) => s.stat?.isDirectory).map((s) => s.path);
}
