import type { Codebook } from '../codebook/codebook';
import type { Turn } from '../model';
import { intraclassCorrelations, type IccReport } from './icc';
import { countScores, mitiScores } from './scores';

// Reliability of per-session numbers across coders, as MITI studies report it (for example
// Moyers et al. 2016): each coder scores the same sessions, and each number (a summary score, a
// count) gets the intraclass correlations of the sessions × coders matrix (icc.ts). A session a
// coder has no copy of, or a score that is undefined in a coder's copy (R:Q without questions),
// is a missing cell, so that session is left out of that score's ICC and named.

/** A per-session number compared across coders: its id (as in JSON) and its label (as in tables). */
export interface SessionScore {
  id: string;
  label: string;
}

/** The summary scores computed from a session's codes, by the codebook's `scores:` section. */
export const SESSION_SCORES: readonly SessionScore[] = [
  { id: 'rq', label: 'R:Q' },
  { id: 'percentCR', label: '%CR' },
  { id: 'reflections', label: 'Reflections' },
  { id: 'simpleReflections', label: 'Simple reflections' },
  { id: 'complexReflections', label: 'Complex reflections' },
  { id: 'questions', label: 'Questions' },
  { id: 'miAdherent', label: 'MI-adherent' },
  { id: 'miNonAdherent', label: 'MI non-adherent' },
];

/** One coder's numbers for one session, by score id; null where a score is undefined. */
export type SessionValues = Readonly<Record<string, number | null>>;

/** The ICC of one score over the sessions, with the sessions left out for a missing value. */
export interface ScoreIcc extends SessionScore {
  icc: IccReport;
  /** The sessions (as given) left out because some coder has no value for this score. */
  leftOut: string[];
}

/** The summary scores of one coder's copy of a session. */
export function sessionScoreValues(turns: readonly Turn[], codebook: Pick<Codebook, 'scores'> | undefined): SessionValues {
  const counts = countScores(turns, codebook);
  const scores = mitiScores(counts);
  return {
    rq: scores?.rq ?? null,
    percentCR: scores?.percentCR ?? null,
    reflections: counts.reflections ?? null,
    simpleReflections: counts.simpleReflections ?? null,
    complexReflections: counts.complexReflections ?? null,
    questions: counts.questions ?? null,
    miAdherent: counts.miAdherent ?? null,
    miNonAdherent: counts.miNonAdherent ?? null,
  };
}

/**
 * The ICC of each score over the sessions: `values[s][k]` holds coder k's numbers for
 * `sessions[s]`, or undefined when coder k has no copy of it. Scores no coder has a value for are
 * left out.
 */
export function scoreReliability(sessions: readonly string[], values: readonly (readonly (SessionValues | undefined)[])[], scores: readonly SessionScore[] = SESSION_SCORES, confidence = 0.95): ScoreIcc[] {
  return scores.flatMap((score) => {
    const matrix = values.map((coders) => coders.map((v) => v?.[score.id] ?? null));
    if (matrix.every((row) => row.every((v) => v === null))) return [];
    const icc = intraclassCorrelations(matrix, confidence);
    return [{ ...score, icc, leftOut: icc.leftOut.map((i) => sessions[i]!) }];
  });
}
