import { piiKey } from '../../config/piiFiles';
import type { Fix, Session, TextEdit } from '../../model';
import { rangeAt } from '../../text/lines';
import type { RuleContext } from '../types';
import { describePlace, placeOf, type PiiSpan, type Place } from './places';
import { frontMatterEdit } from './yamlEdit';

/** The transcription mark that stands for removed identifying text. */
export const REDACTED = '[redacted]';

/**
 * Reports each span where the pii rules look (see `placeOf`; with `turnsOnly`, in turns alone).
 * The message names the kind and the place but never quotes the text, so CI logs and SARIF
 * uploads do not repeat what they warn about.
 */
export function reportSpans(context: RuleContext, spans: readonly PiiSpan[], what: string, options: { turnsOnly?: boolean } = {}): void {
  const { session, config, report } = context;
  for (const span of spans) {
    const place = placeOf(session, span);
    if (!place || (options.turnsOnly && place.kind !== 'turn')) continue;
    report({
      message: `${what} ${describePlace(place)}; redact it or replace it with a pseudonym`,
      range: rangeAt(session.lineStarts, span.start, span.end),
      fixes: piiFixes(session, span, place, config.pii?.pseudonyms),
    });
  }
}

// `[redacted]` right before `(`, `[` or `:` would read as a link or a link definition (and the line
// would vanish from the turn); a space keeps it text.
function keepAsText(newText: string, next: string): string {
  return newText.endsWith(']') && (next === '(' || next === '[' || next === ':') ? `${newText} ` : newText;
}

// The pseudonym the project mapped the text to (safe: the user chose it), then `[redacted]` (a decision per case, so never applied by --fix).
function piiFixes(session: Session, span: PiiSpan, place: Place, pseudonyms: ReadonlyMap<string, string> | undefined): Fix[] {
  const edit = (newText: string): TextEdit =>
    place.kind === 'front matter'
      ? frontMatterEdit(session, span, newText)
      : { range: rangeAt(session.lineStarts, span.start, span.end), newText: keepAsText(newText, session.text.charAt(span.end)) };
  const fixes: Fix[] = [];
  const key = piiKey(session.text.slice(span.start, span.end));
  const pseudonym = pseudonyms?.get(key);
  // A pseudonym that still holds the text would be found again on every --fix pass.
  if (pseudonym !== undefined) fixes.push({ title: `Replace with '${pseudonym}'`, edits: [edit(pseudonym)], safe: !piiKey(pseudonym).includes(key) });
  fixes.push({ title: `Replace with ${REDACTED}`, edits: [edit(REDACTED)], safe: false });
  return fixes;
}
