import type { CodeConflict } from '../codebook/library';
import type { LoadedCodebook } from '../codebook/loader';
import type { Finding, Severity } from '../model';
import { CODEBOOK_CONFLICT, fileStart } from './pseudoRules';
import { codebookInvalid } from './rules/codebook-invalid';

// Findings about codebook and library files themselves, reported on those files rather than on the transcripts that use them.

/** Conflicts as warnings on the library file whose definition lost, each reported once. */
export function conflictFindings(conflicts: readonly CodeConflict[], path: string): Finding[] {
  return conflicts
    .filter((c) => c.path === path)
    .map((c) => ({ ruleId: CODEBOOK_CONFLICT.id, severity: CODEBOOK_CONFLICT.defaultSeverity, message: c.message, range: c.range ?? fileStart() }));
}

/** The problems inside a codebook file as `codebook-invalid` findings at their own positions. */
export function codebookFindings(loaded: Pick<LoadedCodebook, 'problems'>, severity: Severity = codebookInvalid.defaultSeverity): Finding[] {
  return loaded.problems.map((problem) => ({ ruleId: codebookInvalid.id, severity, message: `Codebook: ${problem.message}`, range: problem.range }));
}
