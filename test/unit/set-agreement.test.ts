import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { distanceAlpha, masiAlpha, masiDistance, setKey, type UnitValues } from '../../src/core/research/setAgreement';
import { requireReference, runReference } from '../support/referenceTools';

// Krippendorff's alpha with the MASI distance (Passonneau 2006, LREC, "Measuring agreement on
// set-valued items (MASI) for semantic and pragmatic annotation"), checked against NLTK 3.8's
// nltk.metrics.agreement.AnnotationTask(distance=nltk.metrics.distance.masi_distance).alpha().
// NLTK rounds MASI's monotonicity weights 2/3 and 1/3 to 0.67 and 0.33; to compare exactly, the
// tests give our alpha NLTK's rounding (`asNltkRounds`), and also check that the exact weights stay
// within a few thousandths of NLTK's figure.

type Units = UnitValues<readonly string[]>[];
const _ = undefined;

// The Jaccard coefficient, to read the monotonicity weight back out of a MASI distance.
const jaccard = (a: readonly string[], b: readonly string[]): number => {
  const [x, y] = [new Set(a), new Set(b)];
  const shared = [...x].filter((c) => y.has(c)).length;
  return x.size + y.size - shared === 0 ? 1 : shared / (x.size + y.size - shared);
};
/** Our MASI distance with NLTK's rounded weights (0.67, 0.33). */
const asNltkRounds = (a: readonly string[], b: readonly string[]): number => {
  const j = jaccard(a, b);
  return j === 0 ? masiDistance(a, b) : 1 - j * Number(((1 - masiDistance(a, b)) / j).toFixed(2));
};

// Three coders' behaviour codes on ten MITI volleys, one volley (5) not coded by C.
const VOLLEYS: Units = [
  [['reflection.simple', 'question'], ['question', 'reflection.simple'], ['question']],
  [['reflection.complex'], ['reflection.complex'], ['reflection.simple']],
  [['affirm', 'reflection.complex'], ['affirm'], ['affirm', 'reflection.complex']],
  [['giving-information'], ['persuade'], ['giving-information']],
  [['question'], ['question'], _],
  [['seek-collaboration', 'question'], ['emphasize-autonomy'], ['seek-collaboration']],
  [['reflection.simple'], ['reflection.complex'], ['reflection.simple']],
  [['confront'], ['confront', 'reflection.simple'], ['persuade']],
  [
    ['question', 'giving-information', 'affirm'],
    ['question', 'affirm'],
    ['giving-information', 'question', 'affirm'],
  ],
  [
    ['reflection.complex', 'question'],
    ['reflection.complex', 'question'],
    ['question', 'reflection.complex'],
  ],
];
// Recorded with Debian's python3-nltk 3.8:
//   /usr/bin/python3 -c 'from nltk.metrics.agreement import AnnotationTask; from nltk.metrics.distance import masi_distance;
//     print(repr(AnnotationTask(data=[(coder, str(unit), frozenset(codes)) for each value above], distance=masi_distance).alpha()))'
const NLTK_VOLLEYS_ALPHA = 0.419975118006513;

describe("Krippendorff's alpha with a distance (Krippendorff 2011)", () => {
  // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers × 12 units.
  const A = ['1', '2', '3', '3', '2', '1', '4', '1', '2', _, _, _];
  const B = ['1', '2', '3', '3', '2', '2', '4', '1', '2', '5', _, '3'];
  const C = [_, '3', '3', '3', '2', '3', '4', '2', '2', '5', '1', _];
  const D = ['1', '2', '3', '3', '2', '4', '4', '1', '2', '5', '1', _];
  const units = A.map((a, u) => [a, B[u], C[u], D[u]]);
  const id = (v: string): string => v;

  it("gives the published nominal α = 0.743 and interval α = 0.849 on Krippendorff's example", () => {
    const nominal = distanceAlpha(units, (a, b) => (a === b ? 0 : 1), id);
    assert.equal(nominal.alpha!.toFixed(3), '0.743');
    assert.deepEqual([nominal.values, nominal.units], [40, 11]);
    assert.equal(distanceAlpha(units, (a, b) => (Number(a) - Number(b)) ** 2, id).alpha!.toFixed(3), '0.849');
  });

  it('is exactly 1 when every unit agrees, and null when one value is used throughout or nothing pairs', () => {
    assert.equal(
      masiAlpha([
        [['a'], ['a']],
        [
          ['b', 'c'],
          ['c', 'b'],
        ],
        [['d'], _],
      ]).alpha,
      1,
    );
    assert.equal(
      masiAlpha([
        [['a'], ['a']],
        [['a'], ['a']],
      ]).alpha,
      null,
    );
    assert.deepEqual(
      masiAlpha([
        [['a'], _],
        [_, ['b']],
      ]),
      { alpha: null, values: 0, units: 0 },
    );
  });
});

