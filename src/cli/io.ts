import { promises as fs } from 'node:fs';
import type { ThreadOptions } from './lintPool';

/** Where the CLI writes; a process stream or a test's collector. */
export interface Output {
  write(chunk: string): unknown;
}

/** What the CLI reads from a stat: the type, and what a safe write compares and keeps. */
export interface CliStats {
  mode: number;
  size?: number;
  /** Modification time in milliseconds, owner and group ids, and the number of hard links (absent in some tests' fakes). */
  mtimeMs?: number;
  uid?: number;
  gid?: number;
  nlink?: number;
  isFile(): boolean;
  isDirectory(): boolean;
}

/** The file-system calls the CLI makes, so tests can pass failing or recording ones. */
export interface CliFs {
  readFile(path: string): Promise<Uint8Array>;
  /** `flag: 'wx'` creates the file and fails if anything, a symbolic link included, is at the path. */
  writeFile(path: string, data: Uint8Array, options?: { mode?: number; flag?: string }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<CliStats>;
  /** Like `stat`, but a symbolic link is described itself rather than followed. */
  lstat(path: string): Promise<CliStats>;
  chmod(path: string, mode: number): Promise<void>;
  chown(path: string, uid: number, gid: number): Promise<void>;
  /** The canonical path, with every symbolic link resolved; rejects with ENOENT when nothing is there. */
  realpath(path: string): Promise<string>;
}

/** Everything `run()` needs from its caller: arguments, folder, streams and file system. */
export interface RunOptions {
  argv: string[];
  cwd: string;
  stdout: Output;
  stderr: Output;
  fs?: CliFs;
  color?: boolean;
  /** The terminal's width in columns, when stdout is one; tables fit into it. */
  columns?: number;
  /** The folder of the built-in codebooks; defaults to `codebooks/` beside `dist/`. */
  builtinCodebookDir?: string;
  /** How `lint` uses worker threads for large inputs; by default the bundled worker beside dist/cli.js, one per core. */
  threads?: ThreadOptions;
}

/** Node's own file system. */
export const nodeFs: CliFs = {
  readFile: (path) => fs.readFile(path),
  writeFile: (path, data, options) => fs.writeFile(path, data, options ?? {}),
  rename: (from, to) => fs.rename(from, to),
  unlink: (path) => fs.unlink(path),
  stat: (path) => fs.stat(path),
  lstat: (path) => fs.lstat(path),
  chmod: (path, mode) => fs.chmod(path, mode),
  chown: (path, uid, gid) => fs.chown(path, uid, gid),
  realpath: (path) => fs.realpath(path),
};

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O error. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

/** A usage mistake: reported with a hint, never as a stack trace. */
export class UsageError extends Error {}
