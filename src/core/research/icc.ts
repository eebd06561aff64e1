import { fQuantile, fSurvival } from './fDistribution';

// Intraclass correlations of numeric ratings: n targets (sessions) rated by the same k raters
// (coders), as MITI reliability is reported for the global ratings and the summary counts.
//
// The six forms of Shrout & Fleiss (1979), "Intraclass correlations: uses in assessing rater
// reliability", Psychological Bulletin 86(2), 420–428, Table 1, from the mean squares of a
// two-way analysis of variance without replication; the 95% confidence intervals by the F
// distribution as McGraw & Wong (1996), "Forming inferences about some intraclass correlation
// coefficients", Psychological Methods 1(1), 30–46, Table 7, give them:
//
//   Shrout & Fleiss   McGraw & Wong   model                                    rater(s)
//   ICC(1,1)          ICC(1)          one-way random                           single
//   ICC(2,1)          ICC(A,1)        two-way, absolute agreement              single
//   ICC(3,1)          ICC(C,1)        two-way mixed, consistency               single
//   ICC(1,k)          ICC(k)          one-way random                           mean of k
//   ICC(2,k)          ICC(A,k)        two-way, absolute agreement              mean of k
//   ICC(3,k)          ICC(C,k)        two-way mixed, consistency               mean of k
//
// ICC(2,·)'s interval uses Satterthwaite's degrees of freedom v (McGraw & Wong, Table 7, note);
// the others are exact. Checked against Shrout & Fleiss' Table 2 and R's psych::ICC in
// test/unit/icc.test.ts.
//
// Missing ratings: the analysis of variance needs every target rated by every rater, so a target
// that any rater left unrated is left out whole (listwise deletion, as psych::ICC and SPSS do);
// the report names the targets left out and says how many were used.

/** Ratings, one row per target and one column per rater; null, undefined or a non-finite number where a rater gave none. */
export type RatingMatrix = readonly (readonly (number | null | undefined)[])[];

/** The six intraclass correlations, by Shrout & Fleiss' names. */
export const ICC_FORMS = ['ICC(1,1)', 'ICC(2,1)', 'ICC(3,1)', 'ICC(1,k)', 'ICC(2,k)', 'ICC(3,k)'] as const;

/** One of the six intraclass correlations. */
export type IccForm = (typeof ICC_FORMS)[number];

const MCGRAW_WONG: Record<IccForm, string> = {
  'ICC(1,1)': 'ICC(1)',
  'ICC(2,1)': 'ICC(A,1)',
  'ICC(3,1)': 'ICC(C,1)',
  'ICC(1,k)': 'ICC(k)',
  'ICC(2,k)': 'ICC(A,k)',
  'ICC(3,k)': 'ICC(C,k)',
};

/** One intraclass correlation with its confidence interval and the F test of ρ = 0. */
export interface IccEstimate {
  form: IccForm;
  /** McGraw & Wong's name for the same coefficient. */
  mcGrawWong: string;
  /** null when undefined: fewer than two targets or raters, or no variance at all. */
  value: number | null;
  /** null when undefined, or when the raters agree exactly (no error variance, so no F distribution). */
  lower: number | null;
  upper: number | null;
  /** The F statistic of the test of ρ = 0, its degrees of freedom and its p-value. */
  f: number | null;
  df1: number;
  df2: number;
  p: number | null;
}

/** The mean squares of the two-way analysis of variance without replication. */
export interface MeanSquares {
  /** Between targets (MSR, Shrout & Fleiss' BMS). */
  targets: number;
  /** Between raters (MSC, JMS). */
  raters: number;
  /** Residual (MSE, EMS). */
  error: number;
  /** Within targets, raters and residual together (MSW, WMS), the one-way model's error. */
  within: number;
}

