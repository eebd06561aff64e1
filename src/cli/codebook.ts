import { resolve } from 'node:path';
import { checkCodebookFile, CODEBOOK_FILE_INVALID, RULES, SNIPPET_UNANNOTATED, type FileReport } from '../core';
import { isBuiltinCodebook, resolveCodebookRef } from './codebookRef';
import { displayPath } from './files';
import { FORMATS, formatResults, type FormatName } from './formatters';
import { MAX_FILE_SIZE_USAGE, parseMaxFileSize, sizeLimit } from './fileSize';
import { EXIT, UsageError, type RunOptions } from './io';

/** The options `session-md codebook check` accepts, for `parseArgs`. */
export const CODEBOOK_CHECK_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const CODEBOOK_USAGE = `Usage: session-md codebook <check|list> [options]

Commands:
  check [paths or globs…]  Validate *.codebook.yaml files (folders are searched)
  list [--codebook <x>]    Print a codebook's codes as a table

Run 'session-md codebook <command> --help' for its options.
`;

export const CODEBOOK_CHECK_USAGE = `Usage: session-md codebook check [paths, globs or built-in names…] [options]

Validates codebooks and technique libraries against the codebook schema and reports
every problem at its line and column. Folders are searched for *.codebook.yaml; with
no paths, the current folder is searched. A built-in name (such as core) checks the
built-in codebook. Snippets whose body lacks their own code's annotation ({id} or
{id | note}) are reported as warnings (snippet-unannotated).

Options:
  -f, --format <name>     stylish (default), json, sarif or github
${MAX_FILE_SIZE_USAGE}
  -h, --help              Show this help

Exit codes: 0 valid (warnings allowed), 1 invalid codebooks, 2 usage or I/O error.
`;

/** `session-md codebook check`: validates codebook files, prints the chosen format and returns the exit code. */
export async function codebookCheckCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const limit = sizeLimit(parseMaxFileSize(values['max-file-size']));
  const args = await Promise.all((positionals.length > 0 ? positionals : ['.']).map((arg) => builtinOrPath(arg, options)));
  const { files, missing } = await options.host.listFiles(args, options.cwd, 'codebooks');
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);

  const results: FileReport[] = [];
  for (const path of files) {
    const report = await checkCodebookFile(path, options.host, limit);
    // A codebook that was not read (refused or unreadable) is an I/O error; one that is no text is invalid.
    if (report.problem?.kind === 'refused' || report.problem?.kind === 'unreadable') ioError = true;
    results.push({ path: displayPath(path, options.cwd), findings: report.findings });
  }
  const rules = RULES.filter((r) => r.id === 'codebook-invalid');
  if (results.length > 0 || format === 'json' || format === 'sarif') {
    options.stdout.write(formatResults(format, results, { color: options.color === true, rules, extraRules: [CODEBOOK_FILE_INVALID, SNIPPET_UNANNOTATED] }));
  }
  if (ioError) return EXIT.usage;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.problems : EXIT.clean;
}

// A built-in name stands for the built-in file, unless a file or folder of that name is here.
async function builtinOrPath(arg: string, options: RunOptions): Promise<string> {
  if (!isBuiltinCodebook(arg) || (await options.host.stat(resolve(options.cwd, arg))) !== undefined) return arg;
  return resolveCodebookRef(arg, options).catch(() => arg);
}
