import { stringify } from 'csv-stringify/sync';
import type { Role, Session, Timestamp, Turn } from '../model';
import { spreadsheetSafeCell } from './spreadsheetCells';

/**
 * The columns of an export, in order: one row per turn. `seconds` and `codebook` came after the
 * first thirteen and are last, so that scripts that read the columns by position keep working.
 */
export const EXPORT_COLUMNS = [
  'file',
  'client',
  'session',
  'date',
  'phase',
  'turn',
  'timestamp',
  'speaker',
  'role',
  'text',
  'codes',
  'goals',
  'memo',
  'seconds',
  'codebook',
] as const;

/** The columns of an export by utterance, in order: one row per coded utterance (docs/format.md#utterances). */
export const UTTERANCE_EXPORT_COLUMNS = [
  'file',
  'client',
  'session',
  'date',
  'phase',
  'turn',
  'utterance',
  'timestamp',
  'speaker',
  'role',
  'text',
  'codes',
  'seconds',
] as const;

/** What a row of an export stands for: a turn, a coded utterance, or a session (sessionExport.ts). */
export const EXPORT_UNITS = ['turn', 'utterance', 'session'] as const;
export type ExportUnit = (typeof EXPORT_UNITS)[number];

/** The units whose rows are the parts of a session, written by this module. */
type PartUnit = Exclude<ExportUnit, 'session'>;

/** The export formats: RFC 4180 CSV, or one JSON object per line. */
export const EXPORT_FORMATS = ['csv', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** One turn as a row of the export; `null` where the session says nothing. */
export interface ExportRow {
  /** The transcript's path as given (relative to the working folder, with `/`). */
  file: string;
  client: string | null;
  session: number | null;
  date: string | null;
  /** The phase the turn's heading names, or the heading's own title when it names none; null before the first heading. */
  phase: string | null;
  /** The turn's 1-based position in the session. */
  turn: number;
  /** A valid timestamp as `hh:mm:ss` (`[1:05]` is `00:01:05`), with its fraction as written (`00:01:05.5`); a malformed one as written; null without one. */
  timestamp: string | null;
  speaker: string;
  /** Null when the speaker is not declared. */
  role: Role | null;
  /** The words, with codes and goal references removed and white space collapsed. */
  text: string;
  /** Code ids in order of appearance (notes after `|` are left out). */
  codes: string[];
  goals: string[];
  /** The turn's memos joined with ` | `; null without one. */
  memo: string | null;
  /** The timestamp in seconds from the start (to the millisecond); null without a valid one. */
  seconds: number | null;
  /** The front matter's `codebook:` as written (a built-in name or a path); null when it names none. */
  codebook: string | null;
}

/** The rows of a session's export, one per turn in order; `file` is the path shown in the `file` column. */
export function exportRows(session: Session, file: string): ExportRow[] {
  const fm = session.frontMatter;
  return session.turns.map((turn) => ({
    file,
    client: fm?.client ?? null,
    session: fm?.session ?? null,
    date: fm?.date ?? null,
    phase: phaseOf(session, turn),
    turn: turn.index,
    timestamp: exportedTimestamp(turn.timestamp),
    speaker: turn.label,
    role: turn.role ?? null,
    text: turn.text,
    codes: turn.codes.map((c) => c.id),
    goals: turn.goals.map((g) => g.id),
    memo: turn.memos.length > 0 ? turn.memos.map((m) => m.text).join(' | ') : null,
    seconds: exportedSeconds(turn.timestamp),
    codebook: fm?.codebook ?? null,
  }));
}

/** A turn's timestamp as an export writes it: a valid one as `hh:mm:ss` with its fraction as written after a `.`, a malformed one as written (lint reports it). */
export function exportedTimestamp(timestamp: Timestamp | undefined): string | null {
  if (!timestamp) return null;
  if (timestamp.seconds === undefined) return timestamp.raw;
  const [clock = '', fraction] = timestamp.raw.split(/[.,]/);
  const parts = clock.split(':');
  while (parts.length < 3) parts.unshift('0');
  return parts.map((part) => part.padStart(2, '0')).join(':') + (fraction === undefined ? '' : `.${fraction}`);
}

// Rounded to the millisecond, the finest a timestamp writes, so that 3600 + 0.1 prints as 3600.1.
function exportedSeconds(timestamp: Timestamp | undefined): number | null {
  return timestamp?.seconds === undefined ? null : Math.round(timestamp.seconds * 1000) / 1000;
}

/** One coded utterance as a row of an export by utterance; the turn's columns as in `ExportRow`. */
export interface UtteranceExportRow extends Omit<ExportRow, 'goals' | 'memo' | 'text' | 'codes' | 'codebook'> {
  /** The utterance's 1-based position among the coded utterances of its turn. */
  utterance: number;
  /** The utterance's words, as `text` of a turn gives the turn's. */
  text: string;
  /** The ids of the codes on it, in order of appearance. */
  codes: string[];
}

/** The rows of a session's export by utterance, one per coded utterance in order; turns without codes give none. */
export function exportUtteranceRows(session: Session, file: string): UtteranceExportRow[] {
  const fm = session.frontMatter;
  return session.turns.flatMap((turn) =>
    turn.utterances.map((utterance) => ({
      file,
      client: fm?.client ?? null,
      session: fm?.session ?? null,
      date: fm?.date ?? null,
      phase: phaseOf(session, turn),
      turn: turn.index,
      utterance: utterance.index,
      timestamp: exportedTimestamp(turn.timestamp),
      speaker: turn.label,
      role: turn.role ?? null,
      text: utterance.text,
      codes: turn.codes.filter((code) => code.utterance === utterance.index).map((code) => code.id),
      seconds: exportedSeconds(turn.timestamp),
    })),
  );
}

/** The phase of a turn as the `phase` column gives it: the phase its heading names, or the heading's title; null before the first heading. */
export function phaseOf(session: Session, turn: Turn): string | null {
  const section = session.sections[turn.sectionIndex];
  return section ? (section.phase?.name ?? section.title) : null;
}

/** A row of either unit. */
type AnyExportRow = ExportRow | UtteranceExportRow;

function columnsOf(unit: PartUnit = 'turn'): readonly string[] {
  return unit === 'turn' ? EXPORT_COLUMNS : UTTERANCE_EXPORT_COLUMNS;
}

/** The options of a CSV export. */
export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, which Excel needs to read UTF-8; off by default. */
  bom?: boolean;
  /** Write every cell exactly as it is (for R and pandas); by default cells a spreadsheet would run as formulas get a leading `'` (see `spreadsheetSafeCell`). */
  exact?: boolean;
}

