import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A declared goal that no turn references. */
export const goalUnused: Rule = {
  id: 'goal-unused',
  description: 'Every declared goal should be referenced by at least one turn with `{#id}`.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const used = new Set(session.turns.flatMap((t) => t.goals.map((g) => g.id)));
    for (const goal of session.frontMatter?.goals ?? []) {
      if (!used.has(goal.id))
        report({ message: `Goal '${excerpt(goal.id)}' is declared but no turn references it; mark the turns that work on it with {#id}`, range: goal.idRange });
    }
  },
};
