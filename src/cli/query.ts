import {
  conditionAtom,
  EXPORT_FORMATS,
  findSegments,
  formatSegmentRows,
  parseTurnQuery,
  segmentRows,
  type ExportFormat,
  type QueryInput,
  type QuerySyntaxError,
  type SegmentMatch,
  type TurnCondition,
  unknownTermNotes,
} from '../core';
import { MAX_FILE_SIZE_USAGE } from './fileSize';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { CSV_OUTPUT_OPTIONS, CSV_USAGE, emitOutput, OUT_USAGE, outputOption } from './outputFile';
import { segmentTable } from './queryFormat';
import { readTranscripts } from './readTranscripts';
import { terminalText } from './terminal';

/** The options `session-md query` accepts, for `parseArgs`. */
export const QUERY_OPTIONS = {
  query: { type: 'string', short: 'q' },
  code: { type: 'string', multiple: true },
  phase: { type: 'string', multiple: true },
  speaker: { type: 'string', multiple: true },
  role: { type: 'string', multiple: true },
  goal: { type: 'string', multiple: true },
  where: { type: 'string', multiple: true },
  text: { type: 'string', multiple: true },
  memo: { type: 'boolean', default: false },
  context: { type: 'string', default: '0' },
  unit: { type: 'string', default: 'turn' },
  format: { type: 'string', short: 'f', default: 'table' },
  codebook: { type: 'string' },
  config: { type: 'string', short: 'c' },
  ...CSV_OUTPUT_OPTIONS,
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const QUERY_USAGE = `Usage: session-md query [paths or globs…] [-q <query>] [options]

Retrieves the turns (or coded utterances, --unit utterance) of the
*.session.md transcripts that meet a condition, with their session, phase,
speaker, codes and text. Folders are searched; with no paths, the current
folder is. docs/research.md#retrieving-segments explains the syntax.

Query syntax (-q):
  code:<id>             the code, its children (code:reflection finds
                        reflection.complex) or a group of the codebook's codes
  phase:<name>          a phase (by name or alias) or a heading's title
  speaker:<label>       role:therapist|client|other       goal:<id>
  <field>=<value>       a front-matter field (mi_quality=high; any item of a
                        list)
  text:<word>           a whole word, without regard to case; * for any letters
  text:"a phrase"       text:/regular expression/i (RE2: no look-around or
                        back-references; linear time, so none can hang)
  has:memo              has:code       has:goal
  Combine with not, and, or (binding in that order) and parentheses; two
  conditions side by side are and-ed. Quote values with spaces:
  phase:"Change talk".
  Example: -q 'code:reflection and phase:Middle and not mi_quality=low'

Shorthands, and-ed with -q and with each other (a flag given twice: either
value):
      --code <id>  --phase <name>  --speaker <label>  --role <role>
      --goal <id>  --where <field=value>  --text <word, phrase or /regexp/>
      --memo            (has:memo) turns followed by a memo

Options:
  -q, --query <query>   The condition (without one, and without shorthands,
                        every turn)
      --context <n>     Also write the n turns (0 to 100) before and after each
                        match (rows whose match column is 'context')
      --unit <unit>     turn (default) or utterance: what a match is
  -f, --format <name>   table (default; the text cut to fit), csv or jsonl
                        (the columns of session-md export, every cell whole,
                        then match: hit or context)
${CSV_USAGE}
${OUT_USAGE}
      --codebook <x>    Read codes and groups with this codebook (built-in name
                        or path) instead of each session's own
  -c, --config <file>   Use this config file instead of .sessionmdrc.yaml lookup
${MAX_FILE_SIZE_USAGE.replace(/^ {26}/gm, ' '.repeat(24))}
  -h, --help            Show this help

Exit codes: 0 done (also when nothing matches), 2 usage error (a query's
syntax error names its column) or I/O error (the other files are still read).
`;

const FORMATS = ['table', ...EXPORT_FORMATS] as const;
type QueryFormat = (typeof FORMATS)[number];
const UNITS = ['turn', 'utterance'] as const;
type QueryUnit = (typeof UNITS)[number];
/** The most turns of context on each side: each match holds its context, so this bounds the memory of a query over every turn; more is the whole session, which session-md export gives. */
const MAX_CONTEXT = 100;

/** `session-md query`: reads transcripts like `export` and writes the turns that meet the condition, with their context, as a table, CSV or JSONL. */
export async function queryCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as QueryFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const unit = String(values['unit']) as QueryUnit;
  if (!UNITS.includes(unit)) throw new UsageError(`unknown unit '${unit}'; use turn or utterance`);
  const context = contextOption(values['context']);
  const out = outputOption(values, format);
  const condition = conditionOf(values);
  const { transcripts, ioError } = await readTranscripts(positionals, values, options);
  const inputs: QueryInput[] = transcripts.map(({ path, linted }) => ({
    file: displayPath(path, options.cwd),
    session: linted.session,
    ...(linted.codesInForce ? { codebook: linted.codesInForce } : {}),
  }));
  for (const note of unknownTermNotes(inputs, condition)) options.stderr.write(`session-md: note: ${note}, so this condition matches no turn\n`);
  const matches: SegmentMatch[] = findSegments(inputs, condition, { context, unit });
  const rows = segmentRows(matches, unit);
  const text =
    format === 'table'
      ? terminalText(
          segmentTable(rows, { unit, files: inputs.length, matches: matches.length, context, ...(options.columns ? { columns: options.columns } : {}) }),
        )
      : formatSegmentRows(rows, format as ExportFormat, { unit, bom: values['bom'] === true, exact: values['csv-exact'] === true });
  const refused = await emitOutput(text, out, values, transcripts, options);
  if (refused !== undefined) return refused;
  return ioError ? EXIT.usage : EXIT.clean;
}

