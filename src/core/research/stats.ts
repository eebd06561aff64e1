import { lookupCode, type Codebook } from '../codebook/codebook';
import { bandOf, type MeasureDefinition } from '../codebook/measures';
import { courseKey } from '../language/summary';
import type { Role, Session, Speaker, Turn } from '../model';
import { durationOf, phaseDurations, phaseIndexOf, phaseStatuses, type PhaseStatus } from './phases';
import { countScores, type ScoreCounts } from './scores';
import { sessionRatings, summaryScores, type RatingValues, type SummaryScore } from './summaryScores';

// The counts of a session, computed once from its parsed model: what `session-md stats` prints
// (docs/research.md documents every key), what the Sessions sidebar's trees show and what the
// statistics view charts. Those three count nothing themselves, so they cannot disagree.

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
  /** The summary scores the codebook declares, in its order (summaryScores.ts). */
  summaryScores: SummaryScore[];
}

/** A phase of the model (or the turns outside every phase, `(no phase)`) in one session. */
export interface PhaseStats extends Tallies {
  phase: string;
  status: PhaseStatus | 'outside';
}

/** One transcript's counts, with its phases in model order. */
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
  /** The session's ratings that are values of the codebook's scales, by scale id in the codebook's order. */
  ratings: Record<string, number>;
  /** The session's measure scores (`measures:`) that are numbers within their declared range, by name as written; absent when it records none. */
  measures?: Record<string, number>;
  /** The band of each of those scores whose measure declares cut-offs, such as `moderate`; absent when none has one. */
  measureBands?: Record<string, string>;
  phases: PhaseStats[];
  /** The length of the recording named by `media:` in seconds, from its header; absent when there is none or it could not be read. */
  mediaSeconds?: number;
  /** The share of the recording that the transcript's timestamps span (0 to 1); null when fewer than two turns are timed. */
  mediaCoverage?: number | null;
}

/** A transcript to count: its path, parsed session and codebook in force. */
export interface StatsInput {
  file: string;
  session: Session;
  codebook?: Codebook;
  /** The measures in force (config, then codebook): their ranges and cut-offs. */
  measures?: readonly MeasureDefinition[];
  /** The length of the session's recording in seconds, which the front end read from the file's header. */
  mediaSeconds?: number;
}

/** The name of the pseudo-phase that holds turns before the first phase heading or under a heading that names no phase. */
export const NO_PHASE = '(no phase)';

const MARK = /\([a-z][a-z' -]*\)|\[[a-z][a-z' -]*\]/gi;
const WORDY = /[\p{L}\p{N}]/u;
const SPACE = /\s/;

/** The counts of one session and of each phase of its model: the one model the trees, `session-md stats` and the charts show. */
export function sessionStats(input: StatsInput): SessionStats {
  const { session, codebook } = input;
  const words = session.turns.map((t) => countWords(t.text));
  const fm = session.frontMatter;
  const ratings = sessionRatings(session, codebook);
  return {
    file: input.file,
    group: courseKey(session).group,
    client: fm?.client ?? null,
    course: fm?.course ?? null,
    session: fm?.session ?? null,
    date: fm?.date ?? null,
    codebook: codebook?.name ?? null,
    ratings: Object.fromEntries(ratings),
    ...sessionMeasures(session, input.measures ?? []),
    ...tallyTurns(session.turns, words, declaredSpeakers(session), codebook, durationOf(session.turns) ?? null, ratings),
    phases: phaseStats(session, words, codebook),
    ...(input.mediaSeconds === undefined ? {} : { mediaSeconds: input.mediaSeconds, mediaCoverage: mediaCoverage(session, input.mediaSeconds) }),
  };
}

// The span from the first to the last timestamp, the part of it inside the recording only.
function mediaCoverage(session: Session, mediaSeconds: number): number | null {
  let [earliest, latest, timed] = [Infinity, -Infinity, 0];
  for (const turn of session.turns) {
    const seconds = turn.timestamp?.seconds;
    if (seconds === undefined) continue;
    earliest = Math.min(earliest, seconds, mediaSeconds);
    latest = Math.max(latest, Math.min(seconds, mediaSeconds));
    timed++;
  }
  return timed < 2 ? null : (latest - earliest) / mediaSeconds;
}

// Only scores a reader can trust are counted: numbers, within the range where one is declared (measure-out-of-range reports the rest).
function sessionMeasures(session: Session, declared: readonly MeasureDefinition[]): Pick<SessionStats, 'measures' | 'measureBands'> {
  const measures: Record<string, number> = {};
  const bands: Record<string, string> = {};
  for (const score of session.frontMatter?.measures ?? []) {
    if (score.value === undefined || score.id in measures) continue;
    const measure = declared.find((m) => m.id === score.id);
    if (measure && !(score.value >= measure.min && score.value <= measure.max)) continue;
    measures[score.id] = score.value;
    if (measure && measure.cutoffs.length > 0) bands[score.id] = bandOf(measure, score.value)!.name;
  }
  if (Object.keys(measures).length === 0) return {};
  return Object.keys(bands).length === 0 ? { measures } : { measures, measureBands: bands };
}

/**
 * The number of spoken words in a turn's text: runs of non-space (`\s`) with a letter or digit
 * in them; transcription marks such as `(pause)` do not count. It reads the text once without
 * cutting it up, since the trees count every turn again after each edit.
 */
