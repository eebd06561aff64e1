import { SCORE_KEYS, type Codebook, type ScoreKey } from '../codebook/codebook';
import type { Session } from '../model';
import { intraclassCorrelations, type IccReport } from './icc';
import { countScores } from './scores';
import { sessionRatings, summaryScores } from './summaryScores';

// Reliability of per-session numbers across coders, as MITI studies report it (for example
// Moyers et al. 2016): each coder scores the same sessions, and each number (a summary score, a
// global rating, a count) gets the intraclass correlations of the sessions × coders matrix
// (icc.ts). A session a coder has no copy of, or a score that is undefined in a coder's copy
// (R:Q without questions, Technical without the ratings), is a missing cell, so that session is
// left out of that score's ICC and named.

/** A per-session number compared across coders: its id (as in JSON) and its label (as in tables). */
export interface SessionScore {
  id: string;
  label: string;
}

const COUNT_LABELS: Record<ScoreKey, string> = {
  reflections: 'Reflections',
  simpleReflections: 'Simple reflections',
  complexReflections: 'Complex reflections',
  questions: 'Questions',
  openQuestions: 'Open questions',
  closedQuestions: 'Closed questions',
  miAdherent: 'MI-adherent codes',
  miNonAdherent: 'MI non-adherent codes',
  changeTalk: 'Change talk',
  sustainTalk: 'Sustain talk',
};

/**
 * The numbers compared for sessions coded with these codebooks, each once: every summary score
 * they declare, every rating scale (`rating:<id>`), then every count under `scores:` that no
 * summary score already is (MITI's MI-adherent total is its `miAdherent` count).
 */
export function sessionScoresOf(codebooks: readonly (Pick<Codebook, 'summary' | 'ratings' | 'scores'> | undefined)[]): SessionScore[] {
  const scores = new Map<string, string>();
  const add = (id: string, label: string): void => void (scores.has(id) || scores.set(id, label));
  for (const c of codebooks) for (const d of c?.summary ?? []) add(d.id, d.label);
  for (const c of codebooks) for (const r of c?.ratings ?? []) add(`rating:${r.id}`, r.label);
  for (const c of codebooks) {
    const totals = new Set((c?.summary ?? []).flatMap((d) => ('sum' in d.formula && d.formula.sum.length === 1 ? d.formula.sum : [])));
    for (const key of SCORE_KEYS) if (c?.scores?.[key] && !totals.has(key)) add(key, COUNT_LABELS[key]);
  }
  return [...scores].map(([id, label]) => ({ id, label }));
}

/** One coder's numbers for one session, by score id; null where a score is undefined. */
export type SessionValues = Readonly<Record<string, number | null>>;

/** The ICC of one score over the sessions, with the sessions left out for a missing value. */
export interface ScoreIcc extends SessionScore {
  icc: IccReport;
  /** The sessions (as given) left out because some coder has no value for this score. */
  leftOut: string[];
}

/** The numbers of one coder's copy of a session, by the ids `sessionScoresOf` gives; null where a score is undefined. */
export function sessionScoreValues(session: Session, codebook: Pick<Codebook, 'summary' | 'ratings' | 'scores'> | undefined): SessionValues {
  const counts = countScores(session.turns, codebook);
  const ratings = sessionRatings(session, codebook);
  const values: Record<string, number | null> = {};
  for (const key of SCORE_KEYS) if (counts[key] !== undefined) values[key] = counts[key];
  for (const scale of codebook?.ratings ?? []) values[`rating:${scale.id}`] = ratings.get(scale.id) ?? null;
  for (const score of summaryScores(codebook, counts, ratings)) values[score.id] = score.value;
  return values;
}

/**
 * The ICC of each score over the sessions: `values[s][k]` holds coder k's numbers for
 * `sessions[s]`, or undefined when coder k has no copy of it. Scores no coder has a value for are
 * left out.
 */
export function scoreReliability(
  sessions: readonly string[],
  values: readonly (readonly (SessionValues | undefined)[])[],
  scores: readonly SessionScore[],
  confidence = 0.95,
): ScoreIcc[] {
  return scores.flatMap((score) => {
    const matrix = values.map((coders) => coders.map((v) => v?.[score.id] ?? null));
    if (matrix.every((row) => row.every((v) => v === null))) return [];
    const icc = intraclassCorrelations(matrix, confidence);
    return [{ ...score, icc, leftOut: icc.leftOut.map((i) => sessions[i]!) }];
  });
}
