import { resolve } from 'node:path';
import { describeReadError, EXPORT_FORMATS, exportRows, formatExport, type ExportFormat } from '../core';
import { writeFileAtomic } from './atomicWrite';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { EXIT, nodeFs, UsageError, type RunOptions } from './io';
import { readTranscripts } from './readTranscripts';

/** The options `session-md export` accepts, for `parseArgs`. */
export const EXPORT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'csv' },
  out: { type: 'string', short: 'o' },
  config: { type: 'string', short: 'c' },
  bom: { type: 'boolean', default: false },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const EXPORT_USAGE = `Usage: session-md export [paths or globs…] [options]

Writes one row per turn of the *.session.md transcripts, for R, pandas or a
spreadsheet. Folders are searched for *.session.md; with no paths, the current
folder is searched. Columns: file, client, session, date, phase, turn,
timestamp, speaker, role, text, codes, goals, memo.

Options:
  -f, --format <name>   csv (default; RFC 4180, UTF-8, \\n line ends, codes and
                        goals joined with ';') or jsonl (one JSON object per line)
  -o, --out <file>      Write to this file (atomically) instead of stdout
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
      --bom             Start the CSV with a UTF-8 byte order mark (for Excel)
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

Exit codes: 0 written, 2 usage or I/O error (other files are still exported).
`;

/** `session-md export`: reads transcripts like `lint` and writes their turns as CSV or JSONL to stdout or `--out`. */
export async function exportCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${EXPORT_FORMATS.join(', ')}`);
  if (values['bom'] === true && format !== 'csv') throw new UsageError('--bom applies to --format csv only');
  const { transcripts, ioError: failed } = await readTranscripts(positionals, values, options);
  const rows = transcripts.flatMap((t) => exportRows(t.linted.session, t.file));
  const text = formatExport(rows, format, { bom: values['bom'] === true });
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  if (out === undefined) options.stdout.write(text);
  else {
    try {
      await writeFileAtomic(options.fs ?? nodeFs, resolve(options.cwd, out), text);
    } catch (error) {
      options.stderr.write(`session-md: cannot write ${out}: ${describeReadError(error)}\n`);
      return EXIT.usage;
    }
  }
  return failed ? EXIT.usage : EXIT.clean;
}
