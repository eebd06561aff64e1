import { dirname } from 'node:path';
import type { Session } from '../model';
import { courseContext, courseSessionOf, type CourseContext } from './course';

// The editor holds every session of the workspace parsed: their courses come from those sessions,
// not from reading files again.

/** A parsed session and its path, as a front end holds it. */
export interface PlacedSession {
  path: string;
  session: Pick<Session, 'frontMatter'>;
}

/** The course of `own` among other parsed sessions (any folder; only those beside it count). */
export function courseAmong(own: PlacedSession, others: readonly PlacedSession[]): CourseContext | undefined {
  const record = courseSessionOf(own.path, own.session);
  if (record.key === undefined) return undefined;
  const folder = dirname(own.path);
  const siblings = others.filter((o) => o.path !== own.path && dirname(o.path) === folder).map((o) => courseSessionOf(o.path, o.session));
  return courseContext(record, siblings);
}

/** What a session contributes to its course (its key, number, date, stage and goals), to tell whether an edit changed its course. */
export function courseRecordText(placed: PlacedSession): string {
  const r = courseSessionOf(placed.path, placed.session);
  return JSON.stringify([r.key ?? null, r.number ?? null, r.date ?? null, r.stage ?? null, r.readable, r.goals]);
}
