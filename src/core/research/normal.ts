// The standard normal distribution's two-sided tail, for the p of an adjusted residual (sequences.ts).
// erfc is computed from its power series near 0 and its continued fraction further out, as
// Abramowitz & Stegun, Handbook of Mathematical Functions (1964), give them: 7.1.5 and 7.1.14.
// In the ranges used here they agree with Python's math.erfc to 1e-10 relative (unit test), far
// closer than a p needs.

const SERIES_LIMIT = 2.5;

/** The two-sided p of a standard normal deviate: P(|Z| ≥ |z|) = erfc(|z| / √2). */
export function normalTwoSidedP(z: number): number {
  if (Number.isNaN(z)) return NaN;
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/** The complementary error function for x ≥ 0. */
export function erfc(x: number): number {
  if (x < SERIES_LIMIT) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

// A&S 7.1.5: erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)).
function erfSeries(x: number): number {
  let term = x; // (−1)ⁿ x^(2n+1) / n!
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const next = term / (2 * n + 1);
    sum += next;
    if (Math.abs(next) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

// A&S 7.1.14: erfc x = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated
// by the modified Lentz method (Press et al., Numerical Recipes, 3rd ed., §5.2).
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    const a = n / 2;
    d = x + a * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = x + a / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}
