import { reportSpans } from '../pii/report';
import { findNames } from '../pii/names';
import type { Rule } from '../types';

/** A name from the project's denylist (`pii.names` in the config), in any case, as a whole word. */
export const piiName: Rule = {
  id: 'pii-name',
  description: 'Transcripts must not contain the names of the denylist that `pii.names` in the configuration points to (de-identification).',
  defaultSeverity: 'error',
  check(context) {
    const names = context.config.pii?.names;
    if (names && names.length > 0) reportSpans(context, findNames(context.session.text, names), 'Name from the denylist');
  },
};
