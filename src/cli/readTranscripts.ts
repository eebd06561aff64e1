import { checkTranscripts, unusableCodebook, type FileReport, type LintedSession } from '../core';
import { createCliLinter, reportConfigError } from './cliLinter';
import { parseMaxFileSize, sizeLimit } from './fileSize';
import { displayPath } from './files';
import type { RunOptions } from './io';

/** A transcript read and linted once, with the codebook in force (libraries merged). */
export type ReadTranscript = FileReport & { linted: LintedSession };

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
  const limit = sizeLimit(parseMaxFileSize(values['max-file-size']));
  const { reports, missing } = await checkTranscripts(paths, options.cwd, options.host, linter, { limit });
  let ioError = missing.length > 0;
  for (const arg of missing) options.stderr.write(`session-md: no such file or directory, or no match: ${arg}\n`);
  const transcripts: ReadTranscript[] = [];
  const reported = new Set<string>();
  for (const report of reports) {
    const file = displayPath(report.path, options.cwd);
    if (report.problem?.kind === 'leftover') {
      options.stderr.write(
        `session-md: skipping ${file}: a temporary copy left by an interrupted write of ${report.problem.original}; compare it with that file and delete it\n`,
      );
      continue;
    }
    if (!report.linted) {
      ioError = true;
      if (report.problem?.kind === 'config') reportConfigError(report.problem.errors, options, reported);
      else options.stderr.write(`session-md: ${file}: ${transcriptProblem(report)}\n`);
      continue;
    }
    if (!codebookLoaded(report.linted, options, reported)) ioError = true;
    transcripts.push(report as ReadTranscript);
  }
  return { transcripts, ioError };
}

/** Why a transcript could not be read, as the commands that read transcripts (not `lint`) say it after its name. */
export function transcriptProblem(report: FileReport): string {
  const problem = report.problem;
  if (problem?.kind === 'unreadable') return `cannot read this file: ${problem.reason}`;
  if (problem?.kind === 'undecodable') return `not a transcript: ${report.findings[0]?.message}`;
  return report.findings[0]?.message ?? 'cannot read this file';
}

// A codebook that cannot be used is reported once; its sessions are still counted, without labels or scores.
function codebookLoaded(linted: LintedSession, options: RunOptions, reported: Set<string>): boolean {
  const loaded = unusableCodebook(linted);
  if (!loaded) return true;
  if (reported.has(loaded.path)) return false;
  reported.add(loaded.path);
  const where = displayPath(loaded.path, options.cwd);
  const why = loaded.readError ?? `${loaded.problems.length} problem${loaded.problems.length === 1 ? '' : 's'}; see 'session-md codebook check ${where}'`;
  options.stderr.write(`session-md: ${where}: cannot use this codebook (${why}); its sessions are counted without code labels or summary scores\n`);
  return false;
}
