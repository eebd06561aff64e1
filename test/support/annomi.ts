import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { parseSession } from '../../src/core/parse/session';
import { ROOT } from './paths';

// Real, expert-annotated counselling transcripts (AnnoMI, Wu et al., ICASSP 2022) turned into
// `.session.md` text for parser tests and benchmarks. See shared/data/annomi/README.md beside the repository.
// AnnoMI has no licence file, so it is not in the repository: the tests that need it skip without
// it (requireAnnomi), and the CSV is read only when a test runs, never when a test file loads.

/** Where the AnnoMI CSV lives; `ANNOMI_CSV` overrides it. */
export const ANNOMI_CSV = process.env['ANNOMI_CSV'] || join(ROOT, '..', 'shared', 'data', 'annomi', 'AnnoMI-simple.csv');
/** Where to get the corpus, for the line that reports skipped tests and for the benchmark's error. */
export const ANNOMI_HOWTO =
  'download AnnoMI-simple.csv from https://github.com/uccollab/AnnoMI and set ANNOMI_CSV=/path/to/AnnoMI-simple.csv (or put it in ../shared/data/annomi/ beside the repository)';

/** True when the AnnoMI CSV is there (checking does not read it). */
export function annomiAvailable(): boolean {
  return existsSync(ANNOMI_CSV);
}

/**
 * Where AnnoMI-full.csv lives (the release in which 7 transcripts were coded by 10 annotators
 * each); `ANNOMI_FULL_CSV` overrides it. Like AnnoMI-simple it has no licence file and never
 * enters the repository.
 */
export const ANNOMI_FULL_CSV = process.env['ANNOMI_FULL_CSV'] || join(ROOT, '..', 'shared', 'data', 'annomi', 'AnnoMI-full.csv');
const ANNOMI_FULL_HOWTO =
  'download AnnoMI-full.csv from https://github.com/uccollab/AnnoMI and set ANNOMI_FULL_CSV=/path/to/AnnoMI-full.csv (or put it in ../shared/data/annomi/ beside the repository)';

// A corpus that some tests need, and the suites (asked from a `before` hook) and tests that asked for it, for the closing line.
interface NeededCorpus {
  name: string;
  path: () => string;
  howto: string;
  suites: Set<Mocha.Suite>;
  tests: Set<Mocha.Runnable>;
}

const SIMPLE: NeededCorpus = { name: 'AnnoMI', path: () => ANNOMI_CSV, howto: ANNOMI_HOWTO, suites: new Set(), tests: new Set() };
const FULL: NeededCorpus = { name: 'AnnoMI-full', path: () => ANNOMI_FULL_CSV, howto: ANNOMI_FULL_HOWTO, suites: new Set(), tests: new Set() };

/**
 * Skips the suite (when called from its `before` hook) or the test without the AnnoMI CSV, and
 * counts it either way for the one line printed at the end of the run.
 */
/** `session-md import` options that read AnnoMI's CSV as its authors label it: one session per `splitBy` value, codebook annomi, then `extra`. */
export function annomiImportArgs(splitBy = 'transcript_id', extra: readonly string[] = []): string[] {
  return [
    ...['--from', 'csv', '--speaker-column', 'interlocutor', '--text-column', 'utterance_text', '--time-column', 'timestamp'],
    ...['--code-columns', 'main_therapist_behaviour,client_talk_type', '--role-map', 'therapist=therapist,client=client'],
    ...['--code-map', 'therapist_input=input,n/a=', '--split-by', splitBy, ...extra, '--codebook', 'annomi'],
  ];
}

export function requireAnnomi(context: Mocha.Context): void {
  requireCorpus(SIMPLE, context);
}

/** As requireAnnomi, for the tests that need AnnoMI-full.csv. */
export function requireAnnomiFull(context: Mocha.Context): void {
  requireCorpus(FULL, context);
}

function requireCorpus(corpus: NeededCorpus, context: Mocha.Context): void {
  const runnable = context.test;
  if (runnable && (runnable as { type?: string }).type === 'hook') corpus.suites.add(runnable.parent!);
  else if (runnable) corpus.tests.add(runnable);
  if (!existsSync(corpus.path())) context.skip();
}

