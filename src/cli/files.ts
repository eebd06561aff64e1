import { promises as fs } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** The transcripts named on the command line, and the names that matched nothing. */
export interface FileSelection {
  files: string[];
  missing: string[];
}

const SESSION_GLOB = '**/*.session.md';
const IGNORE = ['**/node_modules/**', '**/.git/**'];

/** Expands paths, folders (searched for `*.session.md`) and globs into absolute file paths, sorted and unique. */
export async function selectFiles(args: string[], cwd: string): Promise<FileSelection> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const arg of args) {
    const matches = isDynamicPattern(arg) ? await expandGlob(arg, cwd) : await expandPath(arg, cwd);
    if (matches === undefined) missing.push(arg);
    for (const match of matches ?? []) found.add(match);
  }
  return { files: [...found].sort(), missing };
}

// Undefined when nothing is there; a folder without transcripts is an empty corpus, not an error.
async function expandPath(arg: string, cwd: string): Promise<string[] | undefined> {
  const path = isAbsolute(arg) ? arg : resolve(cwd, arg);
  let stat;
  try {
    stat = await fs.stat(path);
  } catch {
    return undefined;
  }
  if (!stat.isDirectory()) return [path];
  return glob(SESSION_GLOB, { cwd: path, absolute: true, ignore: IGNORE, followSymbolicLinks: false });
}

async function expandGlob(pattern: string, cwd: string): Promise<string[] | undefined> {
  const files = await glob(pattern, { cwd, absolute: true, ignore: IGNORE, followSymbolicLinks: false, onlyFiles: true });
  return files.length > 0 ? files : undefined;
}
