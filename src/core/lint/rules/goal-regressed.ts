import { previousSession } from '../../course/course';
import { hasMemoOnGoal, wentBack } from '../../course/sessionStage';
import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A goal whose status went back since the course's previous session, with no memo that says why. */
export const goalRegressed: Rule = {
  id: 'goal-regressed',
  description:
    "A goal's `status` does not go back since the course's previous session (to `open`, or from `achieved` or `dropped` to `in-progress`) unless a memo in the session refers to the goal with `{#id}` to say why.",
  defaultSeverity: 'warning',
  course: true,
  check({ session, course, report }) {
    const previous = course && previousSession(course);
    if (!previous?.readable || !course!.sessions[course!.index]!.readable) return;
    const before = new Map(previous.goals.map((g) => [g.id, g.status]));
    for (const goal of session.frontMatter?.goals ?? []) {
      const was = before.get(goal.id);
      if (was === undefined || !wentBack(was, goal.status) || hasMemoOnGoal(session, goal.id)) continue;
      report({
        message: `Goal '${excerpt(goal.id)}' went back from ${was} to ${goal.status} since the previous session, and no memo says why: add a memo (a '>' block quote after a turn) that refers to it with {#id}`,
        range: goal.idRange,
      });
    }
  },
};
