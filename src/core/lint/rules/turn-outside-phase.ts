import type { Heading } from 'mdast';
import type { Session } from '../../model';
import { headingTitle } from '../../parse/blocks';
import { excerpt } from '../../text/excerpt';
import { phaseName } from '../ruleHelpers';
import type { Rule } from '../types';

/** A turn outside every phase: before the first phase heading, or after a level-1 heading that ended a phase. */
export const turnOutsidePhase: Rule = {
  id: 'turn-outside-phase',
  description: 'When a session has phase headings, every turn belongs under one of them.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const firstPhase = session.sections.find((s) => s.phase);
    if (!firstPhase) return;
    // Turns and level-1 headings are both in document order, so one pass pairs each turn with the title above it.
    const titles = levelOneHeadings(session);
    let above = -1;
    for (const turn of session.turns) {
      if (turn.sectionIndex !== -1) continue;
      if (turn.range.start.offset < firstPhase.headingRange.start.offset) {
        report({
          message: `Turn ${turn.index} comes before the first phase heading (line ${firstPhase.headingRange.start.line}, phase ${phaseName(session, firstPhase.phase!.name)})`,
          range: turn.labelRange,
        });
        continue;
      }
      // Past the first phase, only a level-1 heading (`# Appendix`) leaves a turn without a phase.
      while (above + 1 < titles.length && titles[above + 1]!.offset < turn.range.start.offset) above++;
      const title = titles[above];
      report({
        message: title
          ? `Turn ${turn.index} is outside every phase: the level-1 heading '# ${excerpt(title.text)}' (line ${title.line}) ended the phase above it`
          : `Turn ${turn.index} is not under a phase heading`,
        range: turn.labelRange,
      });
    }
  },
};

function levelOneHeadings(session: Session): { text: string; line: number; offset: number }[] {
  return session.mdast.children
    .filter((node): node is Heading => node.type === 'heading' && node.depth === 1 && node.position !== undefined)
    .map((node) => ({ text: headingTitle(session.text, node), line: node.position!.start.line, offset: node.position!.start.offset! }));
}
