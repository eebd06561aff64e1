import type { Range } from '../../model';
import { rangeAt, trimEndOffset } from '../../text/lines';
import { describeModel, phaseName } from '../ruleHelpers';
import type { Rule } from '../types';

// In the seed, the main work on the goals belongs to the working sessions: an intake assesses and
// sets goals, a termination or follow-up reviews them. Such sessions may have no Middle phase.
const WITHOUT_MIDDLE = new Set(['intake', 'termination', 'follow-up']);
const MIDDLE = 1;

/** A phase of the model that has no heading in the session. */
export const phaseMissing: Rule = {
  id: 'phase-missing',
  description:
    'Every phase of the phase model should have a heading in the session; with the `default` model, a session whose `stage:` is `intake`, `termination` or `follow-up` may leave out Middle.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const present = new Set(session.sections.filter((s) => s.phase).map((s) => s.phaseIndex));
    const stage = session.frontMatter?.stage;
    const middleOptional = session.phaseModel.id === 'default' && stage !== undefined && WITHOUT_MIDDLE.has(stage);
    session.phaseModel.phases.forEach((phase, index) => {
      if (present.has(index) || (middleOptional && index === MIDDLE)) return;
      // Point at the heading of the next phase that is present, where the missing one belongs, or at the end.
      const next = session.sections.find((s) => s.phase && s.phaseIndex > index);
      const name = phaseName(session, phase.name);
      report({
        message: `Phase '${name}' is missing; the ${describeModel(session)} expects a '## ${name}' heading`,
        range: next ? next.headingRange : lastLine(session.text, session.lineStarts),
      });
    });
  },
};

function lastLine(text: string, lineStarts: number[]): Range {
  const end = trimEndOffset(text, text.length);
  const position = rangeAt(lineStarts, end, end).start;
  const start = lineStarts[position.line - 1]!;
  return rangeAt(lineStarts, start, end);
}
