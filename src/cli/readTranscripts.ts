import { basename, resolve } from 'node:path';
import { checkTranscriptText, ConfigLoadError, decodeTranscript, describeReadError, Linter, type LintedSession } from '../core';
import { leftoverOf } from './atomicWrite';
import { resolveCodebookRef } from './codebookRef';
import { DEFAULT_MAX_FILE_SIZE, unreadableFileProblem, parseMaxFileSize } from './fileSize';
import { displayPath, findLibraries, selectFiles } from './files';
import { nodeFs, UsageError, type CliFs, type RunOptions } from './io';
import { createNodeHost } from './nodeHost';
import { selectRules } from './ruleSelection';

/** A transcript read and parsed once, with the codebook in force (libraries merged). */
export interface ReadTranscript {
  /** The path as the user should see it. */
  file: string;
  /** The absolute path. */
  path: string;
  linted: LintedSession;
}

/** The transcripts that could be read, and whether anything could not (exit code 2). */
export interface TranscriptSelection {
  transcripts: ReadTranscript[];
  ioError: boolean;
}

/**
 * Reads the transcripts named on the command line as `lint` does: folders are searched, globs
 * expanded, `--config` and `--codebook` apply, and the libraries in the named folders merge into
 * every codebook. What cannot be read (a missing path, an unreadable or non-text file, a broken
 * config or codebook) is reported on stderr and sets `ioError`; the rest is still returned.
 */
export async function readTranscripts(positionals: string[], values: Record<string, unknown>, options: RunOptions): Promise<TranscriptSelection> {
  const paths = positionals.length > 0 ? positionals : ['.'];
  const linter = await createCliLinter(values, paths, options);
  const maxFileSize = parseMaxFileSize(values['max-file-size']);
  const { files, missing } = await selectFiles(paths, options.cwd);
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);
  const transcripts: ReadTranscript[] = [];
  const reported = new Set<string>();
  for (const path of files) {
    const file = displayPath(path, options.cwd);
    const leftover = leftoverOf(basename(path));
    if (leftover !== undefined) {
      options.stderr.write(`session-md: skipping ${file}: a temporary copy left by an interrupted write of ${leftover}; compare it with that file and delete it\n`);
      continue;
    }
    const linted = await readOne(path, file, linter, options, reported, maxFileSize);
    if (linted === undefined) ioError = true;
    else {
      if (!codebookLoaded(linted, options, reported)) ioError = true;
      transcripts.push({ file, path, linted });
    }
  }
  return { transcripts, ioError };
}

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
  return linterFrom(await cliLinterOptions(values, paths, options), options.builtinCodebookDir);
}

/** The options of the CLI linter, with `--config` and `--codebook` checked (a usage error when missing). */
export async function cliLinterOptions(values: Record<string, unknown>, paths: string[], options: RunOptions): Promise<CliLinterOptions> {
  const configPath = typeof values['config'] === 'string' ? resolve(options.cwd, values['config']) : undefined;
  if (configPath && !(await exists(options.fs ?? nodeFs, configPath))) throw new UsageError(`config file not found: ${values['config']}`);
  const codebook = typeof values['codebook'] === 'string' ? values['codebook'] : undefined;
  if (codebook !== undefined) await resolveCodebookRef(codebook, options);
  const onlyRules = typeof values['rules'] === 'string' ? selectRules(values['rules']) : undefined;
  const maxFileSize = values['max-file-size'] === undefined ? undefined : parseMaxFileSize(values['max-file-size']);
  return {
    ...(configPath ? { configPath } : {}),
    ...(codebook !== undefined ? { codebookOverride: { ref: codebook, baseDir: options.cwd } } : {}),
    libraries: { workspace: await findLibraries(paths, options.cwd) },
    ...(onlyRules ? { onlyRules } : {}),
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
  };
}

/** A linter built from `cliLinterOptions`, in this thread or a worker. */
export function linterFrom(options: CliLinterOptions, builtinCodebookDir?: string): Linter {
  return new Linter(createNodeHost(builtinCodebookDir, options.maxFileSize), options);
}

/** One transcript read, decoded and linted; or why it could not be (a message, or the broken config). A file above `maxFileSize` bytes is not read. */
export async function loadTranscript(path: string, linter: Linter, options: RunOptions, maxFileSize = DEFAULT_MAX_FILE_SIZE): Promise<{ linted: LintedSession } | { error: string; config?: ConfigLoadError }> {
  const oversize = await unreadableFileProblem(options.fs ?? nodeFs, path, maxFileSize);
  if (oversize) return { error: oversize };
  let bytes: Uint8Array;
  try {
    bytes = await (options.fs ?? nodeFs).readFile(path);
  } catch (error) {
    return { error: `cannot read this file: ${describeReadError(error)}` };
  }
  const decoded = decodeTranscript(bytes);
  const unfit = 'problem' in decoded ? decoded.problem : checkTranscriptText(decoded.text);
  if (unfit || !('text' in decoded)) return { error: `not a transcript: ${unfit?.message}` };
  try {
    return { linted: await linter.lintText(path, decoded.text) };
  } catch (error) {
    if (!(error instanceof ConfigLoadError)) throw error;
    return { error: 'invalid config', config: error };
  }
}

async function readOne(path: string, file: string, linter: Linter, options: RunOptions, reported: Set<string>, maxFileSize: number): Promise<LintedSession | undefined> {
  const outcome = await loadTranscript(path, linter, options, maxFileSize);
  if ('linted' in outcome) return outcome.linted;
  if (outcome.config) reportConfigError(outcome.config, options, reported);
  else options.stderr.write(`session-md: ${file}: ${outcome.error}\n`);
  return undefined;
}

// A codebook that cannot be used is reported once; its sessions are still counted, without labels or scores.
function codebookLoaded(linted: LintedSession, options: RunOptions, reported: Set<string>): boolean {
  const loaded = linted.codebook;
  if (!loaded || linted.codesInForce) return true;
  if (reported.has(loaded.path)) return false;
  reported.add(loaded.path);
  const where = displayPath(loaded.path, options.cwd);
  const why = loaded.readError ?? `${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}; see 'session-md codebook check ${where}'`;
  options.stderr.write(`session-md: ${where}: cannot use this codebook (${why}); its sessions are counted without code labels or summary scores\n`);
  return false;
}

/** Reports a broken config on stderr, once per config file, at its line and column. */
export function reportConfigError(error: ConfigLoadError, options: RunOptions, reported: Set<string>): void {
  for (const problem of error.errors) {
    if (reported.has(problem.path)) continue;
    reported.add(problem.path);
    const where = displayPath(problem.path, options.cwd);
    if (problem.readError) options.stderr.write(`session-md: ${where}: ${problem.readError}\n`);
    for (const p of problem.problems) options.stderr.write(`session-md: ${where}:${p.range.start.line}:${p.range.start.column}: invalid config: ${p.message}\n`);
  }
}

/** Whether a regular file is at `path`. */
export async function exists(fs: CliFs, path: string): Promise<boolean> {
  try {
    return (await fs.stat(path)).isFile();
  } catch {
    return false;
  }
}
