import { basename, dirname } from 'node:path';
import type { GoalStatus, Session } from '../model';

// A course of therapy, as the cross-session rules and the All Sessions tree read it: the sessions
// with the same client (or, without one, the same course) in the same folder, in session order.
// Only what the front matter says is kept: number, date, stage and each goal's status.

/** One session of a course, as its front matter describes it. */
export interface CourseSession {
  /** The transcript's path. */
  path: string;
  /** Its `client:`, else its `course:`; absent when it names neither (it then belongs to no course). */
  key?: string;
  number?: number;
  date?: string;
  stage?: string;
  /** The goals it declares, with their status; empty when it declares none. */
  goals: readonly { id: string; status: GoalStatus }[];
  /** Whether its front matter could be read: when not, what it declares is unknown, and the rules compare nothing with it. */
  readable: boolean;
}

/**
 * What a rule knows of the course of the session it checks: the sessions of the course up to it, in
 * session order, this one last. A session is checked against the course so far, so what comes after
 * it (a later session added or edited) never changes its findings.
 */
export interface CourseContext {
  sessions: readonly CourseSession[];
  /** The position of the checked session in `sessions`: the last. */
  index: number;
}

/** The course record of a parsed session at `path`. */
export function courseSessionOf(path: string, session: Pick<Session, 'frontMatter'>): CourseSession {
  const fm = session.frontMatter;
  // A `goals:` list the parser left out for a mistyped field (front-matter-invalid reports it) is unknown, not empty.
  const rawGoals = fm?.data['goals'];
  const goalsLost = Array.isArray(rawGoals) && rawGoals.length > 0 && fm!.goals.length === 0;
  const readable = !fm || (!fm.problems.some((p) => p.kind === 'syntax') && !goalsLost);
  const record: CourseSession = { path, goals: fm ? fm.goals.map((g) => ({ id: g.id, status: g.status })) : [], readable };
  const key = fm?.client ?? fm?.course;
  if (key !== undefined) record.key = key;
  if (fm?.session !== undefined) record.number = fm.session;
  if (fm?.date !== undefined) record.date = fm.date;
  if (fm?.stage !== undefined) record.stage = fm.stage;
  return record;
}

/** Orders sessions as a course runs: by session number (sessions without one last), then by file name. */
export function compareCourseSessions(a: CourseSession, b: CourseSession): number {
  return (a.number ?? Infinity) - (b.number ?? Infinity) || basename(a.path).localeCompare(basename(b.path)) || a.path.localeCompare(b.path);
}

/**
 * The course of the session `own` among the sessions of its folder (`siblings`, which may hold an
 * older record of `own`, replaced by it): undefined when it names no client or course.
 */
export function courseContext(own: CourseSession, siblings: readonly CourseSession[]): CourseContext | undefined {
  if (own.key === undefined) return undefined;
  const folder = dirname(own.path);
  const members = siblings.filter((s) => s.path !== own.path && s.key === own.key && dirname(s.path) === folder);
  const sessions = [...members, own].sort(compareCourseSessions);
  const index = sessions.indexOf(own);
  return { sessions: sessions.slice(0, index + 1), index };
}

/** The session before the checked one in the course, if any. */
export function previousSession(course: CourseContext): CourseSession | undefined {
  return course.index > 0 ? course.sessions[course.index - 1] : undefined;
}

/** A goal status counts as closed when the goal was reached or given up. */
export function isClosedStatus(status: GoalStatus): boolean {
  return status === 'achieved' || status === 'dropped';
}

/**
 * A fingerprint of what the course rules read of the other sessions of a course, for caches: it
 * changes when one of them is added, removed or changes what its front matter says. The checked
 * session itself is left out: a cache keys it by its own bytes.
 */
export function courseFingerprint(course: CourseContext | undefined): string {
  if (!course) return '';
  const others = course.sessions.filter((_, i) => i !== course.index);
  return JSON.stringify(others.map((s) => [s.path, s.number ?? null, s.date ?? null, s.stage ?? null, s.readable, s.goals.map((g) => [g.id, g.status])]));
}
