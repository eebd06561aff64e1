import type { CourseReader, FileHost, FileStat, WorkspaceHost } from '../core';

// The CLI's one file-access seam: every file it reads or writes (transcripts, configs, codebooks,
// libraries, pii files, the cache, outputs) goes through the host `run()` is given. It is the
// core's host plus what only a front end does: writing, and the details a safe write checks.

/** What the CLI reads from a stat: the core's kind and size, and what a safe write compares and keeps. */
export interface CliStat extends FileStat {
  mode: number;
  /** Modification time in milliseconds, owner and group ids, and the number of hard links (absent in some tests' hosts). */
  mtimeMs?: number;
  uid?: number;
  gid?: number;
  nlink?: number;
}

/** What linting a file reads through (a lint worker has no more): the core's reads, with the CLI's stat, and the sessions beside a file for the course rules. */
export interface CliReader extends FileHost, Partial<CourseReader> {
  stat(path: string): Promise<CliStat | undefined>;
}

/** The core's host plus the CLI's writes; tests pass failing or recording ones. */
export interface CliHost extends WorkspaceHost, CliReader {
  /** What is at a path, following symbolic links; undefined when nothing is (or it cannot be told). */
  stat(path: string): Promise<CliStat | undefined>;
  /** Like `stat`, but a symbolic link is described itself rather than followed. */
  lstat(path: string): Promise<CliStat | undefined>;
  /** `flag: 'wx'` creates the file and fails if anything, a symbolic link included, is at the path. */
  writeFile(path: string, data: Uint8Array, options?: { mode?: number; flag?: string }): Promise<void>;
  /** Creates a folder and the folders above it that are missing. */
  makeFolder(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  chown(path: string, uid: number, gid: number): Promise<void>;
  /** The canonical path, with every symbolic link resolved; rejects with ENOENT when nothing is there. */
  realpath(path: string): Promise<string>;
}

/** The host with `--max-file-size` as its limit for config, codebook, library and pii files. */
export function withMaxFileSize<Host extends CliReader>(host: Host, bytes: number | undefined): Host {
  return bytes === undefined ? host : { ...host, maxFileSize: { bytes, setting: '--max-file-size' } };
}
