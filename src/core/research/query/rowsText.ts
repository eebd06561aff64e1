import { stringify } from 'csv-stringify/sync';
import type { CsvOptions, ExportFormat } from '../export';
import { spreadsheetSafeCell } from '../spreadsheetCells';

/** Rows as CSV or JSON Lines, as the export writes them (export.ts): lists joined with `;` in CSV, spreadsheet-safe cells unless `exact`, null where missing. */
export function rowsText(rows: readonly object[], columns: readonly string[], format: ExportFormat, options: CsvOptions = {}): string {
  const record = (row: object): Record<string, unknown> => Object.fromEntries(columns.map((key) => [key, (row as Record<string, unknown>)[key] ?? null]));
  if (format === 'jsonl') return rows.map((row) => `${JSON.stringify(record(row))}\n`).join('');
  const records = rows.map((row) =>
    Object.fromEntries(Object.entries(record(row)).map(([key, value]) => [key, Array.isArray(value) ? value.join(';') : value])),
  );
  const header = stringify([[...columns]], { record_delimiter: 'unix', bom: options.bom === true });
  const cast = options.exact === true ? { number: String } : { number: String, string: spreadsheetSafeCell };
  return header + stringify(records, { columns: [...columns], record_delimiter: 'unix', cast });
}
