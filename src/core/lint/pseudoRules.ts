import type { Fix, Finding, Range, Severity } from '../model';

// Findings the tool reports besides its rules (RULES): about a file as a whole, or about codebooks.
// They have no `check`, but output formats describe them as they describe rules (SARIF's rule metadata).

/** A finding's id, description and default severity, as output formats describe it. */
export interface PseudoRule {
  id: string;
  description: string;
  defaultSeverity: Severity;
}

/** A transcript that cannot be linted at all: unreadable, refused, binary, not UTF-8, empty, or a temporary copy. */
export const FILE_INVALID: PseudoRule = {
  id: 'file-invalid',
  description: 'A transcript must be a readable, non-empty UTF-8 text file.',
  defaultSeverity: 'error',
};

/** A code that two codebooks or libraries define differently, reported on the one that lost. */
export const CODEBOOK_CONFLICT: PseudoRule = {
  id: 'codebook-conflict',
  description:
    'Two codebooks or libraries merged for a session give a code id a different label or role; the one first in precedence is used, the other is reported.',
  defaultSeverity: 'warning',
};

/** A snippet that would not annotate the turn it is inserted into. */
export const SNIPPET_UNANNOTATED: PseudoRule = {
  id: 'snippet-unannotated',
  description: "A snippet's body should contain the annotation of its own code (`{id}` or `{id | note}`), so inserting it codes the turn.",
  defaultSeverity: 'warning',
};

/** Every pseudo-rule, beside `RULES`. */
export const PSEUDO_RULES: readonly PseudoRule[] = [FILE_INVALID, CODEBOOK_CONFLICT, SNIPPET_UNANNOTATED];

/** `file-invalid` as `codebook check` describes it, where every file checked is a codebook. */
export const CODEBOOK_FILE_INVALID: PseudoRule = { ...FILE_INVALID, description: 'A codebook must be a readable UTF-8 text file.' };

/** The one way a `file-invalid` error is made: why the file was not checked, at a position in it (its start by default). */
export function fileInvalid(message: string, range: Range = fileStart(), fix?: Fix): Finding {
  const finding: Finding = { ruleId: FILE_INVALID.id, severity: FILE_INVALID.defaultSeverity, message, range };
  if (fix) finding.fixes = [fix];
  return finding;
}

/** The empty range at the start of a file, where findings about the whole file are shown. */
export function fileStart(): Range {
  return { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
}
