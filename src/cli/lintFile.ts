import { basename } from 'node:path';
import {
  applyEdits,
  checkTranscriptText,
  codebookFindings,
  conflictFindings,
  ConfigLoadError,
  decodeTranscript,
  describeReadError,
  fileInvalid,
  safeFixEdits,
  type ConfigError,
  type Finding,
  type LintedSession,
  type Linter,
} from '../core';
import { leftoverOf, writeFileAtomic, WriteRefused } from './atomicWrite';
import { DEFAULT_MAX_FILE_SIZE, unreadableFileProblem } from './fileSize';
import type { FileResult } from './formatters';
import type { CliFs } from './io';
import { contentHash, type FileSnapshot } from './writeChecks';

export { contentHash } from './writeChecks';

// Linting one file into plain data, so a worker thread can send it back and the cache can store it.

/** What linting one file produced, as plain (structured-clone safe) data. */
export interface FileOutcome {
  findings: Finding[];
  /** Problems in the codebook and libraries the file used, one result (absolute path) per codebook file with findings. */
  codebooks: FileResult[];
  /** The file could not be read, or its fix not written (exit code 2). */
  ioError?: boolean;
  /** The config that applies to the file is broken; nothing else is reported for it. */
  configErrors?: ConfigError[];
  /** The SHA-1 of the bytes the findings belong to (after `--fix`, of the bytes written); set when `hash` was asked for. */
  hash?: string;
  /** The codebook and library files the findings depend on (absolute paths). */
  deps?: string[];
  /** With `--fix`, the fixed text still to be written (by the main thread, see `writeFix`). */
  fix?: PendingFix;
}

/** A fixed transcript not written yet: its text, the file as it was read, and the findings of the text as read. */
export interface PendingFix {
  text: string;
  read: FileSnapshot;
  /** Reported instead of the fixed text's findings when the fix cannot be written, since the file keeps the text read. */
  findings: Finding[];
}

/** How to lint one file: fix it or not, whether to hash its bytes for the cache, and the largest size to read. */
export interface LintFileOptions {
  fix: boolean;
  hash: boolean;
  /** Larger files get a `file-invalid` error without being read (`--max-file-size`); default 10 MB. */
  maxFileSize?: number;
}

const MAX_FIX_PASSES = 10;

/**
 * Reads, decodes, lints and (with `fix`) fixes one transcript in memory; `writeFix` writes the
 * fix. `bytes` skips the read when the caller has them. A temporary file left by an interrupted
 * write is reported, not linted.
 */
export async function lintFile(path: string, fs: CliFs, linter: Linter, options: LintFileOptions, bytes?: Uint8Array): Promise<FileOutcome> {
  const leftover = leftoverOf(basename(path));
  if (leftover !== undefined) return { findings: [fileInvalid(leftoverMessage(leftover))], codebooks: [], deps: [] };
  let stats: { size?: number; mtimeMs?: number } | undefined;
  if (bytes === undefined) {
    const oversize = await unreadableFileProblem(fs, path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (oversize) return { findings: [fileInvalid(oversize)], codebooks: [], deps: [] };
    try {
      bytes = await fs.readFile(path);
      // What `--fix` compares before it replaces the file: a save after this is caught by the size, the time or the hash.
      if (options.fix) stats = await fs.stat(path);
    } catch (error) {
      return { findings: [fileInvalid(`Cannot read this file: ${describeReadError(error)}`)], codebooks: [], ioError: true };
    }
  }
  const digest = options.hash || options.fix ? contentHash(bytes) : '';
  const hash = options.hash ? { hash: digest } : {};
  const decoded = decodeTranscript(bytes);
  if ('problem' in decoded) return { findings: [fileInvalid(decoded.problem.message, decoded.problem.range)], codebooks: [], deps: [], ...hash };
  const unfit = checkTranscriptText(decoded.text);
  if (unfit) return { findings: [fileInvalid(unfit.message, unfit.range)], codebooks: [], deps: [], ...hash };
  try {
    let linted = await linter.lintText(path, decoded.text);
    if (!options.fix) return { ...describe(linted, linter.onlyRules), ...hash };
    const { text: original, bom } = linted.session;
    const before = linted.findings;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const edits = safeFixEdits(linted.findings);
      if (edits.length === 0) break;
      const next = applyEdits(linted.session.text, edits);
      if (next.applied === 0) break;
      linted = await linter.lintText(path, next.text);
    }
    if (linted.session.text === original) return { ...describe(linted, linter.onlyRules), ...hash };
    stats ??= await fs.stat(path);
    const read = { size: stats.size ?? bytes.length, mtimeMs: stats.mtimeMs ?? 0, hash: digest };
    return { ...describe(linted, linter.onlyRules), ...hash, fix: { text: bom + linted.session.text, read, findings: before } };
  } catch (error) {
    if (error instanceof ConfigLoadError) return { findings: [], codebooks: [], configErrors: error.errors };
    throw error;
  }
}

/**
 * Writes the fix `lintFile` left in the outcome (atomically, only inside `root`, only if the file
 * is unchanged since it was read) and returns the outcome to report: when the fix is not written,
 * the findings of the file as it is plus a `file-invalid` error that says why (exit code 2).
 */
export async function writeFix(path: string, outcome: FileOutcome, fs: CliFs, root: string): Promise<FileOutcome> {
  const { fix, ...rest } = outcome;
  if (!fix) return outcome;
  try {
    await writeFileAtomic(fs, path, fix.text, { root, unchangedSince: fix.read });
  } catch (error) {
    const why = error instanceof WriteRefused ? `Not fixed: ${error.message}.` : `Cannot write the fixed file: ${describeReadError(error)}`;
    return { ...rest, findings: [...fix.findings, fileInvalid(why)], ioError: true };
  }
  return { ...rest, ...(rest.hash !== undefined ? { hash: contentHash(fix.text) } : {}) };
}

function leftoverMessage(original: string): string {
  return `Temporary copy left by an interrupted write of ${original} (session-md lint --fix or import was stopped): compare it with ${original}, keep what you need, and delete it`;
}

/** Whether `--fix` would change a file with these findings. */
export function hasSafeFixes(findings: Finding[]): boolean {
  return safeFixEdits(findings).length > 0;
}

// The findings, and the problems inside codebooks and libraries and conflicts between libraries, to be reported once on their own files
// (not when `--rules` leaves codebook-invalid out: a pre-commit run of `--rules pii` is about identifying details only).
function describe(linted: LintedSession, onlyRules: ReadonlySet<string> | undefined): FileOutcome {
  const severity = linted.config.rules['codebook-invalid'];
  const skipCodebooks = onlyRules !== undefined && !onlyRules.has('codebook-invalid');
  const codebooks: FileResult[] = [];
  const deps: string[] = [];
  for (const loaded of [linted.codebook, ...linted.libraries]) {
    if (!loaded) continue;
    deps.push(loaded.path);
    if (skipCodebooks) continue;
    const unreadable: Finding[] = loaded.readError === undefined || loaded === linted.codebook ? [] : [fileInvalid(`Cannot read this library: ${loaded.readError}`)];
    const findings = [...unreadable, ...(severity === 'off' ? [] : codebookFindings(loaded, severity)), ...conflictFindings(linted.conflicts, loaded.path)];
    if (findings.length > 0 && !codebooks.some((c) => c.path === loaded.path)) codebooks.push({ path: loaded.path, findings });
  }
  return { findings: linted.findings, codebooks, deps };
}
