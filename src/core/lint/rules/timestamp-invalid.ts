import type { Rule } from '../types';

/** A turn timestamp that is not `[hh:mm:ss]` or `[mm:ss]`. */
export const timestampInvalid: Rule = {
  id: 'timestamp-invalid',
  description: 'Timestamps are [hh:mm:ss] or [mm:ss], with minutes and seconds below 60 and an optional fraction.',
  defaultSeverity: 'error',
  check({ session, report }) {
    for (const turn of session.turns) {
      const ts = turn.timestamp;
      if (ts && ts.seconds === undefined) report({ message: `Malformed timestamp '[${ts.raw}]'; use [hh:mm:ss] or [mm:ss]`, range: ts.range });
    }
  },
};
