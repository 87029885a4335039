/**
 * Statistics of Monte Carlo outcomes: proportions with Wilson score intervals, means with normal
 * intervals, quantiles.
 */

/** z for a two-sided 95% interval: Φ⁻¹(0.975). */
export const Z95 = 1.959963984540054;

export interface Proportion {
  /** Point estimate. */
  p: number;
  /** 95% interval. */
  lo: number;
  hi: number;
  /** Sample size behind the interval (effective size for clustered trials). */
  n: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson, JASA 22, 1927; Newcombe, Stat. Med.
 * 17, 1998, method 3):
 *   (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n)
 * `n` may be fractional (an effective sample size).
 */
export function wilson(successes: number, n: number, z: number = Z95): Proportion {
  if (!(n >= 0)) throw new RangeError(`n must be ≥ 0, got ${n}`);
  if (!(successes >= 0 && successes <= n)) throw new RangeError(`successes must be in [0, n = ${n}], got ${successes}`);
  if (n === 0) return { p: NaN, lo: 0, hi: 1, n: 0 };
  const p = successes / n;
  const z2 = z * z;
  const den = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / den;
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { p, lo: Math.max(0, centre - half), hi: Math.min(1, centre + half), n };
}

/**
 * Proportion of successes over R runs of m trials each, where trials of one run are not
 * independent (raid members share the same defenses, channels and missiles). The Wilson interval
 * uses the effective sample size n_eff = R·m / deff with the design effect
 *   deff = s² / (p̂(1−p̂)/m),  s² = variance across runs of the per-run success fraction
 * (Kish, Survey Sampling, 1965, §5.4), deff ≥ 1. With m = 1 it is the plain Wilson interval.
 * @param perRun - successes in each run, each in [0, m]
 */
export function clusteredProportion(perRun: ArrayLike<number>, m: number): Proportion {
  const R = perRun.length;
  if (!(m >= 1)) throw new RangeError(`m must be ≥ 1, got ${m}`);
  if (R === 0) return { p: NaN, lo: 0, hi: 1, n: 0 };
  let sum = 0;
  for (let r = 0; r < R; r++) sum += perRun[r];
  const p = sum / (R * m);
  let deff = 1;
  if (m > 1 && p > 0 && p < 1) {
    let ss = 0;
    for (let r = 0; r < R; r++) {
      const d = perRun[r] / m - p;
      ss += d * d;
    }
    deff = Math.max(1, ss / R / ((p * (1 - p)) / m));
  }
  const nEff = (R * m) / deff;
  return wilson(p * nEff, nEff);
}

export interface MeanInterval {
  mean: number;
  /** 95% normal interval of the mean, mean ± z·s/√n (NaN for fewer than 2 values). */
  lo: number;
  hi: number;
  /** Sample standard deviation. */
  sd: number;
}

/**
 * Mean with a 95% interval from the central limit theorem, x̄ ± z·s/√n, clipped to the range of the
 * values (a mean cannot leave it: missiles per run are never negative, however skewed the runs).
 */
export function meanInterval(values: ArrayLike<number>, z: number = Z95): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, sd: NaN };
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  if (n < 2) return { mean, lo: NaN, hi: NaN, sd: NaN };
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i] - mean;
    ss += d * d;
  }
  const sd = Math.sqrt(ss / (n - 1));
  const half = (z * sd) / Math.sqrt(n);
  return { mean, lo: Math.max(min, mean - half), hi: Math.min(max, mean + half), sd };
}

/**
 * Quantile q of ascending `sorted` values by linear interpolation between order statistics
 * (Hyndman & Fan, Am. Stat. 50, 1996, definition 7 — R's and NumPy's default).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}
