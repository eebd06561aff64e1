import { resolve } from 'node:path';
import { checkTranscriptText, ConfigLoadError, decodeTranscript, describeReadError, Linter, type LintedSession } from '../core';
import { resolveCodebookRef } from './codebookRef';
import { displayPath, findLibraries, selectFiles } from './files';
import { exists, reportConfigError } from './lint';
import { nodeFs, UsageError, type RunOptions } from './io';
import { createNodeHost } from './nodeHost';

/** A transcript read and parsed once, with the codebook in force (libraries merged). */
export interface ReadTranscript {
  /** The path as the user should see it. */
  file: string;
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
  const fs = options.fs ?? nodeFs;
  const configPath = typeof values['config'] === 'string' ? resolve(options.cwd, values['config']) : undefined;
  if (configPath && !(await exists(fs, configPath))) throw new UsageError(`config file not found: ${values['config']}`);
  const codebook = typeof values['codebook'] === 'string' ? values['codebook'] : undefined;
  if (codebook !== undefined) await resolveCodebookRef(codebook, options);

  const paths = positionals.length > 0 ? positionals : ['.'];
  const { files, missing } = await selectFiles(paths, options.cwd);
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);
  const linter = new Linter(createNodeHost(options.builtinCodebookDir), {
    ...(configPath ? { configPath } : {}),
    ...(codebook !== undefined ? { codebookOverride: { ref: codebook, baseDir: options.cwd } } : {}),
    libraries: { workspace: await findLibraries(paths, options.cwd) },
  });
  const transcripts: ReadTranscript[] = [];
  const reported = new Set<string>();
  for (const path of files) {
    const file = displayPath(path, options.cwd);
    const linted = await readOne(path, file, linter, options, reported);
    if (linted === undefined) ioError = true;
    else {
      if (!codebookLoaded(linted, options, reported)) ioError = true;
      transcripts.push({ file, linted });
    }
  }
  return { transcripts, ioError };
}

async function readOne(path: string, file: string, linter: Linter, options: RunOptions, reported: Set<string>): Promise<LintedSession | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await (options.fs ?? nodeFs).readFile(path);
  } catch (error) {
    options.stderr.write(`session-md: ${file}: cannot read this file: ${describeReadError(error)}\n`);
    return undefined;
  }
  const decoded = decodeTranscript(bytes);
  const unfit = 'problem' in decoded ? decoded.problem : checkTranscriptText(decoded.text);
  if (unfit || !('text' in decoded)) {
    options.stderr.write(`session-md: ${file}: not a transcript: ${unfit?.message}\n`);
    return undefined;
  }
  try {
    return await linter.lintText(path, decoded.text);
  } catch (error) {
    if (!(error instanceof ConfigLoadError)) throw error;
    reportConfigError(error, options, reported);
    return undefined;
  }
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