/** One line on the tests that need AnnoMI: how many ran, or which were skipped and how to get the data; '' when none were asked for. */
export function annomiSummary(): string {
  return corpusSummary(SIMPLE);
}

/** The same line for the tests that need AnnoMI-full. */
export function annomiFullSummary(): string {
  return corpusSummary(FULL);
}

function corpusSummary(corpus: NeededCorpus): string {
  const tests = new Set<Mocha.Runnable>(corpus.tests);
  const collect = (suite: Mocha.Suite): void => {
    suite.tests.forEach((t) => tests.add(t));
    suite.suites.forEach(collect);
  };
  corpus.suites.forEach(collect);
  const ran = [...tests].filter((t) => t.state === 'passed' || t.state === 'failed');
  const skipped = [...tests].filter((t) => t.isPending());
  if (existsSync(corpus.path())) return ran.length ? `${corpus.name}: ${count(ran.length)} ran on the ${corpus.name} corpus (${corpus.path()}).` : '';
  if (!skipped.length) return '';
  const files = [...new Set(skipped.map((t) => basename(t.file ?? '?').replace(/\.test\.ts$/, '')))].sort().join(', ');
  return `${corpus.name}: ${count(skipped.length)} skipped (${files}): no ${corpus.name} corpus at ${corpus.path()}; to run ${skipped.length === 1 ? 'it' : 'them'}, ${corpus.howto}.`;
}

export type TherapistBehaviour = 'reflection' | 'question' | 'therapist_input' | 'other';
export type ClientTalkType = 'change' | 'neutral' | 'sustain';

/** One utterance of the CSV, typed. */
export interface AnnomiRow {
  transcriptId: number;
  miQuality: 'high' | 'low';
  topic: string;
  utteranceId: number;
  interlocutor: 'therapist' | 'client';
  /** As written in the CSV (one row says `00:09:025`). */
  timestamp: string;
  /** `timestamp` read leniently as seconds from the start. */
  seconds: number;
  text: string;
  therapistBehaviour: TherapistBehaviour | null;
  clientTalkType: ClientTalkType | null;
}

/** The annotation of each AnnoMI label as a code of the built-in `core` codebook. */
export const CORE_CODE_FOR: Record<TherapistBehaviour | ClientTalkType, string> = {
  question: 'open-question',
  reflection: 'reflection',
  therapist_input: 'psychoeducation',
  other: 'other',
  change: 'change-talk',
  neutral: 'neutral',
  sustain: 'sustain-talk',
};

const cache = new Map<string, Map<number, AnnomiRow[]>>();

