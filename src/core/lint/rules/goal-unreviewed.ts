import { excerpt } from '../../text/excerpt';
import { listNames, phaseName } from '../ruleHelpers';
import type { Rule } from '../types';

/** A termination phase that reviews none of the session's goals. */
export const goalUnreviewed: Rule = {
  id: 'goal-unreviewed',
  description: 'The last phase of the model (Termination by default) should reference at least one declared goal.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const goals = session.frontMatter?.goals ?? [];
    const last = session.phaseModel.phases.length - 1;
    const closing = session.sections.map((s, i) => ({ s, i })).filter(({ s }) => s.phaseIndex === last);
    if (goals.length === 0 || closing.length === 0) return;
    const indexes = new Set(closing.map(({ i }) => i));
    const reviewed = session.turns.some((t) => indexes.has(t.sectionIndex) && t.goals.length > 0);
    if (reviewed) return;
    const phase = closing[0]!.s;
    report({
      message: `The ${phaseName(session, phase.phase!.name)} phase reviews none of the goals (${listNames(
        goals.map((g) => g.id),
        excerpt,
      )}); reference them with {#id}`,
      range: phase.headingRange,
    });
  },
};
