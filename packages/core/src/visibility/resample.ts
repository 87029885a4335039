/**
 * From a site's horizon raster (tan of the horizon elevation, on its AEQD grid) to the minimum
 * visible height MSL at region-grid cells: each cell's geodesic range s and azimuth α (from its
 * site frame) place it at x = s·sin α, y = s·cos α in the AEQD frame; the horizon is interpolated
 * bilinearly between the four surrounding nodes (NaN nodes left out) and turned into a height at
 * the cell's exact range by minVisibleFromHorizonM. Heights below the cell's ground are raised to
 * the ground (a target is never below it).
 */
import type { RegionGrid } from '../geo/region-grid.js';
import { minVisibleFromHorizonM } from './horizon-sweep.js';

export interface ResampleSpec {
  /** AEQD node spacing (m), grid size (nodes), and the site's node (west, north). */
  cellM: number;
  width: number;
  height: number;
  west: number;
  north: number;
  antennaMslM: number;
  earthRadiusM: number;
  /** Cells farther than this get +Infinity (not swept). */
  maxRangeM: number;
}

/** Bilinear horizon at AEQD coordinates (xM east, yM north); NaN if no surrounding node is set. */
export function horizonAt(horizon: Float32Array, spec: ResampleSpec, xM: number, yM: number): number {
  const w = spec.width;
  const col = spec.west + xM / spec.cellM;
  const row = spec.north - yM / spec.cellM;
  if (!(col >= 0 && row >= 0 && col <= w - 1 && row <= spec.height - 1)) return NaN;
  let i = Math.floor(col);
  let j = Math.floor(row);
  if (i === w - 1 && i > 0) i--;
  if (j === spec.height - 1 && j > 0) j--;
  const fx = col - i;
  const fy = row - j;
  const k = j * w + i;
  const v00 = horizon[k];
  const v10 = i + 1 < w ? horizon[k + 1] : NaN;
  const v01 = j + 1 < spec.height ? horizon[k + w] : NaN;
  const v11 = i + 1 < w && j + 1 < spec.height ? horizon[k + w + 1] : NaN;
  let sum = 0;
  let wsum = 0;
  let wt = (1 - fx) * (1 - fy);
  if (v00 === v00) (sum += wt * v00), (wsum += wt);
  wt = fx * (1 - fy);
  if (v10 === v10) (sum += wt * v10), (wsum += wt);
  wt = (1 - fx) * fy;
  if (v01 === v01) (sum += wt * v01), (wsum += wt);
  wt = fx * fy;
  if (v11 === v11) (sum += wt * v11), (wsum += wt);
  if (wsum > 0) return sum / wsum;
  // All four weights may be zero at an exact node whose neighbours are unset.
  const nearest = horizon[Math.round(row) * w + Math.round(col)];
  return nearest;
}

/** Fills rows [rowStart, rowEnd] of `out` (region cells) with minimum visible heights MSL. */
export function resampleHorizonRows(
  grid: RegionGrid,
  spec: ResampleSpec,
  horizon: Float32Array,
  rangeM: Float32Array,
  azimuthRad: Float32Array,
  groundMslM: Float32Array | undefined,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
): void {
  const w = grid.width;
  for (let j = rowStart; j <= rowEnd; j++) {
    for (let k = j * w; k < (j + 1) * w; k++) {
      const s = rangeM[k];
      if (!(s <= spec.maxRangeM)) {
        out[k] = Infinity;
        continue;
      }
      const az = azimuthRad[k];
      const m = horizonAt(horizon, spec, s * Math.sin(az), s * Math.cos(az));
      let hMin = m === m ? minVisibleFromHorizonM(m, s, spec.antennaMslM, spec.earthRadiusM) : Infinity;
      if (groundMslM !== undefined) {
        const g = groundMslM[k];
        if (hMin < g) hMin = g;
      }
      out[k] = hMin;
    }
  }
}
