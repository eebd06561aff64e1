import {
  checkTranscriptBytes,
  courseFingerprint,
  describeReadError,
  fileInvalid,
  fixSafely,
  lintedReport,
  readTranscriptFile,
  safeFixEdits,
  type FileReport,
  type Finding,
  type Linter,
} from '../core';
import { writeFileAtomic, WriteRefused } from './atomicWrite';
import { DEFAULT_MAX_FILE_SIZE, sizeLimit } from './fileSize';
import type { CliHost, CliReader } from './host';
import { contentHash, type FileSnapshot } from './writeChecks';

export { contentHash } from './writeChecks';

// `lint` of one file: the core's check, plus what only the CLI does around it (hashing for the
// cache, fixing in memory for --fix), as plain data a worker thread can send back and the cache can store.

/** What linting one file produced, as plain (structured-clone safe) data: the core's report without the parsed session. */
export interface FileOutcome extends Omit<FileReport, 'linted'> {
  /** The fix could not be written (exit code 2; the file's own read failures are `problem.kind === 'unreadable'`). */
  unwritten?: true;
  /** The SHA-1 of the bytes the findings belong to (after `--fix`, of the bytes written); set when `hash` was asked for. */
  hash?: string;
  /** With `--fix`, the fixed text still to be written (by the main thread, see `writeFix`). */
  fix?: PendingFix;
  /** What the course rules read of the other sessions of the file's course (`courseFingerprint`), for the cache; set with `hash`. */
  course?: string;
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

/** Whether the outcome is an I/O error of the run (exit code 2): the file could not be read, or its fix not written. */
export function isIoError(outcome: FileOutcome): boolean {
  return outcome.problem?.kind === 'unreadable' || outcome.unwritten === true;
}

/**
 * Reads, decodes, lints and (with `fix`) fixes one transcript in memory; `writeFix` writes the
 * fix. A temporary file left by an interrupted write is reported, not linted.
 */
export async function lintFile(path: string, host: CliReader, linter: Linter, options: LintFileOptions): Promise<FileOutcome> {
  const read = await readTranscriptFile(path, host, { limit: sizeLimit(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE) });
  if ('report' in read) return plain(read.report);
  const { bytes } = read;
  // What `--fix` compares before it replaces the file: a save after this is caught by the size, the time or the hash.
  const stats = options.fix ? await host.stat(path) : undefined;
  const digest = options.hash || options.fix ? contentHash(bytes) : '';
  const report = await checkTranscriptBytes(path, bytes, linter);
  // The course the findings were made with goes into the cache with them, so a later change to another session of it is a miss.
  const hash = options.hash ? { hash: digest, course: courseFingerprint(report.linted?.course) } : {};
  if (!options.fix || !report.linted) return { ...plain(report), ...hash };
  // The fixed text is linted without the byte order mark(s) the file starts with, which the write puts back.
  const fixed = await fixSafely(path, report.linted, linter);
  if (fixed.session.text === report.linted.session.text) return { ...plain(report), ...hash };
  const snapshot = { size: stats?.size ?? bytes.length, mtimeMs: stats?.mtimeMs ?? 0, hash: digest };
  return {
    ...plain(lintedReport(path, fixed, linter.onlyRules)),
    ...hash,
    ...(options.hash ? { course: courseFingerprint(fixed.course) } : {}),
    fix: { text: report.linted.session.bom + fixed.session.text, read: snapshot, findings: report.findings },
  };
}

/**
 * Writes the fix `lintFile` left in the outcome (atomically, only inside `root`, only if the file
 * is unchanged since it was read) and returns the outcome to report: when the fix is not written,
 * the findings of the file as it is plus a `file-invalid` error that says why (exit code 2).
 */
export async function writeFix(path: string, outcome: FileOutcome, host: CliHost, root: string): Promise<FileOutcome> {
  const { fix, ...rest } = outcome;
  if (!fix) return outcome;
  try {
    await writeFileAtomic(host, path, fix.text, { root, unchangedSince: fix.read });
  } catch (error) {
    const why = error instanceof WriteRefused ? `Not fixed: ${error.message}.` : `Cannot write the fixed file: ${describeReadError(error)}`;
    return { ...rest, findings: [...fix.findings, fileInvalid(why)], unwritten: true };
  }
  return { ...rest, ...(rest.hash !== undefined ? { hash: contentHash(fix.text) } : {}) };
}

/** Whether `--fix` would change a file with these findings. */
export function hasSafeFixes(findings: Finding[]): boolean {
  return safeFixEdits(findings).length > 0;
}

// The report without the parsed session, which stays in the thread that parsed it.
function plain({ linted: _linted, ...report }: FileReport): FileOutcome {
  return report;
}
