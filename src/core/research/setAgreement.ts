// Agreement when a unit's value is a set of codes, as in a MITI volley that earns several
// behaviour codes: Krippendorff's alpha with a distance between values, and the MASI distance
// between sets (Passonneau, R. (2006). Measuring agreement on set-valued items (MASI) for
// semantic and pragmatic annotation. In Proceedings of LREC 2006, 831–836). A set is compared as
// a set: the order its codes were written in never changes a figure. Checked against NLTK's
// AnnotationTask(distance=masi_distance).alpha() in test/unit/set-agreement.test.ts.

/** One unit's values, one per coder; `undefined` where the coder gave no value (missing). */
export type UnitValues<T> = readonly (T | undefined)[];

/** A distance between two values: 0 for equal values, up to 1 (or more, for interval data). */
export type Distance<T> = (a: T, b: T) => number;

/** Krippendorff's alpha with a distance, and what it used. */
export interface DistanceAlphaResult {
  /** null when undefined: fewer than two pairable values, or no expected disagreement (one value throughout). */
  alpha: number | null;
  /** The pairable values n (values in units with at least two of them). */
  values: number;
  /** The units with at least two values. */
  units: number;
}

/**
 * Krippendorff's alpha for any distance δ, missing values allowed (Krippendorff 2011, "Computing
 * Krippendorff's Alpha-Reliability", sections A–C, with δ² the distance):
 * α = 1 − (n − 1) · Σ_u Σ_{i≠j in u} δ(v_i, v_j) / (m_u − 1) / Σ_{c≠k} n_c n_k δ(c, k).
 * `key` names equal values alike, so a value met many times is compared once per other value.
 */
export function distanceAlpha<T>(units: readonly UnitValues<T>[], distance: Distance<T>, key: (value: T) => string): DistanceAlphaResult {
  const totals = new Map<string, { value: T; count: number }>();
  const cached = cachedDistance(distance);
  const contributions: number[] = [];
  for (const unit of units) {
    const tally = tallyByKey(
      unit.filter((v): v is T => v !== undefined),
      key,
    );
    const m = [...tally.values()].reduce((sum, t) => sum + t.count, 0);
    if (m < 2) continue;
    contributions.push(disagreement(tally, cached) / (m - 1));
    for (const [k, t] of tally) totals.set(k, { value: t.value, count: (totals.get(k)?.count ?? 0) + t.count });
  }
  const n = [...totals.values()].reduce((sum, t) => sum + t.count, 0);
  // Summed in a fixed order (values by key, units by their share), so that the order of units, coders and
  // codes cannot change even the last bit; the observed sum is exactly 0 when every unit agrees.
  const observed = contributions.sort((a, b) => a - b).reduce((sum, d) => sum + d, 0);
  const expected = disagreement(sortedByKey(totals), cached);
  const result = { values: n, units: contributions.length };
  if (n < 2 || expected === 0) return { alpha: null, ...result };
  return { alpha: 1 - ((n - 1) * observed) / expected, ...result };
}

/**
 * The MASI distance between two sets of codes (Passonneau 2006): 1 − J · M, where J is the
 * Jaccard coefficient |A ∩ B| / |A ∪ B| and M the monotonicity weight: 1 when the sets are equal,
 * 2/3 when one holds the other, 1/3 when they share some codes, 0 when they share none. Two
 * empty sets are equal (distance 0). NLTK's masi_distance rounds 2/3 and 1/3 to 0.67 and 0.33.
 */
export function masiDistance(a: Iterable<string>, b: Iterable<string>): number {
  const setA = new Set(a);
  const setB = new Set(b);
  let shared = 0;
  for (const code of setA) if (setB.has(code)) shared++;
  const union = setA.size + setB.size - shared;
  if (union === 0) return 0;
  const monotonicity = shared === setA.size && shared === setB.size ? 1 : shared === Math.min(setA.size, setB.size) ? 2 / 3 : shared > 0 ? 1 / 3 : 0;
  return 1 - (shared / union) * monotonicity;
}

/** Krippendorff's alpha with the MASI distance over units whose values are sets of codes (written in any order, repeats ignored). */
export function masiAlpha(units: readonly UnitValues<readonly string[]>[]): DistanceAlphaResult {
  return distanceAlpha(units, masiDistance, setKey);
}

/** A set's canonical name: its distinct codes sorted, so that the order they were written in does not matter. */
export function setKey(codes: Iterable<string>): string {
  return [...new Set(codes)].sort().join('\u0000');
}

// Σ_{c≠k} n_c · n_k · δ(c, k) over a tally of values.
function disagreement<T>(tally: ReadonlyMap<string, { value: T; count: number }>, distance: (a: string, b: string, va: T, vb: T) => number): number {
  let sum = 0;
  for (const [c, tc] of tally) for (const [k, tk] of tally) if (c !== k) sum += tc.count * tk.count * distance(c, k, tc.value, tk.value);
  return sum;
}

function tallyByKey<T>(values: readonly T[], key: (value: T) => string): Map<string, { value: T; count: number }> {
  const tally = new Map<string, { value: T; count: number }>();
  for (const value of values) {
    const k = key(value);
    const entry = tally.get(k);
    if (entry) entry.count++;
    else tally.set(k, { value, count: 1 });
  }
  return sortedByKey(tally);
}

function sortedByKey<V>(map: ReadonlyMap<string, V>): Map<string, V> {
  return new Map([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

// The distance, computed once per pair of distinct values.
function cachedDistance<T>(distance: Distance<T>): (a: string, b: string, va: T, vb: T) => number {
  const cache = new Map<string, number>();
  return (a, b, va, vb) => {
    const pair = a < b ? `${a}\u0001${b}` : `${b}\u0001${a}`;
    let d = cache.get(pair);
    if (d === undefined) cache.set(pair, (d = distance(va, vb)));
    return d;
  };
}
