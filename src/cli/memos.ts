import { collectMemos, EXPORT_FORMATS, formatMemoRows, MEMO_GROUPINGS, memoRows, type ExportFormat, type MemoEntry, type MemoGrouping } from '../core';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { memoTable } from './memosFormat';
import { CSV_OUTPUT_OPTIONS, CSV_USAGE, emitOutput, OUT_USAGE, outputOption } from './outputFile';
import { readTranscripts } from './readTranscripts';
import { terminalText } from './terminal';

/** The options `session-md memos` accepts, for `parseArgs`. */
export const MEMOS_OPTIONS = {
  'group-by': { type: 'string', default: 'session' },
  format: { type: 'string', short: 'f', default: 'table' },
  config: { type: 'string', short: 'c' },
  ...CSV_OUTPUT_OPTIONS,
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const MEMOS_USAGE = `Usage: session-md memos [paths or globs…] [options]

Lists every memo (a blockquote after a turn) of the *.session.md transcripts
with its session, phase, turn and speaker and the codes of the turn it
follows. Folders are searched; with no paths, the current folder is.

Options:
      --group-by <x>    session (default): by file, in order of turn; or code:
                        under each code of the turn the memo follows (a memo
                        after a turn with two codes is under both; after an
                        uncoded turn, under "no code")
  -f, --format <name>   table (default; each memo cut to fit), csv or jsonl
                        (columns: [code,] file, client, session, date, phase,
                        turn, timestamp, speaker, role, codes, memo)
${CSV_USAGE}
${OUT_USAGE}
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

Exit codes: 0 done, 2 usage or I/O error (the other files are still read).
`;

const FORMATS = ['table', ...EXPORT_FORMATS] as const;
type MemosFormat = (typeof FORMATS)[number];

/** `session-md memos`: reads transcripts and writes their memos, by session or by code, as a table, CSV or JSONL. */
export async function memosCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as MemosFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const grouping = String(values['group-by']) as MemoGrouping;
  if (!MEMO_GROUPINGS.includes(grouping)) throw new UsageError(`unknown --group-by '${grouping}'; use session or code`);
  const out = outputOption(values, format);
  const { transcripts, ioError } = await readTranscripts(positionals, values, options);
  const entries: MemoEntry[] = collectMemos(transcripts.map(({ path, linted }) => ({ file: displayPath(path, options.cwd), session: linted.session })));
  const rows = memoRows(entries, grouping);
  const text =
    format === 'table'
      ? terminalText(memoTable(rows, { grouping, files: transcripts.length, ...(options.columns ? { columns: options.columns } : {}) }))
      : formatMemoRows(rows, format as ExportFormat, { grouping, bom: values['bom'] === true, exact: values['csv-exact'] === true });
  const refused = await emitOutput(text, out, values, transcripts, options);
  if (refused !== undefined) return refused;
  return ioError ? EXIT.usage : EXIT.clean;
}
