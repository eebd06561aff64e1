import { splitPhaseHeading } from '../../parse/phaseModels';
import { rangeAt } from '../../text/lines';
import { closestName } from '../../text/spelling';
import { describeModel, firstLineOf } from '../ruleHelpers';
import type { Fix, Rule } from '../types';

/** A level-2 heading that names no phase of the model. */
export const phaseUnknown: Rule = {
  id: 'phase-unknown',
  description: 'Level-2 headings are phase headings: each must name a phase of the phase model.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const names = session.phaseModel.phases.flatMap((p) => [p.name, ...p.aliases]);
    for (const section of session.sections) {
      if (section.phase) continue;
      const { head } = splitPhaseHeading(section.title);
      const fixes: Fix[] = [];
      const closest = head ? closestName(head, names) : undefined;
      if (closest) {
        // Only the phase words are replaced; a subtitle after them stays.
        const start = session.text.indexOf(head, section.headingRange.start.offset);
        const range = rangeAt(session.lineStarts, start, start + head.length);
        fixes.push({ title: `Change to '${closest}'`, edits: [{ range, newText: closest }], safe: false });
      }
      report({
        message: `'${section.title || '(empty heading)'}' is not a phase of the ${describeModel(session.phaseModel)}`,
        range: firstLineOf(session, section.headingRange),
        fixes,
      });
    }
  },
};
