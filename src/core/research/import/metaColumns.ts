import frontMatterSchema from '../../../../schemas/session-front-matter.schema.json';
import { ImportError, type ImportWarning } from './types';

// Transcript-level columns of a CSV (AnnoMI's `mi_quality`, `topic`) carried into the front
// matter of each imported session: `session-md import --meta-columns mi_quality,topic`.

/** A column name usable as a front-matter key: an ASCII letter, then letters, digits, `_` or `-`; no `.`, since `stats --by a.b` reads `b` inside `a`. */
const META_KEY = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

// The keys Session Markdown gives a meaning of its own, and `source:`, which the import writes.
const RESERVED = new Set([...Object.keys(frontMatterSchema.properties), 'source']);

/** Why a column cannot become a front-matter key, or undefined when it can. */
export function metaColumnProblem(column: string): string | undefined {
  if (RESERVED.has(column))
    return `--meta-columns: '${column}' is a front-matter field of Session Markdown itself; carry another column, or rename this one in the CSV`;
  if (!META_KEY.test(column))
    return `--meta-columns: '${column}' cannot be a front-matter key: it needs an ASCII letter first, then letters, digits, '_' or '-' (at most 64)`;
  return undefined;
}

/** Checks the columns named by `--meta-columns` before the table is read; throws an `ImportError` for the first that cannot be a key. */
export function checkMetaColumns(columns: readonly string[]): void {
  for (const column of columns) {
    const problem = metaColumnProblem(column);
    if (problem) throw new ImportError(problem);
  }
}

/** The transcript-level values of one session as rows are read: the first row gives each value; a row that differs is warned about once per column. */
export class MetaValues {
  readonly values = new Map<string, string>();
  private readonly firstLine = new Map<string, number>();
  private readonly warned = new Set<string>();

  /** Takes a row's cells (`cells[i]` is the value of `columns[i]`), at line `line`, and adds to `warnings` when one differs from the session's value. */
  add(columns: readonly string[], cells: readonly string[], line: number, warnings: ImportWarning[]): void {
    columns.forEach((column, i) => {
      const value = (cells[i] ?? '').trim();
      const kept = this.values.get(column);
      if (kept === undefined) {
        this.values.set(column, value);
        this.firstLine.set(column, line);
      } else if (kept !== value && !this.warned.has(column)) {
        this.warned.add(column);
        // The values are the file's text: the column and the lines say where to look.
        warnings.push({
          line,
          message: `column '${column}' differs within this session from its value on line ${this.firstLine.get(column)}; the front matter keeps the value of line ${this.firstLine.get(column)}`,
        });
      }
    });
  }
}
