import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { fCdf, fQuantile, fSurvival } from '../../src/core/research/fDistribution';
import { ICC_FORMS, intraclassCorrelations, type IccReport, type RatingMatrix } from '../../src/core/research/icc';
import { scoreReliability, type SessionValues } from '../../src/core/research/scoreReliability';
import { requireReference, runReference } from '../support/referenceTools';

// Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater reliability",
// Psychological Bulletin 86(2), 420–428: Table 2's six targets rated by four judges, and its six
// coefficients to two decimals. The intervals follow McGraw & Wong (1996), Psychological Methods
// 1(1), 30–46, Table 7; the paper prints none for this example, so they are checked against R's
// psych::ICC (psych 2.2.9, R 4.2.2, Debian r-cran-psych), which implements the same formulas.
const SHROUT_FLEISS = [
  [9, 2, 5, 8],
  [6, 1, 3, 2],
  [8, 4, 6, 8],
  [7, 1, 2, 6],
  [10, 5, 6, 9],
  [6, 2, 4, 7],
];
const SHROUT_FLEISS_TABLE_2 = { 'ICC(1,1)': 0.17, 'ICC(2,1)': 0.29, 'ICC(3,1)': 0.71, 'ICC(1,k)': 0.44, 'ICC(2,k)': 0.62, 'ICC(3,k)': 0.91 };

// MITI-like global ratings (1–5) of twelve sessions by three coders; two sessions lack a rating
// and are left out, as R's na.omit leaves them out below.
const GLOBALS_WITH_GAPS = [
  [4, 4, 3],
  [3, null, 3],
  [5, 4, 4],
  [2, 2, 3],
  [4, 5, 5],
  [3, 3, 2],
  [1, 2, 2],
  [4, 3, 4],
  [5, 5, 4],
  [2, 3, null],
  [3, 2, 3],
  [4, 4, 5],
];

// Figures recorded from R: for each matrix m (NA for a missing rating),
//   Rscript -e 'library(psych); x <- na.omit(m); r <- ICC(x, lmer = FALSE)$results;
//               print(format(r[, c("ICC", "F", "df1", "df2", "p", "lower bound", "upper bound")], digits = 15))'
// One row per form, in ICC_FORMS order (psych's ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k).
type PsychRow = [icc: number, f: number, df1: number, df2: number, p: number, lower: number, upper: number];
const PSYCH_SHROUT_FLEISS: PsychRow[] = [
  [0.165741768405475, 1.79467849223947, 5, 18, 0.164768808344640083, -0.1329323248747511, 0.722560062328121],
  [0.289763779527559, 11.02724795640326, 5, 15, 0.000134566516484337, 0.018786513374712, 0.761084369648953],
  [0.714840714840715, 11.02724795640326, 5, 15, 0.000134566516484337, 0.3424647650339249, 0.945858259955359],
  [0.442797133679268, 1.79467849223947, 5, 18, 0.164768808344640083, -0.8844421552381212, 0.912415420340775],
  [0.620050547598989, 11.02724795640326, 5, 15, 0.000134566516484337, 0.0711368153025032, 0.927232040167722],
  [0.909315542377069, 11.02724795640326, 5, 15, 0.000134566516484337, 0.6756747138163043, 0.985891678169062],
];
const PSYCH_GLOBALS_WITH_GAPS: PsychRow[] = [
  [0.755434782608696, 10.26666666666666, 9, 20, 9.39904407040045e-6, 0.466137578094353, 0.924332034416988],
  [0.753424657534246, 9.33333333333333, 9, 18, 3.6776947514044e-5, 0.4469310062015, 0.924701875426661],
  [0.735294117647059, 9.33333333333333, 9, 18, 3.6776947514044e-5, 0.421564444245058, 0.917914267444602],
  [0.902597402597403, 10.26666666666666, 9, 20, 9.39904407040045e-6, 0.723713043561219, 0.973437385471013],
  [0.901639344262295, 9.33333333333333, 9, 18, 3.6776947514044e-5, 0.707967639576472, 0.973574076839483],
  [0.892857142857143, 9.33333333333333, 9, 18, 3.6776947514044e-5, 0.686166518593936, 0.971054056496894],
];

