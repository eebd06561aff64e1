import { SCORE_KEYS, type Codebook, type ScoreKey } from '../codebook/codebook';
import type { Turn } from '../model';
import { countCodes, type CountingCodebook } from './countedCodes';

// The counts behind the summary scores (summaryScores.ts): the codes a codebook's `scores:`
// section names, counted by its `counting:` rules. Ids match exactly: `persuade.with-permission`
// is not `persuade`.

/** The number of counted codes behind each score ingredient (see `countScores`); only the keys the codebook defines are present. */
export type ScoreCounts = Partial<Record<ScoreKey, number>>;

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
