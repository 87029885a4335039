/**
 * Uncertainty bands: the same analysis at the catalog's low, nominal and high readings (the
 * coverage-minimising, nominal and coverage-maximising ends of every sourced spread, catalog/
 * value.ts `pickValue`) combined per cell into three tones, and every figure given as
 * "nominal (min–max)" over the three readings.
 *
 * Tones: 3 = covered under every reading (robust to the source disagreement), 2 = covered under
 * the nominal reading only up to that, 1 = covered under some reading (possible), 0 = under none.
 * The spread of a figure is the min and max over the three readings — not a statistical interval:
 * the sources bound it, they do not give it a distribution.
 */
import { maskAreaKm2, type RegionGrid } from '../geo/region-grid.js';
import type { ValueCase } from '../catalog/value.js';

export const BAND_TONE = { none: 0, some: 1, nominal: 2, every: 3 } as const;

export type ByCase<T> = Record<ValueCase, T>;

/** Tone per cell from three coverage masks (non-zero = covered). */
export function bandTones(masks: ByCase<ArrayLike<number>>, out?: Uint8Array): Uint8Array {
  const { low, nominal, high } = masks;
  const n = nominal.length;
  if (low.length !== n || high.length !== n) throw new RangeError(`masks must have the same length, got ${low.length}, ${n}, ${high.length}`);
  const o = out ?? new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const a = low[k] !== 0;
    const b = nominal[k] !== 0;
    const c = high[k] !== 0;
    o[k] = a && b && c ? 3 : b ? 2 : a || c ? 1 : 0;
  }
  return o;
}

/** A figure under the three readings, with its nominal value and range. */
export interface BandFigure {
  nominal: number;
  min: number;
  max: number;
  byCase: ByCase<number>;
}

export function bandFigure(byCase: ByCase<number>): BandFigure {
  return { nominal: byCase.nominal, min: Math.min(byCase.low, byCase.nominal, byCase.high), max: Math.max(byCase.low, byCase.nominal, byCase.high), byCase };
}

/** "41,000 km² (28,000–63,000)": the nominal with the range over the readings, rounded to 2 significant figures unless told. */
export function formatBand(f: BandFigure, unit: string, significant = 2): string {
  const round = (x: number): string => {
    if (x === 0) return '0';
    const p = Math.pow(10, Math.floor(Math.log10(Math.abs(x))) - significant + 1);
    const r = Math.round(x / p) * p;
    return r.toLocaleString('en-US', { maximumFractionDigits: Math.max(0, -Math.floor(Math.log10(p))) });
  };
  const same = round(f.min) === round(f.max);
  return `${round(f.nominal)}${unit ? ` ${unit}` : ''}${same ? '' : ` (${round(f.min)}–${round(f.max)})`}`;
}

/** Whether a change (B − A) keeps its sign under every reading: "holds across the spread". */
export function holdsAcrossSpread(delta: ByCase<number>, tolerance = 0): 'gain' | 'loss' | 'no change' | 'depends on the sources' {
  const xs = [delta.low, delta.nominal, delta.high];
  if (xs.every((x) => x > tolerance)) return 'gain';
  if (xs.every((x) => x < -tolerance)) return 'loss';
  if (xs.every((x) => Math.abs(x) <= tolerance)) return 'no change';
  return 'depends on the sources';
}

/** Tones and area figures of one (threat, altitude) layer. */
export interface LayerBands {
  threatId: string;
  altitudeM: number;
  detectTones: Uint8Array;
  engageTones: Uint8Array;
  detectAreaKm2: BandFigure;
  engageAreaKm2: BandFigure;
  /** Area engaged under every reading / under some reading, km². */
  engageEveryKm2: number;
  engageSomeKm2: number;
}

/** Combines the three readings' counts of one layer (detectCount / engageCount per cell). */
export function layerBands(
  grid: RegionGrid,
  threatId: string,
  altitudeM: number,
  detect: ByCase<ArrayLike<number>>,
  engage: ByCase<ArrayLike<number>>,
): LayerBands {
  const detectTones = bandTones(detect);
  const engageTones = bandTones(engage);
  const n = engageTones.length;
  const every = new Uint8Array(n);
  for (let k = 0; k < n; k++) every[k] = engageTones[k] === 3 ? 1 : 0;
  const area = (m: ArrayLike<number>): number => maskAreaKm2(grid, m);
  return {
    threatId,
    altitudeM,
    detectTones,
    engageTones,
    detectAreaKm2: bandFigure({ low: area(detect.low), nominal: area(detect.nominal), high: area(detect.high) }),
    engageAreaKm2: bandFigure({ low: area(engage.low), nominal: area(engage.nominal), high: area(engage.high) }),
    engageEveryKm2: area(every),
    engageSomeKm2: area(engageTones),
  };
}
