/**
 * From a site's horizon raster (tan of the horizon elevation at the DEM nodes of its sweep window,
 * geodesic-sweep.ts) to the minimum visible height MSL at region-grid cells: each cell centre's
 * longitude/latitude places it in the DEM grid; the horizon is interpolated bilinearly between the
 * four surrounding nodes (NaN nodes left out) and turned into a height at the cell's exact
 * geodesic range (its site frame) by minVisibleFromHorizonM. Heights below the cell's ground are
 * raised to the ground (a target is never below it).
 */
import { cellLatDeg, cellLonDeg, type RegionGrid } from '../geo/region-grid.js';
import type { NodeWindow } from './geodesic-sweep.js';
import { minVisibleFromHorizonM } from './horizon-sweep.js';

export interface ResampleSpec {
  /** The DEM's node (0, 0) and spacing, degrees, and the window the horizon raster covers. */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  window: NodeWindow;
  antennaMslM: number;
  earthRadiusM: number;
  /** Cells farther than this get +Infinity (not swept). */
  maxRangeM: number;
}

/** Bilinear horizon at a DEM grid position (fractional column, row); NaN if no surrounding node is set. */
export function horizonAt(horizon: Float32Array, spec: ResampleSpec, col: number, row: number): number {
  const { c0, c1, r0, r1 } = spec.window;
  const w = c1 - c0 + 1;
  const h = r1 - r0 + 1;
  const x = col - c0;
  const y = row - r0;
  if (!(x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1)) return NaN;
  let i = Math.floor(x);
  let j = Math.floor(y);
  if (i === w - 1 && i > 0) i--;
  if (j === h - 1 && j > 0) j--;
  const fx = x - i;
  const fy = y - j;
  const k = j * w + i;
  const v00 = horizon[k];
  const v10 = horizon[k + 1];
  const v01 = horizon[k + w];
  const v11 = horizon[k + w + 1];
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
  return horizon[Math.round(y) * w + Math.round(x)];
}

/** Fills rows [rowStart, rowEnd] of `out` (region cells) with minimum visible heights MSL. */
export function resampleHorizonRows(
  grid: RegionGrid,
  spec: ResampleSpec,
  horizon: Float32Array,
  rangeM: Float32Array,
  groundMslM: Float32Array | undefined,
  out: Float32Array,
  rowStart: number,
  rowEnd: number,
): void {
  const w = grid.width;
  for (let j = rowStart; j <= rowEnd; j++) {
    const row = (spec.y0 - cellLatDeg(grid, j)) / spec.dy;
    for (let i = 0, k = j * w; i < w; i++, k++) {
      const s = rangeM[k];
      if (!(s <= spec.maxRangeM)) {
        out[k] = Infinity;
        continue;
      }
      const m = horizonAt(horizon, spec, (cellLonDeg(grid, i) - spec.x0) / spec.dx, row);
      let hMin = m === m ? minVisibleFromHorizonM(m, s, spec.antennaMslM, spec.earthRadiusM) : Infinity;
      if (groundMslM !== undefined) {
        const g = groundMslM[k];
        if (hMin < g) hMin = g;
      }
      out[k] = hMin;
    }
  }
}
