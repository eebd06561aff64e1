import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { MITI_THRESHOLDS, mitiScores, mitiScoreText, type Rating } from '../../src/core/research/scores';
import { runs } from '../support/fuzz';

// One rule for the figure a person reads (the statistics view, its charts and `session-md stats`):
// the nearest value at the shown precision, except that a score never reads as a threshold it has
// not reached. docs/research.md states it.

const rq = (reflections: number, questions: number) => mitiScoreText(mitiScores({ reflections, questions })!, 'rq');
const cr = (simple: number, complex: number) =>
  mitiScoreText(mitiScores({ reflections: simple + complex, questions: 1, simpleReflections: simple, complexReflections: complex })!, 'percentCR');

/** The rating a reader gives the printed figure by comparing it with the manual's thresholds. */
function readersRating(figure: number, thresholds: { fair: number; good: number }): Rating {
  return figure >= thresholds.good ? 'good' : figure >= thresholds.fair ? 'fair' : 'below';
}

describe('MITI scores as people read them', () => {
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

  it('has no figure without its score', () => {
    assert.equal(mitiScoreText(mitiScores({ reflections: 4, questions: 0 })!, 'rq'), null);
    assert.equal(mitiScoreText(mitiScores({ reflections: 4, questions: 2 })!, 'percentCR'), null, 'the codebook does not split reflections');
  });

  it('for any counts, the printed figure gives the printed rating and is within one step of the score', () => {
    fc.assert(
      fc.property(fc.nat(5000), fc.integer({ min: 1, max: 5000 }), fc.nat(5000), (a, b, c) => {
        const m = mitiScores({ reflections: a + c, questions: b, simpleReflections: a, complexReflections: c })!;
        for (const [score, step] of [['rq', 0.1], ['percentCR', 1]] as const) {
          const text = mitiScoreText(m, score);
          if (m[score] === null) continue;
          const [, figure, rating] = /^(\d+(?:\.\d)?)%? \((good|fair|below)\)$/.exec(text ?? '') ?? [];
          assert.ok(figure, `${score}: ${text}`);
          assert.equal(rating, score === 'rq' ? m.rqRating : m.percentCRRating);
          assert.equal(readersRating(Number(figure), MITI_THRESHOLDS[score]), rating, `${score} ${m[score]} printed as ${text}`);
          assert.ok(Math.abs(Number(figure) - m[score]!) < step, `${score} ${m[score]} printed as ${text}`);
        }
      }),
      runs(500),
    );
  });
});
