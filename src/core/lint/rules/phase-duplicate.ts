import { phaseName } from '../ruleHelpers';
import type { Rule } from '../types';

/** A phase that has more than one heading. */
export const phaseDuplicate: Rule = {
  id: 'phase-duplicate',
  description: 'Each phase has one heading; further turns of the phase go under it.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const first = new Map<number, number>();
    for (const section of session.sections) {
      if (!section.phase) continue;
      const line = first.get(section.phaseIndex);
      if (line === undefined) first.set(section.phaseIndex, section.headingRange.start.line);
      else
        report({ message: `Phase '${phaseName(session, section.phase.name)}' appears again; it already started at line ${line}`, range: section.headingRange });
    }
  },
};
