import { SCORE_KEYS, type Codebook, type ScoreKey } from '../codebook/codebook';
import type { Turn } from '../model';
import { countCodes, type CountingCodebook } from './countedCodes';

// MITI 4.2.1 summary scores (Moyers, Manuel & Ernst, 2015) from the codes a codebook's
// `scores:` section names. Ids match exactly: `persuade.with-permission` is not `persuade`.

/** How a summary score compares with the manual's thresholds. */
export type Rating = 'good' | 'fair' | 'below';

/** The number of counted codes behind each score ingredient (see `countScores`); only the keys the codebook defines are present. */
export type ScoreCounts = Partial<Record<ScoreKey, number>>;

/** MITI summary scores; a score is null when it cannot be computed (no questions, no subtyped reflections, no such codes). */
export interface MitiScores {
  reflections: number;
  questions: number;
  simpleReflections: number | null;
  complexReflections: number | null;
  /** Reflections per question; null when there are no questions. */
  rq: number | null;
  rqRating: Rating | null;
  /** Complex reflections as a percentage (0–100) of simple plus complex ones; a bare parent `reflection` is left out. */
  percentCR: number | null;
  percentCRRating: Rating | null;
  /** MI-adherent total; null when the codebook names no MI-adherent codes. */
  mia: number | null;
  /** MI non-adherent total; null when the codebook names no MI non-adherent codes. */
  mina: number | null;
}

/** The MITI 4.2.1 thresholds: R:Q fair at 1:1, good at 2:1; %CR fair at 40 %, good at 50 %. */
export const MITI_THRESHOLDS = { rq: { fair: 1, good: 2 }, percentCR: { fair: 40, good: 50 } } as const;

/**
 * Counts the codes of `turns` that each score of the codebook lists, by exact id, under the
 * codebook's counting rules (countedCodes.ts): per utterance, or per volley as MITI 4.2.1, E.1.a
 * has it, and only on turns of the code's role.
 */
export function countScores(turns: readonly Turn[], codebook?: Pick<Codebook, 'scores'> & CountingCodebook): ScoreCounts {
  const counts: ScoreCounts = {};
  const scores = codebook?.scores;
  if (!scores || !SCORE_KEYS.some((key) => scores[key] !== undefined)) return counts;
  const counted = countCodes(turns, codebook);
  for (const key of SCORE_KEYS) {
    const ids = scores[key];
    if (ids !== undefined) counts[key] = [...new Set(ids)].reduce((n, id) => n + (counted.get(id) ?? 0), 0);
  }
  return counts;
}

/** Adds score counts; a key is present when any part has it. */
export function addScoreCounts(parts: readonly ScoreCounts[]): ScoreCounts {
  const sum: ScoreCounts = {};
  for (const key of SCORE_KEYS) {
    const present = parts.filter((p) => p[key] !== undefined);
    if (present.length > 0) sum[key] = present.reduce((n, p) => n + p[key]!, 0);
  }
  return sum;
}

/** The MITI summary scores, or null unless the counts include both reflections and questions. */
export function mitiScores(counts: ScoreCounts): MitiScores | null {
  const { reflections, questions } = counts;
  if (reflections === undefined || questions === undefined) return null;
  const simple = counts.simpleReflections ?? null;
  const complex = counts.complexReflections ?? null;
  const subtyped = simple === null || complex === null ? 0 : simple + complex;
  return {
    reflections,
    questions,
    simpleReflections: simple,
    complexReflections: complex,
    rq: questions > 0 ? reflections / questions : null,
    rqRating: rateRQ(reflections, questions),
    percentCR: subtyped > 0 ? (100 * complex!) / subtyped : null,
    percentCRRating: subtyped > 0 ? ratePercentCR(complex!, subtyped) : null,
    mia: counts.miAdherent ?? null,
    mina: counts.miNonAdherent ?? null,
  };
}

/** R:Q against the thresholds, in whole numbers so that exactly 1:1 is fair and 2:1 good; null without questions. */
export function rateRQ(reflections: number, questions: number): Rating | null {
  if (questions <= 0) return null;
  const { fair, good } = MITI_THRESHOLDS.rq;
  return reflections >= good * questions ? 'good' : reflections >= fair * questions ? 'fair' : 'below';
}

/** %CR against the thresholds, in whole numbers so that exactly 40 % is fair and 50 % good; null without reflections. */
export function ratePercentCR(complex: number, simplePlusComplex: number): Rating | null {
  if (simplePlusComplex <= 0) return null;
  const { fair, good } = MITI_THRESHOLDS.percentCR;
  return 100 * complex >= good * simplePlusComplex ? 'good' : 100 * complex >= fair * simplePlusComplex ? 'fair' : 'below';
}

/**
 * A MITI score as people read it, e.g. `0.6 (below)` or `39% (below)`: what the statistics view,
 * its charts and `session-md stats` print (machine formats keep the full value). R:Q has one
 * decimal and %CR none; the figure is the nearest one, except that a score below a threshold is
 * never shown at it: 39.6 % is `39%`, 1.99:1 is `1.9`. Null when the score is.
 */
export function mitiScoreText(m: MitiScores, score: 'rq' | 'percentCR'): string | null {
  const rating = score === 'rq' ? m.rqRating : m.percentCRRating;
  if (m[score] === null || rating === null) return null;
  // Whole numbers throughout, so that no float rounding puts a figure on the wrong side.
  const [part, whole] = score === 'rq' ? [m.reflections, m.questions] : [100 * m.complexReflections!, m.simpleReflections! + m.complexReflections!];
  const { decimals, suffix } = SHOWN[score];
  const scale = 10 ** decimals;
  const nearest = Math.floor((2 * part * scale + whole) / (2 * whole));
  const { fair, good } = MITI_THRESHOLDS[score];
  const unreached = rating === 'below' ? fair : rating === 'fair' ? good : Infinity;
  const steps = Math.min(nearest, unreached * scale - 1);
  return `${(steps / scale).toFixed(decimals)}${suffix} (${rating})`;
}

const SHOWN = { rq: { decimals: 1, suffix: '' }, percentCR: { decimals: 0, suffix: '%' } } as const;

const NO_SCORE = { rq: '– (no questions)', percentCR: '– (no simple or complex reflections)' } as const;

/** A MITI score as `session-md stats` and the statistics view print it: `mitiScoreText`, or `–` and why there is none. */
export function mitiScoreFigure(m: MitiScores, score: 'rq' | 'percentCR'): string {
  return mitiScoreText(m, score) ?? NO_SCORE[score];
}

/** Open questions as a percentage (0–100) of open plus closed ones; null when the codebook does not separate them or none were asked. */
export function percentOpenQuestions(counts: ScoreCounts): number | null {
  const { openQuestions: open, closedQuestions: closed } = counts;
  if (open === undefined || closed === undefined || open + closed === 0) return null;
  return (100 * open) / (open + closed);
}
