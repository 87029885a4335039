/**
 * The distribution a sourced value is drawn from in a sensitivity analysis. A catalog value's
 * `low` / `nominal` / `high` become a stated distribution between the smaller and the larger
 * sourced number (`low ≤ nominal ≤ high` in the catalog schema), with its mode at the nominal:
 *
 *   triangular (default): density rising linearly from `min` to the nominal and falling to `max`
 *   uniform:              every number in [min, max] equally likely (the nominal plays no part)
 *
 * A value without a spread (no `low`/`high`, or both equal to the nominal) is not uncertain and
 * has no distribution. RCS values (dimension `area`) are drawn on a log scale — the shape applies
 * to ln σ, i.e. to the RCS in dBsm — because their sources disagree by factors (0.0001 to
 * 0.005 m² for a stealth fighter), not by differences; every other value on a linear scale (power
 * values are already in dB). Numbers are in the value's own catalog unit.
 *
 * Quantile function of the triangular distribution with min a, mode c, max b
 * (Kotz & van Dorp, "Beyond Beta", World Scientific, 2004, ch. 1):
 *   F⁻¹(u) = a + √(u·(b−a)·(c−a))            for u < (c−a)/(b−a)
 *   F⁻¹(u) = b − √((1−u)·(b−a)·(b−c))        otherwise
 */
import type { Dimension, Value } from '../catalog/value.js';

export const DISTRIBUTION_SHAPES = ['triangular', 'uniform'] as const;
export type DistributionShape = (typeof DISTRIBUTION_SHAPES)[number];

export interface ValueDistribution {
  shape: DistributionShape;
  /** Smallest and largest sourced number and the nominal (the triangular mode), in the value's unit. */
  min: number;
  mode: number;
  max: number;
  /** 'log': the shape applies to ln x (min > 0). */
  scale: 'linear' | 'log';
}

/** Whether values of this dimension are drawn on a log scale (RCS: area). */
export function logScaleDimension(dim: Dimension): boolean {
  return dim === 'area';
}

/** The distribution of a catalog value, or undefined when it has no spread (not uncertain). */
export function valueDistribution(v: Value, dim: Dimension, shape: DistributionShape = 'triangular'): ValueDistribution | undefined {
  const min = v.low ?? v.nominal;
  const max = v.high ?? v.nominal;
  if (!(min <= v.nominal && v.nominal <= max)) throw new RangeError(`value must satisfy low ≤ nominal ≤ high, got ${min} / ${v.nominal} / ${max}`);
  if (min === max) return undefined;
  return { shape, min, mode: v.nominal, max, scale: logScaleDimension(dim) && min > 0 ? 'log' : 'linear' };
}

function triangularQuantile(a: number, c: number, b: number, u: number): number {
  const w = b - a;
  if (u < (c - a) / w) return a + Math.sqrt(u * w * (c - a));
  return b - Math.sqrt((1 - u) * w * (b - c));
}

/**
 * The number at quantile `u` ∈ [0, 1] of the distribution (inverse CDF), clamped to [min, max].
 * @param u - a uniform draw; exactly 0 gives `min` and exactly 1 gives `max` (the sourced numbers)
 */
export function quantile(d: ValueDistribution, u: number): number {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`u must be in [0, 1], got ${u}`);
  if (u === 0) return d.min;
  if (u === 1) return d.max;
  const log = d.scale === 'log';
  const a = log ? Math.log(d.min) : d.min;
  const b = log ? Math.log(d.max) : d.max;
  const c = log ? Math.log(d.mode) : d.mode;
  const y = d.shape === 'uniform' ? a + u * (b - a) : triangularQuantile(a, c, b, u);
  const x = log ? Math.exp(y) : y;
  return Math.min(d.max, Math.max(d.min, x));
}
