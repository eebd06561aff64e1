import type { Codebook, ScoreKey } from '../codebook/codebook';
import type { RatingScale } from '../codebook/ratingScales';
import { formulaTerms, type ScoreThresholds, type SummaryScoreDefinition } from '../codebook/summaryScores';
import { currentRating } from '../language/rateSession';
import type { Session } from '../model';
import type { ScoreCounts } from './scores';

// The summary scores a codebook declares (`summary:`), computed from a session's counts and its
// ratings: MITI 4.2.1's Technical, Relational, R:Q, %CR and MI totals with the manual's thresholds,
// MISC 2.5's R:Q, %CR, %OQ, %MI-consistent and %change talk without any (coding-standards.md).
// What `session-md stats`, its charts, `export --unit session` and `agree` on folders show.

/** How a score compares with its thresholds: at or above good, at or above fair, or below fair. */
export type ScoreLevel = 'good' | 'fair' | 'below';

/** The levels, lowest first. */
export const SCORE_LEVELS: readonly ScoreLevel[] = ['below', 'fair', 'good'];

/** A declared summary score of a session, a phase, a group or the corpus. */
export interface SummaryScore {
  id: string;
  label: string;
  /** The value (0–100 for a percentage); null when it cannot be computed, and `figure` says why. */
  value: number | null;
  /** Against the thresholds; null without thresholds or without a value. */
  level: ScoreLevel | null;
  thresholds: ScoreThresholds | null;
  /** Whether the value and the thresholds are percentages. */
  percent: boolean;
  /** The highest value it can take, when it has one: 100 for a percentage, the top of the scales for ratings. */
  max: number | null;
  /** As people read it, e.g. `0.6 (below)`, `55%` or `– (no questions)`: what the table and the charts print. */
  figure: string;
}

/** The ratings a formula reads: a session's, a group's means, or null for a phase (the globals rate the whole segment). */
export type RatingValues = ReadonlyMap<string, number> | null;

/** The ratings of a session that are values of the codebook's scales, in the codebook's order; a value off its scale is left out (lint says so). */
export function sessionRatings(session: Session, codebook: Pick<Codebook, 'ratings'> | undefined): Map<string, number> {
  const values = new Map<string, number>();
  for (const scale of codebook?.ratings ?? []) {
    const value = currentRating(session, scale);
    if (value !== undefined) values.set(scale.id, value);
  }
  return values;
}

/** Every summary score the codebook declares, in its order, from the counts and the ratings; none without a codebook or declarations. */
export function summaryScores(codebook: Pick<Codebook, 'summary' | 'ratings'> | undefined, counts: ScoreCounts, ratings: RatingValues): SummaryScore[] {
  return (codebook?.summary ?? []).map((definition) => summaryScore(definition, counts, ratings, codebook?.ratings ?? []));
}

function summaryScore(definition: SummaryScoreDefinition, counts: ScoreCounts, ratings: RatingValues, scales: readonly RatingScale[]): SummaryScore {
  const { id, label, thresholds } = definition;
  const base = { id, label, thresholds: thresholds ?? null, percent: definition.percent, max: maxOf(definition, counts, scales) };
  const fraction = evaluate(definition, counts, ratings);
  if ('missing' in fraction) return { ...base, value: null, level: null, figure: `– (${fraction.missing})` };
  const level = thresholds ? levelOf(fraction, thresholds) : null;
  return { ...base, value: fraction.num / fraction.den, level, figure: figureOf(fraction, definition, level) };
}

/** A value kept as a fraction, so that it is compared and rounded without float error where its parts are whole. */
interface Fraction {
  num: number;
  den: number;
}

function evaluate(definition: SummaryScoreDefinition, counts: ScoreCounts, ratings: RatingValues): Fraction | { missing: string } {
  const unrated = formulaTerms(definition.formula).filter((term) => !(term in counts) && (ratings === null || !ratings.has(term)));
  if (unrated.length > 0) return { missing: ratings === null ? 'rated per session' : `not rated: ${unrated.join(', ')}` };
  const total = (terms: readonly string[]): number => terms.reduce((n, term) => n + (term in counts ? counts[term as ScoreKey]! : ratings!.get(term)!), 0);
  const { formula } = definition;
  const scale = definition.percent ? 100 : 1;
  if ('sum' in formula) return { num: scale * total(formula.sum), den: 1 };
  if ('mean' in formula) return { num: scale * total(formula.mean), den: formula.mean.length };
  const den = total(formula.denominator);
  if (den === 0) return { missing: `no ${[...new Set(formula.denominator)].map(termName).join(' or ')}` };
  return { num: scale * total(formula.numerator), den };
}

const COUNT_NAMES: Record<ScoreKey, string> = {
  reflections: 'reflections',
  complexReflections: 'complex reflections',
  simpleReflections: 'simple reflections',
  questions: 'questions',
  openQuestions: 'open questions',
  closedQuestions: 'closed questions',
  miAdherent: 'MI-adherent codes',
  miNonAdherent: 'MI non-adherent codes',
  changeTalk: 'change talk',
  sustainTalk: 'sustain talk',
};

function termName(term: string): string {
  return COUNT_NAMES[term as ScoreKey] ?? term;
}

// A value at a threshold reaches it. Thresholds such as 0.4 are not exact in binary, so a
// product that should equal the numerator (0.4 × 15 = 6.000000000000001) is let off by far
// less than any real difference between counts and ratings.
function reaches(f: Fraction, threshold: number): boolean {
  const target = threshold * f.den;
  return f.num - target >= -1e-9 * Math.max(1, Math.abs(target));
}

function levelOf(f: Fraction, thresholds: ScoreThresholds): ScoreLevel {
  return reaches(f, thresholds.good) ? 'good' : reaches(f, thresholds.fair) ? 'fair' : 'below';
}

/**
 * The figure a person reads: the nearest value at the declared decimals, except that a score
 * never reads as a threshold it has not reached (39.6 % below 40 % is `39%`, 1.99 is `1.9`) nor
 * below one it has reached, so that comparing the figure with the thresholds gives its level.
 */
function figureOf(f: Fraction, definition: SummaryScoreDefinition, level: ScoreLevel | null): string {
  const steps = 10 ** definition.decimals;
  let shown = Math.floor((2 * f.num * steps + f.den) / (2 * f.den));
  const { thresholds } = definition;
  if (thresholds && level) {
    const reached = level === 'good' ? thresholds.good : level === 'fair' ? thresholds.fair : -Infinity;
    const unreached = level === 'below' ? thresholds.fair : level === 'fair' ? thresholds.good : Infinity;
    shown = Math.min(shown, Math.ceil(unreached * steps - 1e-9) - 1);
    shown = Math.max(shown, Math.ceil(reached * steps - 1e-9));
  }
  const text = `${(shown / steps).toFixed(definition.decimals)}${definition.percent ? '%' : ''}`;
  return level ? `${text} (${level})` : text;
}

// Percentages end at 100; means and sums of ratings at the top of their scales; counts have no end.
function maxOf(definition: SummaryScoreDefinition, counts: ScoreCounts, scales: readonly RatingScale[]): number | null {
  if (definition.percent && !('sum' in definition.formula)) return 100;
  const { formula } = definition;
  if (!('sum' in formula || 'mean' in formula)) return null;
  const terms = 'sum' in formula ? formula.sum : formula.mean;
  const tops = terms.map((term) => (term in counts ? undefined : scales.find((s) => s.id === term)?.max));
  if (tops.some((top) => top === undefined)) return null;
  const sum = tops.reduce((n: number, top) => n + top!, 0);
  return 'mean' in formula ? sum / terms.length : sum;
}
