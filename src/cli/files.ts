import { statSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { FileListing } from '../core';
import { statOrUndefined } from './nodeFiles';
import { rootForPath } from './writeChecks';

/** What folders are searched for by default: transcripts. */
export const SESSION_GLOB = '**/*.session.md';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/**
 * Expands paths, folders (searched with `folderGlob`, by default for `*.session.md`) and globs into absolute file paths, sorted and unique.
 * An argument that names an existing file or folder is taken literally, even when it contains glob characters such as `(`, `[` or `{`;
 * only an argument with nothing at its path is expanded as a glob. Each file's root is the folder a fix of it may be written in:
 * the folder argument it was found in; for a file or a glob's match, the working folder if the file lies inside it as written,
 * else the file's own folder. The first argument that names a file decides.
 */
export async function selectFiles(args: readonly string[], cwd: string, folderGlob = SESSION_GLOB): Promise<FileListing> {
  const found = new Set<string>();
  const missing: string[] = [];
  const roots = new Map<string, string>();
  for (const arg of args) {
    const expanded = await expandPath(arg, cwd, folderGlob);
    // Folders are walked without following symbolic links, so a loop inside one is never entered; only one named here is seen.
    if (expanded === 'loop') {
      missing.push(`${arg} (a loop of symbolic links)`);
      continue;
    }
    const matches = expanded?.files ?? (isDynamicPattern(arg) ? await expandGlob(arg, cwd) : undefined);
    if (matches === undefined) missing.push(arg);
    for (const match of matches ?? []) {
      found.add(match);
      if (!roots.has(match)) roots.set(match, expanded?.folder ?? rootForPath(match, cwd));
    }
  }
  return { files: [...found].sort(), missing, roots };
}

/** The technique libraries (`*.codebook.yaml`) inside the folders named on the command line. */
export async function findLibraries(args: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const arg of args) {
    // Any existing folder is searched, even one named like a glob, such as `data (2024)`; a glob names no folder, so the stat skips it.
    const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
    if (!statOrUndefined(path)?.isDirectory) continue;
    for (const file of await glob('**/*.codebook.yaml', { cwd: path, absolute: true, ignore: IGNORE, followSymbolicLinks: false })) found.add(file);
  }
  return [...found].sort();
}

// Undefined when nothing is there; a folder without matching files is an empty corpus, not an error.
async function expandPath(arg: string, cwd: string, folderGlob: string): Promise<{ files: string[]; folder?: string } | 'loop' | undefined> {
  const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
  let stat;
  try {
    // Synchronous, as the CLI's reads are (nodeFiles.ts): the pre-commit hook names each file.
    stat = statSync(path);
  } catch (error) {
    return (error as { code?: string }).code === 'ELOOP' ? 'loop' : undefined;
  }
  if (!stat.isDirectory()) return { files: [path] };
  return { files: await glob(folderGlob, { cwd: path, absolute: true, ignore: IGNORE, followSymbolicLinks: false }), folder: path };
}

async function expandGlob(pattern: string, cwd: string): Promise<string[] | undefined> {
  const files = await glob(globPattern(pattern), { cwd, absolute: true, ignore: IGNORE, followSymbolicLinks: false, onlyFiles: true });
  return files.length > 0 ? files : undefined;
}

/** A command-line glob as tinyglobby wants it: on Windows, where `\\` separates folders, with forward slashes. */
export function globPattern(pattern: string, platform: NodeJS.Platform = process.platform): string {
  return platform === 'win32' ? pattern.replace(/\\/g, '/') : pattern;
}

/** A path as the user should see it: relative to the working folder, with forward slashes. */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return (rel.startsWith('..') || rel === '' ? path : rel).split(sep).join('/');
}
