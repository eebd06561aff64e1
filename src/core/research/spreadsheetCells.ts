// CSV cells a spreadsheet shows as text: OWASP's CSV-injection guidance is that no cell should
// begin with =, +, -, @, a tab, a carriage return or a line feed, since Excel, LibreOffice and
// Google Sheets read such a cell as a formula; the remedy is a leading single quote. The
// full-width forms of = + - @ are included, as csv-stringify's own escape_formulas does, because
// Apple Numbers folds them to the ASCII ones. csv-stringify's option cannot be used here: it
// leaves a line feed and, more to the point, a leading quote alone, so its output cannot be read
// back to the exact text.
//
// Reading back is unambiguous because a cell that already begins with a single quote is quoted
// too: `'` is removed from the start of a cell exactly when what follows it would have been
// quoted. So `'-ish` reads as `-ish`, `''tis` as `'tis`, and `'tis` (never written that way, as
// `tis` needs no quote) stays `'tis`.

const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20']/;

/** A cell as written to a spreadsheet-safe CSV: with a leading `'` when it starts like a formula or with `'`. */
export function spreadsheetSafeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The exact text of a cell written by `spreadsheetSafeCell`: its added `'` removed, and any other cell as it is. */
export function exactCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
