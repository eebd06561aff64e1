import {
  applyEdits,
  checkTranscriptText,
  codebookFindings,
  CODEBOOK_CONFLICT_RULE,
  conflictFindings,
  ConfigLoadError,
  decodeTranscript,
  describeReadError,
  Linter,
  RULES,
  safeFixEdits,
  type Finding,
  type LintedSession,
} from '../core';
import { writeFileAtomic } from './atomicWrite';
import { displayPath, selectFiles } from './files';
import { createCliLinter, reportConfigError } from './readTranscripts';

export { displayPath } from './files';
import { FORMATS, formatResults, type FileResult, type FormatName } from './formatters';
import { EXIT, nodeFs, UsageError, type CliFs, type RunOptions } from './io';

/** The options `session-md lint` accepts, for `parseArgs`. */
export const LINT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  fix: { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  codebook: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const LINT_USAGE = `Usage: session-md lint [paths or globs…] [options]

Checks *.session.md transcripts. Folders are searched for *.session.md; with no
paths, the current folder is searched.

Options:
  -f, --format <name>     stylish (default), json, sarif or github
      --fix               Apply safe fixes and write the files back (atomically,
                          keeping line endings, BOM and file mode)
  -c, --config <file>     Use this config file instead of .sessionmdrc.yaml lookup
      --codebook <x>      Check every file against this codebook (a built-in name
                          or a path relative to the current folder), overriding
                          the front matter and the config
      --max-warnings <n>  Exit with 1 when there are more than n warnings
  -q, --quiet             Report errors only
  -h, --help              Show this help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage or I/O error.
`;

/** The pseudo-rule for files that cannot be linted at all: unreadable, binary, not UTF-8 or empty. */
export const FILE_RULE = { id: 'file-invalid', description: 'A transcript must be a readable, non-empty UTF-8 text file.' };

const MAX_FIX_PASSES = 10;

/** `session-md lint`: lints files, optionally fixes them, prints the chosen format and returns the exit code. */
export async function lintCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const fs = options.fs ?? nodeFs;
  const paths = positionals.length > 0 ? positionals : ['.'];
  const linter = await createCliLinter(values, paths, options);
  const { files, missing } = await selectFiles(paths, options.cwd);
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);

  const results: FileResult[] = [];
  const codebookResults = new Map<string, FileResult>();
  const reportedConfigs = new Set<string>();
  for (const path of files) {
    const display = displayPath(path, options.cwd);
    const outcome = await lintFile(path, fs, linter, values['fix'] === true);
    if ('configError' in outcome) {
      ioError = true;
      reportConfigError(outcome.configError, options, reportedConfigs);
      continue;
    }
    if (outcome.ioError) ioError = true;
    results.push({ path: display, findings: outcome.findings });
    if (outcome.linted) collectCodebookResults(outcome.linted, options.cwd, codebookResults);
  }
  results.push(...codebookResults.values());

  const shown = values['quiet'] === true ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  if (results.length > 0 || format === 'json' || format === 'sarif') options.stdout.write(formatResults(format, shown, { color: options.color === true, rules: RULES, extraRules: [FILE_RULE, CODEBOOK_CONFLICT_RULE] }));

  if (ioError) return EXIT.usage;
  const all = results.flatMap((r) => r.findings);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (errors > 0) return EXIT.problems;
  if (maxWarnings !== undefined && warnings > maxWarnings) {
    options.stderr.write(`session-md: too many warnings (${warnings}; at most ${maxWarnings} allowed)\n`);
    return EXIT.problems;
  }
  return EXIT.clean;
}

// Problems inside codebooks and libraries, and conflicts between libraries, are reported once, on their own files.
function collectCodebookResults(linted: LintedSession, cwd: string, into: Map<string, FileResult>): void {
  const severity = linted.config.rules['codebook-invalid'];
  for (const loaded of [linted.codebook, ...linted.libraries]) {
    if (!loaded || into.has(loaded.path)) continue;
    const unreadable: Finding[] = loaded.readError === undefined || loaded === linted.codebook ? [] : [fileFinding(`Cannot read this library: ${loaded.readError}`)];
    const findings = [...unreadable, ...(severity === 'off' ? [] : codebookFindings(loaded, severity)), ...conflictFindings(linted.conflicts, loaded.path)];
    if (findings.length > 0) into.set(loaded.path, { path: displayPath(loaded.path, cwd), findings });
  }
}

type FileOutcome = { findings: Finding[]; linted?: LintedSession; ioError?: boolean } | { configError: ConfigLoadError };

async function lintFile(path: string, fs: CliFs, linter: Linter, fix: boolean): Promise<FileOutcome> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    return { findings: [fileFinding(`Cannot read this file: ${describeReadError(error)}`)], ioError: true };
  }
  const decoded = decodeTranscript(bytes);
  if ('problem' in decoded) return { findings: [fileFinding(decoded.problem.message, decoded.problem.range)] };
  const unfit = checkTranscriptText(decoded.text);
  if (unfit) return { findings: [fileFinding(unfit.message, unfit.range)] };
  try {
    let linted = await linter.lintText(path, decoded.text);
    if (!fix) return { findings: linted.findings, linted };
    const { text: original, hadBom } = linted.session;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const edits = safeFixEdits(linted.findings);
      if (edits.length === 0) break;
      const next = applyEdits(linted.session.text, edits);
      if (next.applied === 0) break;
      linted = await linter.lintText(path, next.text);
    }
    if (linted.session.text !== original) {
      try {
        await writeFileAtomic(fs, path, (hadBom ? '\uFEFF' : '') + linted.session.text);
      } catch (error) {
        return { findings: [...linted.findings, fileFinding(`Cannot write the fixed file: ${describeReadError(error)}`)], linted, ioError: true };
      }
    }
    return { findings: linted.findings, linted };
  } catch (error) {
    if (error instanceof ConfigLoadError) return { configError: error };
    throw error;
  }
}

function fileFinding(message: string, range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }): Finding {
  return { ruleId: FILE_RULE.id, severity: 'error', message, range };
}


function parseMaxWarnings(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${String(value)}'`);
  return n;
}

