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

/** Why the file at `path` is too large to read, or undefined when it is not (or when stat fails: the read reports that). */
export async function oversizeProblem(fs: CliFs, path: string, limit: number): Promise<string | undefined> {
  let size: number | undefined;
  try {
    size = (await fs.stat(path)).size;
  } catch {
    return undefined;
  }
  if (size === undefined || size <= limit) return undefined;
  return `File is ${formatSize(size, 1)}, larger than the ${formatSize(limit, 0)} limit (--max-file-size)`;
}

// Decimal units, as file managers show them: 100.0 MB, 10 MB, 512 kB, 900 bytes.
function formatSize(bytes: number, digits: number): string {
  const [value, unit] = bytes >= 1e6 ? [bytes / 1e6, 'MB'] : bytes >= 1e3 ? [bytes / 1e3, 'kB'] : [bytes, 'bytes'];
  if (unit === 'bytes') return `${bytes} bytes`;
  const fixed = value.toFixed(Number.isInteger(value) && digits === 0 ? 0 : Math.max(digits, 1));
  return `${fixed} ${unit}`;
}
