import type { Session, Turn } from '../model';
import { parseTimestamp } from '../parse/turns';

// A coded segment of a session: MITI 4.2.1 recommends coding a random 20-minute segment, so
// `session-md stats --from --to` scores only the turns that fall in one. A turn falls in the
// segment when its time is from its start and before its end. A turn's time is its own valid
// timestamp; a turn without one takes the time of the turn before it (it was spoken after
// that one), and turns before the first timestamp are at 00:00:00, the start of the recording.

/** A segment of a session in seconds from its start: from `from` (included) to before `to`; an end left out is open. */
export interface SegmentWindow {
  from?: number;
  to?: number;
}

/** Seconds from `hh:mm:ss` or `mm:ss` (with an optional fraction), as timestamps are written; undefined for anything else. */
export function clockSeconds(text: string): number | undefined {
  return parseTimestamp(text.trim());
}

/** Seconds as `hh:mm:ss`, e.g. 600 as `00:10:00`; a fraction of a second is kept after a `.`. */
export function clockText(seconds: number): string {
  const whole = Math.floor(seconds);
  const two = (n: number): string => String(n).padStart(2, '0');
  const fraction = seconds - whole > 0 ? String(Number((seconds - whole).toFixed(3))).slice(1) : '';
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor((whole % 3600) / 60))}:${two(whole % 60)}${fraction}`;
}

/** The session with only the turns in the segment (its headings and front matter as they are), or undefined when no turn has a valid timestamp. */
export function sessionSegment(session: Session, window: SegmentWindow): Session | undefined {
  if (!session.turns.some((turn) => turn.timestamp?.seconds !== undefined)) return undefined;
  const from = window.from ?? -Infinity;
  const to = window.to ?? Infinity;
  let time = 0;
  const turns: Turn[] = [];
  for (const turn of session.turns) {
    time = turn.timestamp?.seconds ?? time;
    if (time >= from && time < to) turns.push(turn);
  }
  return { ...session, turns };
}
