import type { Role, Session } from '../model';
import { byCodePoint, sessionsByField } from './cooccurrence';
import { normalTwoSidedP } from './normal';

// Lag-sequential analysis of codes across speakers (issue 17, item 5): how often a code of one
// speaker's turn is followed, k turns later, by a code of the other speaker's turn, and whether
// more or less often than chance.
//
// The units: a transition pairs a turn of the `from` role with the turn `lag` places after it in
// the same session, when that turn is of the `to` role (whatever the turns between are); both must
// carry a code. Each code of the first turn (once each) is tallied with each code of the second, so
// a turn with two codes followed by a turn with one adds two tallies. This is the pandas
// `groupby('transcript_id')` + `shift(-lag)` over one row per turn; docs/research.md ("Sequences")
// says the same for users.
//
// The statistics of each cell, from the table of tallies (Bakeman & Quera, Sequential Analysis and
// Observational Methods for the Behavioral Sciences, Cambridge University Press, 2011,
// on contingency-table statistics; Bakeman & Gottman, Observing Interaction, 2nd ed., 1997):
//   P(to | from) = O / row total;  E = row total · column total / N;
//   z = (O − E) / √(E · (1 − row total / N) · (1 − column total / N))   (Haberman's adjusted residual)
// and the two-sided p of z under the normal approximation, which Bakeman & Quera advise trusting
// only when E is at least about 5 (expectedBelow5 marks the cells where it is not).

/** Which transitions to count. */
export interface SequenceOptions {
  from: Role;
  to: Role;
  /** How many turns later (1: the next turn). */
  lag: number;
}

/** A code on one side of the table, and its total of tallies. */
export interface SequenceCode {
  id: string;
  total: number;
}

/** One cell: a code of the `from` turn followed by a code of the `to` turn. */
export interface TransitionCell {
  from: string;
  to: string;
  count: number;
  /** P(to | from): the count over the row's total. */
  probability: number;
  expected: number;
  /** The adjusted residual; null when a row or column holds every tally (its variance is 0). */
  adjustedResidual: number | null;
  /** Its two-sided p under the normal approximation; null with it. */
  p: number | null;
  /** The expected count is below 5, where the normal approximation is rough. */
  expectedBelow5: boolean;
}

/** The transition table of some sessions. */
export interface TransitionTable extends SequenceOptions {
  sessions: number;
  /** Pairs of turns counted (a `from` turn and the `to` turn `lag` after it, both coded). */
  transitions: number;
  /** N: the tallies, each code of the first turn with each code of the second. */
  tallies: number;
  fromCodes: SequenceCode[];
  toCodes: SequenceCode[];
  /** Every cell, row by row (a `from` code), zero counts included. */
  cells: TransitionCell[];
}

/** The transition table of one group of sessions by a front-matter field's value. */
export interface TransitionGroup {
  group: string;
  table: TransitionTable;
}

/** The pairs of code sets (from turn, to turn) that a session contributes. */
export function sessionTransitions(session: Session, options: SequenceOptions): [string[], string[]][] {
  const { turns } = session;
  const pairs: [string[], string[]][] = [];
  const codesOf = (i: number): string[] => [...new Set(turns[i]!.codes.map((c) => c.id))];
  for (let i = 0; i + options.lag < turns.length; i++) {
    const [first, next] = [turns[i]!, turns[i + options.lag]!];
    if (first.role !== options.from || next.role !== options.to) continue;
    const [a, b] = [codesOf(i), codesOf(i + options.lag)];
    if (a.length > 0 && b.length > 0) pairs.push([a, b]);
  }
  return pairs;
}

/** The transition table over `sessions`: counts, conditional probabilities, expected counts and adjusted residuals. */
export function transitionTable(sessions: readonly Session[], options: SequenceOptions): TransitionTable {
  const counts = new Map<string, Map<string, number>>();
  let transitions = 0;
  for (const session of sessions) {
    for (const [fromCodes, toCodes] of sessionTransitions(session, options)) {
      transitions++;
      for (const a of fromCodes) {
        const row = counts.get(a) ?? new Map<string, number>();
        counts.set(a, row);
        for (const b of toCodes) row.set(b, (row.get(b) ?? 0) + 1);
      }
    }
  }
  return { ...options, sessions: sessions.length, transitions, ...tableStatistics(counts) };
}

/** One transition table per value of a front-matter field, as `stats --by <field>` groups sessions. */
export function transitionsByField(sessions: readonly Session[], field: string, options: SequenceOptions): TransitionGroup[] {
  return sessionsByField(sessions, field).map(({ group, sessions: members }) => ({ group, table: transitionTable(members, options) }));
}

/** The statistics of a table of counts (row code → column code → count), every cell of it. */
export function tableStatistics(
  counts: ReadonlyMap<string, ReadonlyMap<string, number>>,
): Pick<TransitionTable, 'tallies' | 'fromCodes' | 'toCodes' | 'cells'> {
  const rowTotals = new Map<string, number>();
  const columnTotals = new Map<string, number>();
  for (const [a, row] of counts) {
    for (const [b, n] of row) {
      rowTotals.set(a, (rowTotals.get(a) ?? 0) + n);
      columnTotals.set(b, (columnTotals.get(b) ?? 0) + n);
    }
  }
  const total = [...rowTotals.values()].reduce((s, n) => s + n, 0);
  const side = (totals: Map<string, number>): SequenceCode[] => [...totals].map(([id, n]) => ({ id, total: n })).sort((x, y) => byCodePoint(x.id, y.id));
  const fromCodes = side(rowTotals);
  const toCodes = side(columnTotals);
  const cells = fromCodes.flatMap((row) => toCodes.map((column) => cell(row, column, counts.get(row.id)?.get(column.id) ?? 0, total)));
  return { tallies: total, fromCodes, toCodes, cells };
}

function cell(row: SequenceCode, column: SequenceCode, count: number, total: number): TransitionCell {
  const expected = (row.total * column.total) / total;
  const variance = expected * (1 - row.total / total) * (1 - column.total / total);
  const adjustedResidual = variance > 0 ? (count - expected) / Math.sqrt(variance) : null;
  return {
    from: row.id,
    to: column.id,
    count,
    probability: count / row.total,
    expected,
    adjustedResidual,
    p: adjustedResidual === null ? null : normalTwoSidedP(adjustedResidual),
    expectedBelow5: expected < 5,
  };
}
