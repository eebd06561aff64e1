import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

// Digits in the right places, so the only thing that can be wrong is a field of 60 or more.
const SHAPE = /^(?:(\d{1,2}):)?(\d{1,2}):(\d{2})([.,]\d{1,3})?$/;

/** A turn timestamp that is not `[hh:mm:ss]` or `[mm:ss]`. */
export const timestampInvalid: Rule = {
  id: 'timestamp-invalid',
  description: 'Timestamps are `[hh:mm:ss]` or `[mm:ss]`, with minutes and seconds below 60 and an optional fraction.',
  defaultSeverity: 'error',
  check({ session, report }) {
    for (const turn of session.turns) {
      const ts = turn.timestamp;
      if (!ts || ts.seconds !== undefined) continue;
      report({ message: describe(ts.raw), range: ts.range });
    }
  },
};

// The timestamp as written is shown masked, as all transcript text is; what the rule read from its
// one- or two-digit fields (a number of seconds, the same time with hours) is the tool's own reading.
function describe(raw: string): string {
  const shown = `'[${excerpt(raw)}]'`;
  const shape = SHAPE.exec(raw);
  if (shape) {
    const [, hours, minutes, seconds, fraction] = shape;
    if (Number(seconds) >= 60) return `Timestamp ${shown} has ${Number(seconds)} seconds; seconds must be below 60`;
    if (Number(minutes) >= 60) {
      const hint = hours === undefined ? `; write an hour, as in [${toHours(Number(minutes), seconds! + (fraction ?? ''))}]` : '';
      return `Timestamp ${shown} has ${Number(minutes)} minutes; minutes must be below 60${hint}`;
    }
  }
  return `Malformed timestamp ${shown}; use [hh:mm:ss] or [mm:ss]`;
}

function toHours(minutes: number, seconds: string): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}:${seconds}`;
}
