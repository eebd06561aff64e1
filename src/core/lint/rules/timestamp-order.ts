import type { Rule } from '../types';

/** A timestamp earlier than the one before it. */
export const timestampOrder: Rule = {
  id: 'timestamp-order',
  description: 'Timestamps must not go backwards.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    let previous: { seconds: number; line: number } | undefined;
    for (const turn of session.turns) {
      const ts = turn.timestamp;
      if (!ts || ts.seconds === undefined) continue;
      if (previous && ts.seconds < previous.seconds) {
        report({ message: `This timestamp is earlier than the one before it (at line ${previous.line}); timestamps must not go backwards`, range: ts.range });
      }
      previous = { seconds: ts.seconds, line: ts.range.start.line };
    }
  },
};
