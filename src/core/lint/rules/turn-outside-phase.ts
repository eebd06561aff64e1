import type { Heading } from 'mdast';
import type { Session, Turn } from '../../model';
import type { Rule } from '../types';

/** A turn outside every phase: before the first phase heading, or after a level-1 heading that ended a phase. */
export const turnOutsidePhase: Rule = {
  id: 'turn-outside-phase',
  description: 'When a session has phase headings, every turn belongs under one of them.',
  defaultSeverity: 'warning',
  check({ session, report }) {
    const firstPhase = session.sections.find((s) => s.phase);
    if (!firstPhase) return;
    for (const turn of session.turns) {
      if (turn.sectionIndex !== -1) continue;
      if (turn.range.start.offset < firstPhase.headingRange.start.offset) {
        report({
          message: `Turn ${turn.index} comes before the first phase heading ('## ${firstPhase.title}', line ${firstPhase.headingRange.start.line})`,
          range: turn.labelRange,
        });
        continue;
      }
      // Past the first phase, only a level-1 heading (`# Appendix`) leaves a turn without a phase.
      const title = titleAbove(session, turn);
      report({
        message: title
          ? `Turn ${turn.index} is outside every phase: the level-1 heading '# ${title.text}' (line ${title.line}) ended the phase above it`
          : `Turn ${turn.index} is not under a phase heading`,
        range: turn.labelRange,
      });
    }
  },
};

function titleAbove(session: Session, turn: Turn): { text: string; line: number } | undefined {
  let found: Heading | undefined;
  for (const node of session.mdast.children) {
    if (!node.position || node.position.start.offset! >= turn.range.start.offset) break;
    if (node.type === 'heading' && node.depth === 1) found = node;
  }
  if (!found) return undefined;
  const kids = found.children;
  const text = kids.length === 0 ? '' : session.text.slice(kids[0]!.position!.start.offset!, kids[kids.length - 1]!.position!.end.offset!).trim();
  return { text, line: found.position!.start.line };
}
