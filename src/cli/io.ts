import { promises as fs } from 'node:fs';
import type { ThreadOptions } from './lintPool';

/** Where the CLI writes; a process stream or a test's collector. */
export interface Output {
  write(chunk: string): unknown;
}

/** The file-system calls the CLI makes, so tests can pass failing or recording ones. */
export interface CliFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, data: Uint8Array, options?: { mode?: number }): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  stat(path: string): Promise<{ mode: number; size?: number; isFile(): boolean; isDirectory(): boolean }>;
  chmod(path: string, mode: number): Promise<void>;
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
  chmod: (path, mode) => fs.chmod(path, mode),
  realpath: (path) => fs.realpath(path),
};

/** Exit codes: 0 clean, 1 problems found, 2 usage or I/O error. */
export const EXIT = { clean: 0, problems: 1, usage: 2 } as const;

/** A usage mistake: reported with a hint, never as a stack trace. */
export class UsageError extends Error {}
