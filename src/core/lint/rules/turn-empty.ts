import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A speaker label with nothing said after it. */
export const turnEmpty: Rule = {
  id: 'turn-empty',
  description: 'A turn must contain words (a transcription mark such as `(pause)` counts).',
  defaultSeverity: 'warning',
  check({ session, report }) {
    for (const turn of session.turns) {
      if (turn.text.length > 0) continue;
      report({
        message: `Turn ${turn.index} ('${excerpt(turn.label)}:') has no words`,
        range: turn.range.start.line === turn.range.end.line ? turn.range : turn.labelRange,
      });
    }
  },
};
