import type { Session, Turn } from '../model';

// Where the phases of the model stand in a session, and how long phases and sessions last, from
// the headings and the timestamps: what the counts of a session (stats.ts) read about time and
// order. docs/research.md explains the rules.

/** How a phase of the model shows up in a session: its heading is there, not there, or after a later phase's. */
export type PhaseStatus = 'present' | 'missing' | 'out-of-order';

/** The index in the phase model of the phase a turn is under; -1 for a turn under no phase. */
export function phaseIndexOf(session: Session, turn: Turn): number {
  return session.sections[turn.sectionIndex]?.phaseIndex ?? -1;
}

/** The status of each phase of the model, in the model's order: out of order when a later phase's heading comes before its first one. */
export function phaseStatuses(session: Session): PhaseStatus[] {
  const statuses: PhaseStatus[] = session.phaseModel.phases.map(() => 'missing');
  let latest = -1;
  for (const { phaseIndex } of session.sections) {
    if (phaseIndex >= 0 && statuses[phaseIndex] === 'missing') statuses[phaseIndex] = latest > phaseIndex ? 'out-of-order' : 'present';
    latest = Math.max(latest, phaseIndex);
  }
  return statuses;
}

/** Seconds between the earliest and the latest valid timestamp; undefined with fewer than two. */
export function durationOf(turns: readonly Turn[]): number | undefined {
  let [earliest, latest, timed] = [Infinity, -Infinity, 0];
  for (const turn of turns) {
    const seconds = turn.timestamp?.seconds;
    if (seconds === undefined) continue;
    earliest = Math.min(earliest, seconds);
    latest = Math.max(latest, seconds);
    timed++;
  }
  return timed < 2 ? undefined : latest - earliest;
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
