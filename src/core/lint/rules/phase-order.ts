import { describeModel, phaseName } from '../ruleHelpers';
import type { Rule } from '../types';

/** A phase heading that comes after a later phase of the model. */
export const phaseOrder: Rule = {
  id: 'phase-order',
  description: "Phases must follow the model's order (for example Beginning, Middle, Termination).",
  defaultSeverity: 'warning',
  check({ session, report }) {
    let latest: { index: number; name: string; line: number } | undefined;
    for (const section of session.sections) {
      if (!section.phase) continue;
      if (latest && section.phaseIndex < latest.index) {
        const [name, later] = [phaseName(session, section.phase.name), phaseName(session, latest.name)];
        report({
          message: `Phase '${name}' comes after '${later}' (line ${latest.line}); the ${describeModel(session)} puts '${name}' before '${later}'`,
          range: section.headingRange,
        });
      } else if (!latest || section.phaseIndex > latest.index) {
        latest = { index: section.phaseIndex, name: section.phase.name, line: section.headingRange.start.line };
      }
    }
  },
};
