import type { Session, Turn } from '../model';
import { fieldGroup, fieldGroupOrder } from './fieldGroups';

// Code co-occurrence (issue 17, item 4): for each pair of codes, the number of units that carry
// both. A unit is a turn, or a volley: the turns of one speaker in a row, up to the next turn of
// another speaker (the volley of MITI 4.2.1, section E.1.a, taken for every speaker, without its
// exception for a client's facilitative "mm-hmm"). Codes are counted as written, each once per
// unit however often it is written there; docs/research.md ("Co-occurrence") states the same.

/** What a co-occurrence counts in: a turn, or a run of turns of one speaker. */
export type CooccurrenceUnit = 'turn' | 'volley';

/** How many units carry a code. */
export interface CodeUnits {
  id: string;
  units: number;
}

/** A pair of codes (`a` before `b` in code-point order) and the number of units that carry both. */
export interface CodePair {
  a: string;
  b: string;
  units: number;
}

/** The co-occurrence of codes over some sessions. */
export interface CooccurrenceTable {
  unit: CooccurrenceUnit;
  sessions: number;
  /** Every unit (turn or volley), coded or not. */
  units: number;
  /** The units with at least one code. */
  codedUnits: number;
  /** Each code and how many units carry it, by id. */
  codes: CodeUnits[];
  /** Each pair carried by at least one unit: most units first, then by id. */
  pairs: CodePair[];
}

/** The co-occurrence table of one group of sessions by a front-matter field's value. */
export interface CooccurrenceGroup {
  group: string;
  table: CooccurrenceTable;
}

/** The code sets of a session's units, in order: one per turn, or one per run of turns of one speaker. */
export function unitCodeSets(session: Session, unit: CooccurrenceUnit): string[][] {
  const runs: Turn[][] = [];
  for (const turn of session.turns) {
    const last = runs.at(-1);
    if (unit === 'volley' && last && last.at(-1)!.label === turn.label) last.push(turn);
    else runs.push([turn]);
  }
  return runs.map((turns) => [...new Set(turns.flatMap((t) => t.codes.map((c) => c.id)))].sort(byCodePoint));
}

/** The co-occurrence of codes in `sessions`, per turn or per volley. */
export function codeCooccurrence(sessions: readonly Session[], unit: CooccurrenceUnit = 'turn'): CooccurrenceTable {
  const codes = new Map<string, number>();
  const pairs = new Map<string, CodePair>();
  let units = 0;
  let codedUnits = 0;
  for (const session of sessions) {
    for (const set of unitCodeSets(session, unit)) {
      units++;
      if (set.length > 0) codedUnits++;
      set.forEach((a, i) => {
        codes.set(a, (codes.get(a) ?? 0) + 1);
        for (const b of set.slice(i + 1)) {
          const key = `${a}\u0000${b}`;
          const pair = pairs.get(key) ?? { a, b, units: 0 };
          pair.units++;
          pairs.set(key, pair);
        }
      });
    }
  }
  return {
    unit,
    sessions: sessions.length,
    units,
    codedUnits,
    codes: [...codes].map(([id, n]) => ({ id, units: n })).sort((x, y) => byCodePoint(x.id, y.id)),
    pairs: [...pairs.values()].sort((x, y) => y.units - x.units || byCodePoint(x.a, y.a) || byCodePoint(x.b, y.b)),
  };
}

/** One co-occurrence table per value of a front-matter field, as `stats --by <field>` groups sessions. */
export function cooccurrenceByField(sessions: readonly Session[], field: string, unit: CooccurrenceUnit = 'turn'): CooccurrenceGroup[] {
  return sessionsByField(sessions, field).map(({ group, sessions: members }) => ({ group, table: codeCooccurrence(members, unit) }));
}

/** Sessions grouped by the value of a front-matter field (fieldGroups.ts), groups in its order. */
export function sessionsByField<T extends Session>(sessions: readonly T[], field: string): { group: string; sessions: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const session of sessions) {
    const { group } = fieldGroup(session.frontMatter?.data, field);
    const members = groups.get(group);
    if (members) members.push(session);
    else groups.set(group, [session]);
  }
  const order = fieldGroupOrder([...groups.keys()]);
  return [...groups].sort(([a], [b]) => order(a, b)).map(([group, members]) => ({ group, sessions: members }));
}

/** Code ids in code-point order (as pandas and Python sort strings), so the order never depends on a locale. */
export function byCodePoint(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
