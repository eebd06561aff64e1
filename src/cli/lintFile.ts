import { createHash } from 'node:crypto';
import {
  applyEdits,
  checkTranscriptText,
  codebookFindings,
  conflictFindings,
  ConfigLoadError,
  decodeTranscript,
  describeReadError,
  safeFixEdits,
  type ConfigError,
  type Finding,
  type LintedSession,
  type Linter,
} from '../core';
import { writeFileAtomic } from './atomicWrite';
import { DEFAULT_MAX_FILE_SIZE, unreadableFileProblem } from './fileSize';
import type { FileResult } from './formatters';
import type { CliFs } from './io';

// Linting one file into plain data, so a worker thread can send it back and the cache can store it.

/** The pseudo-rule for files that cannot be linted at all: unreadable, binary, not UTF-8 or empty. */
export const FILE_RULE = { id: 'file-invalid', description: 'A transcript must be a readable, non-empty UTF-8 text file.' };

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
}

/** How to lint one file: fix it or not, whether to hash its bytes for the cache, and the largest size to read. */
export interface LintFileOptions {
  fix: boolean;
  hash: boolean;
  /** Larger files get a `file-invalid` error without being read (`--max-file-size`); default 10 MB. */
  maxFileSize?: number;
}

const MAX_FIX_PASSES = 10;

/** SHA-1 of a file's bytes or a string's UTF-8, as the cache keys files. */
export function contentHash(data: Uint8Array | string): string {
  return createHash('sha1').update(data).digest('base64url');
}

/** Reads, decodes, lints and (with `fix`) fixes one transcript; `bytes` skips the read when the caller has them. */
export async function lintFile(path: string, fs: CliFs, linter: Linter, options: LintFileOptions, bytes?: Uint8Array): Promise<FileOutcome> {
  if (bytes === undefined) {
    const oversize = await unreadableFileProblem(fs, path, options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE);
    if (oversize) return { findings: [fileFinding(oversize)], codebooks: [], deps: [] };
    try {
      bytes = await fs.readFile(path);
    } catch (error) {
      return { findings: [fileFinding(`Cannot read this file: ${describeReadError(error)}`)], codebooks: [], ioError: true };
    }
  }
  const hash = options.hash ? { hash: contentHash(bytes) } : {};
  const decoded = decodeTranscript(bytes);
  if ('problem' in decoded) return { findings: [fileFinding(decoded.problem.message, decoded.problem.range)], codebooks: [], deps: [], ...hash };
  const unfit = checkTranscriptText(decoded.text);
  if (unfit) return { findings: [fileFinding(unfit.message, unfit.range)], codebooks: [], deps: [], ...hash };
  try {
    let linted = await linter.lintText(path, decoded.text);
    if (!options.fix) return { ...describe(linted, linter.onlyRules), ...hash };
    const { text: original, hadBom } = linted.session;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const edits = safeFixEdits(linted.findings);
      if (edits.length === 0) break;
      const next = applyEdits(linted.session.text, edits);
      if (next.applied === 0) break;
      linted = await linter.lintText(path, next.text);
    }
    if (linted.session.text === original) return { ...describe(linted, linter.onlyRules), ...hash };
    const written = (hadBom ? '\uFEFF' : '') + linted.session.text;
    try {
      await writeFileAtomic(fs, path, written);
    } catch (error) {
      const outcome = describe(linted, linter.onlyRules);
      return { ...outcome, findings: [...outcome.findings, fileFinding(`Cannot write the fixed file: ${describeReadError(error)}`)], ioError: true };
    }
    return { ...describe(linted, linter.onlyRules), ...(options.hash ? { hash: contentHash(written) } : {}) };
  } catch (error) {
    if (error instanceof ConfigLoadError) return { findings: [], codebooks: [], configErrors: error.errors };
    throw error;
  }
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
    const unreadable: Finding[] = loaded.readError === undefined || loaded === linted.codebook ? [] : [fileFinding(`Cannot read this library: ${loaded.readError}`)];
    const findings = [...unreadable, ...(severity === 'off' ? [] : codebookFindings(loaded, severity)), ...conflictFindings(linted.conflicts, loaded.path)];
    if (findings.length > 0 && !codebooks.some((c) => c.path === loaded.path)) codebooks.push({ path: loaded.path, findings });
  }
  return { findings: linted.findings, codebooks, deps };
}

/** A `file-invalid` error at a position in the file (the start by default). */
export function fileFinding(message: string, range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } }): Finding {
  return { ruleId: FILE_RULE.id, severity: 'error', message, range };
}
