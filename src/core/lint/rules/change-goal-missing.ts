import { rangeAt } from '../../text/lines';
import { excerpt } from '../../text/excerpt';
import { Speller } from '../../text/spelling';
import type { Fix, Range } from '../../model';
import { trimRange } from '../ruleHelpers';
import type { Rule, RuleContext } from '../types';

/**
 * A session without the change goal its codebook requires, or naming a goal it does not declare.
 * MITI 4.2.1 coders are told the session's change goal before they code: Cultivating Change
 * Talk and Softening Sustain Talk are rated against it (coding-standards.md).
 */
export const changeGoalMissing: Rule = {
  id: 'change-goal-missing',
  description:
    'A session names its change goal with `changeGoal: <goal id>` in the front matter when its codebook requires it (`requires: [changeGoal]`, as `miti-4.2.1` does), and the id is one of its `goals:`.',
  defaultSeverity: 'warning',
  codebook: true,
  check(context) {
    const { session, codebook, report } = context;
    const fm = session.frontMatter;
    // Unreadable YAML hides what the file declares; front-matter-invalid reports it, as it does a `changeGoal:` that is no id.
    if (fm?.problems.some((p) => p.kind === 'syntax') || (fm?.keyRanges.has('changeGoal') && fm.changeGoal === undefined)) return;
    const declared = declaredGoalIds(fm?.data['goals']);
    if (fm?.changeGoal !== undefined) {
      if (declared.includes(fm.changeGoal)) return;
      const range = fm.keyRanges.get('changeGoal')?.value ?? fm.range;
      // Goal ids are the transcript's own text: the message masks them, the fix title (shown beside the text) names one.
      const closest = new Speller(declared).suggest(fm.changeGoal);
      const fixes: Fix[] = closest ? [{ title: `Change to '${closest}'`, edits: [{ range, newText: closest }], safe: false }] : [];
      const count = declared.length === 0 ? 'no goals are declared' : `${declared.length} goal${declared.length === 1 ? ' is' : 's are'} declared`;
      report({
        message: `The change goal '${excerpt(fm.changeGoal)}' is not a goal declared under 'goals:' (${count})${closest ? '; a declared goal has a nearly identical id: check the spelling' : ''}`,
        range,
        fixes,
      });
      return;
    }
    if (!codebook?.requires?.includes('changeGoal')) return;
    const how =
      declared.length === 0
        ? "declare the goal under 'goals:' and name its id with 'changeGoal:'"
        : `add 'changeGoal:' with the id of ${declared.length === 1 ? 'its goal' : `one of its ${declared.length} goals`}`;
    report({
      message: `This session names no change goal, which codebook '${codebook.name}' requires (coders are told it before coding); ${how} in the front matter`,
      range: placeOfCodebook(context),
    });
  },
};

// Every goal id written, also of a goal with a mistyped field that the model leaves out (front-matter-invalid reports the field).
function declaredGoalIds(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((item) => {
    const id = (item as { id?: unknown } | null)?.id;
    return typeof id === 'string' ? [id] : [];
  });
}

// Where the codebook that asks for the goal is named: its `codebook:` value, else the front matter's opening fence, else the file's start.
function placeOfCodebook({ session, codebookRequest }: RuleContext): Range {
  if (codebookRequest?.from === 'front matter' && codebookRequest.range) return trimRange(session, codebookRequest.range);
  return rangeAt(session.lineStarts, 0, session.frontMatter ? Math.min(3, session.text.length) : 0);
}
