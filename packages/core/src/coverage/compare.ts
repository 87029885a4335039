/**
 * A/B comparison of two coverage masks on the same grid: per cell +1 gained (covered in B only),
 * −1 lost (A only), 0 unchanged; with the areas of each.
 */
import { maskAreaKm2, type RegionGrid } from '../geo/region-grid.js';

export const GAINED = 1;
export const LOST = -1;

export interface MaskDelta {
  delta: Int8Array;
  gainedAreaKm2: number;
  lostAreaKm2: number;
  /** Covered in both. */
  keptAreaKm2: number;
}

export function maskDelta(grid: RegionGrid, a: ArrayLike<number>, b: ArrayLike<number>): MaskDelta {
  const n = grid.width * grid.height;
  if (a.length !== n || b.length !== n) throw new RangeError(`maskDelta: masks must have ${n} cells, got ${a.length} and ${b.length}`);
  const delta = new Int8Array(n);
  const gained = new Uint8Array(n);
  const lost = new Uint8Array(n);
  const kept = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const inA = a[k] !== 0;
    const inB = b[k] !== 0;
    if (inB && !inA) {
      delta[k] = GAINED;
      gained[k] = 1;
    } else if (inA && !inB) {
      delta[k] = LOST;
      lost[k] = 1;
    } else if (inA && inB) kept[k] = 1;
  }
  return { delta, gainedAreaKm2: maskAreaKm2(grid, gained), lostAreaKm2: maskAreaKm2(grid, lost), keptAreaKm2: maskAreaKm2(grid, kept) };
}
