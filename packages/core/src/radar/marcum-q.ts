/**
 * The generalized Marcum Q function and the mixture series it shares with the Swerling models.
 *
 * The sum Y of N square-law-detected samples (noise power normalised to 1) of a steady signal of
 * total SNR λ = N·S is a Poisson mixture of gamma variables:
 *   P(Y > y) = Σ_j e^(−λ) λ^j / j! · Q(N + j, y)  =  Q_N(√(2λ), √(2y))
 * (Marcum 1960; Shnidman, "The calculation of the probability of detection and the generalized
 * Marcum Q-function", IEEE Trans. IT-35, 1989, eq. 2). The Swerling targets give the same series
 * with negative-binomial weights (see swerling.ts), so one summation routine serves all five.
 *
 * Numerics: the series is summed as 1 − Σ_j w_j·P(N + j, y) with w_j in log space (no overflow
 * for large N or λ) and P(N + j, y) by the downward-stable recurrence
 *   P(a + 1, y) = P(a, y) − y^a·e^(−y) / Γ(a + 1);
 * terms are positive, and the sum stops once P(N + j, y) or the remaining weight is below 1e−17.
 */
import { gammaP, gammaQ, lnGamma } from './incomplete-gamma.js';

const TINY = 1e-17;
const MAX_TERMS = 2_000_000;

/**
 * Log-weight recurrences for the mixing distribution of j:
 * - Poisson(λ):            ln w_0 = −λ,        ln w_{j+1} = ln w_j + ln λ − ln(j + 1)
 * - negative binomial(m, p): ln w_0 = m·ln p,  ln w_{j+1} = ln w_j + ln(1 − p) + ln(m + j) − ln(j + 1)
 */
export type Mixture = { kind: 'poisson'; mean: number } | { kind: 'negative-binomial'; m: number; p: number };

/**
 * P(Y > y) for Y = Gamma(N + J, 1) with J drawn from `mixture`: Σ_j w_j·Q(N + j, y).
 * @param n - number of integrated samples N ≥ 1 (may be non-integer > 0)
 * @param y - threshold, ≥ 0, in units of the single-sample noise power
 */
export function gammaMixtureTail(n: number, y: number, mixture: Mixture): number {
  if (!(n > 0)) throw new RangeError(`n must be > 0, got ${n}`);
  if (!(y >= 0)) throw new RangeError(`y must be ≥ 0, got ${y}`);
  if (y === 0) return 1;
  let lnW: number;
  let lnStep: number; // the j-independent part of the weight recurrence
  let m = 0;
  if (mixture.kind === 'poisson') {
    if (!(mixture.mean >= 0)) throw new RangeError(`Poisson mean must be ≥ 0, got ${mixture.mean}`);
    if (mixture.mean === 0) return gammaQ(n, y);
    lnW = -mixture.mean;
    lnStep = Math.log(mixture.mean);
  } else {
    m = mixture.m;
    const p = mixture.p;
    if (!(m > 0)) throw new RangeError(`negative-binomial m must be > 0, got ${m}`);
    if (!(p > 0 && p <= 1)) throw new RangeError(`negative-binomial p must be in (0, 1], got ${p}`);
    if (p === 1) return gammaQ(n, y);
    lnW = m * Math.log(p);
    lnStep = Math.log1p(-p);
  }
  const lnY = Math.log(y);
  let pj = gammaP(n, y); // P(N + j, y) at j = 0
  let sum = 0; // Σ w_j P(N + j, y)
  let wSum = 0; // Σ w_j
  for (let j = 0; j < MAX_TERMS; j++) {
    const w = Math.exp(lnW);
    sum += w * pj;
    wSum += w;
    if (pj < TINY || (1 - wSum) * pj < TINY) return clamp01(1 - sum);
    // advance P(a, y) → P(a + 1, y), a = N + j
    const a = n + j;
    const t = Math.exp(a * lnY - y - lnGamma(a + 1));
    // Past the mode, P(a + 1, y) ≤ t·(a + 2)/(a + 2 − y): once that is negligible the series is
    // done (the recurrence's own rounding, ~1e−16 absolute, would otherwise never reach TINY).
    if (a + 1 > y && (t * (a + 2)) / (a + 2 - y) < TINY) return clamp01(1 - sum);
    pj -= t;
    if (pj < 0) pj = 0;
    lnW += mixture.kind === 'poisson' ? lnStep - Math.log(j + 1) : lnStep + Math.log(m + j) - Math.log(j + 1);
  }
  throw new Error(`gammaMixtureTail did not converge (n=${n}, y=${y})`);
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * Generalized Marcum Q function of integer or real order M > 0:
 *   Q_M(a, b) = ∫_b^∞ x·(x/a)^(M−1)·exp(−(x² + a²)/2)·I_{M−1}(a·x) dx
 *             = Σ_j e^(−a²/2)(a²/2)^j / j! · Q(M + j, b²/2).
 */
export function marcumQ(m: number, a: number, b: number): number {
  if (!(a >= 0)) throw new RangeError(`a must be ≥ 0, got ${a}`);
  if (!(b >= 0)) throw new RangeError(`b must be ≥ 0, got ${b}`);
  return gammaMixtureTail(m, (b * b) / 2, { kind: 'poisson', mean: (a * a) / 2 });
}
