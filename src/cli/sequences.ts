import { transitionsByField, transitionTable, type SequenceOptions, type TransitionCell, type TransitionTable } from '../core';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';
import { readTranscripts } from './readTranscripts';
import { grid } from './statsFormat';
import { byFieldOption, writeGroupedTables, type TableOutput } from './groupedBy';

/** The options `session-md sequences` accepts, for `parseArgs`. */
export const SEQUENCES_OPTIONS = {
  from: { type: 'string', default: 'therapist' },
  to: { type: 'string', default: 'client' },
  lag: { type: 'string', default: '1' },
  format: { type: 'string', short: 'f', default: 'table' },
  by: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const SEQUENCES_USAGE = `Usage: session-md sequences [paths or globs…] [options]

Counts transitions from each code of a turn of one role to each code of the turn
--lag places later, when that turn is of the other role: what the client says
after a reflection. A transition pairs two coded turns of one session; each code
of the first (once each) is tallied with each code of the second. For each cell:
the count, P(to | from), the expected count, the adjusted residual z (Bakeman &
Quera) and its two-sided p under the normal approximation. Folders are searched
for *.session.md; with no paths, the current folder is.

Options:
      --from <role>     The role of the first turn: therapist (default), client
                        or other
      --to <role>       The role of the turn after it: client (default),
                        therapist or other
      --lag <k>         How many turns later (default 1: the next turn)
  -f, --format <name>   table (default), csv (one row per cell) or json
      --by <field>      One table per value of this front-matter field, as stats
                        --by groups sessions, e.g. --by mi_quality
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

In the table, * marks p < .05 and ~ an expected count below 5, where the normal
approximation is rough. JSON: {"from","to","lag","sessions","transitions","tallies",
"fromCodes","toCodes","cells":[{from,to,count,probability,expected,adjustedResidual,
p,expectedBelow5}]}; with --by, {"groupedBy":field,"groups":[{"group",…}]}.
docs/research.md ("Sequences") says which units count.

Exit codes: 0 done, 2 usage or I/O error.
`;

const FORMATS = ['table', 'csv', 'json'] as const;
const ROLES = ['therapist', 'client', 'other'] as const;
const MAX_LAG = 1000;
const SEQUENCE_OUTPUT: TableOutput<TransitionTable> = {
  csvColumns: ['from', 'to', 'count', 'probability', 'expected', 'adjusted_residual', 'p', 'expected_below_5'],
  csvRows: (table) => table.cells.map(csvCells),
  block: (table, heading) => transitionBlock(table, heading),
};

/** `session-md sequences`: reads transcripts and prints the transition table of their codes. */
export async function sequencesCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']);
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const sequence = sequenceOptions(values);
  const field = byFieldOption(values);
  const read = await readTranscripts(positionals, values, options);
  const sessions = read.transcripts.map((t) => t.linted.session);
  const groups = field === undefined ? [{ group: '', table: transitionTable(sessions, sequence) }] : transitionsByField(sessions, field, sequence);
  writeGroupedTables(groups, field, format, SEQUENCE_OUTPUT, sessions.length, options);
  return read.ioError ? EXIT.usage : EXIT.clean;
}

function sequenceOptions(values: Record<string, unknown>): SequenceOptions {
  const role = (name: 'from' | 'to') => {
    const value = String(values[name]);
    if (!(ROLES as readonly string[]).includes(value)) throw new UsageError(`--${name} needs a role: ${ROLES.join(', ')}; got '${value}'`);
    return value as SequenceOptions['from'];
  };
  const lagText = String(values['lag']).trim();
  const lag = Number(lagText);
  if (!/^\d+$/.test(lagText) || lag < 1 || lag > MAX_LAG) throw new UsageError(`--lag needs a whole number from 1 to ${MAX_LAG}; got '${lagText}'`);
  return { from: role('from'), to: role('to'), lag };
}

function csvCells(c: TransitionCell): (string | number)[] {
  return [c.from, c.to, c.count, c.probability, c.expected, c.adjustedResidual ?? '', c.p ?? '', c.expectedBelow5 ? 'true' : 'false'];
}

function transitionBlock(table: TransitionTable, heading: string | undefined): string {
  const about = `${table.sessions} session${table.sessions === 1 ? '' : 's'} · ${table.transitions} transitions · ${table.tallies} tallies`;
  const lines = [...(heading === undefined ? [] : [heading]), `${table.from} → ${table.to}, lag ${table.lag}: ${about}`, ''];
  if (table.cells.length === 0)
    return [...lines, `No coded ${table.from} turn is followed ${table.lag} turn${table.lag === 1 ? '' : 's'} later by a coded ${table.to} turn.`].join('\n');
  const rows = table.cells.map((c) => [
    c.from,
    c.to,
    String(c.count),
    c.probability.toFixed(3),
    c.expected.toFixed(2) + (c.expectedBelow5 ? '~' : ''),
    residual(c),
    pText(c.p),
  ]);
  return [...lines, ...grid(['from', 'to', 'count', 'P(to|from)', 'expected', 'z', 'p'], rows, [false, false, true, true, true, true, true])].join('\n');
}

function residual(c: TransitionCell): string {
  if (c.adjustedResidual === null) return '–';
  return `${c.adjustedResidual.toFixed(2)}${c.p !== null && c.p < 0.05 ? '*' : ' '}`;
}

function pText(p: number | null): string {
  if (p === null) return '–';
  return p < 0.0001 ? '<.0001' : p.toFixed(4);
}
