import { isClosedStatus, type CourseContext } from '../../course/course';
import { stagePlace } from '../../course/sessionStage';
import type { GoalStatus, Session } from '../../model';
import { excerpt } from '../../text/excerpt';
import type { Rule } from '../types';

/**
 * A termination session that leaves an open goal of the course unreviewed. The seed's termination
 * sessions review the journey and every goal: a goal counts as reviewed when a turn of the
 * session's last phase (Termination) refers to it, or when the session records a new status for it.
 */
export const terminationGoalUnreviewed: Rule = {
  id: 'termination-goal-unreviewed',
  description:
    'A session with `stage: termination` reviews every goal of the course that is still open or in progress: a `{#id}` in its last phase (Termination), or a status that changed since the previous session.',
  defaultSeverity: 'warning',
  course: true,
  check({ session, course, report }) {
    const fm = session.frontMatter;
    if (!course || fm?.stage !== 'termination' || !course.sessions[course.index]!.readable) return;
    const before = statusesBefore(course);
    const own = new Map(fm.goals.map((g) => [g.id, g]));
    const referenced = referencedInLastPhase(session);
    const ids = new Set([...before.keys(), ...own.keys()]);
    for (const id of ids) {
      const goal = own.get(id);
      const status = goal?.status ?? before.get(id)!;
      if (isClosedStatus(status) || referenced.has(id)) continue;
      if (goal && before.has(id) && before.get(id) !== goal.status) continue;
      report({
        message: `Goal '${excerpt(id)}' is still ${status} and this termination session does not review it: refer to it with {#id} in the last phase, or record its new status`,
        range: goal ? goal.idRange : stagePlace(session),
      });
    }
  },
};

// Each goal's last known status in the sessions before this one, in course order.
function statusesBefore(course: CourseContext): Map<string, GoalStatus> {
  const statuses = new Map<string, GoalStatus>();
  for (const earlier of course.sessions.slice(0, course.index)) {
    if (!earlier.readable) continue;
    for (const goal of earlier.goals) statuses.set(goal.id, goal.status);
  }
  return statuses;
}

function referencedInLastPhase(session: Session): Set<string> {
  const last = session.phaseModel.phases.length - 1;
  const sections = new Set(session.sections.flatMap((s, i) => (s.phaseIndex === last ? [i] : [])));
  return new Set(session.turns.filter((t) => sections.has(t.sectionIndex)).flatMap((t) => t.goals.map((g) => g.id)));
}
