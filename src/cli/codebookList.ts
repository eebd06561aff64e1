import type { Codebook } from '../core';
import { describeCodebookFile, isBuiltinCodebook, loadCodebookForCommand } from './codebookRef';
import { displayPath } from './files';
import { EXIT, UsageError, type RunOptions } from './io';
import { jsonText, printable, terminalText } from './terminal';

/** The options `session-md codebook list` accepts, for `parseArgs`. */
export const CODEBOOK_LIST_OPTIONS = {
  codebook: { type: 'string', default: 'core' },
  format: { type: 'string', short: 'f', default: 'table' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const CODEBOOK_LIST_USAGE = `Usage: session-md codebook list [--codebook <name or path>] [options]

Prints the codes of a codebook: id, label, role, number of snippets and description,
below the codebook's name, version, source and file.

Options:
      --codebook <x>      A built-in name (core, the default) or a path to a
                          *.codebook.yaml, relative to the current folder
  -f, --format <name>     table (default), json or csv
  -h, --help              Show this help

JSON: {"name","version","source","file","builtin","codes":[{"id","label","role","snippets","description"}],"groups":[…]}
("snippets" is the number of snippets). CSV: the columns id,label,role,snippets,description.

Exit codes: 0 listed, 1 invalid codebook, 2 usage or I/O error.
`;

const LIST_FORMATS = ['table', 'json', 'csv'] as const;
type ListFormat = (typeof LIST_FORMATS)[number];

/** The description column's width when the terminal's is unknown. */
const DEFAULT_DESCRIPTION_WIDTH = 60;
const MIN_DESCRIPTION_WIDTH = 20;

/** `session-md codebook list`: prints a codebook's codes as a table, JSON or CSV and returns the exit code. */
export async function codebookListCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as ListFormat;
  if (!LIST_FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${LIST_FORMATS.join(', ')}`);
  if (positionals.length > 0) throw new UsageError(`codebook list takes no paths ('${positionals[0]}'); name the codebook with --codebook`);
  const ref = String(values['codebook']);
  const result = await loadCodebookForCommand(ref, options);
  if ('exit' in result) return result.exit;
  const { codebook, path } = result.loaded;
  const rows = codeRows(codebook);
  if (format === 'json')
    options.stdout.write(jsonText(listJson(codebook, displayPath(path, options.cwd), isBuiltinCodebook(ref) ? ref : undefined, rows), 2) + '\n');
  else if (format === 'csv') options.stdout.write(listCsv(rows));
  else options.stdout.write(terminalText(listTable(codebook, describeCodebookFile(ref, path, options.cwd), rows, options.columns)));
  return EXIT.clean;
}

interface CodeRow {
  id: string;
  label: string;
  role: string;
  snippets: number;
  description: string;
}

function codeRows(codebook: Codebook): CodeRow[] {
  return [...codebook.codes.values()].map((c) => ({
    id: c.id,
    label: c.label,
    role: c.role,
    snippets: c.snippets.length,
    description: oneLine(c.description ?? ''),
  }));
}

function listJson(codebook: Codebook, file: string, builtin: string | undefined, codes: CodeRow[]): object {
  return {
    name: codebook.name,
    ...(codebook.version !== undefined ? { version: codebook.version } : {}),
    ...(codebook.source !== undefined ? { source: oneLine(codebook.source) } : {}),
    file,
    ...(builtin !== undefined ? { builtin } : {}),
    codes,
    groups: codebook.groups,
  };
}

/** A table with a header line per column; descriptions are cut to fit the terminal (or 60 characters). */
function listTable(codebook: Codebook, file: string, codes: CodeRow[], columns: number | undefined): string {
  // Codebook text is made printable before it is measured, so control characters in it keep the columns aligned.
  const rows = codes.map((r) => ({ ...r, id: printable(r.id), label: printable(r.label), description: printable(r.description) }));
  const head = [
    `Codebook: ${printable(codebook.name)}${codebook.version !== undefined ? ` (version ${printable(codebook.version)})` : ''}`,
    ...(codebook.source !== undefined ? [`Source:   ${printable(oneLine(codebook.source))}`] : []),
    `File:     ${printable(file)}`,
    '',
  ];
  const header = { id: 'id', label: 'label', role: 'role', snippets: 'snippets', description: 'description' };
  const widths = {
    id: Math.max(header.id.length, ...rows.map((r) => r.id.length)),
    label: Math.max(header.label.length, ...rows.map((r) => r.label.length)),
    role: Math.max(header.role.length, ...rows.map((r) => r.role.length)),
    snippets: header.snippets.length,
  };
  const used = widths.id + widths.label + widths.role + widths.snippets + 4 * 2;
  const descriptionWidth = columns === undefined ? DEFAULT_DESCRIPTION_WIDTH : Math.max(MIN_DESCRIPTION_WIDTH, columns - used - 1);
  const line = (r: { id: string; label: string; role: string; snippets: string; description: string }): string =>
    [
      r.id.padEnd(widths.id),
      r.label.padEnd(widths.label),
      r.role.padEnd(widths.role),
      r.snippets.padStart(widths.snippets),
      truncate(r.description, descriptionWidth),
    ]
      .join('  ')
      .trimEnd();
  const snippets = rows.reduce((n, r) => n + r.snippets, 0);
  return (
    [
      ...head,
      line(header),
      ...rows.map((r) => line({ ...r, snippets: String(r.snippets) })),
      '',
      `${rows.length} code${rows.length === 1 ? '' : 's'}, ${snippets} snippet${snippets === 1 ? '' : 's'}.`,
    ].join('\n') + '\n'
  );
}

function listCsv(rows: CodeRow[]): string {
  const lines = [['id', 'label', 'role', 'snippets', 'description'], ...rows.map((r) => [r.id, r.label, r.role, String(r.snippets), r.description])];
  return lines.map((cells) => cells.map(csvCell).join(',')).join('\n') + '\n';
}

// RFC 4180: quote cells holding a comma, quote or line break, doubling the quotes.
function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function truncate(text: string, width: number): string {
  const chars = [...text];
  return chars.length <= width
    ? text
    : chars
        .slice(0, width - 1)
        .join('')
        .trimEnd() + '…';
}
