import { parseTimestamp } from '../../parse/turns';
import { excerpt } from '../../text/excerpt';

const two = (n: number): string => String(n).padStart(2, '0');

/** A number of seconds as the `hh:mm:ss` of a turn's timestamp; fractions of a second are dropped. */
export function formatClock(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  return `${two(Math.floor(whole / 3600))}:${two(Math.floor(whole / 60) % 60)}:${two(whole % 60)}`;
}

/** A source's time read as seconds, and why it was changed or left out when it was. */
export interface ClockReading {
  seconds?: number;
  warning?: string;
}

const SECONDS = /^\d+(?:[.,]\d+)?$/;
const LOOSE_CLOCK = /^\d+(?::\d+){1,2}(?:[.,]\d+)?$/;

/**
 * Reads a time as a transcript or table writes it: `hh:mm:ss`, `mm:ss` (with an optional
 * fraction) or plain seconds. A clock with odd digit counts, such as `00:09:025`, is read
 * by its numbers (00:09:25) with a warning; anything else is left out with a warning.
 */
export function readClock(raw: string): ClockReading {
  const value = raw.trim();
  if (value === '') return {};
  const strict = parseTimestamp(value);
  if (strict !== undefined) return { seconds: strict };
  if (SECONDS.test(value)) return { seconds: Number(value.replace(',', '.')) };
  if (LOOSE_CLOCK.test(value)) {
    const [clock, fraction] = value.split(/[.,]/);
    const parts = clock!.split(':').map(Number);
    const [s, m = 0, h = 0] = parts.reverse();
    if (m < 60 && s! < 60) {
      const seconds = h * 3600 + m * 60 + s! + (fraction ? Number(`0.${fraction}`) : 0);
      // The source's text is shown masked, as in every message; the clock it became is the tool's own.
      return { seconds, warning: `timestamp '${excerpt(value)}' read as ${formatClock(seconds)}` };
    }
  }
  return { warning: `timestamp '${excerpt(value)}' is not a time; the turn is kept without one` };
}
