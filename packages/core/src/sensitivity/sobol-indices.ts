/**
 * Variance-based (Sobol') sensitivity indices from the outputs of a Saltelli design
 * (saltelli-design.ts), for each group g of factors:
 *
 *   V     = Var[f(A) ∪ f(B)]                                   (all 2N base rows)
 *   S1_g  = (1/N) Σ_j f(B)_j · (f(A_B^(g))_j − f(A)_j) / V      first order: the share of V
 *            that g explains on its own (Saltelli et al. 2010, Comput. Phys. Commun. 181,
 *            259–270, Table 2); f(B) is taken minus the mean of f, which leaves the
 *            estimator's expectation unchanged (E[f(A_B^(g)) − f(A)] = 0) and lowers its variance
 *            for outputs far from zero, as SALib does by standardising the outputs
 *   ST_g  = (1/2N) Σ_j (f(A)_j − f(A_B^(g))_j)² / V             total: the share that involves g,
 *            alone or in interaction with other factors (Jansen, "Analysis of variance designs
 *            for model output", Comput. Phys. Commun. 117, 35–43, 1999; Saltelli 2010 Table 2)
 *
 * Confidence intervals: percentile bootstrap over the N rows (Efron & Tibshirani, "An
 * Introduction to the Bootstrap", 1993, ch. 13): the rows are resampled with replacement B times
 * (default 1,000), all indices are recomputed on each resample, and the interval runs between
 * the (1−c)/2 and (1+c)/2 quantiles. The resamples come from a Mersenne Twister seeded with the
 * given seed (Matsumoto & Nishimura, ACM TOMACS 8, 1998; the pure-rand package), so a seed
 * reproduces the intervals. With V = 0 (the output never moves) every index is NaN; resamples
 * without variance are left out of the intervals.
 */
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { mersenne } from 'pure-rand/generator/mersenne';
import { quantileSorted } from '../sim/stats.js';
import { designPointCount, type SaltelliDesign } from './saltelli-design.js';

export interface SobolIndex {
  /** First-order index and its bootstrap interval. */
  s1: number;
  s1Lo: number;
  s1Hi: number;
  /** Total index and its bootstrap interval. */
  st: number;
  stLo: number;
  stHi: number;
}

export interface SobolResult {
  /** Mean and variance of f over the 2N base rows (A and B). */
  mean: number;
  variance: number;
  /** One per group of the design, in its order. */
  groups: SobolIndex[];
}

export interface SobolOptions {
  /** Bootstrap resamples (default 1,000; 0: no intervals, NaN bounds). */
  resamples?: number;
  /** Two-sided confidence level of the intervals (default 0.95). */
  confidence?: number;
  /** Seed of the resampling, integer in [0, 2^32) (default: the design's seed). */
  seed?: number;
}

/** S1 and ST of every group, and V, from outputs y in design-point order over the rows `rows`. */
function estimate(y: ArrayLike<number>, k: number, rows: ArrayLike<number>, s1: Float64Array, st: Float64Array): { mean: number; variance: number } {
  const per = k + 2;
  const n = rows.length;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const o = rows[i] * per;
    sum += y[o] + y[o + 1];
  }
  const mean = sum / (2 * n);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const o = rows[i] * per;
    const da = y[o] - mean;
    const db = y[o + 1] - mean;
    ss += da * da + db * db;
  }
  const variance = ss / (2 * n);
  for (let g = 0; g < k; g++) {
    let first = 0;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const o = rows[i] * per;
      const a = y[o];
      const b = y[o + 1];
      const ab = y[o + 2 + g];
      first += (b - mean) * (ab - a);
      total += (a - ab) * (a - ab);
    }
    s1[g] = variance > 0 ? first / n / variance : NaN;
    st[g] = variance > 0 ? total / (2 * n) / variance : NaN;
  }
  return { mean, variance };
}

/**
 * Sobol' indices of each group of `design` from the model outputs `y`, one per design point
 * in design order (length N·(k + 2)).
 */
export function sobolIndices(design: SaltelliDesign, y: ArrayLike<number>, opts: SobolOptions = {}): SobolResult {
  const total = designPointCount(design);
  if (y.length !== total) throw new RangeError(`y must hold one output per design point (${total}), got ${y.length}`);
  for (let i = 0; i < total; i++) if (!Number.isFinite(y[i])) throw new RangeError(`output ${i} is not a finite number (${y[i]})`);
  const resamples = opts.resamples ?? 1000;
  const confidence = opts.confidence ?? 0.95;
  if (!Number.isInteger(resamples) || resamples < 0) throw new RangeError(`resamples must be a non-negative integer, got ${resamples}`);
  if (!(confidence > 0 && confidence < 1)) throw new RangeError(`confidence must be in (0, 1), got ${confidence}`);
  const k = design.groups.length;
  const N = design.rows;
  const all = new Int32Array(N);
  for (let j = 0; j < N; j++) all[j] = j;
  const s1 = new Float64Array(k);
  const st = new Float64Array(k);
  const { mean, variance } = estimate(y, k, all, s1, st);

  // Bootstrap replicates; a resample whose base rows all give the same output has no variance and is left out.
  const bootS1: number[][] = Array.from({ length: k }, () => []);
  const bootSt: number[][] = Array.from({ length: k }, () => []);
  if (variance > 0 && resamples > 0) {
    const rng = mersenne((opts.seed ?? design.seed) | 0);
    const rows = new Int32Array(N);
    const b1 = new Float64Array(k);
    const bt = new Float64Array(k);
    for (let r = 0; r < resamples; r++) {
      for (let j = 0; j < N; j++) rows[j] = uniformInt(rng, 0, N - 1);
      if (!(estimate(y, k, rows, b1, bt).variance > 0)) continue;
      for (let g = 0; g < k; g++) {
        bootS1[g].push(b1[g]);
        bootSt[g].push(bt[g]);
      }
    }
  }
  const lo = (1 - confidence) / 2;
  const hi = 1 - lo;
  const q = (a: number[], p: number): number => (a.length > 0 ? quantileSorted(a, p) : NaN);
  const groups: SobolIndex[] = [];
  for (let g = 0; g < k; g++) {
    const a1 = bootS1[g].sort((x, z) => x - z);
    const at = bootSt[g].sort((x, z) => x - z);
    groups.push({ s1: s1[g], s1Lo: q(a1, lo), s1Hi: q(a1, hi), st: st[g], stLo: q(at, lo), stHi: q(at, hi) });
  }
  return { mean, variance, groups };
}
