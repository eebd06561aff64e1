import type { Rule } from '../types';

/** A timestamp earlier than the one before it. */
export const timestampOrder: Rule = {
  id: 'timestamp-order',
  description: 'Timestamps must not go backwards.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    let previous: { raw: string; seconds: number; line: number } | undefined;
    for (const turn of session.turns) {
      const ts = turn.timestamp;
      if (!ts || ts.seconds === undefined) continue;
      if (previous && ts.seconds < previous.seconds) {
        report({ message: `Timestamp [${ts.raw}] is earlier than the one before it ([${previous.raw}] at line ${previous.line})`, range: ts.range });
      }
      previous = { raw: ts.raw, seconds: ts.seconds, line: ts.range.start.line };
    }
  },
};
