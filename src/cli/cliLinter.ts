import { resolve } from 'node:path';
import { FolderCourses, Linter, type ConfigError, type LinterOptions } from '../core';
import { resolveCodebookRef } from './codebookRef';
import { parseMaxFileSize } from './fileSize';
import { displayPath } from './files';
import { withMaxFileSize, type CliReader } from './host';
import { UsageError, type RunOptions } from './io';
import { selectRules } from './ruleSelection';

/** What a CLI linter is built from, as plain data a worker thread can rebuild it from. */
export interface CliLinterOptions {
  configPath?: string;
  codebookOverride?: { ref: string; baseDir: string };
  libraries: { workspace: string[] };
  /** `lint --rules`: the ids of the only rules that run. Part of the cache key and of what workers rebuild the linter from. */
  onlyRules?: string[];
  /** `--max-file-size`: config, codebook, library and pii files above it are refused too. */
  maxFileSize?: number;
}

/**
 * The linter every command that reads transcripts uses: `--config` and `--codebook` checked
 * (a usage error when missing), and the libraries inside the named folders merged, as
 * workspace libraries are in the editor.
 */
export async function createCliLinter(values: Record<string, unknown>, paths: string[], options: RunOptions): Promise<Linter> {
  return linterFrom(await cliLinterOptions(values, paths, options), options.host, options);
}

/** The options of the CLI linter, with `--config` and `--codebook` checked (a usage error when missing). */
export async function cliLinterOptions(values: Record<string, unknown>, paths: string[], options: RunOptions): Promise<CliLinterOptions> {
  const configPath = typeof values['config'] === 'string' ? resolve(options.cwd, values['config']) : undefined;
  if (configPath && (await options.host.stat(configPath))?.isFile !== true) throw new UsageError(`config file not found: ${values['config']}`);
  const codebook = typeof values['codebook'] === 'string' ? values['codebook'] : undefined;
  if (codebook !== undefined) await resolveCodebookRef(codebook, options);
  const onlyRules = typeof values['rules'] === 'string' ? selectRules(values['rules']) : undefined;
  const maxFileSize = values['max-file-size'] === undefined ? undefined : parseMaxFileSize(values['max-file-size']);
  return {
    ...(configPath ? { configPath } : {}),
    ...(codebook !== undefined ? { codebookOverride: { ref: codebook, baseDir: options.cwd } } : {}),
    libraries: { workspace: await options.host.findLibraries(paths, options.cwd) },
    ...(onlyRules ? { onlyRules } : {}),
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
  };
}

/** A linter built from `cliLinterOptions` reading through `host`, in this thread (counting its parses when asked) or a worker. */
export function linterFrom(options: CliLinterOptions, host: CliReader, count: Pick<RunOptions, 'parseCounter'> = {}): Linter {
  const { maxFileSize, ...rest } = options;
  const linterOptions: LinterOptions = { ...rest, ...(count.parseCounter ? { counter: count.parseCounter } : {}) };
  const { transcriptsIn, readHead } = host;
  // The course rules read the sessions beside each file, each folder once per linter (a run, or a worker's share of it).
  if (transcriptsIn && readHead) linterOptions.courses = new FolderCourses({ transcriptsIn, readHead });
  return new Linter(withMaxFileSize(host, maxFileSize), linterOptions);
}

/** Reports a broken config on stderr, once per config file, at its line and column. */
export function reportConfigError(errors: readonly ConfigError[], options: RunOptions, reported: Set<string>): void {
  for (const problem of errors) {
    if (reported.has(problem.path)) continue;
    reported.add(problem.path);
    const where = displayPath(problem.path, options.cwd);
    if (problem.readError) options.stderr.write(`session-md: ${where}: ${problem.readError}\n`);
    for (const p of problem.problems)
      options.stderr.write(`session-md: ${where}:${p.range.start.line}:${p.range.start.column}: invalid config: ${p.message}\n`);
  }
}
