import { constants, promises as fs, type Stats } from 'node:fs';
import { join } from 'node:path';
import { dataFileProblem, type FileHost, type FileStat } from '../core';
import { DEFAULT_MAX_FILE_SIZE } from './fileSize';

/**
 * File access for the core from Node's file system; built-in codebooks ship in `codebooks/` beside `dist/`.
 * Config, codebook and pii files above `maxFileSize` bytes (`--max-file-size`) are refused, and
 * nothing but regular files is read.
 */
export function createNodeHost(builtinCodebookDir = join(__dirname, '..', 'codebooks'), maxFileSize = DEFAULT_MAX_FILE_SIZE): FileHost {
  return {
    builtinCodebookDir,
    maxFileSize: { bytes: maxFileSize, setting: '--max-file-size' },
    async readFile(path) {
      // Opened without waiting for a writer, and checked again once open: what was a file when the
      // core looked (readDataFile) may have been swapped for a FIFO or a device since.
      const handle = await fs.open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
      try {
        const problem = dataFileProblem(describeStats(await handle.stat()));
        if (problem) throw problem;
        return await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    },
    async stat(path) {
      try {
        return describeStats(await fs.stat(path));
      } catch {
        return undefined;
      }
    },
  };
}

/** What Node's stats say, as the core's `FileStat`. */
export function describeStats(s: Stats): FileStat {
  const stat: FileStat = { isFile: s.isFile(), isDirectory: s.isDirectory(), size: s.size };
  const special = s.isFIFO() ? 'a FIFO' : s.isCharacterDevice() || s.isBlockDevice() ? 'a device' : s.isSocket() ? 'a socket' : undefined;
  if (special) stat.special = special;
  return stat;
}
