import type { LoadedCodebook } from '../codebook/loader';
import type { LintedSession } from '../lint/linter';
import { corpusStats, type StatsReport } from '../research/corpus';
import type { FileReport } from './report';

// Statistics over checked transcripts: `session-md stats` and the editor's statistics.

/** The codebook a transcript names when it cannot be used (unreadable or invalid): its sessions are then counted without code labels or scores. */
export function unusableCodebook(linted: LintedSession): LoadedCodebook | undefined {
  return linted.codesInForce ? undefined : linted.codebook;
}

/**
 * Statistics of every transcript that could be checked, by client or course (or with `by`, by
 * that front-matter field) and session number, with totals per group and overall; `name` gives a
 * file's name in the report.
 */
export function computeStatistics(reports: readonly FileReport[], name: (path: string) => string, by?: string): StatsReport {
  return corpusStats(
    reports.flatMap((r) => (r.linted ? [{ file: name(r.path), session: r.linted.session, ...(r.linted.codesInForce ? { codebook: r.linted.codesInForce } : {}) }] : [])),
    by,
  );
}
