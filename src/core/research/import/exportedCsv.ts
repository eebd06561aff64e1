import type { Role } from '../../model';
import { parseTimestamp } from '../../parse/turns';
import { excerpt } from '../../text/excerpt';
import { EXPORT_COLUMNS } from '../export';
import type { ExportedSession, ImportWarning } from './types';

// `session-md export` (by turn) followed by `session-md import --from csv`: a table whose header
// has the export's columns is read as one, and what its rows hold about the session comes back:
// each turn's role, memo, phase and exact timestamp, and the session's client, session number,
// date and codebook. What the rows do not hold is listed in NOT_RESTORED and said once.

/** The columns an export by turn has always had; a header with all of them is read as an export. */
const REQUIRED = EXPORT_COLUMNS.filter((c) => c !== 'seconds' && c !== 'codebook');

/** The header positions of the columns an export's rows are restored from; `codebook` is -1 in an export older than that column. */
export interface ExportColumns {
  file: number;
  role: number;
  memo: number;
  phase: number;
  client: number;
  session: number;
  date: number;
  codebook: number;
}

/** The export's columns in a header row, or undefined when it is not the header of an export by turn. */
export function exportColumnsOf(header: readonly string[]): ExportColumns | undefined {
  const names = header.map((field) => field.trim());
  if (!REQUIRED.every((column) => names.includes(column))) return undefined;
  const at = (column: string): number => names.indexOf(column);
  return {
    file: at('file'),
    role: at('role'),
    memo: at('memo'),
    phase: at('phase'),
    client: at('client'),
    session: at('session'),
    date: at('date'),
    codebook: at('codebook'),
  };
}

const ROLES: ReadonlySet<string> = new Set<Role>(['therapist', 'client', 'other']);

/** What the import restores from an export's rows: the first note it gives on reading one. */
export const RESTORED_NOTE =
  "read as a session-md export: each 'file' is a session, with its client, session, date, codebook, its speakers' roles, and each turn's phase, memo, timestamp, codes and goal references";
/** What an export's rows do not hold, so the import cannot restore it: the second note. */
export const NOT_RESTORED_NOTE =
  "an export's rows do not hold, so these are not restored: the title, prose and subheadings, the other front-matter fields (therapist, course, stage, measures, ratings, changeGoal, phases, rules, …), the goals' text and status, speakers without turns, code notes, and where in a turn each code was written";

/** Collects the session-level values of one session's rows; a row that differs from the first is warned about once per column. */
export class ExportedSessionValues {
  readonly values: ExportedSession = { roles: new Map() };
  private readonly warned = new Set<string>();
  private first?: number;

  /** Takes a row's cells at `line`; `speaker` is the row's speaker, already checked to be there. */
  add(fields: readonly string[], columns: ExportColumns, speaker: string, line: number, warnings: ImportWarning[]): void {
    const cell = (index: number): string => (index === -1 ? '' : (fields[index] ?? '').trim());
    const firstRow = this.first === undefined;
    this.first ??= line;
    for (const key of ['client', 'session', 'date', 'codebook'] as const) {
      const value = cell(columns[key]);
      if (firstRow) this.set(key, value, line, warnings);
      else if (value !== this.shown(key))
        this.warnOnce(
          key,
          `column '${key}' differs within this session from its value on line ${this.first}; the front matter keeps the value of line ${this.first}`,
          line,
          warnings,
        );
    }
    const role = cell(columns.role);
    const roles = this.values.roles;
    if (!roles.has(speaker)) {
      if (role !== '' && !ROLES.has(role))
        this.warnOnce(`role ${speaker}`, `role '${excerpt(role)}' is not therapist, client or other; the speaker is left undeclared`, line, warnings);
      roles.set(speaker, ROLES.has(role) ? (role as Role) : undefined);
    } else if ((roles.get(speaker) ?? '') !== role)
      this.warnOnce(`role ${speaker}`, `a speaker's role differs from its first row's; the front matter keeps the first`, line, warnings);
  }

  private set(key: 'client' | 'session' | 'date' | 'codebook', value: string, line: number, warnings: ImportWarning[]): void {
    if (value === '') return;
    if (key !== 'session') this.values[key] = value;
    else if (/^[1-9]\d{0,8}$/.test(value)) this.values.session = Number(value);
    else this.warnOnce(key, `column 'session' is not a whole number of 1 or more; the front matter has no session`, line, warnings);
  }

  private shown(key: 'client' | 'session' | 'date' | 'codebook'): string {
    const value = this.values[key];
    return value === undefined ? '' : String(value);
  }

  private warnOnce(key: string, message: string, line: number, warnings: ImportWarning[]): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    warnings.push({ line, message });
  }
}

/** The parts of an export's row that become the turn's phase heading, memo and exact timestamp. */
export function exportedTurnParts(fields: readonly string[], columns: ExportColumns, timestamp: string): { phase?: string; memo?: string; clock?: string } {
  const parts: { phase?: string; memo?: string; clock?: string } = {};
  const phase = (fields[columns.phase] ?? '').trim();
  if (phase !== '') parts.phase = phase;
  const memo = fields[columns.memo] ?? '';
  if (memo.trim() !== '') parts.memo = memo;
  // The timestamp is written back as the export wrote it (`00:01:05.5`), fraction included, when it is one the parser reads.
  const clock = timestamp.trim();
  if (parseTimestamp(clock) !== undefined) parts.clock = clock;
  return parts;
}

/**
 * Whether every `file` value is a relative path the sessions can be written back to below the
 * `--out` folder: `/`-separated names ending in `.session.md`, none of them `.`, `..` or hidden,
 * no two the same but for case.
 */
export function restorablePaths(keys: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const key of keys) {
    const parts = key.split('/');
    if (!/\.session\.md$/i.test(key) || parts.some((part) => !/^[\p{L}\p{N}_-][\p{L}\p{N} ._'-]*$/u.test(part))) return false;
    if (seen.has(key.toLowerCase())) return false;
    seen.add(key.toLowerCase());
  }
  return keys.length > 0;
}
