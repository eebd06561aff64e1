import { basename } from 'node:path';
import { ConfigLoadError } from '../config/errors';
import { describeReadError, refusalOf, type FileHost, type FileSizeLimit, type WorkspaceHost } from '../host';
import { applyEdits, safeFixEdits } from '../lint/fix';
import type { LintedSession, Linter } from '../lint/linter';
import { fileInvalid } from '../lint/pseudoRules';
import type { Session } from '../model';
import { checkTranscriptText, decodeTranscript } from '../text/decode';
import { leftoverMessage, leftoverOf } from './leftovers';
import { lintedReport, type FileReport } from './report';

// Checking one transcript file, the same way for the CLI and the editor: read it only if it is a
// regular file within the size limit, decode it (UTF-16, binary and invalid UTF-8 are named at their
// position), refuse text that is no transcript, lint it, and report its codebooks' problems.

/** How a transcript file is read. */
export interface TranscriptReadOptions {
  /** Larger files get a `file-invalid` error without being read. */
  limit: FileSizeLimit;
  /** Read a temporary copy left by an interrupted write like any transcript, instead of reporting it (for copies named one by one, as coders' copies are). */
  readLeftovers?: boolean;
}

/** The bytes of a transcript file; or, when it must not or cannot be read, the report that says why. */
export async function readTranscriptFile(
  path: string,
  host: FileHost,
  options: TranscriptReadOptions,
): Promise<{ bytes: Uint8Array } | { report: FileReport }> {
  const original = options.readLeftovers ? undefined : leftoverOf(basename(path));
  if (original !== undefined) return { report: { path, findings: [fileInvalid(leftoverMessage(original))], problem: { kind: 'leftover', original } } };
  const refusal = refusalOf(await host.stat(path), options.limit);
  if (refusal) return { report: { path, findings: [fileInvalid(refusal)], problem: { kind: 'refused' } } };
  try {
    return { bytes: await host.readBytes(path) };
  } catch (error) {
    const reason = describeReadError(error);
    return { report: { path, findings: [fileInvalid(`Cannot read this file: ${reason}`)], problem: { kind: 'unreadable', reason } } };
  }
}

/** The text of a transcript file's bytes (its byte order mark kept), or the report of why they are no UTF-8 transcript, at its position. */
export function decodeTranscriptFile(path: string, bytes: Uint8Array): { text: string } | { report: FileReport } {
  const decoded = decodeTranscript(bytes);
  const unfit = 'problem' in decoded ? decoded.problem : checkTranscriptText(decoded.text);
  if (unfit || !('text' in decoded)) return { report: { path, findings: [fileInvalid(unfit!.message, unfit!.range)], problem: { kind: 'undecodable' } } };
  return { text: decoded.text };
}

/** Decodes a transcript's bytes and lints the text, or reports, at its position, why the bytes are no UTF-8 transcript. */
export async function checkTranscriptBytes(path: string, bytes: Uint8Array, linter: Linter): Promise<FileReport> {
  const decoded = decodeTranscriptFile(path, bytes);
  return 'report' in decoded ? decoded.report : lintTranscriptText(path, decoded.text, linter);
}

/** Reads, decodes and lints one transcript file: `session-md lint` of one file, and the editor's analysis of a closed one. */
export async function checkTranscriptFile(path: string, host: FileHost, linter: Linter, options: TranscriptReadOptions): Promise<FileReport> {
  const read = await readTranscriptFile(path, host, options);
  return 'report' in read ? read.report : checkTranscriptBytes(path, read.bytes, linter);
}

/** Checks every transcript that `paths` name (folders are searched), in path order; and the paths that named nothing. */
export async function checkTranscripts(
  paths: readonly string[],
  baseDir: string,
  host: WorkspaceHost,
  linter: Linter,
  options: TranscriptReadOptions,
): Promise<{ reports: FileReport[]; missing: string[] }> {
  const { files, missing } = await host.listFiles(paths, baseDir);
  const reports: FileReport[] = [];
  for (const path of files) reports.push(await checkTranscriptFile(path, host, linter, options));
  return { reports, missing };
}

/**
 * Checks a transcript's text as an editor holds it, its byte order mark already removed: text that
 * is no transcript gets a `file-invalid` error (with its fix, where one mends it), except while it
 * is empty, as a new file is. Given the session of an earlier version, re-parses only what changed.
 */
export async function checkTranscriptDocument(path: string, text: string, linter: Linter, previous?: Session): Promise<FileReport> {
  const unfit = checkTranscriptText(text, { bomRemoved: true });
  if (unfit && text.trim() !== '') return { path, findings: [fileInvalid(unfit.message, unfit.range, unfit.fix)], problem: { kind: 'undecodable' } };
  return lintTranscriptText(path, text, linter, previous);
}

const MAX_FIX_PASSES = 10;

/** The transcript with every safe fix applied, pass after pass (a fix may make way for another), at most ten; unchanged when none applies. */
export async function fixSafely(path: string, linted: LintedSession, linter: Linter): Promise<LintedSession> {
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const edits = safeFixEdits(linted.findings);
    if (edits.length === 0) break;
    const next = applyEdits(linted.session.text, edits);
    if (next.applied === 0) break;
    linted = await linter.lintText(path, next.text);
  }
  return linted;
}

/**
 * Lints a transcript's text that was decoded and checked (see `decodeTranscriptFile`); given the
 * session of an earlier version, re-parses only what changed. A broken config is reported as the
 * file's problem, and nothing else is found in the file then.
 */
export async function lintTranscriptText(path: string, text: string, linter: Linter, previous?: Session): Promise<FileReport> {
  try {
    return lintedReport(path, await linter.lintText(path, text, previous), linter.onlyRules);
  } catch (error) {
    if (!(error instanceof ConfigLoadError)) throw error;
    return { path, findings: [], problem: { kind: 'config', errors: error.errors } };
  }
}
