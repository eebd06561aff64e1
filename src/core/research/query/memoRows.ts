import { exportedTimestamp, type CsvOptions, type ExportFormat, type ExportRow } from '../export';
import { rowsText } from './rowsText';
import type { MemoEntry } from './segments';

// The rows `session-md memos` writes: one per memo in order of file and turn, or, grouped by code,
// one per code of the turn the memo follows (a memo after an uncoded turn once, with no code),
// in order of code.

/** How memos are listed: in the order of the sessions, or under each code of the turn they follow. */
export const MEMO_GROUPINGS = ['session', 'code'] as const;
export type MemoGrouping = (typeof MEMO_GROUPINGS)[number];

/** The columns of a memo row, in order; grouped by code, `code` comes first. */
export const MEMO_COLUMNS = ['file', 'client', 'session', 'date', 'phase', 'turn', 'timestamp', 'speaker', 'role', 'codes', 'memo'] as const;

/** One memo as a row, with the export's columns of its turn; `code` is set when grouped by code (null for a memo after an uncoded turn). */
export interface MemoRow extends Pick<ExportRow, 'file' | 'client' | 'session' | 'date' | 'phase' | 'turn' | 'timestamp' | 'speaker' | 'role' | 'codes'> {
  code?: string | null;
  /** The memo's text, as the export's `memo` column gives each memo. */
  memo: string;
}

/** The memos as rows, in order of file and turn, or by code. */
export function memoRows(entries: readonly MemoEntry[], grouping: MemoGrouping = 'session'): MemoRow[] {
  const rows = entries.map((entry): MemoRow => {
    const fm = entry.session.frontMatter;
    return {
      file: entry.file,
      client: fm?.client ?? null,
      session: fm?.session ?? null,
      date: fm?.date ?? null,
      phase: entry.phase,
      turn: entry.turn.index,
      timestamp: exportedTimestamp(entry.turn.timestamp),
      speaker: entry.turn.label,
      role: entry.turn.role ?? null,
      codes: entry.codes,
      memo: entry.memo.text,
    };
  });
  if (grouping === 'session') return rows;
  const byCode = rows.flatMap((row): MemoRow[] => (row.codes.length === 0 ? [{ ...row, code: null }] : row.codes.map((code) => ({ ...row, code }))));
  // Stable: within a code the memos keep the order of file and turn; the uncoded come last.
  const key = (row: MemoRow): string => (row.code === null || row.code === undefined ? '\uffff' : row.code);
  return byCode.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/** The columns of memo rows for the grouping. */
export function memoColumns(grouping: MemoGrouping): readonly string[] {
  return grouping === 'code' ? ['code', ...MEMO_COLUMNS] : MEMO_COLUMNS;
}

/** Memo rows as CSV (codes joined with `;`, spreadsheet-safe cells unless `exact`) or JSON Lines. */
export function formatMemoRows(rows: readonly MemoRow[], format: ExportFormat, options: CsvOptions & { grouping?: MemoGrouping } = {}): string {
  return rowsText(rows, memoColumns(options.grouping ?? 'session'), format, options);
}
