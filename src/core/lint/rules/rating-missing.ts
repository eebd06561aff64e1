import { rangeAt } from '../../text/lines';
import type { Range } from '../../model';
import { listNames, trimRange } from '../ruleHelpers';
import type { Rule, RuleContext } from '../types';

/** A session without a value for a rating scale its codebook requires: one finding for the session, not one per scale. */
export const ratingMissing: Rule = {
  id: 'rating-missing',
  description: 'A session gives a value under `ratings:` for every rating scale that its codebook marks `required` (such as the four MITI globals).',
  defaultSeverity: 'warning',
  codebook: true,
  check(context) {
    const { session, codebook, report } = context;
    const required = (codebook?.ratings ?? []).filter((s) => s.required);
    const fm = session.frontMatter;
    // Unreadable YAML, or a `ratings:` that is no mapping: front-matter-invalid says so, and nothing can be told missing.
    if (required.length === 0 || fm?.problems.some((p) => p.kind === 'syntax') || (fm?.keyRanges.has('ratings') && !fm.ratings)) return;
    const given = new Set((fm?.ratings ?? []).map((r) => r.id));
    const missing = required.filter((s) => !given.has(s.id));
    if (missing.length === 0) return;
    const ids = listNames(missing.map((s) => s.id));
    const where = "under 'ratings:' in the front matter (in VS Code: Rate Session…)";
    const ratingsKey = fm?.keyRanges.get('ratings')?.key;
    const message = ratingsKey
      ? `Missing ${missing.length === 1 ? 'rating' : 'ratings'} ${ids}, which codebook '${codebook!.name}' requires; add ${missing.length === 1 ? 'it' : 'them'} ${where}`
      : `This session is not rated yet: codebook '${codebook!.name}' requires ${required.length === 1 ? 'a rating' : `${required.length} ratings`} (${listNames(required.map((s) => s.id))}); add ${required.length === 1 ? 'it' : 'them'} ${where}`;
    report({ message, range: ratingsKey ?? placeOfCodebook(context) });
  },
};

// Where the codebook that asks for the ratings is named: its `codebook:` value, else the front matter's opening fence, else the file's start.
function placeOfCodebook({ session, codebookRequest }: RuleContext): Range {
  if (codebookRequest?.from === 'front matter' && codebookRequest.range) return trimRange(session, codebookRequest.range);
  return rangeAt(session.lineStarts, 0, session.frontMatter ? Math.min(3, session.text.length) : 0);
}
