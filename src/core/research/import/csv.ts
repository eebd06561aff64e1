import { parse } from 'csv-parse/sync';
import { excerpt } from '../../text/excerpt';
import { EMPTY_TEXT } from './build';
import { exactCell } from '../spreadsheetCells';
import { mapCodes } from './maps';
import { checkMetaColumns, MetaValues } from './metaColumns';
import { exportColumnsOf, exportedTurnParts, ExportedSessionValues, NOT_RESTORED_NOTE, RESTORED_NOTE, type ExportColumns } from './exportedCsv';
import { readClock } from './time';
import { ImportError, type CodeMap, type ImportedTranscript, type Utterance } from './types';

/** Which columns of a table hold what; every other column is ignored. */
export interface CsvMapping {
  speakerColumn: string;
  textColumn: string;
  timeColumn?: string;
  /** Columns whose values are codes (several per cell separated by `;`). */
  codeColumns?: string[];
  codeMap?: CodeMap;
  /** Columns whose values are goal ids (several per cell separated by `;`), as `session-md export` writes them. */
  goalColumns?: string[];
  /** One transcript per distinct value of this column. */
  splitBy?: string;
  /** Transcript-level columns whose value (the same on every row of a transcript) goes into its front matter. */
  metaColumns?: string[];
  /**
   * Take every cell as it is. By default a leading `'` that `session-md export` added to keep a
   * spreadsheet from running the cell is removed (only where the export would have added it).
   */
  exact?: boolean;
}

/** One transcript of a table: the value of the split column (`''` without one) and its utterances. */
export interface CsvTranscript extends ImportedTranscript {
  key: string;
}

interface Group extends Omit<CsvTranscript, 'exported'> {
  meta?: MetaValues;
  exported?: ExportedSessionValues;
}

const NO_MAP: CodeMap = new Map();

interface Row {
  fields: string[];
  line: number;
}

/**
 * Reads a CSV table (RFC 4180: a header row, quoted fields with commas, quotes and line
 * breaks; spreadsheet-safe cells as `session-md export` writes them unless `mapping.exact`) into transcripts, one per value of `splitBy`, sorted (numerically when every value
 * is a whole number); rows keep their order within a transcript. Throws an `ImportError` with
 * the line of unreadable CSV, a missing column or an empty speaker.
 */
export function readCsv(text: string, given: CsvMapping): CsvTranscript[] {
  const metaNames = given.metaColumns ?? [];
  checkMetaColumns(metaNames);
  const delimiter = delimiterOf(text);
  const [header, ...table] = csvRows(text, delimiter);
  if (!header) throw new ImportError('the table is empty: it needs a header row', 1);
  const rows = given.exact === true ? table : table.map((row) => ({ ...row, fields: row.fields.map(exactCell) }));
  // An export of session-md is read with its own columns, unless the options name others.
  const exported = exportColumnsOf(header.fields);
  const mapping: CsvMapping = exported ? { timeColumn: 'timestamp', codeColumns: ['codes'], goalColumns: ['goals'], splitBy: 'file', ...given } : given;
  const column = (name: string): number => {
    const index = header.fields.findIndex((field) => field.trim() === name);
    // The column asked for is the user's option; the header is the file's text (a table without a header starts with a turn), so it is masked.
    if (index === -1) throw new ImportError(`no column '${name}' in the header (columns: ${header.fields.map(excerpt).join(', ')})`, header.line);
    return index;
  };
  const at = {
    speaker: column(mapping.speakerColumn),
    text: column(mapping.textColumn),
    time: mapping.timeColumn === undefined ? -1 : column(mapping.timeColumn),
  };
  const codeColumns = (mapping.codeColumns ?? []).map(column);
  const goalColumns = (mapping.goalColumns ?? []).map(column);
  const split = mapping.splitBy === undefined ? -1 : column(mapping.splitBy);
  const metaColumns = metaNames.map(column);
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = split === -1 ? '' : (row.fields[split] ?? '').trim();
    let group = groups.get(key);
    if (!group) groups.set(key, (group = newGroup(key, metaNames.length > 0, exported !== undefined)));
    const utterance = rowUtterance(row, at, { codes: codeColumns, goals: goalColumns }, mapping.codeMap ?? new Map(), group);
    if (exported) restoreExported(utterance, row, exported, at.time, group);
    group.utterances.push(utterance);
    group.meta?.add(
      metaNames,
      metaColumns.map((index) => row.fields[index] ?? ''),
      row.line,
      group.warnings,
    );
  }
  if (groups.size === 0) throw new ImportError('the table has a header but no rows', header.line);
  const notes = [...(delimiter !== ',' ? [delimiterNote(delimiter)] : []), ...(exported ? [RESTORED_NOTE, NOT_RESTORED_NOTE] : [])];
  [...groups.values()][0]!.warnings.unshift(...notes.map((message) => ({ line: header.line, message })));
  return sortGroups(
    [...groups.values()].map(({ meta, exported: values, ...transcript }) => ({
      ...transcript,
      ...(meta ? { fields: meta.values } : {}),
      ...(values ? { exported: values.values } : {}),
    })),
  );
}

