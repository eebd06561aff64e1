import { stringify } from 'csv-stringify/sync';
import { NO_VALUE, spreadsheetSafeCell } from '../core';
import { UsageError, type RunOptions } from './io';
import { jsonText, terminalText } from './terminal';

/** One table per value of the `--by` field, or one unnamed table without it. */
export interface GroupedTable<T> {
  group: string;
  table: T;
}

/** How a command's table prints: the CSV columns after `group`, a table's CSV rows, and its block of the terminal output under an optional heading. */
export interface TableOutput<T> {
  csvColumns: readonly string[];
  csvRows(table: T): (string | number)[][];
  block(table: T, heading: string | undefined): string;
}

/** The `--by` front-matter field asked for, or undefined. */
export function byFieldOption(values: Record<string, unknown>): string | undefined {
  const field = values['by'] === undefined ? undefined : String(values['by']).trim();
  if (field === '') throw new UsageError('--by needs a front-matter field');
  return field;
}

/** Writes the tables as JSON (one object, or `{groupedBy, groups}` with `--by`), CSV (a `group` column first) or terminal blocks, warning as `stats --by` does when no session has the field. */
export function writeGroupedTables<T extends object>(
  groups: readonly GroupedTable<T>[],
  field: string | undefined,
  format: string,
  output: TableOutput<T>,
  sessions: number,
  options: RunOptions,
): void {
  if (field !== undefined && sessions > 0 && groups.every((g) => g.group === NO_VALUE))
    options.stderr.write(`session-md: warning: no session has the front-matter field '${field}'; all are in the group ${NO_VALUE}\n`);
  if (format === 'json') {
    const json = field === undefined ? groups[0]!.table : { groupedBy: field, groups: groups.map((g) => ({ group: g.group, ...g.table })) };
    options.stdout.write(jsonText(json, 2) + '\n');
  } else if (format === 'csv') {
    const rows = groups.flatMap((g) => output.csvRows(g.table).map((cells) => [spreadsheetSafeCell(g.group), ...cells]));
    options.stdout.write(stringify([['group', ...output.csvColumns], ...rows]));
  } else {
    const blocks = groups.map((g) => output.block(g.table, field === undefined ? undefined : `${field}: ${g.group}`));
    options.stdout.write(terminalText(blocks.join('\n\n') + '\n'));
  }
}