/**
 * Rows as CSV: a header row, fields quoted (RFC 4180, `""` inside quotes) when they hold a
 * comma, quote or line break, `\n` line ends, empty fields for null, and codes and goals joined
 * with `;`. Safe to open in a spreadsheet unless `exact`: a cell that starts like a formula (or
 * with `'`) gets a leading `'`, which `readCsv` removes again.
 */
export function exportCsv(rows: readonly AnyExportRow[], options: CsvOptions & { unit?: PartUnit } = {}): string {
  const columns = [...columnsOf(options.unit)];
  const records = rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, Array.isArray(value) ? value.join(';') : value])));
  const header = stringify([columns], { record_delimiter: 'unix', bom: options.bom === true });
  const cast = options.exact === true ? { number: String } : { number: String, string: spreadsheetSafeCell };
  return header + stringify(records, { columns, record_delimiter: 'unix', cast });
}

/** Rows as JSON Lines: one object per line with the export's keys in order, numbers as numbers, codes and goals as arrays, null where missing. */
export function exportJsonl(rows: readonly AnyExportRow[], unit: PartUnit = 'turn'): string {
  const columns = columnsOf(unit);
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(columns.map((key) => [key, (row as unknown as Record<string, unknown>)[key]])))}\n`).join('');
}

/** Rows of one unit (`turn` unless `unit` says otherwise) in the chosen format. */
export function formatExport(rows: readonly AnyExportRow[], format: ExportFormat, options: CsvOptions & { unit?: PartUnit } = {}): string {
  return format === 'csv' ? exportCsv(rows, options) : exportJsonl(rows, options.unit);
}
