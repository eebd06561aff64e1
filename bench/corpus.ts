import { annomiSession, loadAnnomi, type AnnomiSession } from '../test/support/annomi';

/** The size of the benchmark transcript, in turns. */
export const BENCH_TURNS = 3000;

/**
 * A long, realistic session: the AnnoMI transcripts in id order, concatenated (and repeated if
 * need be) to exactly `turns` turns, coded with the built-in `core` codebook.
 */
export function benchCorpus(turns = BENCH_TURNS): AnnomiSession {
  const rows = [...loadAnnomi().values()].flat();
  return annomiSession(rows, { turns, codebook: 'core' });
}
