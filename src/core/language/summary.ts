import { lookupCode, type Codebook } from '../codebook/codebook';
import type { Session, Speaker, Turn } from '../model';
import type { GoalSummary, PhaseSummary, SessionSummary, SpeakerSummary } from './types';

// What the Sessions sidebar, the All Sessions tree and the statistics report show about a
// session, computed from the parsed model alone.

/** Where a session belongs in the All Sessions tree: its client (or course) and its number. */
export interface CourseKey {
  group: string;
  number?: number;
}

/** The group used for sessions whose front matter names neither a client nor a course. */
export const NO_CLIENT = '(no client)';

const MARK = /\([a-z][a-z' -]*\)|\[[a-z][a-z' -]*\]/gi;
const WORDY = /[\p{L}\p{N}]/u;

/** Summarises a session: phases, speakers, code counts, goals and duration. */
export function summariseSession(session: Session, codebook?: Codebook): SessionSummary {
  const words = session.turns.map((t) => countWords(t.text));
  const summary: SessionSummary = {
    turns: session.turns.length,
    words: words.reduce((a, b) => a + b, 0),
    phases: summarisePhases(session),
    speakers: summariseSpeakers(session.frontMatter?.speakers ?? [], session.turns, words),
    codes: countCodes(session.turns, codebook),
    goals: summariseGoals(session),
  };
  const duration = durationOf(session.turns);
  if (duration !== undefined) summary.durationSeconds = duration;
  return summary;
}

/** The number of spoken words in a turn's text; transcription marks such as `(pause)` do not count. */
export function countWords(text: string): number {
  return text.replace(MARK, ' ').split(/\s+/).filter((w) => WORDY.test(w)).length;
}

/** The phases of the model, in its order, each present, missing or out of order. */
export function summarisePhases(session: Session): PhaseSummary[] {
  const total = session.turns.length;
  const counts = session.phaseModel.phases.map(() => 0);
  for (const turn of session.turns) {
    const index = session.sections[turn.sectionIndex]?.phaseIndex ?? -1;
    if (index >= 0) counts[index]!++;
  }
  return session.phaseModel.phases.map((phase, index) => {
    const at = session.sections.findIndex((s) => s.phaseIndex === index);
    const turns = counts[index]!;
    const summary: PhaseSummary = { name: phase.name, status: 'missing', turns, share: total ? turns / total : 0 };
    if (at < 0) return summary;
    summary.headingRange = session.sections[at]!.headingRange;
    const laterBefore = session.sections.slice(0, at).some((s) => s.phaseIndex > index);
    summary.status = laterBefore ? 'out-of-order' : 'present';
    return summary;
  });
}

/** Declared speakers (defaults only when used) and undeclared labels, with turn and word shares of `turns` (`words[i]` is turn i's word count). */
export function summariseSpeakers(declared: readonly Speaker[], turns: readonly Turn[], words: readonly number[]): SpeakerSummary[] {
  const byLabel = new Map<string, SpeakerSummary>();
  for (const speaker of declared) byLabel.set(speaker.label, blankSpeaker(speaker.label, speaker.role));
  turns.forEach((turn, i) => {
    let entry = byLabel.get(turn.label);
    if (!entry) byLabel.set(turn.label, (entry = blankSpeaker(turn.label, turn.role)));
    entry.turns++;
    entry.words += words[i]!;
  });
  const totalWords = words.reduce((a, b) => a + b, 0);
  return [...byLabel.values()].map((s) => ({
    ...s,
    turnShare: turns.length ? s.turns / turns.length : 0,
    wordShare: totalWords ? s.words / totalWords : 0,
  }));
}

function blankSpeaker(label: string, role: SpeakerSummary['role']): SpeakerSummary {
  const speaker: SpeakerSummary = { label, turns: 0, words: 0, turnShare: 0, wordShare: 0 };
  if (role) speaker.role = role;
  return speaker;
}

/** How often each code is used, most used first, with the codebook's label. */
export function countCodes(turns: readonly Turn[], codebook?: Codebook): SessionSummary['codes'] {
  const counts = new Map<string, number>();
  for (const turn of turns) for (const code of turn.codes) counts.set(code.id, (counts.get(code.id) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .map(([id, count]) => {
      const label = codebook ? lookupCode(codebook, id)?.label : undefined;
      return label === undefined ? { id, count } : { id, label, count };
    });
}

/** Each declared goal with the turns that reference it, in document order. */
function summariseGoals(session: Session): GoalSummary[] {
  return (session.frontMatter?.goals ?? []).map((goal) => ({
    goal,
    status: goal.status,
    references: session.turns.flatMap((turn) => turn.goals.filter((g) => g.id === goal.id).map((g) => ({ turn, range: g.range }))),
  }));
}

/** Seconds between the earliest and the latest valid timestamp; undefined with fewer than two. */
export function durationOf(turns: readonly Turn[]): number | undefined {
  const seconds = turns.flatMap((t) => (t.timestamp?.seconds === undefined ? [] : [t.timestamp.seconds]));
  if (seconds.length < 2) return undefined;
  return Math.max(...seconds) - Math.min(...seconds);
}

/** The All Sessions grouping key: front matter `client`, else `course`, else "(no client)", and the session number. */
export function courseKey(session: Session): CourseKey {
  const fm = session.frontMatter;
  const key: CourseKey = { group: fm?.client ?? fm?.course ?? NO_CLIENT };
  if (fm?.session !== undefined) key.number = fm.session;
  return key;
}

/** Groups items by course key: groups by name ("(no client)" last), items by session number then name. */
export function groupByCourse<T>(items: T[], keyOf: (item: T) => CourseKey & { name: string }): { group: string; items: T[] }[] {
  const keyed = items.map((item) => ({ item, key: keyOf(item) }));
  keyed.sort((a, b) => (a.key.number ?? Infinity) - (b.key.number ?? Infinity) || a.key.name.localeCompare(b.key.name));
  const groups = new Map<string, T[]>();
  for (const { item, key } of keyed) {
    const list = groups.get(key.group);
    if (list) list.push(item);
    else groups.set(key.group, [item]);
  }
  const rank = (g: string) => (g === NO_CLIENT ? 1 : 0);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b)).map(([group, list]) => ({ group, items: list }));
}

/** How many of the model's phases have a heading, e.g. `{ present: 2, total: 3 }`. */
export function phaseCompleteness(summary: SessionSummary): { present: number; total: number } {
  return { present: summary.phases.filter((p) => p.status !== 'missing').length, total: summary.phases.length };
}

/** A share as a whole percentage, e.g. `23%`. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Seconds as `m:ss` or `h:mm:ss`. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(Math.floor(seconds % 60)).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** A one-line preview of a turn, e.g. `12 · C: I keep lying awake…`. */
export function turnPreview(turn: Turn, maxLength = 40): string {
  const text = turn.text.replace(/\s+/g, ' ').trim();
  const short = text.length > maxLength ? text.slice(0, maxLength).trimEnd() + '…' : text;
  return `${turn.index} · ${turn.label}: ${short}`;
}
