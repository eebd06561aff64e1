import type { FileSizeLimit } from '../core';
import { UsageError } from './io';

// A size limit checked with stat before a file is read, so a 100 MB log or video that
// happens to sit among the transcripts is refused without being loaded into memory.

/** The largest file `lint`, `stats`, `export` and `import` read by default (10 MB; two hours of talk is about 100 kB). */
export const DEFAULT_MAX_FILE_SIZE = 10_000_000;

/** The help line of `--max-file-size`, the same in every command that has it. */
export const MAX_FILE_SIZE_USAGE = `      --max-file-size <bytes>
                          Refuse files larger than this without reading them
                          (default: ${DEFAULT_MAX_FILE_SIZE}, i.e. 10 MB)`;

/** The value of `--max-file-size`, or the default; a usage error for anything but a whole number of bytes. */
export function parseMaxFileSize(value: unknown): number {
  if (value === undefined) return DEFAULT_MAX_FILE_SIZE;
  const text = String(value).replace(/_/g, '');
  const n = Number(text);
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 1)
    throw new UsageError(`--max-file-size needs a whole number of bytes, 1 or more, not '${String(value)}'`);
  return n;
}

/** A limit of `bytes` as the core's messages name it: set with `--max-file-size`. */
export function sizeLimit(bytes: number = DEFAULT_MAX_FILE_SIZE): FileSizeLimit {
  return { bytes, setting: '--max-file-size' };
}
