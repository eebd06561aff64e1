import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readFileSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';
import { dataFileProblem, isInside } from '../core';
import { readMediaHeader } from './mediaHeader';
import { DEFAULT_MAX_FILE_SIZE } from './fileSize';
import type { CliReader, CliStat } from './host';

/**
 * Node's file system for reading, all a lint worker needs: the built-in codebooks in `codebooks/`
 * beside `dist/`; config, codebook and pii files above `maxFileSize` bytes (`--max-file-size`) are
 * refused, and nothing but regular files is read as data. `createNodeHost` adds listing and writing.
 */
export function nodeReader(builtinCodebookDir = join(__dirname, '..', 'codebooks'), maxFileSize = DEFAULT_MAX_FILE_SIZE): CliReader {
  return {
    builtinCodebookDir,
    maxFileSize: { bytes: maxFileSize, setting: '--max-file-size' },
    async readFile(path) {
      return readWholeFile(path);
    },
    readBytes: async (path) => readFileSync(path),
    stat: async (path) => statOrUndefined(path),
    transcriptsIn: async (dir) => {
      const entries = readdirSync(dir, { withFileTypes: true });
      return entries
        .filter((e) => (e.isFile() || e.isSymbolicLink()) && e.name.endsWith('.session.md'))
        .map((e) => join(dir, e.name))
        .sort();
    },
    readHead,
    realpath: resolveRealPath,
    readMediaHeader: async (path) => readMediaHeader(path, statSync(path).size, readHead),
    mediaRoot,
  };
}

// The CLI's workspace folder is the current folder (`session-md lint sessions/` run from the project);
// a transcript outside it keeps its recording in its own folder or below.
function mediaRoot(transcriptPath: string): string {
  const cwd = process.cwd();
  return isInside(cwd, transcriptPath) ? cwd : dirname(transcriptPath);
}

// A CLI run waits for each file anyway, so files are read (and stat'ed, listed and resolved)
// synchronously: four round trips through libuv's thread pool per file (open, stat, read, close)
// cost a one-file lint beside 31 sessions about 25 ms of waiting, and each folder's config lookup
// a few more. Both readers open without waiting for a writer, and check what they
// opened: what was a file when the core looked (readDataFile) may have been swapped for a FIFO or
// a device since, and a FIFO named like a transcript is refused, not waited on.
function openRegularFile(path: string): { fd: number; size: number } {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = fstatSync(fd);
    const problem = dataFileProblem(describeStats(stats));
    if (problem) throw problem;
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

/** The path with every symbolic link resolved, as the operating system resolves it. */
export async function resolveRealPath(path: string): Promise<string> {
  return realpathSync.native(path);
}

/** What `stat` says of a path (following symbolic links); undefined when it cannot be told. */
export function statOrUndefined(path: string): CliStat | undefined {
  return statsOrUndefined(() => statSync(path, { throwIfNoEntry: false }));
}

/** What `lstat` says of a path (a symbolic link itself, not what it points to); undefined when it cannot be told. */
export function lstatOrUndefined(path: string): CliStat | undefined {
  return statsOrUndefined(() => lstatSync(path, { throwIfNoEntry: false }));
}

function statsOrUndefined(read: () => Stats | undefined): CliStat | undefined {
  try {
    const stats = read();
    return stats && describeStats(stats);
  } catch {
    return undefined;
  }
}

async function readWholeFile(path: string): Promise<string> {
  const { fd } = openRegularFile(path);
  try {
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}

// The first bytes of a regular file.
async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const { fd, size: fileSize } = openRegularFile(path);
  try {
    // A file that may still grow is read up to `bytes` at most; most sessions are smaller than that.
    const size = Math.min(bytes, fileSize + 1);
    const buffer = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const bytesRead = readSync(fd, buffer, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** What Node's stats say, as the CLI's `CliStat` (the core's `FileStat` plus what a safe write checks). */
export function describeStats(s: Stats): CliStat {
  const stat: CliStat = {
    isFile: s.isFile(),
    isDirectory: s.isDirectory(),
    size: s.size,
    mode: s.mode,
    mtimeMs: s.mtimeMs,
    uid: s.uid,
    gid: s.gid,
    nlink: s.nlink,
  };
  const special = s.isFIFO() ? 'a FIFO' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : s.isSocket() ? 'a socket' : undefined;
  if (special) stat.special = special;
  return stat;
}
