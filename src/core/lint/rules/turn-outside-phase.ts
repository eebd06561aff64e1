import type { Rule } from '../types';

/** A turn before the first phase heading of a file that has phases. */
export const turnOutsidePhase: Rule = {
  id: 'turn-outside-phase',
  description: 'When a session has phase headings, every turn belongs under one of them.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const firstPhase = session.sections.find((s) => s.phase);
    if (!firstPhase) return;
    for (const turn of session.turns) {
      if (turn.sectionIndex !== -1) continue;
      report({
        message: `Turn ${turn.index} comes before the first phase heading ('## ${firstPhase.title}', line ${firstPhase.headingRange.start.line})`,
        range: turn.labelRange,
      });
    }
  },
};
