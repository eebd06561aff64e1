import { resolve } from 'node:path';
import { CODEBOOK_CONFLICT, FILE_INVALID, RULES, withCodebookReports, type FileReport } from '../core';
import { cliLinterOptions, linterFrom, reportConfigError } from './cliLinter';
import { displayPath } from './files';
import { FORMATS, formatResults, type FormatName } from './formatters';
import type { CliHost } from './host';
import { EXIT, UsageError, type RunOptions } from './io';
import { DEFAULT_CACHE_FILE, LintCache } from './lintCache';
import { MAX_FILE_SIZE_USAGE, parseMaxFileSize } from './fileSize';
import { isIoError, type FileOutcome } from './lintFile';
import { lintFiles, workerCount } from './lintPool';
import { rootForPath } from './writeChecks';

/** The options `session-md lint` accepts, for `parseArgs`. */
export const LINT_OPTIONS = {
  format: { type: 'string', short: 'f', default: 'stylish' },
  fix: { type: 'boolean', default: false },
  config: { type: 'string', short: 'c' },
  codebook: { type: 'string' },
  rules: { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q', default: false },
  cache: { type: 'boolean', default: false },
  'cache-location': { type: 'string' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export const LINT_USAGE = `Usage: session-md lint [paths or globs…] [options]

Checks *.session.md transcripts. Folders are searched for *.session.md; with no
paths, the current folder is searched.

Options:
  -f, --format <name>     stylish (default), json, sarif or github
      --fix               Apply safe fixes and write the files back (atomically,
                          keeping line endings, BOM, mode and owner). Writes only
                          inside the folder argument a file was found in (for a
                          file or glob: the current folder, or the file's own),
                          never through a symbolic link out of it; skips, with
                          an error, a file that is read-only, has other hard
                          links, or changed while it was being fixed
  -c, --config <file>     Use this config file instead of .sessionmdrc.yaml lookup
      --codebook <x>      Check every file against this codebook (a built-in name
                          or a path relative to the current folder), overriding
                          the front matter and the config
      --rules <list>      Run only these rules: comma-separated rule ids, or the
                          group pii (every pii-* rule), e.g. --rules pii for a
                          pre-commit hook. Severities still apply: a rule set
                          off in the config or front matter stays off
      --max-warnings <n>  Exit with 1 when there are more than n warnings
  -q, --quiet             Report errors only
      --cache             Only re-check files that changed since the last run
                          (or whose config, codebook, libraries, name list or
                          pseudonym map changed). A speed-up for local runs, not
                          for a CI gate: a cache file can be edited to hide
                          findings. Holds no transcript text; a .gitignore
                          naming it is written beside it in a git repository
      --cache-location <file>
                          Where the cache is kept (default: .sessionmd-cache)
${MAX_FILE_SIZE_USAGE}
  -h, --help              Show this help

Exit codes: 0 clean, 1 errors (or too many warnings), 2 usage or I/O error.
`;

/** `session-md lint`: lints files, optionally fixes them, prints the chosen format and returns the exit code. */
export async function lintCommand(values: Record<string, unknown>, positionals: string[], options: RunOptions): Promise<number> {
  const format = String(values['format']) as FormatName;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format '${format}'; use one of ${FORMATS.join(', ')}`);
  const maxWarnings = parseMaxWarnings(values['max-warnings']);
  const maxFileSize = parseMaxFileSize(values['max-file-size']);
  const cacheLocation = values['cache-location'];
  if (cacheLocation !== undefined && values['cache'] !== true) throw new UsageError('--cache-location needs --cache');
  const host = options.host;
  const fix = values['fix'] === true;
  const paths = positionals.length > 0 ? positionals : ['.'];
  const linterOptions = await cliLinterOptions(values, paths, options);
  const linter = linterFrom(linterOptions, host, options);
  const { files, missing, roots } = await host.listFiles(paths, options.cwd);
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);

  // With --cache, unchanged files take their stored outcome; the rest are linted, on worker threads when there are many.
  const cachePath = resolve(options.cwd, String(cacheLocation ?? DEFAULT_CACHE_FILE));
  const cache =
    values['cache'] === true ? await LintCache.open(cachePath, rootForPath(cachePath, options.cwd), linterOptions, host, options.stderr) : undefined;
  const outcomes: (FileOutcome | undefined)[] = cache
    ? await mapLimit(files, 16, (file) => cache.lookup(file, linter, fix, maxFileSize))
    : new Array(files.length);
  const todo = files.filter((_, i) => outcomes[i] === undefined);
  // With --fix, a file reached twice (a symbolic link and its target) is linted again only after the first fix is written, so it is fixed once.
  const rounds = fix ? await byRealFile(todo, host) : [todo];
  const fresh = new Map<string, FileOutcome>();
  for (const round of rounds) {
    const job = {
      files: round,
      roots: round.map((f) => roots.get(f)!),
      fix,
      hash: cache !== undefined,
      maxFileSize,
      linter: linterOptions,
      builtinCodebookDir: host.builtinCodebookDir,
    };
    // Worker threads only when run() was told to use them (they read through Node's own file system).
    const threads = options.threads ? await workerCount(round, host, options.threads) : 0;
    (await lintFiles(job, host, linter, threads, options.threads?.script)).forEach((outcome, k) => fresh.set(round[k]!, outcome));
  }
  for (let i = 0; i < files.length; i++) {
    if (outcomes[i] !== undefined) continue;
    outcomes[i] = fresh.get(files[i]!)!;
    await cache?.store(files[i]!, outcomes[i]!, linter);
  }
  await cache?.save(options.stderr);

  const reports: FileReport[] = [];
  const reportedConfigs = new Set<string>();
  files.forEach((path, i) => {
    const outcome = outcomes[i]!;
    if (outcome.problem?.kind === 'config') {
      ioError = true;
      reportConfigError(outcome.problem.errors, options, reportedConfigs);
      return;
    }
    if (isIoError(outcome)) ioError = true;
    reports.push({ ...outcome, path });
  });
  // Problems inside codebooks and libraries, and conflicts between libraries, are reported once, on their own files.
  const results = withCodebookReports(reports).map((r) => ({ path: displayPath(r.path, options.cwd), findings: r.findings }));

  const shown = values['quiet'] === true ? results.map((r) => ({ ...r, findings: r.findings.filter((f) => f.severity === 'error') })) : results;
  if (results.length > 0 || format === 'json' || format === 'sarif')
    options.stdout.write(formatResults(format, shown, { color: options.color === true, rules: RULES, extraRules: [FILE_INVALID, CODEBOOK_CONFLICT] }));

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

function parseMaxWarnings(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--max-warnings needs a whole number of 0 or more, not '${String(value)}'`);
  return n;
}

// The files in rounds: first one path of each real file, then the other paths to files already seen.
async function byRealFile(files: string[], host: CliHost): Promise<string[][]> {
  const seen = new Set<string>();
  const rounds: string[][] = [];
  for (const file of files) {
    const real = await host.realpath(file).catch(() => file);
    let round = 0;
    while (seen.has(`${round}\0${real}`)) round++;
    seen.add(`${round}\0${real}`);
    (rounds[round] ??= []).push(file);
  }
  return rounds;
}

// Maps with at most `limit` calls in flight, keeping the order.
async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return out;
}
