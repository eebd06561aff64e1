import { basename, dirname, join, resolve } from 'node:path';
import { describeReadError } from '../core';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import { displayPath } from './files';
import type { CliHost } from './host';
import { inputsOf } from './exportInputs';
import { EXIT, UsageError, type RunOptions } from './io';
import type { ReadTranscript } from './readTranscripts';
import { isNotFound, rootForPath } from './writeChecks';

// The `--out` file of `export`, `query`, `memos`, `snippets` and `goals`: never an existing file without `--force`, never
// one of the command's own inputs (even with it), never outside the folder it may be written in.

/** What an `--out` write must respect: overwrite only with `force`, and never one of `inputs` (absolute paths of the files read). */
export interface OutputRules {
  force: boolean;
  inputs: readonly string[];
}

/** Writes `text` to the `--out` file `out` (relative to the working folder); returns undefined when written, else the exit code, the reason said on stderr. */
export async function writeOutputFile(out: string, text: string | Uint8Array, rules: OutputRules, options: RunOptions): Promise<number | undefined> {
  const host = options.host;
  const path = resolve(options.cwd, out);
  const shown = displayPath(path, options.cwd);
  if (!rules.force && (await host.lstat(path)) !== undefined) {
    options.stderr.write(`session-md: not overwriting ${shown}: it exists (use --force to overwrite it)\n`);
    return EXIT.usage;
  }
  try {
    const input = await sameFileAs(host, path, rules.inputs);
    if (input !== undefined) {
      options.stderr.write(
        `session-md: not writing ${shown}: it is ${input === path ? 'one of the files read' : `${displayPath(input, options.cwd)}, one of the files read`}; choose another --out\n`,
      );
      return EXIT.usage;
    }
    await writeFileAtomic(host, path, text, { root: rootForPath(path, options.cwd) });
    return undefined;
  } catch (error) {
    options.stderr.write(
      error instanceof WriteRefused
        ? `session-md: not writing ${shown}: ${error.message}\n`
        : `session-md: cannot write ${shown}: ${describeReadError(error)}\n`,
    );
    return EXIT.usage;
  }
}

/** The input that `path` would overwrite, comparing real paths (so a link to an input is caught), or undefined. */
export async function sameFileAs(host: CliHost, path: string, inputs: readonly string[]): Promise<string | undefined> {
  const target = await realPathOrNew(host, path);
  for (const input of inputs) if ((await realPathOrNew(host, input).catch(() => input)) === target) return input;
  return undefined;
}

// The real path of a file, or of its folder joined with its name when it does not exist yet.
async function realPathOrNew(host: CliHost, path: string): Promise<string> {
  try {
    return await host.realpath(path);
  } catch (error) {
    if (!isNotFound(error)) throw error;
    return join(await host.realpath(dirname(path)).catch(() => dirname(path)), basename(path));
  }
}

/** The help lines of `-o/--out` and `--force`, the same in every command that writes a file. */
export const OUT_USAGE = `  -o, --out <file>      Write to this file (atomically) instead of stdout; never
                        one of the files read, nor through a symbolic link that
                        leads out of its folder
      --force           Overwrite an existing --out file (refused otherwise)`;

/** The help lines of `--csv-exact` and `--bom` in a command whose CSV is export's. */
export const CSV_USAGE = `      --csv-exact       Write every CSV cell exactly (see export --help)
      --bom             Start the CSV with a UTF-8 byte order mark (for Excel)`;

/** The `parseArgs` options of a command that writes CSV (or another format) to stdout or an `--out` file. */
export const CSV_OUTPUT_OPTIONS = {
  out: { type: 'string', short: 'o' },
  force: { type: 'boolean', default: false },
  bom: { type: 'boolean', default: false },
  'csv-exact': { type: 'boolean', default: false },
} as const;

/** The `--out` file a command was asked to write (undefined: stdout), its `--force`, `--bom` and `--csv-exact` checked against the format. */
export function outputOption(values: Record<string, unknown>, format: string): string | undefined {
  for (const option of ['bom', 'csv-exact']) if (values[option] === true && format !== 'csv') throw new UsageError(`--${option} applies to --format csv only`);
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  if (out === '') throw new UsageError('--out needs a file name');
  if (values['force'] === true && out === undefined) throw new UsageError('--force applies to --out only');
  return out;
}

/** Writes a command's output to stdout, or to its `--out` file (never over one of the transcripts read or their configs and codebooks); returns undefined when written, else the exit code. */
export async function emitOutput(
  text: string | Uint8Array,
  out: string | undefined,
  values: Record<string, unknown>,
  transcripts: ReadTranscript[],
  options: RunOptions,
): Promise<number | undefined> {
  if (out === undefined) {
    options.stdout.write(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
    return undefined;
  }
  return writeOutputFile(out, text, { force: values['force'] === true, inputs: inputsOf(transcripts) }, options);
}
