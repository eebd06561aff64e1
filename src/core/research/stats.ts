import type { Codebook } from '../codebook/codebook';
import { countCodes, countWords, courseKey, durationOf, summarisePhases, summariseSpeakers } from '../language/summary';
import type { PhaseSummary } from '../language/types';
import type { Role, Session, Speaker, Turn } from '../model';
import { countScores, mitiScores, percentOpenQuestions, type MitiScores, type ScoreCounts } from './scores';

// Research statistics of a session and of each of its phases: what `session-md stats` prints.
// Built on the sidebar's summary (word counts, speakers, codes, duration); docs/research.md
// documents every key.

/** A speaker role, or `undeclared` for turns whose label the front matter does not declare. */
export type RoleKey = Role | 'undeclared';

/** The role keys, in the order reports list them. */
export const ROLE_KEYS: readonly RoleKey[] = ['therapist', 'client', 'other', 'undeclared'];

/** Turns and words, and their shares (0–1) of the enclosing session, phase, group or corpus. */
export interface PartShare {
  turns: number;
  words: number;
  turnShare: number;
  wordShare: number;
}

/** One speaker label's part; `role` is null for an undeclared label. */
export interface SpeakerStats extends PartShare {
  label: string;
  role: Role | null;
}

/** How often a code id is written, exactly as written (a parent such as `reflection` is its own id). */
export interface CodeCount {
  id: string;
  label?: string;
  count: number;
}

/** A goal id referenced with `{#id}`, and how many references it has. */
export interface GoalCount {
  id: string;
  references: number;
}

/** What is counted at every level: session, phase, group and corpus. */
export interface Tallies {
  turns: number;
  words: number;
  /** Seconds, from the timestamps; null when they do not tell. */
  durationSeconds: number | null;
  speakers: SpeakerStats[];
  roles: Record<RoleKey, PartShare>;
  codes: CodeCount[];
  goals: GoalCount[];
  scoreCounts: ScoreCounts;
  miti: MitiScores | null;
  percentOpenQuestions: number | null;
}

/** A phase of the model (or the turns outside every phase, `(no phase)`) in one session. */
export interface PhaseStats extends Tallies {
  phase: string;
  status: PhaseSummary['status'] | 'outside';
}

/** One transcript's statistics, with its phases in model order. */
export interface SessionStats extends Tallies {
  /** The path as the caller gave it. */
  file: string;
  /** The client, else the course, else `(no client)`: what corpus totals are grouped by. */
  group: string;
  client: string | null;
  course: string | null;
  session: number | null;
  date: string | null;
  /** The name of the codebook in force, or null when it failed to load. */
  codebook: string | null;
  phases: PhaseStats[];
}

/** A transcript to compute statistics for: its path, parsed session and codebook in force. */
export interface StatsInput {
  file: string;
  session: Session;
  codebook?: Codebook;
}

/** The name of the pseudo-phase that holds turns before the first phase heading or under a heading that names no phase. */
export const NO_PHASE = '(no phase)';

/** Statistics of one session and of each phase of its model. */
export function sessionStats(input: StatsInput): SessionStats {
  const { session, codebook } = input;
  const words = session.turns.map((t) => countWords(t.text));
  const fm = session.frontMatter;
  return {
    file: input.file,
    group: courseKey(session).group,
    client: fm?.client ?? null,
    course: fm?.course ?? null,
    session: fm?.session ?? null,
    date: fm?.date ?? null,
    codebook: codebook?.name ?? null,
    ...tallyTurns(session.turns, words, declaredSpeakers(session), codebook, durationOf(session.turns) ?? null),
    phases: phaseStats(session, words, codebook),
  };
}