/** The intraclass correlations of a rating matrix, and what they were computed from. */
export interface IccReport {
  /** The targets used: those every rater rated. */
  targets: number;
  raters: number;
  /** The row indices of the targets left out because a rater gave them no rating. */
  leftOut: number[];
  /** The level of the intervals, such as 0.95. */
  confidence: number;
  meanSquares: MeanSquares | null;
  estimates: IccEstimate[];
}

/** The six intraclass correlations of n targets × k raters, with their confidence intervals (McGraw & Wong 1996). */
export function intraclassCorrelations(ratings: RatingMatrix, confidence = 0.95): IccReport {
  const raters = Math.max(0, ...ratings.map((row) => row.length));
  const complete: number[][] = [];
  const leftOut: number[] = [];
  ratings.forEach((row, i) => {
    const values = Array.from({ length: raters }, (_, j) => row[j]);
    if (values.every((v): v is number => typeof v === 'number' && Number.isFinite(v))) complete.push(values);
    else leftOut.push(i);
  });
  const n = complete.length;
  const base = { targets: n, raters, leftOut, confidence };
  if (n < 2 || raters < 2) return { ...base, meanSquares: null, estimates: ICC_FORMS.map((form) => undefinedEstimate(form, n, raters)) };
  const ms = meanSquares(complete);
  return { ...base, meanSquares: ms, estimates: estimates(ms, n, raters, 1 - (1 - confidence) / 2) };
}

/** The mean squares of a complete n × k matrix, each sum of squares summed from its own residuals so that none goes negative. */
export function meanSquares(matrix: readonly (readonly number[])[]): MeanSquares {
  const n = matrix.length;
  const k = matrix[0]!.length;
  const grand = mean(matrix.flat());
  const rowMeans = matrix.map(mean);
  const columnMeans = Array.from({ length: k }, (_, j) => mean(matrix.map((row) => row[j]!)));
  let within = 0;
  let error = 0;
  matrix.forEach((row, i) =>
    row.forEach((x, j) => {
      within += (x - rowMeans[i]!) ** 2;
      error += (x - rowMeans[i]! - columnMeans[j]! + grand) ** 2;
    }),
  );
  const targets = k * sumOf(rowMeans.map((m) => (m - grand) ** 2));
  const raters = n * sumOf(columnMeans.map((m) => (m - grand) ** 2));
  return { targets: targets / (n - 1), raters: raters / (k - 1), error: error / ((n - 1) * (k - 1)), within: within / (n * (k - 1)) };
}

// The six estimates; `q` is the upper quantile level, 1 − α/2.
function estimates(ms: MeanSquares, n: number, k: number, q: number): IccEstimate[] {
  const { targets: msr, raters: msc, error: mse, within: msw } = ms;
  const scale = msr + msc + mse + msw;
  const ratio = coefficient(scale);
  // Sessions that do not differ at all (MSR = 0) leave the intervals undefined: F is 0 and ICC(A,1)'s v degenerates.
  const varies = msr > 1e-12 * scale;
  const oneWay = fTest(msr, msw, n - 1, n * (k - 1));
  const twoWay = fTest(msr, mse, n - 1, (n - 1) * (k - 1));
  // McGraw & Wong, Table 7: the observed F divided by the upper quantile, and times the upper quantile of F with the degrees swapped.
  const bounds = (t: FTest): [number, number] | null =>
    !varies || t.f === null || !Number.isFinite(t.f) ? null : [t.f / fQuantile(q, t.df1, t.df2), t.f * fQuantile(q, t.df2, t.df1)];
  const one = bounds(oneWay);
  const three = bounds(twoWay);
  const single = (fl: number): number => (fl - 1) / (fl + k - 1);
  const average = (fl: number): number => 1 - 1 / fl;
  const icc2 = ratio(msr - mse, msr + (k - 1) * mse + (k * (msc - mse)) / n);
  const two = varies ? absoluteAgreementBounds(ms, n, k, q, icc2) : null;
  return [
    estimate('ICC(1,1)', ratio(msr - msw, msr + (k - 1) * msw), one && [single(one[0]), single(one[1])], oneWay),
    estimate('ICC(2,1)', icc2, two?.single ?? null, twoWay),
    estimate('ICC(3,1)', ratio(msr - mse, msr + (k - 1) * mse), three && [single(three[0]), single(three[1])], twoWay),
    estimate('ICC(1,k)', ratio(msr - msw, msr), one && [average(one[0]), average(one[1])], oneWay),
    estimate('ICC(2,k)', ratio(msr - mse, msr + (msc - mse) / n), two?.average ?? null, twoWay),
    estimate('ICC(3,k)', ratio(msr - mse, msr), three && [average(three[0]), average(three[1])], twoWay),
  ];
}