const near = (actual: number | null, expected: number, tolerance: number, what: string): void => {
  assert.ok(actual !== null && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)), `${what}: ${actual} ≠ ${expected}`);
};

function assertMatchesPsych(report: IccReport, psych: readonly PsychRow[], tolerance = 1e-9): void {
  report.estimates.forEach((e, i) => {
    const [icc, f, df1, df2, p, lower, upper] = psych[i]!;
    near(e.value, icc, tolerance, `${e.form}`);
    near(e.lower, lower, tolerance, `${e.form} lower bound`);
    near(e.upper, upper, tolerance, `${e.form} upper bound`);
    near(e.f, f, tolerance, `${e.form} F`);
    near(e.p, p, tolerance, `${e.form} p`);
    assert.deepEqual([e.df1, e.df2], [df1, df2], `${e.form} degrees of freedom`);
  });
}

describe('intraclass correlations (Shrout & Fleiss 1979; McGraw & Wong 1996)', () => {
  it("reproduces Shrout & Fleiss' Table 2 to two decimals: 0.17, 0.29, 0.71, 0.44, 0.62, 0.91", () => {
    const report = intraclassCorrelations(SHROUT_FLEISS);
    assert.deepEqual(
      report.estimates.map((e) => e.form),
      [...ICC_FORMS],
    );
    assert.deepEqual(Object.fromEntries(report.estimates.map((e) => [e.form, Number(e.value!.toFixed(2))])), SHROUT_FLEISS_TABLE_2);
    assert.deepEqual([report.targets, report.raters, report.leftOut], [6, 4, []]);
    assert.deepEqual(
      report.estimates.map((e) => e.mcGrawWong),
      ['ICC(1)', 'ICC(A,1)', 'ICC(C,1)', 'ICC(k)', 'ICC(A,k)', 'ICC(C,k)'],
    );
  });

  it('gives the mean squares of Shrout & Fleiss Table 2: BMS 11.24, WMS 6.26, JMS 32.49, EMS 1.02', () => {
    const ms = intraclassCorrelations(SHROUT_FLEISS).meanSquares!;
    assert.deepEqual(
      [ms.targets, ms.within, ms.raters, ms.error].map((v) => v.toFixed(2)),
      ['11.24', '6.26', '32.49', '1.02'],
    );
  });

  it("gives psych::ICC's 95% intervals, F tests and p-values on Table 2 (recorded)", () => {
    assertMatchesPsych(intraclassCorrelations(SHROUT_FLEISS), PSYCH_SHROUT_FLEISS);
  });

  it('leaves out a session a coder did not rate, says which, and matches psych::ICC on the rest (recorded)', () => {
    const report = intraclassCorrelations(GLOBALS_WITH_GAPS);
    assert.deepEqual([report.targets, report.raters, report.leftOut], [10, 3, [1, 9]]);
    assertMatchesPsych(report, PSYCH_GLOBALS_WITH_GAPS);
  });

  it('narrows the interval at a lower confidence level and widens it at a higher one', () => {
    const at = (level: number) => intraclassCorrelations(SHROUT_FLEISS, level).estimates[2]!;
    const [low, mid, high] = [at(0.8), at(0.95), at(0.99)];
    assert.ok(high.lower! < mid.lower! && mid.lower! < low.lower! && low.upper! < mid.upper! && mid.upper! < high.upper!);
    assert.equal(at(0.8).value, mid.value);
  });

  it('returns null, not NaN, where a coefficient or its interval is undefined', () => {
    const empty = intraclassCorrelations([]);
    assert.deepEqual([empty.targets, empty.raters, empty.meanSquares], [0, 0, null]);
    for (const e of empty.estimates) assert.deepEqual([e.value, e.lower, e.upper, e.f, e.p], [null, null, null, null, null]);
    const oneSession = intraclassCorrelations([[3, 4, 5]]);
    assert.ok(oneSession.estimates.every((e) => e.value === null));
    const allAlike = intraclassCorrelations([
      [3, 3],
      [3, 3],
      [3, 3],
    ]);
    assert.ok(
      allAlike.estimates.every((e) => e.value === null && e.lower === null),
      'no variance at all',
    );
    // Coders agree exactly: every coefficient is 1, and the F-based interval does not exist.
    const exact = intraclassCorrelations([
      [1, 1],
      [4, 4],
      [2, 2],
    ]);
    for (const e of exact.estimates) assert.deepEqual([e.value, e.lower, e.upper, e.f, e.p], [1, null, null, Infinity, 0], e.form);
    const gapsOnly = intraclassCorrelations([
      [1, null],
      [null, 2],
      [Number.NaN, 3],
    ]);
    assert.deepEqual([gapsOnly.targets, gapsOnly.leftOut], [0, [0, 1, 2]], 'NaN counts as missing');
  });

  it('does not depend on the order of the sessions, and ICC(1,·) not on the order of the coders', () => {
    const same = (a: number | null, b: number | null, what: string): void => (a === null ? assert.equal(b, null, what) : near(b, a, 1e-9, what));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 12 }),
        fc.integer(),
        (rows, seed) => {
          const base = intraclassCorrelations(rows).estimates;
          const reordered = intraclassCorrelations(shuffle(rows, seed)).estimates;
          // Within a session the one-way model has no coders, only ratings; the two-way forms do depend on whose rating is whose.
          const coderless = intraclassCorrelations(rows.map((r, i) => shuffle(r, seed + i))).estimates;
          base.forEach((e, i) => {
            for (const key of ['value', 'lower', 'upper'] as const) {
              same(e[key], reordered[i]![key], `${e.form} ${key}, sessions reordered`);
              if (e.form.startsWith('ICC(1')) same(e[key], coderless[i]![key], `${e.form} ${key}, coders reordered`);
            }
          });
        },
      ),
      { seed: 14, numRuns: 200 },
    );
  });

  it('agrees with R psych::ICC, run now, on random matrices with gaps', function () {
    requireReference(this, 'psych');
    const matrices: RatingMatrix[] = [SHROUT_FLEISS, GLOBALS_WITH_GAPS];
    for (let seed = 1979; seed < 1991; seed++) {
      // 2–6 coders, 3–25 sessions, ratings on 1–5 with a decimal, about one in twenty missing.
      const random = mulberry(seed);
      const [k, n] = [2 + Math.floor(random() * 5), 3 + Math.floor(random() * 23)];
      matrices.push(
        Array.from({ length: n }, () =>
          Array.from({ length: k }, () => (random() < 0.05 ? null : 1 + Math.floor(random() * 5) + Math.round(random() * 10) / 10)),
        ),
      );
    }
    const script = [
      'suppressMessages(library(psych))',
      ...matrices.map((m, i) => {
        const values = m.flatMap((row) => row.map((v) => (v === null || v === undefined ? 'NA' : String(v))));
        return [
          `x <- na.omit(matrix(c(${values.join(',')}), nrow = ${m.length}, byrow = TRUE))`,
          'if (nrow(x) >= 2) { r <- ICC(x, lmer = FALSE)$results',
          `write.table(cbind(${i}, nrow(x), r[, c("ICC", "F", "df1", "df2", "p", "lower bound", "upper bound")]), quote = FALSE, col.names = FALSE, row.names = FALSE, sep = ",") }`,
        ].join('\n');
      }),
    ].join('\n');
    const rows = runReference('psych', `options(digits = 15)\n${script}\n`)
      .trim()
      .split('\n')
      .map((l) => l.split(',').map(Number));
    let compared = 0;
    matrices.forEach((m, i) => {
      const psych = rows.filter((r) => r[0] === i);
      if (psych.length === 0) return;
      const report = intraclassCorrelations(m);
      assert.equal(report.targets, psych[0]![1], 'the same sessions left out');
      assertMatchesPsych(
        report,
        psych.map((r) => r.slice(2) as PsychRow),
        1e-7,
      );
      compared++;
    });
    assert.ok(compared >= 12, `${compared} matrices compared`);
  });
});

