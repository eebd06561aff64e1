import type { LoadedCodebook } from '../codebook/loader';
import { measuresInForce } from '../codebook/measures';
import type { LintedSession } from '../lint/linter';
import { mediaDuration } from '../media/mediaFile';
import { corpusStats, type StatsReport } from '../research/corpus';
import { sessionSegment, type SegmentWindow } from '../research/segment';
import { SCORE_LEVELS, type ScoreLevel, type SummaryScore } from '../research/summaryScores';
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
    reports.flatMap((r) =>
      r.linted
        ? [
            {
              file: name(r.path),
              session: r.linted.session,
              ...(r.linted.codesInForce ? { codebook: r.linted.codesInForce } : {}),
              measures: measuresInForce(r.linted.config, r.linted.codesInForce),
              ...mediaSeconds(r.linted),
            },
          ]
        : [],
    ),
    by,
  );
}

function mediaSeconds(linted: LintedSession): { mediaSeconds?: number } {
  const seconds = mediaDuration(linted.media);
  return seconds === undefined ? {} : { mediaSeconds: seconds };
}

/** The transcripts cut to a coded segment (`stats --from --to`), and the paths of those without a timestamp to place it by, which are left out. */
export function segmentReports<R extends FileReport>(reports: readonly R[], window: SegmentWindow): { reports: R[]; untimed: string[] } {
  const untimed: string[] = [];
  const cut = reports.flatMap((report) => {
    if (!report.linted) return [report];
    const session = sessionSegment(report.linted.session, window);
    if (session) return [{ ...report, linted: { ...report.linted, session } }];
    untimed.push(report.path);
    return [];
  });
  return { reports: cut, untimed };
}

/** A session's score as the fidelity gate saw it. */
export interface GateScore {
  file: string;
  score: SummaryScore;
}

/**
 * The fidelity gate of `stats --fail-below <level>` over the sessions' judged scores (those with
 * thresholds): the scores below the level, those that could not be computed, and whether any
 * session had a score to judge at all. Groups are not judged: a gate is about each session.
 */
export function fidelityGate(report: StatsReport, level: Exclude<ScoreLevel, 'below'>): { below: GateScore[]; unjudged: GateScore[]; judged: boolean } {
  const judged = report.sessions.flatMap((s) => s.summaryScores.filter((score) => score.thresholds !== null).map((score) => ({ file: s.file, score })));
  const rank = (l: ScoreLevel): number => SCORE_LEVELS.indexOf(l);
  return {
    below: judged.filter(({ score }) => score.level !== null && rank(score.level) < rank(level)),
    unjudged: judged.filter(({ score }) => score.level === null),
    judged: judged.length > 0,
  };
}
