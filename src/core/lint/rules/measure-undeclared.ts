import { measuresInForce } from '../../codebook/measures';
import type { Fix } from '../../model';
import { excerpt } from '../../text/excerpt';
import { closestName, spellingBudget } from '../../text/spelling';
import { listNames } from '../ruleHelpers';
import type { Rule } from '../types';

/** A key under `measures:` that no codebook or config declares: its range is unchecked, its chart has no bands, and it may be a misspelling. */
export const measureUndeclared: Rule = {
  id: 'measure-undeclared',
  description:
    'Every key under `measures:` should be a measure that the codebook or a `.sessionmdrc.yaml` declares with its range (the core codebook declares PHQ-9, GAD-7 and ISI), so that its scores are checked and charted with their cut-offs.',
  defaultSeverity: 'warning',
  codebook: true,
  check({ session, config, codebook, report }) {
    const scores = session.frontMatter?.measures;
    if (!scores) return;
    const ids = measuresInForce(config, codebook).map((m) => m.id);
    const budget = spellingBudget();
    for (const score of scores) {
      if (ids.includes(score.id)) continue;
      // The key as written is masked; a suggestion is a declared measure.
      const written = `'${excerpt(score.id)}'`;
      const closest = closestName(score.id, ids, budget);
      const fixes: Fix[] = closest ? [{ title: `Change to '${closest}'`, edits: [{ range: score.idRange, newText: closest }], safe: false }] : [];
      const hint = closest ? `did you mean '${closest}'?` : `declare it under 'measures:' in .sessionmdrc.yaml (declared: ${listNames(ids)})`;
      report({ message: `Undeclared measure ${written}: its range is not checked; ${hint}`, range: score.idRange, fixes });
    }
  },
};
