import type { Session } from '../../model';
import {
  EXPORT_COLUMNS,
  exportRows,
  exportUtteranceRows,
  UTTERANCE_EXPORT_COLUMNS,
  type CsvOptions,
  type ExportFormat,
  type ExportRow,
  type UtteranceExportRow,
} from '../export';
import { rowsText } from './rowsText';
import type { SegmentMatch } from './segments';

// The rows `session-md query` writes: the export's columns (export.ts) for each match and each
// turn of context, and a last column `match` that tells them apart. A turn that is context to
// several matches, or both context and a match, is written once, as a match if it is one.

/** What a row of a query's output is: a turn (or utterance) that matched, or a turn around one. */
export type MatchKind = 'hit' | 'context';

/** A row of the query's output: an export row (by turn or utterance) and whether it matched. A context row by utterance is its whole turn, with `utterance` null. */
export type SegmentRow = (ExportRow | (Omit<UtteranceExportRow, 'utterance'> & { utterance: number | null })) & { match: MatchKind };

/** The columns of the query's output for the unit, in order: the export's, then `match`. */
export function segmentColumns(unit: 'turn' | 'utterance'): readonly string[] {
  return [...(unit === 'turn' ? EXPORT_COLUMNS : UTTERANCE_EXPORT_COLUMNS), 'match'];
}

/** The rows of the matches and their context, in order of file and turn, each turn (or utterance) once. */
export function segmentRows(matches: readonly SegmentMatch[], unit: 'turn' | 'utterance' = 'turn'): SegmentRow[] {
  const rows: SegmentRow[] = [];
  let current:
    { session: Session; file: string; turns: ExportRow[]; utterances: Map<string, UtteranceExportRow>; entries: Map<string, SegmentRow> } | undefined;
  const flush = (): void => {
    if (!current) return;
    const entries = [...current.entries.values()];
    // A turn with a matching utterance needs no row of context.
    const hitTurns = new Set(entries.filter((row) => row.match === 'hit').map((row) => row.turn));
    rows.push(...entries.filter((row) => row.match === 'hit' || unit === 'turn' || !hitTurns.has(row.turn)).sort(byPosition));
  };
  for (const match of matches) {
    if (current?.session !== match.session || current.file !== match.file) {
      flush();
      current = { session: match.session, file: match.file, turns: exportRows(match.session, match.file), utterances: new Map(), entries: new Map() };
      if (unit === 'utterance') for (const row of exportUtteranceRows(match.session, match.file)) current.utterances.set(`${row.turn}.${row.utterance}`, row);
    }
    const { turns, utterances, entries } = current;
    const contextRow = (index: number): SegmentRow => {
      const row = turns[index - 1]!;
      if (unit === 'turn') return { ...row, match: 'context' };
      const { goals: _goals, memo: _memo, codebook: _codebook, ...shared } = row;
      return { ...shared, utterance: null, match: 'context' };
    };
    for (const turn of [...match.before, ...match.after]) if (!entries.has(`${turn.index}`)) entries.set(`${turn.index}`, contextRow(turn.index));
    if (unit === 'turn') entries.set(`${match.turn.index}`, { ...turns[match.turn.index - 1]!, match: 'hit' });
    else {
      const key = `${match.turn.index}.${match.utterance}`;
      entries.set(key, { ...utterances.get(key)!, match: 'hit' });
    }
  }
  flush();
  return rows;
}

function byPosition(a: SegmentRow, b: SegmentRow): number {
  const utterance = (row: SegmentRow): number => ('utterance' in row && row.utterance !== null ? row.utterance : 0);
  return a.turn - b.turn || utterance(a) - utterance(b);
}

/** The rows as CSV (as `exportCsv` writes the export: `;`-joined lists, spreadsheet-safe cells unless `exact`) or JSON Lines. */
export function formatSegmentRows(rows: readonly SegmentRow[], format: ExportFormat, options: CsvOptions & { unit?: 'turn' | 'utterance' } = {}): string {
  return rowsText(rows, segmentColumns(options.unit ?? 'turn'), format, options);
}
