import { stringify } from 'csv-stringify/sync';
import type { Session } from '../model';
import type { CsvOptions, ExportFormat } from './export';
import { spreadsheetSafeCell } from './spreadsheetCells';
import type { SessionStats } from './stats';
import type { ScoreLevel } from './summaryScores';

// `session-md export --unit session`: one row per session, for comparing sessions, coders or
// trainees in R, pandas or a spreadsheet. The figures are the session's counts (stats.ts), so
// they are the ones `session-md stats` prints.

/** The fixed columns of an export by session, before one `rating:<id>` column per rating, `measure:<id>` per measure and `score:<id>`, `level:<id>` per summary score. */
export const SESSION_EXPORT_COLUMNS = [
  'file',
  'client',
  'course',
  'session',
  'date',
  'therapist',
  'codebook',
  'changeGoal',
  'turns',
  'words',
  'durationSeconds',
] as const;

/** One session as a row of the export by session; `null` where the session says nothing. */
export interface SessionExportRow {
  file: string;
  client: string | null;
  course: string | null;
  session: number | null;
  date: string | null;
  therapist: string | null;
  /** The name of the codebook in force, or null when it could not be loaded. */
  codebook: string | null;
  /** The id of the session's change goal (`changeGoal:`). */
  changeGoal: string | null;
  turns: number;
  words: number;
  durationSeconds: number | null;
  /** The ratings that are values of the codebook's scales, by scale id. */
  ratings: Record<string, number>;
  /** The session's measure scores (PHQ-9: 14), by name; absent when it records none, so rows of sessions without measures stay as they were. */
  measures?: Record<string, number>;
  /** Each summary score the codebook declares, by id; null when undefined. */
  scores: Record<string, number | null>;
  /** Each score's level against its thresholds; null without thresholds or value. */
  levels: Record<string, ScoreLevel | null>;
}

/** The row of a session, from its counts (`sessionStats`) and its front matter. */
export function sessionExportRow(stats: SessionStats, session: Session): SessionExportRow {
  const fm = session.frontMatter;
  const row: SessionExportRow = {
    file: stats.file,
    client: stats.client,
    course: stats.course,
    session: stats.session,
    date: stats.date,
    therapist: fm?.therapist ?? null,
    codebook: stats.codebook,
    changeGoal: fm?.changeGoal ?? null,
    turns: stats.turns,
    words: stats.words,
    durationSeconds: stats.durationSeconds,
    ratings: stats.ratings,
    ...(stats.measures ? { measures: stats.measures } : {}),
    scores: Object.fromEntries(stats.summaryScores.map((s) => [s.id, s.value])),
    levels: Object.fromEntries(stats.summaryScores.map((s) => [s.id, s.level])),
  };
  return row;
}

/**
 * Rows as CSV, as the other exports write it (RFC 4180, `\n`, spreadsheet-safe unless `exact`):
 * the fixed columns, then `rating:<id>` for every rating, `measure:<id>` for every measure and
 * `score:<id>`, `level:<id>` for every score that any row has, in the order they first appear;
 * empty where a row has none.
 */
export function sessionExportCsv(rows: readonly SessionExportRow[], options: CsvOptions = {}): string {
  const ratings = firstSeen(rows.map((r) => Object.keys(r.ratings)));
  const measures = firstSeen(rows.map((r) => Object.keys(r.measures ?? {})));
  const scores = firstSeen(rows.map((r) => Object.keys(r.scores)));
  const header = [
    ...SESSION_EXPORT_COLUMNS,
    ...ratings.map((id) => `rating:${id}`),
    ...measures.map((id) => `measure:${id}`),
    ...scores.flatMap((id) => [`score:${id}`, `level:${id}`]),
  ];
  const records = rows.map((r) => [
    ...SESSION_EXPORT_COLUMNS.map((key) => r[key]),
    ...ratings.map((id) => r.ratings[id] ?? null),
    ...measures.map((id) => r.measures?.[id] ?? null),
    ...scores.flatMap((id) => [r.scores[id] ?? null, r.levels[id] ?? null]),
  ]);
  const cast = options.exact === true ? { number: String } : { number: String, string: spreadsheetSafeCell };
  return stringify([header], { record_delimiter: 'unix', bom: options.bom === true }) + stringify(records, { record_delimiter: 'unix', cast });
}

/** Rows as JSON Lines: one object per session, the fixed keys in order, then `ratings`, `measures` (when the session records any), `scores` and `levels` as objects. */
export function sessionExportJsonl(rows: readonly SessionExportRow[]): string {
  return rows.map((row) => `${JSON.stringify(row)}\n`).join('');
}

/** Rows of the export by session in the chosen format. */
export function formatSessionExport(rows: readonly SessionExportRow[], format: ExportFormat, options: CsvOptions = {}): string {
  return format === 'csv' ? sessionExportCsv(rows, options) : sessionExportJsonl(rows);
}

function firstSeen(lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}