describe('scoreReliability: the ICC of each per-session number', () => {
  it('builds the sessions × coders matrix per score, names the sessions left out, and skips scores nobody has', () => {
    const sessions = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const values: (SessionValues | undefined)[][] = SHROUT_FLEISS.map((row) => row.map((n) => ({ rq: n, percentCR: null, reflections: 2 * n })));
    // Session g: coder 2 has no copy; session f: R:Q undefined in coder 0's copy.
    values.push([
      { rq: 1, percentCR: null, reflections: 1 },
      { rq: 1, percentCR: null, reflections: 1 },
      undefined,
      { rq: 1, percentCR: null, reflections: 1 },
    ]);
    values[5]![0] = { rq: null, percentCR: null, reflections: 12 };
    const scores = scoreReliability(sessions, values, [
      { id: 'rq', label: 'R:Q' },
      { id: 'percentCR', label: '%CR' },
      { id: 'reflections', label: 'Reflections' },
    ]);
    assert.deepEqual(
      scores.map((s) => [s.id, s.icc.targets, s.leftOut]),
      [
        ['rq', 5, ['f', 'g']],
        ['reflections', 6, ['g']],
      ],
    );
    assertMatchesPsych(scores[1]!.icc, PSYCH_SHROUT_FLEISS, 1e-9);
  });
});