function newGroup(key: string, meta: boolean, exported: boolean): Group {
  return { key, utterances: [], warnings: [], ...(meta ? { meta: new MetaValues() } : {}), ...(exported ? { exported: new ExportedSessionValues() } : {}) };
}

// An export's row also gives the turn's phase, memo and exact timestamp, and the session's front matter.
function restoreExported(utterance: Utterance, row: Row, columns: ExportColumns, time: number, group: Group): void {
  Object.assign(utterance, exportedTurnParts(row.fields, columns, time === -1 ? '' : (row.fields[time] ?? '')));
  group.exported?.add(row.fields, columns, utterance.speaker, row.line, group.warnings);
}

type Delimiter = ',' | ';' | '\t';

/**
 * The field separator of a table: the one of `,`, `;` and tab that its header row holds most
 * often outside quotes, `,` on a tie. Excel writes `;` where the decimal mark is a comma
 * (German, French, Dutch, … settings); a header never holds the other two as often.
 */
export function delimiterOf(text: string): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text.replace(/^\uFEFF/, '')) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char in counts) counts[char as Delimiter]++;
  }
  if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

function delimiterNote(delimiter: Delimiter): string {
  const shown = delimiter === '\t' ? 'tabs' : `'${delimiter}'`;
  return `read as separated by ${shown}: the header row has more of them than commas (as Excel writes CSV in many languages)`;
}

function csvRows(text: string, delimiter: Delimiter): Row[] {
  let records: { record: string[]; info: { lines: number; raw?: string } }[];
  try {
    records = parse(text, { bom: true, delimiter, info: true, raw: true, skip_empty_lines: true, relax_column_count: true }) as unknown as typeof records;
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    throw new ImportError(`unreadable CSV: ${csvProblem(error)}`, line);
  }
  // `info.lines` is the line a record ends on; a quoted field may have carried it over several lines.
  return records.map(({ record, info }) => ({ fields: record, line: info.lines - ((info.raw ?? '').replace(/\r?\n$/, '').match(/\r\n|\r|\n/g)?.length ?? 0) }));
}

function rowUtterance(
  row: Row,
  at: { speaker: number; text: number; time: number },
  columns: { codes: number[]; goals: number[] },
  codeMap: CodeMap,
  group: Pick<CsvTranscript, 'warnings'>,
): Utterance {
  const speaker = (row.fields[at.speaker] ?? '').trim();
  if (speaker === '') throw new ImportError('the speaker is empty', row.line);
  const text = row.fields[at.text] ?? '';
  if (text.trim() === '') group.warnings.push({ line: row.line, message: `the text is empty; written as ${EMPTY_TEXT}` });
  const utterance: Utterance = { speaker, text, line: row.line };
  const codes = columns.codes.flatMap((index) => mapCodes(row.fields[index] ?? '', codeMap));
  if (codes.length > 0) utterance.codes = codes;
  const goals = columns.goals.flatMap((index) => mapCodes(row.fields[index] ?? '', NO_MAP));
  if (goals.length > 0) utterance.goals = goals;
  if (at.time !== -1) {
    const clock = readClock(row.fields[at.time] ?? '');
    if (clock.warning) group.warnings.push({ line: row.line, message: clock.warning });
    if (clock.seconds !== undefined) utterance.seconds = clock.seconds;
  }
  return utterance;
}

function sortGroups(groups: CsvTranscript[]): CsvTranscript[] {
  const numeric = groups.every((g) => /^-?\d+$/.test(g.key));
  return groups.sort((a, b) => (numeric ? Number(a.key) - Number(b.key) : a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// csv-parse's messages repeat the character they stopped at; the code says what is wrong.
function csvProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE' || code === 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE')
    return 'a quoted field goes on after its closing quote; double a quote inside a quoted field ("")';
  if (code === 'CSV_MAX_RECORD_SIZE') return 'a row is too long';
  return typeof code === 'string' ? `the CSV reader stopped (${code})` : 'the CSV reader stopped';
}
