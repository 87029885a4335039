/**
 * The distribution of an output across independent draws of the sources (the 2N base rows of a
 * Saltelli design): mean, standard deviation, extremes and the 5th, 50th and 95th percentiles
 * (Hyndman & Fan definition 7, sim/stats.ts `quantileSorted`).
 */
import { quantileSorted } from '../sim/stats.js';

export interface DrawSummary {
  draws: number;
  mean: number;
  /** Sample standard deviation (n − 1); NaN for one draw. */
  sd: number;
  min: number;
  p05: number;
  p50: number;
  p95: number;
  max: number;
}

export function summarizeDraws(values: ArrayLike<number>): DrawSummary {
  const n = values.length;
  if (n === 0) throw new RangeError('summarizeDraws needs at least one value');
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) * (sorted[i] - mean);
  return {
    draws: n,
    mean,
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN,
    min: sorted[0],
    p05: quantileSorted(sorted, 0.05),
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    max: sorted[n - 1],
  };
}
