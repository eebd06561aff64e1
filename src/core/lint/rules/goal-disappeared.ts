import { isClosedStatus, previousSession } from '../../course/course';
import { goalsPlace } from '../../course/sessionStage';
import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/** A goal of the course's previous session that this session no longer declares, though it was neither achieved nor dropped. */
export const goalDisappeared: Rule = {
  id: 'goal-disappeared',
  description:
    "A goal declared in the course's previous session with status `open` or `in-progress` is declared again in the next one: a goal leaves the course only once it is `achieved` or `dropped`.",
  defaultSeverity: 'warning',
  course: true,
  check({ session, course, report }) {
    const previous = course && previousSession(course);
    if (!previous?.readable || !course!.sessions[course!.index]!.readable) return;
    const declared = new Set((session.frontMatter?.goals ?? []).map((g) => g.id));
    for (const goal of previous.goals) {
      if (declared.has(goal.id) || isClosedStatus(goal.status)) continue;
      report({
        message: `Goal '${excerpt(goal.id)}' was ${goal.status} in the previous session and is not declared here: declare it again with its status (achieved or dropped, if it is closed)`,
        range: goalsPlace(session),
      });
    }
  },
};
