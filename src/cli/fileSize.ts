import { formatFileSize } from '../core';
import { UsageError, type CliFs } from './io';

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
  if (text.trim() === '' || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`--max-file-size needs a whole number of bytes, 1 or more, not '${String(value)}'`);
  return n;
}

/**
 * Why the file at `path` must not be read: it is no regular file (opening a FIFO would wait for
 * ever, a device such as /dev/zero never ends) or it is too large. Undefined when it may be read
 * (or when stat fails: the read reports that).
 */
export async function unreadableFileProblem(fs: CliFs, path: string, limit: number): Promise<string | undefined> {
  let stat: Awaited<ReturnType<CliFs['stat']>>;
  try {
    stat = await fs.stat(path);
  } catch {
    return undefined;
  }
  if (!stat.isFile() && !stat.isDirectory()) return `Not a regular file (${specialKind(stat.mode)})`;
  if (stat.size === undefined || stat.size <= limit) return undefined;
  return `File is ${formatFileSize(stat.size, 1)}, larger than the ${formatFileSize(limit, 0)} limit (--max-file-size)`;
}

// The kind of a special file, from the type bits of its mode.
function specialKind(mode: number): string {
  switch (mode & 0o170000) {
    case 0o010000:
      return 'a FIFO';
    case 0o020000:
    case 0o060000:
      return 'a device';
    case 0o140000:
      return 'a socket';
    default:
      return 'a special file';
  }
}