/** The utterances of the CSV grouped by transcript id (ascending), each group ordered by utterance id. */
export function loadAnnomi(csvPath = ANNOMI_CSV): Map<number, AnnomiRow[]> {
  const cached = cache.get(csvPath);
  if (cached) return cached;
  if (!existsSync(csvPath)) throw new Error(`No AnnoMI corpus at ${csvPath}: ${ANNOMI_HOWTO}.`);
  const records = parse(readFileSync(csvPath), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const rows = records.map(toRow).sort((a, b) => a.transcriptId - b.transcriptId || a.utteranceId - b.utteranceId);
  const grouped = new Map<number, AnnomiRow[]>();
  for (const row of rows) {
    const group = grouped.get(row.transcriptId);
    if (group) group.push(row);
    else grouped.set(row.transcriptId, [row]);
  }
  cache.set(csvPath, grouped);
  return grouped;
}

function toRow(r: Record<string, string>): AnnomiRow {
  const na = <T extends string>(value: string | undefined): T | null => (!value || value === 'n/a' ? null : (value as T));
  return {
    transcriptId: Number(r['transcript_id']),
    miQuality: r['mi_quality'] === 'low' ? 'low' : 'high',
    topic: (r['topic'] ?? '').trim(),
    utteranceId: Number(r['utterance_id']),
    interlocutor: r['interlocutor'] === 'client' ? 'client' : 'therapist',
    timestamp: r['timestamp'] ?? '',
    seconds: (r['timestamp'] ?? '0').split(':').reduce((total, part) => total * 60 + Number(part), 0),
    text: r['utterance_text'] ?? '',
    therapistBehaviour: na<TherapistBehaviour>(r['main_therapist_behaviour']),
    clientTalkType: na<ClientTalkType>(r['client_talk_type']),
  };
}

/**
 * The utterance as the words of a one-line turn. Every turn is written on a single line after
 * its `[hh:mm:ss] T:` prefix, so nothing in the words can start a block (`#`, `>`, `-`, `*`,
 * `1.`) or a new turn (`Label:`); line breaks become spaces, braces (which would read as codes)
 * become parentheses and backticks (which could open a code span hiding later codes) become quotes.
 */
export function sanitiseUtterance(text: string): string {
  const words = text.replace(/\{/g, '(').replace(/\}/g, ')').replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  return words || '[inaudible]';
}

export interface GoalSpec {
  id: string;
  text: string;
  status?: 'open' | 'in-progress' | 'achieved' | 'dropped';
}

export interface AnnomiSessionOptions {
  /** Repeat the rows (offsetting timestamps each time) or cut them to exactly this many turns. */
  turns?: number;
  session?: number;
  date?: string;
  client?: string;
  therapist?: string;
  /** `codebook:` in the front matter, a built-in name or a path; default `core`. */
  codebook?: string;
  /** Default: one goal per topic (at most two) plus `health`. */
  goals?: GoalSpec[];
  /** Write turns on consecutive lines instead of separating them with blank lines. */
  compact?: boolean;
  /** A memo after every n-th turn; default 25. */
  memoEvery?: number;
  /** A goal reference on every n-th turn of Beginning and Middle; default 15. */
  goalEvery?: number;
  /** The codes of a turn; default the `core` code of its AnnoMI label (CORE_CODE_FOR), none for `n/a`. */
  codesOf?: (row: AnnomiRow) => string[];
}

/** What a turn of the generated session should parse to. */
export interface ExpectedTurn {
  row: AnnomiRow;
  /** Which repetition of a transcript the turn belongs to; timestamps are offset per segment. */
  segment: number;
  offsetSeconds: number;
  label: 'T' | 'C';
  role: 'therapist' | 'client';
  /** 0 Beginning, 1 Middle, 2 Termination. */
  phase: number;
  seconds: number;
  text: string;
  codes: string[];
  goals: string[];
  memo?: string;
}

export interface AnnomiSession {
  text: string;
  goals: GoalSpec[];
  turns: ExpectedTurn[];
  counts: {
    turns: number;
    byRole: { therapist: number; client: number };
    codes: Record<string, number>;
    goals: Record<string, number>;
    memos: number;
  };
}

const TOPIC_GOALS: [RegExp, GoalSpec][] = [
  [/alcohol/, { id: 'drinking', text: 'Keep drinking within low-risk limits' }],
  [/smoking/, { id: 'smoking', text: 'Stop smoking' }],
  [/drug/, { id: 'drugs', text: 'Cut down on drug use' }],
  [/recidivism/, { id: 'offending', text: 'Stay out of trouble with the law' }],
  [/gambling/, { id: 'gambling', text: 'Stop gambling' }],
  [/weight/, { id: 'weight', text: 'Lose weight steadily' }],
  [/exercise|activity/, { id: 'exercise', text: 'Be active three times a week' }],
  [/diabetes|asthma|medicine|disease/, { id: 'treatment', text: 'Follow the treatment plan' }],
];
const HEALTH_GOAL: GoalSpec = { id: 'health', text: 'Look after physical health', status: 'open' };
const PHASES = ['Beginning', 'Middle — exploring ambivalence', 'Termination'];
const GAP_SECONDS = 10;

function defaultGoals(rows: readonly AnnomiRow[]): GoalSpec[] {
  const goals: GoalSpec[] = [];
  for (const topic of new Set(rows.map((r) => r.topic))) {
    const goal = TOPIC_GOALS.find(([pattern]) => pattern.test(topic))?.[1] ?? { id: 'change', text: 'Make the change the client chose' };
    if (goals.length < 2 && !goals.some((g) => g.id === goal.id)) goals.push({ ...goal, status: 'in-progress' });
  }
  return [...goals, HEALTH_GOAL];
}

function clock(seconds: number): string {
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(Math.floor(seconds / 3600))}:${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
}

/**
 * Builds a `.session.md` text from the rows of one or more transcripts (concatenated, in order)
 * and the turns, counts and codes it should parse to.
 */
export function annomiSession(rows: readonly AnnomiRow[], options: AnnomiSessionOptions = {}): AnnomiSession {
  if (rows.length === 0) throw new Error('annomiSession needs at least one row');
  const total = options.turns ?? rows.length;
  const goals = options.goals ?? defaultGoals(rows);
  const memoEvery = options.memoEvery ?? 25;
  const goalEvery = options.goalEvery ?? 15;
  const beginning = Math.max(1, Math.round(total * 0.15));
  const termination = Math.max(1, Math.round(total * 0.15));
  const phaseOf = (i: number): number => (i < beginning ? 0 : i < total - termination ? 1 : 2);

  // Pick the rows, starting a new segment at each transcript and each repetition so timestamps keep increasing.
  const turns: ExpectedTurn[] = [];
  let segment = -1;
  let offset = 0;
  let latest = 0;
  for (let i = 0; i < total; i++) {
    const row = rows[i % rows.length]!;
    const previous = i === 0 ? undefined : rows[(i - 1) % rows.length]!;
    if (!previous || i % rows.length === 0 || previous.transcriptId !== row.transcriptId) {
      segment++;
      offset = i === 0 ? 0 : latest + GAP_SECONDS;
    }
    const therapist = row.interlocutor === 'therapist';
    const label = therapist ? row.therapistBehaviour : row.clientTalkType;
    const phase = phaseOf(i);
    const fromEnd = total - 1 - i;
    // Goal references now and then, and on the last turns of Termination so every goal is reviewed.
    const goalIds: string[] = [];
    if (phase < 2 && i % goalEvery === goalEvery - 1) goalIds.push(goals[Math.floor(i / goalEvery) % goals.length]!.id);
    if (phase === 2 && fromEnd < goals.length) goalIds.push(goals[fromEnd]!.id);
    const turn: ExpectedTurn = {
      row,
      segment,
      offsetSeconds: offset,
      label: therapist ? 'T' : 'C',
      role: row.interlocutor,
      phase,
      seconds: row.seconds + offset,
      text: sanitiseUtterance(row.text),
      codes: options.codesOf ? options.codesOf(row) : label ? [CORE_CODE_FOR[label]] : [],
      goals: goalIds,
    };
    if (i % memoEvery === memoEvery - 1) {
      turn.memo = `AnnoMI transcript ${row.transcriptId}, utterance ${row.utteranceId}: ${row.miQuality}-quality MI on ${row.topic || 'an unnamed topic'}.`;
    }
    latest = Math.max(latest, turn.seconds);
    turns.push(turn);
  }

  const first = rows[0]!;
  const lines: string[] = [
    '---',
    `session: ${options.session ?? 1}`,
    `date: ${options.date ?? '2026-03-14'}`,
    `client: ${options.client ?? `C-${String(first.transcriptId).padStart(3, '0')}`}`,
    `therapist: ${options.therapist ?? 'T-01'}`,
    'approach: MI',
    'speakers:',
    '  T: therapist',
    '  C: client',
    'phases: default',
    `codebook: ${options.codebook ?? 'core'}`,
    'goals:',
    ...goals.flatMap((g) => [`  - id: ${g.id}`, `    text: ${JSON.stringify(g.text)}`, `    status: ${g.status ?? 'open'}`]),
    '---',
    '',
    `# Session ${options.session ?? 1}`,
  ];
  turns.forEach((turn, i) => {
    const before = turns[i - 1];
    const newPhase = before?.phase !== turn.phase;
    const newSegment = before?.segment !== turn.segment;
    if (newPhase) lines.push('', `## ${PHASES[turn.phase]}`);
    if (newSegment) lines.push('', `### AnnoMI transcript ${turn.row.transcriptId}: ${turn.row.topic || 'unnamed topic'}`);
    // A blank line after a memo is needed: without it the next turn would continue the blockquote.
    if (newPhase || newSegment || !options.compact || before?.memo) lines.push('');
    const annotations = [...turn.codes.map((c) => `{${c}}`), ...turn.goals.map((g) => `{#${g}}`)].join(' ');
    lines.push(`[${clock(turn.seconds)}] ${turn.label}: ${turn.text}${annotations ? ` ${annotations}` : ''}`);
    if (turn.memo) lines.push('', `> Memo: ${turn.memo}`);
  });
  lines.push('');

  const counts: AnnomiSession['counts'] = { turns: turns.length, byRole: { therapist: 0, client: 0 }, codes: {}, goals: {}, memos: 0 };
  for (const turn of turns) {
    counts.byRole[turn.role]++;
    for (const code of turn.codes) counts.codes[code] = (counts.codes[code] ?? 0) + 1;
    for (const goal of turn.goals) counts.goals[goal] = (counts.goals[goal] ?? 0) + 1;
    if (turn.memo) counts.memos++;
  }
  return { text: lines.join('\n'), goals, turns, counts };
}

/** The core codes of a turn as the AnnoMI label they stand for (the reverse of CORE_CODE_FOR, by family). */
function labelOf(role: 'therapist' | 'client', codes: readonly string[]): TherapistBehaviour | ClientTalkType {
  if (role === 'client') return codes.includes('change-talk') ? 'change' : codes.includes('sustain-talk') ? 'sustain' : 'neutral';
  if (codes.some((c) => c.endsWith('question'))) return 'question';
  if (codes.some((c) => c.startsWith('reflection'))) return 'reflection';
  return codes.includes('psychoeducation') ? 'therapist_input' : 'other';
}

/**
 * The turns of the example sessions (examples/C-017) as AnnoMI-like rows, one transcript per file:
 * realistic sessions to build from (annomiSession) when the AnnoMI corpus is not there.
 */
export function exampleTranscripts(): Map<number, AnnomiRow[]> {
  const dir = join(ROOT, 'examples', 'C-017');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.session.md'))
    .sort();
  return new Map(
    files.map((file, transcriptId) => {
      let seconds = 0;
      const turns = parseSession(readFileSync(join(dir, file), 'utf8')).turns.filter((t) => t.role !== 'other');
      const rows = turns.map((turn, utteranceId): AnnomiRow => {
        const role = turn.role === 'client' ? 'client' : 'therapist';
        const label = labelOf(
          role,
          turn.codes.map((c) => c.id),
        );
        seconds = Math.max(seconds, turn.timestamp?.seconds ?? seconds);
        const therapist = role === 'therapist';
        const text = turn.text;
        return {
          transcriptId,
          miQuality: 'high',
          topic: 'sleep',
          utteranceId,
          interlocutor: role,
          timestamp: turn.timestamp?.raw ?? '',
          seconds,
          text,
          therapistBehaviour: therapist ? (label as TherapistBehaviour) : null,
          clientTalkType: therapist ? null : (label as ClientTalkType),
        };
      });
      return [transcriptId, rows];
    }),
  );
}

/**
 * Transcripts to build realistic sessions from: AnnoMI when it is there, else the examples
 * (exampleTranscripts), so the property tests that mutate real sessions always have seeds.
 */
export function realisticTranscripts(): Map<number, AnnomiRow[]> {
  return annomiAvailable() ? loadAnnomi() : exampleTranscripts();
}

/** What realisticTranscripts() reads, for test titles: 'AnnoMI' or 'the examples'. */
export function realisticSource(): string {
  return annomiAvailable() ? 'AnnoMI' : 'the examples';
}

function count(tests: number): string {
  return `${tests} ${tests === 1 ? 'test' : 'tests'}`;
}
