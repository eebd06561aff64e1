import { SCORE_KEYS, type Codebook, type ScoreKey } from '../codebook/codebook';
import type { Turn } from '../model';

// The counts behind the summary scores (summaryScores.ts): the annotations of the codes a
// codebook's `scores:` section names. Ids match exactly: `persuade.with-permission` is not `persuade`.

/** The number of annotations behind each score ingredient; only the keys the codebook defines are present. */
export type ScoreCounts = Partial<Record<ScoreKey, number>>;

/** Counts the annotations of `turns` that each score of the codebook lists, by exact id. */
export function countScores(turns: readonly Turn[], codebook?: Pick<Codebook, 'scores'>): ScoreCounts {
  const counts: ScoreCounts = {};
  for (const key of SCORE_KEYS) {
    const ids = codebook?.scores?.[key];
    if (ids === undefined) continue;
    const wanted = new Set(ids);
    counts[key] = turns.reduce((n, turn) => n + turn.codes.filter((c) => wanted.has(c.id)).length, 0);
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