function contextOption(value: unknown): number {
  const text = String(value ?? '0');
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n > MAX_CONTEXT)
    throw new UsageError(`--context needs a whole number of turns from 0 to ${MAX_CONTEXT}, not '${excerpt(text)}'`);
  return n;
}

const SHORTHANDS = ['code', 'phase', 'speaker', 'role', 'goal', 'text'] as const;

// -q and the shorthands, and-ed; a shorthand given several times is any of its values.
function conditionOf(values: Record<string, unknown>): TurnCondition | undefined {
  const operands: TurnCondition[] = [];
  if (typeof values['query'] === 'string') {
    const result = parseTurnQuery(values['query']);
    if ('error' in result) throw new UsageError(syntaxMessage(values['query'], result.error));
    operands.push(result.condition);
  }
  const either = (conditions: TurnCondition[]): void => {
    if (conditions.length > 0) operands.push(conditions.length === 1 ? conditions[0]! : { kind: 'or', operands: conditions });
  };
  for (const name of SHORTHANDS) {
    const given = (values[name] as string[] | undefined) ?? [];
    either(given.map((value) => atom(`--${name}`, conditionAtom(name, value))));
  }
  const wheres = (values['where'] as string[] | undefined) ?? [];
  either(
    wheres.map((where) => {
      const equals = where.indexOf('=');
      if (equals <= 0) throw new UsageError(`--where needs <field>=<value>, such as mi_quality=high, not '${excerpt(where)}'`);
      return atom('--where', conditionAtom('field', where.slice(equals + 1), where.slice(0, equals)));
    }),
  );
  if (values['memo'] === true) operands.push({ kind: 'has', what: 'memo' });
  if (operands.length === 0) return undefined;
  return operands.length === 1 ? operands[0] : { kind: 'and', operands };
}

function atom(flag: string, result: ReturnType<typeof conditionAtom>): TurnCondition {
  if ('error' in result) throw new UsageError(`${flag}: ${result.error.message}`);
  return result.condition;
}

/** The syntax error with a window of the query around its column and a caret under it. */
export function syntaxMessage(query: string, error: QuerySyntaxError): string {
  const flat = query.replace(/[\r\n\t]/g, ' ');
  const start = Math.max(0, Math.min(error.column - 1 - 30, flat.length - 60));
  const window = flat.slice(start, start + 60);
  const caret = ' '.repeat(Math.max(0, error.column - 1 - start) + (start > 0 ? 1 : 0));
  return `query syntax error at column ${error.column}: ${error.message}\n  ${start > 0 ? '…' : ''}${window}${start + 60 < flat.length ? '…' : ''}\n  ${caret}^`;
}

function excerpt(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