describe('F distribution (for the ICC intervals)', () => {
  // Recorded from R 4.2.2: sprintf("%.15g", qf(p, d1, d2)); non-whole degrees of freedom as
  // Satterthwaite's v gives them, tiny and large ones.
  const QF: [p: number, d1: number, d2: number, q: number][] = [
    [0.025, 1, 1, 0.00154371250867413],
    [0.5, 1, 1, 1],
    [0.975, 1, 1, 647.789011477844],
    [0.025, 5, 18, 0.157186161366245],
    [0.5, 5, 18, 0.903807264534516],
    [0.975, 5, 18, 3.38196780587524],
    [0.025, 18, 5, 0.295685842503519],
    [0.5, 18, 5, 1.10643058452847],
    [0.975, 18, 5, 6.36188320465435],
    [0.025, 5, 6.93, 0.145757035714761],
    [0.5, 5, 6.93, 0.961235002618818],
    [0.975, 5, 6.93, 5.32515239811129],
    [0.025, 0.5, 3, 1.36771397940549e-6],
    [0.5, 0.5, 3, 0.230661265716833],
    [0.975, 0.5, 3, 19.1718975894579],
    [0.025, 1, 1000, 0.000982560756979112],
    [0.5, 1, 1000, 0.455267542357252],
    [0.975, 1, 1000, 5.03905123347614],
    [0.025, 1000, 1000, 0.883353599876973],
    [0.5, 1000, 1000, 1],
    [0.975, 1000, 1000, 1.13204949879558],
    [0.025, 10, 1e5, 0.324689561868041],
    [0.5, 10, 1e5, 0.934188044094952],
    [0.975, 10, 1e5, 2.04844558568507],
  ];

  it("gives R's qf quantiles to 1e-9 relative, and its own cdf inverts them", () => {
    for (const [p, d1, d2, q] of QF) {
      near(fQuantile(p, d1, d2), q, 1e-9, `qf(${p}, ${d1}, ${d2})`);
      near(fCdf(q, d1, d2), p, 1e-10, `pf(${q}, ${d1}, ${d2})`);
      near(fSurvival(q, d1, d2), 1 - p, 1e-10, `upper tail at ${q}`);
    }
  });

  it("gives R's upper-tail p-values, also where they are tiny (pf(·, lower.tail = FALSE))", () => {
    near(fSurvival(3.2, 4, 9), 0.0679831181174772, 1e-12, 'F(4, 9) > 3.2');
    assert.ok(Math.abs(fSurvival(50, 5, 15) / 7.97816316227828e-9 - 1) < 1e-9, 'F(5, 15) > 50');
    near(fCdf(0.01, 2, 7), 0.00993604946367041, 1e-12, 'F(2, 7) ≤ 0.01');
  });

  it('is NaN outside its domain and exact at its ends', () => {
    assert.ok(Number.isNaN(fQuantile(0.5, 0, 3)) && Number.isNaN(fQuantile(1.5, 1, 3)));
    assert.deepEqual([fQuantile(0, 2, 3), fQuantile(1, 2, 3), fCdf(0, 2, 3), fCdf(Infinity, 2, 3)], [0, Infinity, 0, 1]);
  });
});

// A reproducible shuffle (Fisher–Yates with mulberry32).
function shuffle<T>(values: readonly T[], seed: number): T[] {
  const random = mulberry(seed);
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function mulberry(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