describe('MASI distance (Passonneau 2006)', () => {
  it('is 1 − Jaccard × monotonicity: 0 equal, 1 − J·2/3 for a subset, 1 − J/3 for an overlap, 1 disjoint', () => {
    assert.equal(masiDistance(['a', 'b'], ['b', 'a']), 0);
    assert.equal(masiDistance(['a'], ['a', 'b']), 1 - (1 / 2) * (2 / 3));
    assert.equal(masiDistance(['1', '2'], ['1', '2', '3', '4']), 1 - (2 / 4) * (2 / 3), "NLTK's docstring example, which NLTK rounds to 0.665");
    assert.equal(masiDistance(['a', 'b'], ['b', 'c']), 1 - (1 / 3) * (1 / 3));
    assert.equal(masiDistance(['a'], ['b']), 1);
    assert.equal(masiDistance([], []), 0);
    assert.equal(masiDistance([], ['a']), 1);
    assert.equal(masiDistance(['a', 'a', 'b'], ['b', 'a']), 0, 'a code written twice is one code');
  });

  it('gives alpha by hand: 2 coders, 4 volleys → α = 29/190', () => {
    // Distances per unit: 0, 2/3 ({R,Q}/{Q}), 1 ({GI}/{Q}), 8/9 ({R,Q}/{R,GI}: J = 1/3, M = 1/3);
    // observed Σ = 2 · 23/9, expected Σ_{c≠k} n_c n_k δ = 2 · 190/9 over n = 8 values:
    // α = 1 − 7 · (46/9) / (380/9) = 29/190.
    const result = masiAlpha([
      [['R'], ['R']],
      [['R', 'Q'], ['Q']],
      [['GI'], ['Q']],
      [
        ['R', 'Q'],
        ['R', 'GI'],
      ],
    ]);
    assert.ok(Math.abs(result.alpha! - 29 / 190) < 1e-12, String(result.alpha));
  });

  it("matches NLTK's AnnotationTask with masi_distance on three coders' MITI volleys (recorded)", () => {
    const rounded = distanceAlpha(VOLLEYS, asNltkRounds, setKey);
    assert.ok(Math.abs(rounded.alpha! - NLTK_VOLLEYS_ALPHA) < 1e-12, `${rounded.alpha} with NLTK's weights`);
    const exact = masiAlpha(VOLLEYS);
    assert.equal(exact.alpha!.toFixed(2), NLTK_VOLLEYS_ALPHA.toFixed(2), `${exact.alpha} with Passonneau's weights`);
    assert.deepEqual([exact.values, exact.units], [29, 10]);
  });

  it('never depends on the order codes are written in, repeats, or the order of units and coders', () => {
    const code = fc.constantFrom('question', 'reflection.simple', 'reflection.complex', 'affirm', 'persuade');
    const value = fc.option(fc.uniqueArray(code, { minLength: 1, maxLength: 4 }), { nil: undefined, freq: 6 });
    fc.assert(
      fc.property(fc.array(fc.array(value, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 15 }), fc.infiniteStream(fc.nat()), (units, picks) => {
        const next = (): number => picks.next().value as number;
        const shuffled = <T>(values: readonly T[]): T[] =>
          values
            .map((v) => [next(), v] as const)
            .sort((x, y) => x[0] - y[0])
            .map(([, v]) => v);
        const rewritten = shuffled(units).map((unit) => shuffled(unit).map((v) => v && shuffled([...v, ...v.slice(0, next() % 2)])));
        assert.deepEqual(masiAlpha(rewritten), masiAlpha(units));
      }),
      { seed: 2006, numRuns: 300 },
    );
  });

  it("matches NLTK's masi_distance and AnnotationTask alpha, run now, on random coders' sets", function () {
    requireReference(this, 'nltk');
    const codes = ['question', 'reflection.simple', 'reflection.complex', 'affirm', 'persuade'];
    const subsets = Array.from({ length: 31 }, (_v, mask) => codes.filter((_c, i) => ((mask + 1) >> i) & 1));
    const datasets = fc
      .sample(
        fc.array(fc.array(fc.option(fc.constantFrom(...subsets), { nil: undefined, freq: 8 }), { minLength: 2, maxLength: 5 }), {
          minLength: 4,
          maxLength: 30,
        }),
        { seed: 2006, numRuns: 40 },
      )
      .filter((units) => masiAlpha(units).alpha !== null);
    const script = [
      'import json, sys',
      'from nltk.metrics.agreement import AnnotationTask',
      'from nltk.metrics.distance import masi_distance',
      `subsets = json.loads(${JSON.stringify(JSON.stringify(subsets))})`,
      `datasets = json.loads(${JSON.stringify(JSON.stringify(datasets))})`,
      'distances = [[masi_distance(frozenset(a), frozenset(b)) for b in subsets] for a in subsets]',
      'alphas = [AnnotationTask(data=[(str(c), str(u), frozenset(v)) for u, unit in enumerate(d) for c, v in enumerate(unit) if v is not None], distance=masi_distance).alpha() for d in datasets]',
      'print(json.dumps({"distances": distances, "alphas": alphas}))',
    ].join('\n');
    const nltk = JSON.parse(runReference('nltk', script)) as { distances: number[][]; alphas: number[] };
    subsets.forEach((a, i) =>
      subsets.forEach((b, j) => {
        assert.ok(Math.abs(asNltkRounds(a, b) - nltk.distances[i]![j]!) < 1e-12, `masi_distance(${a}, ${b})`);
        assert.ok(Math.abs(masiDistance(a, b) - nltk.distances[i]![j]!) < 0.0034, 'within the rounding of the weights');
      }),
    );
    assert.ok(datasets.length >= 30, `${datasets.length} datasets`);
    datasets.forEach((units, d) => {
      assert.ok(Math.abs(distanceAlpha(units, asNltkRounds, setKey).alpha! - nltk.alphas[d]!) < 1e-9, `dataset ${d}`);
      assert.ok(Math.abs(masiAlpha(units).alpha! - nltk.alphas[d]!) < 0.02, `dataset ${d} with exact weights`);
    });
  });
});
