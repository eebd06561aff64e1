import {
  EXPORT_FORMATS,
  EXPORT_UNITS,
  exportRows,
  exportUtteranceRows,
  formatExport,
  formatSessionExport,
  measuresInForce,
  sessionExportRow,
  sessionStats,
  type ExportFormat,
  type ExportRow,
  type ExportUnit,
  type Session,
  type UtteranceExportRow,
} from '../core';
import { exportProject, PROJECT_FORMATS } from './exportProject';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { CSV_OUTPUT_OPTIONS, emitOutput, OUT_USAGE, outputOption } from './outputFile';
import { readTranscripts } from './readTranscripts';

/** The options `session-md export` accepts, for `parseArgs`. */
export const EXPORT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'csv' },
  unit: { type: 'string', default: 'turn' },
  config: { type: 'string', short: 'c' },
  ...CSV_OUTPUT_OPTIONS,
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const EXPORT_USAGE = `Usage: session-md export [paths or globs…] [options]

Writes one row per turn of the *.session.md transcripts, for R, pandas or a
spreadsheet. Folders are searched for *.session.md; with no paths, the current
folder is searched. Columns: file, client, session, date, phase, turn,
timestamp (hh:mm:ss), speaker, role, text, codes, goals, memo, seconds (the
timestamp in seconds), codebook. import --from csv reads it back.

With --unit utterance, one row per coded utterance instead (the words a code
written after them codes; see docs/format.md#utterances). Columns: file,
client, session, date, phase, turn, utterance, timestamp, speaker, role,
text, codes, seconds.

With --unit session, one row per session: file, client, course, session,
date, therapist, codebook, changeGoal, turns, words, durationSeconds, then
rating:<id> for each rating, measure:<id> for each measure score (PHQ-9: 14
under measures: in the front matter) and score:<id>, level:<id> for each
summary score the codebook declares (the figures session-md stats gives). In
JSONL the ratings, measures, scores and levels are objects.

With --format qdpx, a REFI-QDA project for NVivo, ATLAS.ti, MAXQDA and
QualCoder (--out needed): each session a plain-text source ("Label: words"
paragraphs, ## phase headings), each coded utterance a selection with its
codings, code notes and memos as notes, front-matter fields as variables,
each client a case of its sessions and each goal a case "#id" of the turns
that refer to it; the codebook with its hierarchy, descriptions, colours and
groups (as sets). The same transcripts give the same file. With --format qdc,
the REFI-QDA codebook alone. import --from qdpx reads a project back.

Options:
  -f, --format <name>   csv (default; RFC 4180, UTF-8, \\n line ends, codes and
                        goals joined with ';'), jsonl (one JSON object per line,
                        always the exact text), qdpx or qdc (REFI-QDA, above)
      --unit <unit>     turn (default), utterance or session: what a row stands for
      --csv-exact       Write every cell exactly, for R and pandas. By default a
                        cell that starts with = + - @, a tab or a line break (or
                        a ') gets a leading ', so that a spreadsheet shows it as
                        text instead of running it as a formula; import --from
                        csv reads both back to the exact text
${OUT_USAGE}
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
      --bom             Start the CSV with a UTF-8 byte order mark (for Excel)
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

Exit codes: 0 written, 2 usage or I/O error (other files are still exported).
`;

/** `session-md export`: reads transcripts like `lint` and writes their turns as CSV or JSONL to stdout or `--out`. */
export async function exportCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const asked = String(values['format']);
  if (asked === 'qdpx' || asked === 'qdc') return exportProject(asked, values, positionals, options);
  const format = asked as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${[...EXPORT_FORMATS, ...PROJECT_FORMATS].join(', ')}`);
  const unit = String(values['unit']) as ExportUnit;
  if (!EXPORT_UNITS.includes(unit)) throw new UsageError(`unknown unit '${unit}'; use one of ${EXPORT_UNITS.join(', ')}`);
  const out = outputOption(values, format);
  const { transcripts, ioError: failed } = await readTranscripts(positionals, values, options);
  const csv = { bom: values['bom'] === true, exact: values['csv-exact'] === true };
  let text: string;
  if (unit === 'session') {
    const rows = transcripts.map(({ path, linted }) =>
      sessionExportRow(
        sessionStats({
          file: displayPath(path, options.cwd),
          session: linted.session,
          ...(linted.codesInForce ? { codebook: linted.codesInForce } : {}),
          measures: measuresInForce(linted.config, linted.codesInForce),
        }),
        linted.session,
      ),
    );
    text = formatSessionExport(rows, format, csv);
  } else {
    const rowsOf: (session: Session, file: string) => (ExportRow | UtteranceExportRow)[] = unit === 'turn' ? exportRows : exportUtteranceRows;
    text = formatExport(
      transcripts.flatMap((t) => rowsOf(t.linted.session, displayPath(t.path, options.cwd))),
      format,
      { ...csv, unit },
    );
  }
  const refused = await emitOutput(text, out, values, transcripts, options);
  if (refused !== undefined) return refused;
  return failed ? EXIT.usage : EXIT.clean;
}
