import { stagesInForce } from '../course/stages';
import type { ResolvedConfig } from '../config/config';
import type { Session } from '../model';

// How the All Sessions tree marks a client's course: each session's stage, the session numbers
// missing before it, and what puts it out of order (a stage before one already reached, a date
// before the previous session's, a number used twice).

/** What the tree reads of one listed session, in the order it lists them (by session number). */
export interface CourseEntry {
  session?: Pick<Session, 'frontMatter'>;
  config?: Pick<ResolvedConfig, 'stages'>;
}

/** The marks of one session of a course. */
export interface CourseMarks {
  stage?: string;
  /** The session numbers missing between the numbered session before it and this one. */
  missingBefore?: { from: number; to: number };
  /** Why it is out of order; empty when it is not. */
  outOfOrder: string[];
}

/** The marks of each session of a course listed in session order. */
export function markCourse(entries: readonly CourseEntry[]): CourseMarks[] {
  let number: number | undefined;
  let dated: { date: string; label: string } | undefined;
  let reached: { index: number; stage: string; label: string } | undefined;
  return entries.map((entry) => {
    const fm = entry.session?.frontMatter;
    const marks: CourseMarks = { outOfOrder: [] };
    const label = fm?.session === undefined ? 'the session before' : `session ${fm.session}`;
    if (fm?.session !== undefined) {
      if (number !== undefined && fm.session > number + 1) marks.missingBefore = { from: number + 1, to: fm.session - 1 };
      if (number === fm.session) marks.outOfOrder.push(`session number ${fm.session} is used twice`);
      number = fm.session;
    }
    if (fm?.date !== undefined) {
      if (dated && fm.date < dated.date) marks.outOfOrder.push(`dated ${fm.date}, before ${dated.label} (${dated.date})`);
      dated = { date: fm.date, label };
    }
    if (fm?.stage !== undefined) {
      marks.stage = fm.stage;
      const index = stagesInForce(entry.config).indexOf(fm.stage);
      if (index >= 0 && reached && index < reached.index) marks.outOfOrder.push(`stage ${fm.stage} comes after ${reached.stage} (${reached.label})`);
      if (index >= 0 && (!reached || index > reached.index)) reached = { index, stage: fm.stage, label };
    }
    return marks;
  });
}

/** `2–3` or `5`: the missing session numbers. */
export function missingText(missing: { from: number; to: number }): string {
  return missing.from === missing.to ? String(missing.from) : `${missing.from}–${missing.to}`;
}
