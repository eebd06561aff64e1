import { positionAt } from '../../text/lines';
import { reportSpans } from '../pii/report';
import { findUrls } from '../pii/words';
import type { Rule } from '../types';

// The editor's schema modeline (`# yaml-language-server: $schema=https://…`) names a schema, not a person.
const MODELINE = /^[ \t]*#[ \t]*yaml-language-server:/;

/** A web address (`https://…`, `ftp://…`, `www.…`): a profile or a page about a person can identify them. */
export const piiUrl: Rule = {
  id: 'pii-url',
  description: 'Transcripts must not contain web addresses (de-identification): those with `http://`, `https://` or `ftp://`, and `www.` hosts.',
  defaultSeverity: 'error',
  check(context) {
    const { text, lineStarts } = context.session;
    const spans = findUrls(text).filter((span) => !MODELINE.test(text.slice(lineStarts[positionAt(lineStarts, span.start).line - 1], span.start)));
    reportSpans(context, spans, 'Web address');
  },
};
