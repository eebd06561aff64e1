import type { Range, Session } from '../model';
import { courseKey, groupByCourse } from '../language/summary';

// Goals over a course of therapy: how each goal of a client's sessions stands in each session
// (its status as that session's front matter declares it) and how much the session worked on it
// (the turns with a `{#id}` reference). The Goal Progress view and `session-md goals` show it;
// docs/research.md documents the JSON.

/** A transcript to place in a course: its file (a display path or a uri), the folder it is in, and its parsed session. */
export interface CourseTranscript {
  file: string;
  /** Sessions of one client in different folders (say, two coders' copies) form different courses. */
  folder?: string;
  session: Session;
}

/** A column of the table: one session of the course, in session order. */
export interface GoalColumn {
  file: string;
  /** The front matter's `session:` number, when it has one. */
  number?: number;
  date?: string;
  /** The front matter's `stage:`, when it names one. */
  stage?: string;
}

/** How one goal stands in one session. */
export interface GoalCell {
  /** The status the session's front matter declares for the goal; absent when the session does not declare it. */
  status?: string;
  /** The turns that reference the goal (`{#id}`), each counted once. */
  turns: number;
  /** The `{#id}` references, a turn with two counting twice. */
  references: number;
  /** Where the session first references the goal. */
  firstReference?: Range;
  /** Where the session's front matter declares the goal (its id). */
  declaration?: Range;
}

/** A row of the table: one goal, by id, with a cell per session of the course. */
export interface GoalRow {
  id: string;
  /** The goal's text as its latest declaration in the course gives it (empty when none does). */
  text: string;
  cells: GoalCell[];
}

/** The goal-over-session table of one course: a client's (or course's) sessions as columns, their goals as rows. */
export interface GoalCourse {
  /** The client, or the course when there is no client; with the folder added when that name has courses in several folders. */
  course: string;
  sessions: GoalColumn[];
  /** The goals in the order the course first declares them, then goals only referenced, in the order first referenced. */
  goals: GoalRow[];
}

/** The goal-over-session tables of the courses the transcripts form, one per client (or course) and folder, in the All Sessions order. */
export function goalProgress(transcripts: readonly CourseTranscript[]): GoalCourse[] {
  const groups = groupByCourse([...transcripts], (t) => ({ ...courseKey(t.session), name: t.file }));
  return groups.flatMap(({ group, items }) => {
    const folders = [...new Set(items.map((t) => t.folder ?? ''))].sort();
    return folders.map((folder) => {
      const course = folders.length > 1 && folder !== '' ? `${group} (${folder})` : group;
      return courseTable(
        course,
        items.filter((t) => (t.folder ?? '') === folder),
      );
    });
  });
}

/** A session's column label, e.g. `Session 4 · 2026-02-03 · working`; the file name when the front matter gives none of these. */
export function sessionColumnLabel(column: GoalColumn): string {
  const parts = [column.number === undefined ? undefined : `Session ${column.number}`, column.date, column.stage].filter((p) => p !== undefined);
  return parts.length > 0 ? parts.join(' · ') : (column.file.split('/').pop() ?? column.file);
}

function courseTable(course: string, transcripts: readonly CourseTranscript[]): GoalCourse {
  const sessions = transcripts.map(({ file, session }) => sessionColumn(file, session));
  const rows = new Map<string, GoalRow>();
  const row = (id: string): GoalRow => {
    let found = rows.get(id);
    if (!found) rows.set(id, (found = { id, text: '', cells: transcripts.map(() => ({ turns: 0, references: 0 })) }));
    return found;
  };
  // Declared goals first, so that a goal referenced before its first declaration still ranks by that declaration.
  transcripts.forEach(({ session }, column) => {
    for (const goal of session.frontMatter?.goals ?? []) {
      const target = row(goal.id);
      const cell = target.cells[column]!;
      if (cell.status !== undefined) continue; // a duplicate declaration; front-matter-invalid reports it
      cell.status = goal.status;
      cell.declaration = goal.idRange;
      if (goal.text !== '') target.text = goal.text;
    }
  });
  transcripts.forEach(({ session }, column) => {
    for (const turn of session.turns) {
      const counted = new Set<string>();
      for (const reference of turn.goals) {
        const cell = row(reference.id).cells[column]!;
        cell.references++;
        cell.firstReference ??= reference.range;
        if (!counted.has(reference.id)) cell.turns++;
        counted.add(reference.id);
      }
    }
  });
  return { course, sessions, goals: [...rows.values()] };
}

function sessionColumn(file: string, session: Session): GoalColumn {
  const fm = session.frontMatter;
  return {
    file,
    ...(fm?.session !== undefined ? { number: fm.session } : {}),
    ...(fm?.date !== undefined ? { date: fm.date } : {}),
    ...(fm?.stage !== undefined ? { stage: fm.stage } : {}),
  };
}
