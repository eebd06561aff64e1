import type { Codebook } from '../codebook/codebook';
import { groupByCourse } from '../language/summary';
import { fieldGroup, fieldGroupOrder } from './fieldGroups';
import { addScoreCounts } from './scores';
import {
  byUseThenId,
  ROLE_KEYS,
  sessionStats,
  share,
  type CodeCount,
  type GoalCount,
  type RoleKey,
  type SessionStats,
  type PartShare,
  type SpeakerStats,
  type StatsInput,
  type Tallies,
} from './stats';
import { summaryScores } from './summaryScores';

// Totals over several sessions: per client (or course) and over the whole corpus. Counts are
// added up; shares and scores are computed again from the added-up counts (pooled), not averaged.
// A rating has one value per session, so a group's rating is the mean over the sessions that
// give it, and Technical or Relational are computed from those means.

/** The totals of the sessions of one client or course, or of one value of the `--by` field. */
export interface GroupStats extends Tallies {
  group: string;
  /** How many sessions the totals cover. */
  sessions: number;
  /** Each rating's mean over the sessions that give it. */
  ratings: Record<string, number>;
}

/** The totals of every session. */
export type CorpusTotals = Omit<GroupStats, 'group'>;

/** The whole `session-md stats --format json` document. */
export interface StatsReport {
  sessions: SessionStats[];
  groups: GroupStats[];
  corpus: CorpusTotals;
  /** With `--by <field>`: the front-matter field the groups are by, and the files whose value is a list or mapping. */
  groupedBy?: { field: string; notSingleValue: string[] };
}

/**
 * Statistics of every session, ordered by group and session number, with totals per group and
 * overall. The groups are clients or courses, or with `by` the values of that front-matter field.
 * Each group and the corpus show the summary scores their sessions' codebooks all declare.
 */
export function corpusStats(inputs: readonly StatsInput[], by?: string): StatsReport {
  const fields = by === undefined ? undefined : inputs.map((input) => fieldGroup(input.session.frontMatter?.data, by));
  const codebooks = new Map<SessionStats, Codebook | undefined>();
  inputs.forEach((input, i) => codebooks.set(fields ? { ...sessionStats(input), group: fields[i]!.group } : sessionStats(input), input.codebook));
  const grouped = groupByCourse([...codebooks.keys()], (s) => ({ group: s.group, name: s.file, ...(s.session === null ? {} : { number: s.session }) }));
  if (fields) {
    const order = fieldGroupOrder(grouped.map((g) => g.group));
    grouped.sort((a, b) => order(a.group, b.group));
  }
  const sessions = grouped.flatMap((g) => g.items);
  const scoring = (items: readonly SessionStats[]): Codebook | undefined => sharedDeclarations(items.map((s) => codebooks.get(s)));
  const groups = grouped.map((g) => ({ group: g.group, ...sumTallies(g.items, scoring(g.items)) }));
  const report: StatsReport = { sessions, groups, corpus: sumTallies(sessions, scoring(sessions)) };
  if (by !== undefined)
    report.groupedBy = {
      field: by,
      notSingleValue: inputs.filter((_, i) => fields![i]!.kind === 'list' || fields![i]!.kind === 'mapping').map((input) => input.file),
    };
  return report;
}

/** The codebook whose summary scores apply to several sessions: the first one's, when every session's codebook declares the same scores; otherwise none. */
function sharedDeclarations(codebooks: readonly (Codebook | undefined)[]): Codebook | undefined {
  const key = (c: Codebook | undefined): string => JSON.stringify((c?.summary ?? []).map(({ range: _range, ...definition }) => definition));
  const first = codebooks[0];
  return codebooks.every((c) => key(c) === key(first)) ? first : undefined;
}

/** Adds up the tallies of several sessions: counts are summed, ratings averaged, shares and the scores `codebook` declares recomputed. */
export function sumTallies(parts: readonly (Tallies & Pick<SessionStats, 'ratings'>)[], codebook?: Pick<Codebook, 'summary' | 'ratings'>): CorpusTotals {
  const turns = sum(parts.map((p) => p.turns));
  const words = sum(parts.map((p) => p.words));
  const timed = parts.flatMap((p) => (p.durationSeconds === null ? [] : [p.durationSeconds]));
  const scoreCounts = addScoreCounts(parts.map((p) => p.scoreCounts));
  const ratings = meanRatings(parts.map((p) => p.ratings));
  return {
    sessions: parts.length,
    turns,
    words,
    durationSeconds: timed.length > 0 ? sum(timed) : null,
    speakers: addSpeakers(
      parts.flatMap((p) => p.speakers),
      turns,
      words,
    ),
    roles: Object.fromEntries(
      ROLE_KEYS.map((r) => [
        r,
        addShares(
          parts.map((p) => p.roles[r]),
          turns,
          words,
        ),
      ]),
    ) as Record<RoleKey, PartShare>,
    codes: addCounts(parts.flatMap((p) => p.codes)),
    goals: addGoals(parts.flatMap((p) => p.goals)),
    scoreCounts,
    summaryScores: summaryScores(codebook, scoreCounts, ratings),
    ratings: Object.fromEntries(ratings),
  };
}

// Each rating's mean over the sessions that give it, in the order the ratings first appear.
function meanRatings(parts: readonly Record<string, number>[]): Map<string, number> {
  const given = new Map<string, number[]>();
  for (const ratings of parts) for (const [id, value] of Object.entries(ratings)) given.set(id, [...(given.get(id) ?? []), value]);
  return new Map([...given].map(([id, values]) => [id, sum(values) / values.length]));
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function addShares(parts: readonly PartShare[], turns: number, words: number): PartShare {
  const t = sum(parts.map((p) => p.turns));
  const w = sum(parts.map((p) => p.words));
  return { turns: t, words: w, turnShare: share(t, turns), wordShare: share(w, words) };
}

// Speakers are added up by label and role, in the order they first appear.
function addSpeakers(speakers: readonly SpeakerStats[], turns: number, words: number): SpeakerStats[] {
  const byKey = new Map<string, SpeakerStats[]>();
  for (const s of speakers) {
    const key = `${s.label}\u0000${s.role ?? ''}`;
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  return [...byKey.values()].map((list) => ({ label: list[0]!.label, role: list[0]!.role, ...addShares(list, turns, words) }));
}

function addCounts(codes: readonly CodeCount[]): CodeCount[] {
  const byId = new Map<string, CodeCount>();
  for (const code of codes) {
    const kept = byId.get(code.id);
    if (kept) kept.count += code.count;
    else byId.set(code.id, { ...code });
  }
  return [...byId.values()].sort(byUseThenId);
}

function addGoals(goals: readonly GoalCount[]): GoalCount[] {
  const byId = new Map<string, number>();
  for (const goal of goals) byId.set(goal.id, (byId.get(goal.id) ?? 0) + goal.references);
  return [...byId].map(([id, references]) => ({ id, references }));
}
