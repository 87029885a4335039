/**
 * An elevation model: heights (metres above mean sea level) at the nodes of a regular lattice,
 * row 0 northmost, in a geographic (longitude/latitude degrees) or planar (metres) frame.
 *
 * Node (col, row) sits at x = x0 + col·dx, y = y0 − row·dy. Heights are point samples at the
 * nodes (SRTM's "pixel is point"; a GeoTIFF with pixel-is-area is read with x0, y0 at the centre
 * of its first pixel). Between nodes the surface is bilinear. Voids are NaN.
 */
import { assertPositive } from '../units/units.js';
import type { BBox } from '../geo/region-grid.js';

export type ElevationCrs = 'geographic' | 'planar';

export interface ElevationGrid {
  /** Columns (nodes west→east). */
  width: number;
  /** Rows (nodes north→south). */
  height: number;
  /** Height MSL of each node, metres, row-major; NaN = void. */
  heightsM: Float32Array;
  /** 'geographic': x = longitude, y = latitude (degrees); 'planar': x = easting, y = northing (metres). */
  crs: ElevationCrs;
  /** x of column 0. */
  x0: number;
  /** y of row 0 (the north edge's nodes). */
  y0: number;
  /** Column spacing (> 0), degrees or metres. */
  dx: number;
  /** Row spacing (> 0), degrees or metres; y decreases with the row index. */
  dy: number;
}

/** Builds a grid, checking the shapes once. `heightsM` defaults to zeros (a flat sea-level grid). */
export function makeElevationGrid(
  width: number,
  height: number,
  transform: { crs: ElevationCrs; x0: number; y0: number; dx: number; dy: number },
  heightsM?: Float32Array,
): ElevationGrid {
  if (!Number.isInteger(width) || width < 2) throw new RangeError(`width must be an integer ≥ 2, got ${width}`);
  if (!Number.isInteger(height) || height < 2) throw new RangeError(`height must be an integer ≥ 2, got ${height}`);
  assertPositive('dx', transform.dx);
  assertPositive('dy', transform.dy);
  if (!Number.isFinite(transform.x0)) throw new RangeError(`x0 must be finite, got ${transform.x0}`);
  if (!Number.isFinite(transform.y0)) throw new RangeError(`y0 must be finite, got ${transform.y0}`);
  const h = heightsM ?? new Float32Array(width * height);
  if (h.length !== width * height) throw new RangeError(`heightsM must have ${width}×${height} = ${width * height} values, got ${h.length}`);
  return { width, height, heightsM: h, crs: transform.crs, x0: transform.x0, y0: transform.y0, dx: transform.dx, dy: transform.dy };
}

/** The extent spanned by the nodes (x ↔ west/east, y ↔ south/north). */
export function elevationExtent(grid: ElevationGrid): BBox {
  return {
    westDeg: grid.x0,
    eastDeg: grid.x0 + (grid.width - 1) * grid.dx,
    northDeg: grid.y0,
    southDeg: grid.y0 - (grid.height - 1) * grid.dy,
  };
}

/** Fractional column of coordinate x. */
export function elevationCol(grid: ElevationGrid, x: number): number {
  return (x - grid.x0) / grid.dx;
}

/** Fractional row of coordinate y. */
export function elevationRow(grid: ElevationGrid, y: number): number {
  return (grid.y0 - y) / grid.dy;
}

/**
 * Bilinear height at fractional node coordinates (col, row); NaN outside the lattice or where a
 * weighted node is void.
 */
export function sampleBilinear(grid: ElevationGrid, col: number, row: number): number {
  const w = grid.width;
  if (!(col >= 0 && row >= 0 && col <= w - 1 && row <= grid.height - 1)) return NaN;
  let i = Math.floor(col);
  let j = Math.floor(row);
  if (i === w - 1) i--;
  if (j === grid.height - 1) j--;
  const fx = col - i;
  const fy = row - j;
  const h = grid.heightsM;
  const k = j * w + i;
  const top = h[k] + fx * (h[k + 1] - h[k]);
  const bottom = h[k + w] + fx * (h[k + w + 1] - h[k + w]);
  return top + fy * (bottom - top);
}

