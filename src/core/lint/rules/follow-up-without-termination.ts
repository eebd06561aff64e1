import { stagePlace } from '../../course/sessionStage';
import type { Rule } from '../types';

/** A follow-up session with no termination session before it in its course. */
export const followUpWithoutTermination: Rule = {
  id: 'follow-up-without-termination',
  description:
    'A session with `stage: follow-up` comes after a session with `stage: termination` in its course (the sessions of the same client, or course, in the same folder, in session order).',
  defaultSeverity: 'warning',
  course: true,
  check({ session, course, report }) {
    if (!course || session.frontMatter?.stage !== 'follow-up') return;
    if (course.sessions.slice(0, course.index).some((s) => s.stage === 'termination')) return;
    const earlier =
      course.index === 0
        ? 'it is the first session of its course'
        : `none of the ${course.index} session${course.index === 1 ? '' : 's'} before it in its course has 'stage: termination'`;
    report({ message: `A follow-up comes after the course's termination, but ${earlier}`, range: stagePlace(session) });
  },
};
