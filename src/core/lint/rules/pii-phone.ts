import { numbersOf } from '../pii/numbersOf';
import { reportSpans } from '../pii/report';
import type { Rule } from '../types';

/** A phone number, international (`+44 20 7946 0958`, `0044 …`) or national (`(555) 123-4567`, `07700 900123`). */
export const piiPhone: Rule = {
  id: 'pii-phone',
  description:
    'Transcripts must not contain phone numbers (de-identification): international, such as `+44 20 7946 0958` or `0044 …`, or national, such as `(555) 123-4567` or `07700 900123`.',
  defaultSeverity: 'error',
  check(context) {
    reportSpans(context, numbersOf(context.session).phone, 'Phone number');
  },
};
