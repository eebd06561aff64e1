import { reportSpans } from '../pii/report';
import { findEmails } from '../pii/words';
import type { Rule } from '../types';

/** An e-mail address anywhere in the transcript or its front matter. */
export const piiEmail: Rule = {
  id: 'pii-email',
  description: 'Transcripts must not contain e-mail addresses (de-identification).',
  defaultSeverity: 'error',
  check(context) {
    reportSpans(context, findEmails(context.session.text), 'E-mail address');
  },
};
