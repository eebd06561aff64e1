// Agreement statistics for nominal data: percent agreement, Cohen's kappa, Fleiss' kappa and
// Krippendorff's alpha. Pure functions over plain arrays, so each can be checked against the
// published worked examples (see test/unit/agreement.test.ts).

/** One unit's values, one per coder; `undefined` where the coder gave no value (missing). */
export type Ratings = readonly (string | undefined)[];

/** Cohen's kappa with its parts: observed agreement p_o and chance agreement p_e. */
export interface CohenResult {
  /** null when undefined: p_e = 1 (both coders used one and the same category throughout) or no units. */
  kappa: number | null;
  observed: number;
  expected: number;
  units: number;
}

/** Fleiss' kappa with its parts: mean agreement P̄ and chance agreement P̄e. */
export interface FleissResult {
  /** null when undefined: P̄e = 1, no units, or fewer than two raters. */
  kappa: number | null;
  observed: number;
  expected: number;
  units: number;
  raters: number;
}

/** Krippendorff's alpha (nominal) with its coincidence matrix. */
export interface AlphaResult {
  /** null when undefined: fewer than two pairable values, or only one value was ever used. */
  alpha: number | null;
  /** The pairable values n (values in units with at least two of them). */
  values: number;
  /** The units with at least two values. */
  units: number;
  categories: string[];
  /** o_ck: the coincidences of values c and k, each unit's pairs weighted by 1/(m_u − 1). */
  coincidence: number[][];
}

/** Cohen's kappa from a square k×k table of counts (rows: coder A, columns: coder B). */
export function cohenKappaFromTable(table: readonly (readonly number[])[]): CohenResult {
  const n = sum(table.map(sum));
  if (n === 0) return { kappa: null, observed: 0, expected: 0, units: 0 };
  // Sums of whole counts first, one division last, so perfect agreement gives exactly 1.
  const agreeing = sum(table.map((row, i) => row[i] ?? 0));
  const chance = sum(table.map((row, i) => sum(row) * sum(table.map((r) => r[i] ?? 0))));
  return { kappa: ratio(agreeing / n, chance / (n * n)), observed: agreeing / n, expected: chance / (n * n), units: n };
}

/** Cohen's kappa of two coders' values for the same units. */
export function cohenKappa(a: readonly string[], b: readonly string[]): CohenResult {
  const categories = categoriesOf([...a, ...b]);
  return cohenKappaFromTable(confusionMatrix(a, b, categories));
}

/** The confusion matrix of two coders: counts[i][j] units that coder A put in categories[i] and coder B in categories[j]. */
export function confusionMatrix(a: readonly string[], b: readonly string[], categories: readonly string[]): number[][] {
  const index = new Map(categories.map((c, i) => [c, i]));
  const counts = categories.map(() => categories.map(() => 0));
  a.forEach((value, u) => {
    const i = index.get(value);
    const j = index.get(b[u] ?? '');
    if (i !== undefined && j !== undefined) counts[i]![j]!++;
  });
  return counts;
}

/** Fleiss' kappa from a units×categories table: counts[i][j] raters who put unit i in category j, the same number of raters per unit. */
export function fleissKappaFromCounts(counts: readonly (readonly number[])[]): FleissResult {
  const units = counts.length;
  const raters = units === 0 ? 0 : counts[0]!.reduce((a, b) => a + b, 0);
  if (units === 0 || raters < 2) return { kappa: null, observed: 0, expected: 0, units, raters };
  if (counts.some((row) => row.reduce((a, b) => a + b, 0) !== raters)) throw new Error('Fleiss’ kappa needs the same number of ratings for every unit');
  const total = units * raters;
  const observed = (sum(counts.map((row) => sum(row.map((n) => n * n)))) - total) / (total * (raters - 1));
  const columns = counts[0]!.map((_, j) => sum(counts.map((row) => row[j] ?? 0)));
  const expected = sum(columns.map((c) => c * c)) / (total * total);
  return { kappa: ratio(observed, expected), observed, expected, units, raters };
}

