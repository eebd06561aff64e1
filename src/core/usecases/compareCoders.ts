import type { Codebook } from '../codebook/codebook';
import type { LoadedCodebook } from '../codebook/loader';
import type { LintedSession } from '../lint/linter';
import { computeAgreement, type AgreementReport } from '../research/agreement';
import { findDisagreements, type Disagreement } from '../research/disagreements';
import type { FileProblem, FileReport } from './report';

// Agreement between coders' copies of one transcript: `session-md agree` and the editor's Compare Coders.

/** Why a coder's copy cannot be compared: it could not be checked (its report says why), or its codebook cannot be used (the codebook as loaded says why). */
export type CoderCopyProblem = { unchecked: FileReport & { problem: FileProblem } } | { codebook: LoadedCodebook | undefined };

/** A coder's copy that can be compared: a name for reports, and the linted transcript with its codes in force. */
export interface ComparableCopy {
  name: string;
  linted: LintedSession & { codesInForce: Codebook };
}

/** What comparing the copies gives: the agreement report, the codebook whose groups were compared, and the copies coded against another one. */
export interface CoderComparison {
  report: AgreementReport;
  /** The first copy's codes in force. */
  codebook: Codebook;
  /** The copies (by index) whose codebook is another file than the first copy's, with that codebook's name (or path). */
  mismatches: { copy: number; codebook: string }[];
  /** The aligned turns the coders gave different codes, for adjudication. */
  disagreements: Disagreement[];
}

/** The copy ready to compare, or why it is not: it could not be checked, or it has no codes in force. */
export function comparableCopy(name: string, report: FileReport): ComparableCopy | CoderCopyProblem {
  if (report.problem) return { unchecked: { ...report, problem: report.problem } };
  const linted = report.linted;
  if (!linted?.codesInForce) return { codebook: linted?.codebook };
  return { name, linted: linted as ComparableCopy['linted'] };
}

/**
 * Aligns the copies and computes their agreement per group and per code of the first copy's
 * codebook; every other copy whose codebook is another file is named, so the difference is said
 * rather than silently ignored.
 */
export function compareCoders(copies: readonly ComparableCopy[]): CoderComparison | undefined {
  const [first] = copies;
  if (!first) return undefined;
  const codebook = first.linted.codesInForce;
  const mismatches = copies.flatMap((copy, index) => {
    if (index === 0 || copy.linted.codebook?.path === first.linted.codebook?.path) return [];
    return [{ copy: index, codebook: copy.linted.codesInForce.name ?? copy.linted.codebook?.path ?? 'unknown' }];
  });
  const report = computeAgreement(
    copies.map((c) => ({ name: c.name, turns: c.linted.session.turns })),
    codebook,
  );
  return { report, codebook, mismatches, disagreements: findDisagreements(report.alignment.units, codebook) };
}

/**
 * The warning for each turn aligned with a turn of another speaker, naming the copies by `files`
 * (as the front end shows them) and the turns masked, as every note of agree shows them.
 */
export function speakerMismatchWarnings(comparison: CoderComparison, files: readonly string[]): string[] {
  return comparison.report.alignment.speakerMismatches.map(
    (m) =>
      `${files[m.copy]}:${m.line} (turn ${m.turn}) ${m.preview} is aligned with ${files[0]}:${m.reference.line} (turn ${m.reference.turn}) ${m.reference.preview}, another speaker; the first copy's speaker decides the role`,
  );
}

/** The warning for each copy coded against another codebook than the first copy's, naming the copies by `files` (as the front end shows them). */
export function codebookMismatchWarnings(comparison: CoderComparison, files: readonly string[]): string[] {
  const used = comparison.codebook.name;
  return comparison.mismatches.map(
    ({ copy, codebook }) => `${files[copy]} uses the codebook '${codebook}', not '${used}' as ${files[0]} does; the groups of '${used}' are used`,
  );
}
