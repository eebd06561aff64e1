import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { summaryScores, type ScoreLevel, type SummaryScore } from '../../src/core/research/summaryScores';
import { runs } from '../support/fuzz';
import { BUILTIN_CODEBOOKS_DIR } from '../support/paths';

// One rule for the figure a person reads (the statistics view, its charts and `session-md stats`):
// the nearest value at the declared decimals, except that a score never reads as a threshold it
// has not reached. docs/research.md states it. The scores are MITI 4.2.1's as its codebook
// declares them: R:Q to one decimal (fair 1, good 2), %CR whole (fair 40 %, good 50 %),
// Technical and Relational to one decimal (coding-standards.md).

const MITI = parseCodebook(readFileSync(join(BUILTIN_CODEBOOKS_DIR, 'miti-4.2.1.codebook.yaml'), 'utf8'), 'builtin:miti-4.2.1').codebook!;

function score(
  id: string,
  counts: { reflections: number; questions: number; simpleReflections: number; complexReflections: number },
  ratings = new Map<string, number>(),
): SummaryScore {
  return summaryScores(MITI, { ...counts, miAdherent: 0, miNonAdherent: 0 }, ratings).find((s) => s.id === id)!;
}

const rq = (reflections: number, questions: number) => score('rq', { reflections, questions, simpleReflections: reflections, complexReflections: 0 }).figure;
const cr = (simple: number, complex: number) =>
  score('percent-cr', { reflections: simple + complex, questions: 1, simpleReflections: simple, complexReflections: complex }).figure;

/** The level a reader gives the printed figure by comparing it with the thresholds. */
function readersLevel(figure: number, thresholds: { fair: number; good: number }): ScoreLevel {
  return figure >= thresholds.good ? 'good' : figure >= thresholds.fair ? 'fair' : 'below';
}

describe('summary scores as people read them', () => {
  it('never prints a %CR just below a threshold as the threshold: 39.6 % is 39 %, not "40% (below)"', () => {
    assert.equal(cr(151, 99), '39% (below)', '99 of 250 is 39.6 %');
    assert.equal(cr(503, 497), '49% (fair)', '49.7 %');
    assert.equal(cr(1001, 999), '49% (fair)', '49.95 %');
  });

  it('never prints an R:Q just below a threshold as the threshold: 1.999 is 1.9, 0.96 is 0.9', () => {
    assert.equal(rq(1999, 1000), '1.9 (fair)');
    assert.equal(rq(24, 25), '0.9 (below)');
    assert.equal(rq(99, 100), '0.9 (below)');
  });

  it('prints the exact thresholds as they are: 1.0 fair, 2.0 good, 40 % fair, 50 % good', () => {
    assert.equal(rq(5, 5), '1.0 (fair)');
    assert.equal(rq(10, 5), '2.0 (good)');
    assert.equal(cr(3, 2), '40% (fair)');
    assert.equal(cr(9, 6), '40% (fair)', '0.4 × 15 is not exactly 6 in floating point');
    assert.equal(cr(1, 1), '50% (good)');
  });

  it('rounds to the nearest figure everywhere else: 7 reflections for 12 questions read 0.6, not 0.5 or 0.58', () => {
    assert.equal(rq(7, 12), '0.6 (below)', '0.583');
    assert.equal(rq(3, 2), '1.5 (fair)');
    assert.equal(rq(41, 20), '2.1 (good)', '2.05 rounds half up');
    assert.equal(rq(1, 3), '0.3 (below)');
    assert.equal(cr(597, 403), '40% (fair)', '40.3 %');
    assert.equal(cr(2, 1), '33% (below)');
    assert.equal(cr(1, 2), '67% (good)');
    assert.equal(cr(0, 5), '100% (good)');
    assert.equal(cr(5, 0), '0% (below)');
  });

  it('shows Relational from the ratings: 3.5 is fair, 3.0 below', () => {
    const relational = (partnership: number, empathy: number) =>
      score(
        'relational',
        { reflections: 0, questions: 0, simpleReflections: 0, complexReflections: 0 },
        new Map([
          ['partnership', partnership],
          ['empathy', empathy],
        ]),
      ).figure;
    assert.equal(relational(3, 4), '3.5 (fair)');
    assert.equal(relational(3, 3), '3.0 (below)');
    assert.equal(relational(4, 5), '4.5 (good)');
  });

  it('says why there is no figure', () => {
    assert.equal(rq(4, 0), '– (no questions)');
    assert.equal(cr(0, 0), '– (no simple reflections or complex reflections)');
  });

  it('for any counts, the printed figure gives the printed level and is within one step of the score', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (a, b, c) => {
        const counts = { reflections: a + c, questions: b, simpleReflections: a, complexReflections: c };
        for (const [id, step] of [
          ['rq', 0.1],
          ['percent-cr', 1],
        ] as const) {
          const s = score(id, counts);
          if (s.value === null) continue;
          const [, figure, level] = /^(\d+(?:\.\d)?)%? \((good|fair|below)\)$/.exec(s.figure) ?? [];
          assert.ok(figure, `${id}: ${s.figure}`);
          assert.equal(level, s.level);
          assert.equal(readersLevel(Number(figure), s.thresholds!), level, `${id} ${s.value} printed as ${s.figure}`);
          assert.ok(Math.abs(Number(figure) - s.value) < step, `${id} ${s.value} printed as ${s.figure}`);
        }
      }),
      runs(500),
    );
  });
});