// ICC(A,1) and ICC(A,k)'s interval (McGraw & Wong, Table 7, Case 2 and 2A): F quantiles with
// Satterthwaite's degrees of freedom v, which depend on the estimate ρ̂ = ICC(A,1) itself. v is
// written as Shrout & Fleiss (eq. under Table 1) write it, which needs no division by 1 − ρ̂.
function absoluteAgreementBounds(
  ms: MeanSquares,
  n: number,
  k: number,
  q: number,
  rho: number | null,
): { single: [number, number]; average: [number, number] } | null {
  const { targets: msr, raters: msc, error: mse } = ms;
  if (rho === null || mse === 0) return null;
  const fj = msc / mse;
  const c = n * (1 + (k - 1) * rho) - k * rho;
  const v = ((k - 1) * (n - 1) * (k * rho * fj + c) ** 2) / ((n - 1) * k ** 2 * rho ** 2 * fj ** 2 + c ** 2);
  const fUpper = fQuantile(q, n - 1, v);
  const fLower = fQuantile(q, v, n - 1);
  const spread = k * msc + (k * n - k - n) * mse;
  return {
    single: [(n * (msr - fUpper * mse)) / (fUpper * spread + n * msr), (n * (fLower * msr - mse)) / (spread + n * fLower * msr)],
    average: [(n * (msr - fUpper * mse)) / (fUpper * (msc - mse) + n * msr), (n * (fLower * msr - mse)) / (msc - mse + n * fLower * msr)],
  };
}

interface FTest {
  f: number | null;
  df1: number;
  df2: number;
  p: number | null;
}

// The F test of ρ = 0: between-target mean square over the error one.
function fTest(between: number, error: number, df1: number, df2: number): FTest {
  if (error === 0) return { f: between === 0 ? null : Infinity, df1, df2, p: between === 0 ? null : 0 };
  const f = between / error;
  return { f, df1, df2, p: fSurvival(f, df1, df2) };
}

function estimate(form: IccForm, value: number | null, interval: [number, number] | null, test: FTest): IccEstimate {
  const bounds = value === null || !interval?.every(Number.isFinite) ? null : interval;
  return { form, mcGrawWong: MCGRAW_WONG[form], value, lower: bounds?.[0] ?? null, upper: bounds?.[1] ?? null, ...test };
}

function undefinedEstimate(form: IccForm, n: number, k: number): IccEstimate {
  const df1 = Math.max(0, n - 1);
  const df2 = form.startsWith('ICC(1') ? n * Math.max(0, k - 1) : df1 * Math.max(0, k - 1);
  return estimate(form, null, null, { f: null, df1, df2, p: null });
}

// A coefficient, or null when its denominator is zero (no variance to share out). Zero within
// rounding: a denominator that is a difference of mean squares can come out as 1e-16 instead of 0.
function coefficient(scale: number): (numerator: number, denominator: number) => number | null {
  return (numerator, denominator) => (Math.abs(denominator) <= 1e-12 * scale ? null : numerator / denominator);
}

function mean(values: readonly number[]): number {
  return sumOf(values) / values.length;
}

function sumOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
