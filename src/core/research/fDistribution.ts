// The F distribution's tail and quantile, for the confidence intervals of the intraclass
// correlations (icc.ts). Written here rather than taken from a library: the small ones that
// exist are either one large non-tree-shakable bundle or some two hundred packages for this one
// function. The method is the textbook one, checked against R's pf/qf and SciPy in
// test/unit/f-distribution.test.ts:
// - ln Γ by the Lanczos approximation (g = 7, nine coefficients; Press et al., Numerical Recipes,
//   3rd ed., §6.1), accurate to about 1e-15;
// - the regularized incomplete beta I_x(a, b) by its continued fraction, evaluated with the
//   modified Lentz method (Numerical Recipes §6.4), on the side of (a + 1)/(a + b + 2) where it
//   converges fast, the other side by I_x(a, b) = 1 − I_{1−x}(b, a);
// - the quantile by bisection on ln F, which cannot fail to converge on a monotone function.

const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];
// Bounds on the work: the continued fraction needs about √max(a, b) steps, so this covers degrees
// of freedom in the millions; the bisection halves an interval of width 1400 down to the last bit.
const MAX_FRACTION_STEPS = 10_000;
const MAX_BISECTIONS = 400;

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  // Reflection keeps the approximation where it is accurate: Γ(x)Γ(1 − x) = π / sin(πx).
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + LANCZOS_G + 0.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/**
 * The regularized incomplete beta function I_x(a, b) for a, b > 0. `y` is 1 − x when the caller
 * knows it more precisely than 1 − x can be computed (x close to 1).
 */
export function incompleteBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (!(a > 0 && b > 0) || Number.isNaN(x)) return NaN;
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(y, b, a)) / b;
}

/** P(F ≤ f) for F with d1 and d2 degrees of freedom (d1, d2 > 0; not necessarily whole). */
export function fCdf(f: number, d1: number, d2: number): number {
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  // x = d1·f / (d1·f + d2) and 1 − x, each computed without cancellation.
  const denominator = d1 * f + d2;
  return incompleteBeta((d1 * f) / denominator, d1 / 2, d2 / 2, d2 / denominator);
}

/** P(F > f), precise where it is small (the p-value of an F test). */
export function fSurvival(f: number, d1: number, d2: number): number {
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  const denominator = d1 * f + d2;
  return incompleteBeta(d2 / denominator, d2 / 2, d1 / 2, (d1 * f) / denominator);
}

/** The p-quantile of the F distribution with d1 and d2 degrees of freedom: the f with P(F ≤ f) = p. */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(d1 > 0 && d2 > 0) || !(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  // ln F between −700 and 700 spans every quantile a double can hold.
  let lo = -700;
  let hi = 700;
  for (let i = 0; i < MAX_BISECTIONS; i++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (fCdf(Math.exp(mid), d1, d2) < p) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// The continued fraction of I_x(a, b) (Numerical Recipes §6.4, betacf), by the modified Lentz method.
function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const nonzero = (v: number): number => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / nonzero(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= MAX_FRACTION_STEPS; m++) {
    const m2 = 2 * m;
    const even = (m * (b - m) * x) / ((a - 1 + m2) * (a + m2));
    d = 1 / nonzero(1 + even * d);
    c = nonzero(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + 1 + m2));
    d = 1 / nonzero(1 + odd * d);
    c = nonzero(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}
