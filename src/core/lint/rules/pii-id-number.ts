import { numbersOf } from '../pii/numbersOf';
import { reportSpans } from '../pii/report';
import type { Rule } from '../types';

/** A long digit run or an ID-like pattern (`123-45-6789`, `QQ 12 34 56 C`, an IBAN) that is no date or phone number. */
export const piiIdNumber: Rule = {
  id: 'pii-id-number',
  description: 'Transcripts must not contain ID-like numbers (de-identification): 8 or more digits, social security, National Insurance or IBAN-like patterns.',
  defaultSeverity: 'error',
  check(context) {
    reportSpans(context, numbersOf(context.session).idNumber, 'ID-like number');
  },
};