/** Fleiss' kappa over the units every coder rated; units with a missing value are left out. */
export function fleissKappa(units: readonly Ratings[], categories: readonly string[] = categoriesOf(units.flat())): FleissResult {
  const index = new Map(categories.map((c, i) => [c, i]));
  const complete = units.filter((u) => u.every((v) => v !== undefined && index.has(v)));
  return fleissKappaFromCounts(complete.map((u) => categoryCounts(u as string[], index)));
}

/**
 * Percent agreement as a proportion: in each unit with two or more values, the share of coder
 * pairs that agree, averaged over those units. For two coders this is the share of units on
 * which they agree; for more it is the mean pairwise agreement (Fleiss' P̄).
 */
export function percentAgreement(units: readonly Ratings[]): number | null {
  let sum = 0;
  let count = 0;
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== undefined);
    const m = values.length;
    if (m < 2) continue;
    const tally = new Map<string, number>();
    for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
    let agreeing = 0;
    for (const n of tally.values()) agreeing += n * (n - 1);
    sum += agreeing / (m * (m - 1));
    count++;
  }
  return count === 0 ? null : sum / count;
}

/**
 * Krippendorff's alpha for nominal data, missing values allowed, by the coincidence matrix
 * (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
 * α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c · n_k.
 */
export function krippendorffAlpha(units: readonly Ratings[], categories: readonly string[] = categoriesOf(units.flat())): AlphaResult {
  const known = new Set(categories);
  const values = units.map((u) => u.map((v) => (v !== undefined && known.has(v) ? v : undefined)));
  const coincidence = coincidenceMatrix(values, categories);
  // n_c = Σ_k o_ck is the count of c among the pairable values; counted directly, it stays a whole number.
  const pairable = values.filter((u) => u.filter((v) => v !== undefined).length >= 2);
  const marginals = categories.map((c) => sum(pairable.map((u) => u.filter((v) => v === c).length)));
  const n = sum(marginals);
  const result = { values: n, units: pairable.length, categories: [...categories], coincidence };
  // Σ_{c≠k} o_ck, summed per unit as (m_u² − Σ_c n_uc²) / (m_u − 1), so that it is exactly 0 when every unit agrees.
  const disagreeing = sum(values.map(unitDisagreement));
  const expectedDisagreeing = n * n - sum(marginals.map((nc) => nc * nc));
  if (n < 2 || expectedDisagreeing === 0) return { alpha: null, ...result };
  return { alpha: 1 - ((n - 1) * disagreeing) / expectedDisagreeing, ...result };
}

/** The coincidence matrix o_ck over the units with at least two values: each ordered pair of values weighs 1/(m_u − 1). */
export function coincidenceMatrix(units: readonly Ratings[], categories: readonly string[]): number[][] {
  const index = new Map(categories.map((c, i) => [c, i]));
  const o = categories.map(() => categories.map(() => 0));
  for (const unit of units) {
    const values = unit.filter((v): v is string => v !== undefined && index.has(v));
    const m = values.length;
    if (m < 2) continue;
    const tally = categoryCounts(values, index);
    tally.forEach((nc, c) => {
      if (nc === 0) return;
      tally.forEach((nk, k) => (o[c]![k]! += (nc * (c === k ? nk - 1 : nk)) / (m - 1)));
    });
  }
  return o;
}

/** The distinct values in order of first appearance, ignoring missing ones. */
export function categoriesOf(values: readonly (string | undefined)[]): string[] {
  return [...new Set(values.filter((v): v is string => v !== undefined))];
}

function unitDisagreement(unit: Ratings): number {
  const values = unit.filter((v): v is string => v !== undefined);
  const m = values.length;
  if (m < 2) return 0;
  const tally = new Map<string, number>();
  for (const v of values) tally.set(v, (tally.get(v) ?? 0) + 1);
  return (m * m - sum([...tally.values()].map((n) => n * n))) / (m - 1);
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

function categoryCounts(values: readonly string[], index: Map<string, number>): number[] {
  const counts = new Array<number>(index.size).fill(0);
  for (const v of values) counts[index.get(v)!]!++;
  return counts;
}

// (observed − expected) / (1 − expected), undefined when chance agreement is certain.
function ratio(observed: number, expected: number): number | null {
  return 1 - expected <= 1e-12 ? null : (observed - expected) / (1 - expected);
}
