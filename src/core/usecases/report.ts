import type { ConfigError } from '../config/errors';
import { codebookFindings, conflictFindings } from '../lint/codebookFindings';
import type { LintedSession } from '../lint/linter';
import { fileInvalid } from '../lint/pseudoRules';
import type { Finding } from '../model';

// One shape for "a file and what was found in it", shared by every use case and both front ends:
// the CLI's outputs, cache and worker messages, and the editor's analyses.

/** Why a file was not linted (a transcript) or validated (a codebook); its `file-invalid` finding says so in words. */
export type FileProblem =
  /** A temporary copy of `original` left by an interrupted write: reported, never read. */
  | { kind: 'leftover'; original: string }
  /** Not a regular file, or above the size limit: not read. */
  | { kind: 'refused' }
  /** The read failed, for `reason` (`permission denied`, …). */
  | { kind: 'unreadable'; reason: string }
  /** Read, but not UTF-8 text worth parsing: UTF-16, binary, invalid UTF-8, empty, a line far beyond any turn… */
  | { kind: 'undecodable' }
  /** The config that applies is broken; nothing else is reported for the file. */
  | { kind: 'config'; errors: ConfigError[] };

/** One file as checked: where it is, what was found, and the linted transcript when it could be read. */
export interface FileReport {
  /** The file's absolute path (or, in output, the path as the user should see it). */
  path: string;
  findings: Finding[];
  /** Set when the file was not checked, and why. */
  problem?: FileProblem;
  /** The parsed and linted transcript; left out where reports cross threads or are cached. */
  linted?: LintedSession;
  /** For a transcript: the reports on the codebook and library files it used that have findings, to be shown once, on those files. */
  codebooks?: FileReport[];
  /** For a transcript: the codebook and library files its findings depend on. */
  deps?: string[];
  /** For a transcript that names a recording (`media:`): where it was looked for, which the media rules' findings depend on. */
  media?: string;
}

/**
 * The report of a linted transcript: its findings, and the problems inside its codebook and
 * libraries and the conflicts between libraries, each on its own file (an unreadable library is a
 * `file-invalid` there). A run limited by `onlyRules` that leaves `codebook-invalid` out (a
 * pre-commit `--rules pii`) is about the transcripts only, and reports no codebook files.
 */
export function lintedReport(path: string, linted: LintedSession, onlyRules?: ReadonlySet<string>): FileReport {
  const severity = linted.config.rules['codebook-invalid'];
  const skipCodebooks = onlyRules !== undefined && !onlyRules.has('codebook-invalid');
  const codebooks: FileReport[] = [];
  const deps: string[] = [];
  for (const loaded of [linted.codebook, ...linted.libraries]) {
    if (!loaded) continue;
    deps.push(loaded.path);
    if (skipCodebooks) continue;
    const unreadable = loaded.readError === undefined || loaded === linted.codebook ? [] : [fileInvalid(`Cannot read this library: ${loaded.readError}`)];
    const findings = [...unreadable, ...(severity === 'off' ? [] : codebookFindings(loaded, severity)), ...conflictFindings(linted.conflicts, loaded.path)];
    if (findings.length > 0 && !codebooks.some((c) => c.path === loaded.path)) codebooks.push({ path: loaded.path, findings });
  }
  const location = linted.media?.location;
  const media = location && location.status !== 'refused' ? { media: location.path } : {};
  return { path, findings: linted.findings, linted, codebooks, deps, ...media };
}

/** The reports followed by the reports on their codebook and library files, each file once, where it first comes. */
export function withCodebookReports(reports: readonly FileReport[]): FileReport[] {
  const codebooks = new Map<string, FileReport>();
  for (const report of reports) for (const c of report.codebooks ?? []) if (!codebooks.has(c.path)) codebooks.set(c.path, c);
  return [...reports, ...codebooks.values()];
}
