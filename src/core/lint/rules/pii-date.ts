import { numbersOf } from '../pii/numbersOf';
import { reportSpans } from '../pii/report';
import type { Rule } from '../types';

/** A full date (day, month and year) said in a turn, such as a birthday; the front matter's `date:` is the session's own. */
export const piiDate: Rule = {
  id: 'pii-date',
  description: 'Turns must not contain full dates with day, month and year (de-identification).',
  defaultSeverity: 'error',
  check(context) {
    reportSpans(context, numbersOf(context.session).date, 'Full date', { turnsOnly: true });
  },
};
