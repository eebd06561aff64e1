import { codeCooccurrence, cooccurrenceByField, type CooccurrenceTable, type CooccurrenceUnit } from '../core';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';
import { readTranscripts } from './readTranscripts';
import { grid } from './statsFormat';
import { byFieldOption, writeGroupedTables, type TableOutput } from './groupedBy';

/** The options `session-md cooccur` accepts, for `parseArgs`. */
export const COOCCUR_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'table' },
  unit: { type: 'string', default: 'turn' },
  by: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const COOCCUR_USAGE = `Usage: session-md cooccur [paths or globs…] [options]

For each pair of codes, the number of turns (or volleys) that carry both, most
first. A code counts once per unit however often it is written there. Folders are
searched for *.session.md; with no paths, the current folder is.

Options:
  -f, --format <name>   table (default), csv (one row per pair: group, code_a,
                        code_b, units) or json
      --unit <unit>     turn (default), or volley: the turns of one speaker in a
                        row, up to the next turn of another speaker (MITI's volley)
      --by <field>      One table per value of this front-matter field, as stats
                        --by groups sessions, e.g. --by mi_quality
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

JSON: {"unit","sessions","units","codedUnits","codes":[{id,units}],"pairs":[{a,b,units}]};
with --by, {"groupedBy":field,"groups":[{"group",…the same keys}]}. docs/research.md
("Co-occurrence") says what counts.

Exit codes: 0 done, 2 usage or I/O error.
`;

const FORMATS = ['table', 'csv', 'json'] as const;
const UNITS: readonly CooccurrenceUnit[] = ['turn', 'volley'];

/** `session-md cooccur`: reads transcripts and prints the co-occurrence of their codes. */
export async function cooccurCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const unit = String(values['unit']) as CooccurrenceUnit;
  if (!UNITS.includes(unit)) throw new UsageError(`unknown unit '${unit}'; use turn or volley`);
  const field = byFieldOption(values);
  const read = await readTranscripts(positionals, values, options);
  const sessions = read.transcripts.map((t) => t.linted.session);
  const groups = field === undefined ? [{ group: '', table: codeCooccurrence(sessions, unit) }] : cooccurrenceByField(sessions, field, unit);
  writeGroupedTables(groups, field, format, COOCCURRENCE_OUTPUT, sessions.length, options);
  return read.ioError ? EXIT.usage : EXIT.clean;
}

const COOCCURRENCE_OUTPUT: TableOutput<CooccurrenceTable> = {
  csvColumns: ['code_a', 'code_b', 'units'],
  csvRows: (table) => table.pairs.map((p) => [p.a, p.b, p.units]),
  block: (table, heading) => cooccurrenceBlock(table, heading),
};

function cooccurrenceBlock(table: CooccurrenceTable, heading: string | undefined): string {
  const units = table.unit === 'turn' ? 'turns' : 'volleys';
  const about = `${table.sessions} session${table.sessions === 1 ? '' : 's'} · ${table.units} ${units}, ${table.codedUnits} coded`;
  const lines = [...(heading === undefined ? [] : [heading]), `Co-occurrence per ${table.unit}: ${about}`, ''];
  if (table.pairs.length === 0) return [...lines, `No ${table.unit} carries two codes.`].join('\n');
  const rows = table.pairs.map((p) => [p.a, p.b, String(p.units)]);
  return [...lines, ...grid(['code', 'with code', units], rows, [false, false, true])].join('\n');
}
