import { excerpt } from '../../text/excerpt';
import { closestName, spellingBudget } from '../../text/spelling';
import type { Fix } from '../../model';
import { listNames } from '../ruleHelpers';
import type { Rule } from '../types';

/** A key under `ratings:` that names no rating scale of the codebook in force. */
export const ratingUnknown: Rule = {
  id: 'rating-unknown',
  description: 'Every key under `ratings:` in the front matter must be a rating scale that the codebook in force declares.',
  defaultSeverity: 'error',
  codebook: true,
  check({ session, codebook, report }) {
    const ratings = session.frontMatter?.ratings;
    if (!codebook || !ratings) return;
    const ids = (codebook.ratings ?? []).map((s) => s.id);
    const budget = spellingBudget();
    for (const rating of ratings) {
      if (ids.includes(rating.id)) continue;
      // The key as written is masked; the suggestion is a scale the codebook declares.
      const written = `'${excerpt(rating.id)}'`;
      if (ids.length === 0) {
        report({
          message: `Unknown rating ${written}: codebook '${codebook.name}' declares no rating scales (miti-4.2.1 and misc-2.5 do)`,
          range: rating.idRange,
        });
        continue;
      }
      const closest = closestName(rating.id, ids, budget);
      const fixes: Fix[] = closest ? [{ title: `Change to '${closest}'`, edits: [{ range: rating.idRange, newText: closest }], safe: false }] : [];
      const hint = closest ? `did you mean '${closest}'?` : `its scales are ${listNames(ids)}`;
      report({ message: `Unknown rating ${written} in codebook '${codebook.name}'; ${hint}`, range: rating.idRange, fixes });
    }
  },
};
