import { stringify } from 'csv-stringify/sync';
import type { Role, Session, Turn } from '../model';
import { spreadsheetSafeCell } from './spreadsheetCells';

/** The columns of an export, in order: one row per turn. */
export const EXPORT_COLUMNS = ['file', 'client', 'session', 'date', 'phase', 'turn', 'timestamp', 'speaker', 'role', 'text', 'codes', 'goals', 'memo'] as const;

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
  /** As written, e.g. `00:01:05`; null without one. */
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
    timestamp: turn.timestamp?.raw ?? null,
    speaker: turn.label,
    role: turn.role ?? null,
    text: turn.text,
    codes: turn.codes.map((c) => c.id),
    goals: turn.goals.map((g) => g.id),
    memo: turn.memos.length > 0 ? turn.memos.map((m) => m.text).join(' | ') : null,
  }));
}

function phaseOf(session: Session, turn: Turn): string | null {
  const section = session.sections[turn.sectionIndex];
  return section ? (section.phase?.name ?? section.title) : null;
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
export function exportCsv(rows: readonly ExportRow[], options: CsvOptions = {}): string {
  const records = rows.map((row) => ({ ...row, codes: row.codes.join(';'), goals: row.goals.join(';') }));
  const header = stringify([[...EXPORT_COLUMNS]], { record_delimiter: 'unix', bom: options.bom === true });
  const cast = options.exact === true ? { number: String } : { number: String, string: spreadsheetSafeCell };
  return header + stringify(records, { columns: [...EXPORT_COLUMNS], record_delimiter: 'unix', cast });
}

/** Rows as JSON Lines: one object per line with the export's keys in order, numbers as numbers, codes and goals as arrays, null where missing. */
export function exportJsonl(rows: readonly ExportRow[]): string {
  return rows.map((row) => `${JSON.stringify(Object.fromEntries(EXPORT_COLUMNS.map((key) => [key, row[key]])))}\n`).join('');
}

/** Rows in the chosen format. */
export function formatExport(rows: readonly ExportRow[], format: ExportFormat, options: CsvOptions = {}): string {
  return format === 'csv' ? exportCsv(rows, options) : exportJsonl(rows);
}
