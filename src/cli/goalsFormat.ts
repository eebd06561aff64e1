import { stringify } from 'csv-stringify/sync';
import { sessionColumnLabel, spreadsheetSafeCell, type GoalCell, type GoalCourse, type Range } from '../core';
import { printable } from './terminal';

// `session-md goals` as a table per course, as CSV (one row per goal and session) and as JSON;
// docs/research.md documents the columns and keys.

/** The tables as text: per course, a row per goal and a column per session, each cell the status declared there and the turns that address the goal. */
export function goalsTable(courses: readonly GoalCourse[]): string {
  if (courses.length === 0) return 'No transcripts found.\n';
  const blocks = courses.map((course) => {
    const head = ['goal', ...course.sessions.map(sessionColumnLabel)];
    const rows = course.goals.map((goal) => [goal.id, ...goal.cells.map(cellText)]);
    const body = rows.length === 0 ? ['  No goals are declared or referenced.'] : grid(head, rows).map((line) => `  ${line}`);
    return [printable(course.course), ...body].join('\n');
  });
  const legend = 'Each cell: the status the session declares for the goal (– where it declares none), then the turns that address it ({#id}).';
  return [...blocks, legend].join('\n\n') + '\n';
}

// `in-progress · 3 turns`, `– · 1 turn`, or `–` when the session neither declares nor addresses the goal.
function cellText(cell: GoalCell): string {
  if (cell.status === undefined && cell.turns === 0) return '–';
  return `${cell.status ?? '–'} · ${cell.turns} turn${cell.turns === 1 ? '' : 's'}`;
}

function grid(head: string[], cells: string[][]): string[] {
  const rows = [head, ...cells].map((row) => row.map(printable));
  const widths = head.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((row) =>
    row
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The CSV columns, one row per goal and session of a course. */
export const GOALS_CSV_COLUMNS = ['course', 'goal', 'file', 'session', 'date', 'stage', 'status', 'turns', 'references', 'line', 'column'] as const;

/** The tables as CSV (RFC 4180, `\n`): a row per goal and session, every text cell spreadsheet-safe (a leading `'` before = + - @). */
export function goalsCsv(courses: readonly GoalCourse[]): string {
  const rows = courses.flatMap((course) =>
    course.goals.flatMap((goal) =>
      goal.cells.map((cell, i) => {
        const session = course.sessions[i]!;
        const at = cell.firstReference?.start;
        return [
          course.course,
          goal.id,
          session.file,
          session.number,
          session.date,
          session.stage,
          cell.status,
          cell.turns,
          cell.references,
          at?.line,
          at?.column,
        ];
      }),
    ),
  );
  return stringify([[...GOALS_CSV_COLUMNS], ...rows], { cast: { number: String, string: spreadsheetSafeCell } });
}

/** The tables as JSON: `{"courses": [{course, sessions, goals: [{id, cells}]}]}`, a goal's cells in the order of the course's sessions. */
export function goalsJson(courses: readonly GoalCourse[]): object {
  return {
    courses: courses.map((course) => ({
      course: course.course,
      sessions: course.sessions.map((s) => ({ file: s.file, session: s.number ?? null, date: s.date ?? null, stage: s.stage ?? null })),
      goals: course.goals.map((goal) => ({
        id: goal.id,
        cells: goal.cells.map((cell) => ({
          status: cell.status ?? null,
          turns: cell.turns,
          references: cell.references,
          firstReference: position(cell.firstReference),
        })),
      })),
    })),
  };
}

function position(range: Range | undefined): { line: number; column: number } | null {
  return range ? { line: range.start.line, column: range.start.column } : null;
}