/** Counts turns, words, speakers, roles, codes, goals and scores over some turns of a session (`words[i]` belongs to `turns[i]`). */
export function tallyTurns(turns: readonly Turn[], words: readonly number[], declared: readonly Speaker[], codebook: Codebook | undefined, durationSeconds: number | null): Tallies {
  const totalWords = words.reduce((a, b) => a + b, 0);
  const scoreCounts = countScores(turns, codebook);
  return {
    turns: turns.length,
    words: totalWords,
    durationSeconds,
    speakers: summariseSpeakers(declared, turns, words).map((s) => ({ label: s.label, role: s.role ?? null, turns: s.turns, words: s.words, turnShare: s.turnShare, wordShare: s.wordShare })),
    roles: roleShares(turns, words),
    codes: countCodes(turns, codebook),
    goals: goalCounts(turns),
    scoreCounts,
    miti: mitiScores(scoreCounts),
    percentOpenQuestions: percentOpenQuestions(scoreCounts),
  };
}

/** A share of a whole, 0 when the whole is empty. */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function declaredSpeakers(session: Session): Speaker[] {
  return session.frontMatter?.speakers ?? [];
}

function roleShares(turns: readonly Turn[], words: readonly number[]): Record<RoleKey, PartShare> {
  const counts = Object.fromEntries(ROLE_KEYS.map((r) => [r, { turns: 0, words: 0 }])) as Record<RoleKey, { turns: number; words: number }>;
  turns.forEach((turn, i) => {
    const entry = counts[turn.role ?? 'undeclared'];
    entry.turns++;
    entry.words += words[i]!;
  });
  const totalWords = words.reduce((a, b) => a + b, 0);
  return Object.fromEntries(ROLE_KEYS.map((r) => [r, { ...counts[r], turnShare: share(counts[r].turns, turns.length), wordShare: share(counts[r].words, totalWords) }])) as Record<RoleKey, PartShare>;
}

function goalCounts(turns: readonly Turn[]): GoalCount[] {
  const counts = new Map<string, number>();
  for (const turn of turns) for (const goal of turn.goals) counts.set(goal.id, (counts.get(goal.id) ?? 0) + 1);
  return [...counts].map(([id, references]) => ({ id, references }));
}

/** The model's phases in order (missing ones with zero counts), then `(no phase)` when some turns are outside every phase. */
function phaseStats(session: Session, words: readonly number[], codebook: Codebook | undefined): PhaseStats[] {
  const declared = declaredSpeakers(session);
  const durations = phaseDurations(session);
  const phaseOf = (turn: Turn): number => session.sections[turn.sectionIndex]?.phaseIndex ?? -1;
  const statuses = summarisePhases(session).map((p) => p.status);
  const keys = [...session.phaseModel.phases.keys(), ...(session.turns.some((t) => phaseOf(t) < 0) ? [-1] : [])];
  return keys.map((key) => {
    const turns = session.turns.filter((t) => phaseOf(t) === key);
    const phase = key < 0 ? NO_PHASE : session.phaseModel.phases[key]!.name;
    const status = key < 0 ? 'outside' : statuses[key]!;
    return { phase, status, ...tallyTurns(turns, turns.map((t) => words[t.index - 1]!), declared, codebook, durations.get(key) ?? null) };
  });
}

/**
 * Seconds per phase index (-1 for turns outside every phase). Each run of turns under one heading
 * lasts from its first valid timestamp to the first valid timestamp after it, or else to its own
 * last one; a phase with several headings adds up its runs. Runs without such a span (no
 * timestamp, a single one at the end, or timestamps that go backwards) are left out.
 */
export function phaseDurations(session: Session): Map<number, number> {
  const seconds = session.turns.map((t) => t.timestamp?.seconds);
  const durations = new Map<number, number>();
  let start = 0;
  while (start < session.turns.length) {
    const sectionIndex = session.turns[start]!.sectionIndex;
    let end = start;
    while (end + 1 < session.turns.length && session.turns[end + 1]!.sectionIndex === sectionIndex) end++;
    const own = seconds.slice(start, end + 1).filter((s): s is number => s !== undefined);
    const next = seconds.slice(end + 1).find((s) => s !== undefined);
    const span = own.length === 0 ? undefined : next !== undefined ? next - own[0]! : own.length > 1 ? own[own.length - 1]! - own[0]! : undefined;
    const key = session.sections[sectionIndex]?.phaseIndex ?? -1;
    if (span !== undefined && span >= 0) durations.set(key, (durations.get(key) ?? 0) + span);
    start = end + 1;
  }
  return durations;
}