/** Bilinear height at coordinate (x, y) of the grid's frame (degrees or metres). */
export function elevationAt(grid: ElevationGrid, x: number, y: number): number {
  return sampleBilinear(grid, (x - grid.x0) / grid.dx, (grid.y0 - y) / grid.dy);
}

/** Number of void (NaN) nodes. */
export function countVoids(grid: ElevationGrid): number {
  const h = grid.heightsM;
  let n = 0;
  for (let k = 0; k < h.length; k++) if (h[k] !== h[k]) n++;
  return n;
}

/**
 * How voids are treated: 'none' keeps NaN (transparent to line of sight, ground unknown, such
 * cells are left out of coverage); 'zero' sets them to sea level; 'interpolate' fills each void
 * from the nearest valid node in each of the four grid directions, weighted by inverse distance.
 */
export const VOID_FILL_POLICIES = ['interpolate', 'zero', 'none'] as const;
export type VoidFillPolicy = (typeof VOID_FILL_POLICIES)[number];

/** Fills voids in place by `policy`; returns the number of voids filled. */
export function fillVoids(grid: ElevationGrid, policy: VoidFillPolicy): number {
  const h = grid.heightsM;
  const w = grid.width;
  const ht = grid.height;
  if (policy === 'none') return 0;
  const voids = countVoids(grid);
  if (voids === 0) return 0;
  if (policy === 'zero') {
    for (let k = 0; k < h.length; k++) if (h[k] !== h[k]) h[k] = 0;
    return voids;
  }
  if (voids === h.length) throw new RangeError('fillVoids: every node is void; nothing to interpolate from');
  // Inverse-distance weights from the nearest valid node left, right, up and down of each void.
  const sum = new Float64Array(h.length);
  const wsum = new Float64Array(h.length);
  for (let j = 0; j < ht; j++) {
    const row = j * w;
    let last = NaN;
    let lastI = -1;
    for (let i = 0; i < w; i++) {
      const v = h[row + i];
      if (v === v) {
        last = v;
        lastI = i;
      } else if (lastI >= 0) {
        const wt = 1 / (i - lastI);
        sum[row + i] += wt * last;
        wsum[row + i] += wt;
      }
    }
    lastI = -1;
    for (let i = w - 1; i >= 0; i--) {
      const v = h[row + i];
      if (v === v) {
        last = v;
        lastI = i;
      } else if (lastI >= 0) {
        const wt = 1 / (lastI - i);
        sum[row + i] += wt * last;
        wsum[row + i] += wt;
      }
    }
  }
  for (let i = 0; i < w; i++) {
    let last = NaN;
    let lastJ = -1;
    for (let j = 0; j < ht; j++) {
      const v = h[j * w + i];
      if (v === v) {
        last = v;
        lastJ = j;
      } else if (lastJ >= 0) {
        const wt = 1 / (j - lastJ);
        sum[j * w + i] += wt * last;
        wsum[j * w + i] += wt;
      }
    }
    lastJ = -1;
    for (let j = ht - 1; j >= 0; j--) {
      const v = h[j * w + i];
      if (v === v) {
        last = v;
        lastJ = j;
      } else if (lastJ >= 0) {
        const wt = 1 / (lastJ - j);
        sum[j * w + i] += wt * last;
        wsum[j * w + i] += wt;
      }
    }
  }
  let remaining = 0;
  for (let k = 0; k < h.length; k++) {
    if (h[k] !== h[k]) {
      if (wsum[k] > 0) h[k] = sum[k] / wsum[k];
      else remaining++;
    }
  }
  // A void whose whole row and column are void: repeat once more from the filled neighbours.
  if (remaining > 0) fillVoids(grid, 'interpolate');
  return voids;
}