export function countWords(text: string): number {
  const spoken = text.includes('(') || text.includes('[') ? text.replace(MARK, ' ') : text;
  let words = 0;
  let counted = false; // whether the run of non-space being read was counted already
  for (let i = 0; i < spoken.length; i++) {
    const c = spoken.charCodeAt(i);
    if (c <= 32 ? c === 32 || (c >= 9 && c <= 13) : c >= 128 && SPACE.test(spoken[i]!)) {
      counted = false;
    } else if (!counted && isLetterOrDigit(spoken, i, c)) {
      counted = true;
      words++;
    }
  }
  return words;
}

// Only letters and digits outside ASCII need the Unicode test, a surrogate pair as one character.
function isLetterOrDigit(text: string, i: number, c: number): boolean {
  const lower = c | 32;
  return (lower >= 97 && lower <= 122) || (c >= 48 && c <= 57) || (c >= 128 && WORDY.test(text.slice(i, c >= 0xd800 && c <= 0xdbff ? i + 2 : i + 1)));
}

/** How many of the model's phases have a heading, e.g. `{ present: 2, total: 3 }`. */
export function phaseCompleteness(stats: Pick<SessionStats, 'phases'>): { present: number; total: number } {
  const model = stats.phases.filter((p) => p.status !== 'outside');
  return { present: model.filter((p) => p.status !== 'missing').length, total: model.length };
}

/** A share of a whole, 0 when the whole is empty. */
export function share(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

/**
 * Counts turns, words, speakers, roles, codes, goals and scores over some turns of a session
 * (`words[i]` belongs to `turns[i]`). Declared speakers come first, even when silent, then
 * undeclared labels as they first speak; codes are listed most used first, then by id. The
 * ratings are the session's, or null for a phase: the globals rate the whole segment.
 */
export function tallyTurns(
  turns: readonly Turn[],
  words: readonly number[],
  declared: readonly Speaker[],
  codebook: Codebook | undefined,
  durationSeconds: number | null,
  ratings: RatingValues,
): Tallies {
  const speakers = new Map(declared.map((s) => [s.label, { label: s.label, role: s.role as Role | null, turns: 0, words: 0 }]));
  const roles = new Map(ROLE_KEYS.map((r) => [r, { turns: 0, words: 0 }]));
  const codes = new Map<string, number>();
  const goals = new Map<string, number>();
  let totalWords = 0;
  turns.forEach((turn, i) => {
    const w = words[i]!;
    totalWords += w;
    let speaker = speakers.get(turn.label);
    if (!speaker) speakers.set(turn.label, (speaker = { label: turn.label, role: turn.role ?? null, turns: 0, words: 0 }));
    addTurn(speaker, w);
    addTurn(roles.get(turn.role ?? 'undeclared')!, w);
    for (const code of turn.codes) codes.set(code.id, (codes.get(code.id) ?? 0) + 1);
    for (const goal of turn.goals) goals.set(goal.id, (goals.get(goal.id) ?? 0) + 1);
  });
  const withShares = (part: { turns: number; words: number }): PartShare => ({
    turns: part.turns,
    words: part.words,
    turnShare: share(part.turns, turns.length),
    wordShare: share(part.words, totalWords),
  });
  const scoreCounts = countScores(turns, codebook);
  return {
    turns: turns.length,
    words: totalWords,
    durationSeconds,
    speakers: [...speakers.values()].map((s) => ({ label: s.label, role: s.role, ...withShares(s) })),
    roles: Object.fromEntries(ROLE_KEYS.map((r) => [r, withShares(roles.get(r)!)])) as Record<RoleKey, PartShare>,
    codes: codeCounts(codes, codebook),
    goals: [...goals].map(([id, references]) => ({ id, references })),
    scoreCounts,
    summaryScores: summaryScores(codebook, scoreCounts, ratings),
  };
}

function addTurn(part: { turns: number; words: number }, words: number): void {
  part.turns++;
  part.words += words;
}

function codeCounts(counts: ReadonlyMap<string, number>, codebook: Codebook | undefined): CodeCount[] {
  return [...counts]
    .map(([id, count]) => {
      const label = codebook ? lookupCode(codebook, id)?.label : undefined;
      return label === undefined ? { id, count } : { id, label, count };
    })
    .sort(byUseThenId);
}

/** The order codes are listed in: most used first, then by id in code units, so that it is the same on every machine. */
export function byUseThenId(a: CodeCount, b: CodeCount): number {
  return b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function declaredSpeakers(session: Session): Speaker[] {
  return session.frontMatter?.speakers ?? [];
}

/** The model's phases in order (missing ones with zero counts), then `(no phase)` when some turns are outside every phase. */
function phaseStats(session: Session, words: readonly number[], codebook: Codebook | undefined): PhaseStats[] {
  const phases = session.phaseModel.phases.map((p) => ({ name: p.name, turns: [] as Turn[], words: [] as number[] }));
  const outside = { name: NO_PHASE, turns: [] as Turn[], words: [] as number[] };
  session.turns.forEach((turn, i) => {
    const index = phaseIndexOf(session, turn);
    const part = index < 0 ? outside : phases[index];
    part?.turns.push(turn);
    part?.words.push(words[i]!);
  });
  const statuses = phaseStatuses(session);
  const durations = phaseDurations(session);
  const declared = declaredSpeakers(session);
  const parts = [
    ...phases.map((p, i) => ({ ...p, key: i, status: statuses[i]! as PhaseStats['status'] })),
    ...(outside.turns.length > 0 ? [{ ...outside, key: -1, status: 'outside' as const }] : []),
  ];
  return parts.map((p) => ({ phase: p.name, status: p.status, ...tallyTurns(p.turns, p.words, declared, codebook, durations.get(p.key) ?? null, null) }));
}
