/**
 * The analysis grid: a regular longitude/latitude raster over a bounding box, row 0 at the
 * north edge (image order), cell centres at half-cell offsets. Cell size in degrees is chosen so
 * that a cell measures about `resolutionM` on each side at the box's central latitude (metres
 * per degree from GeographicLib); each row's true ellipsoidal cell area comes from GeographicLib
 * too, so areas stay exact although cells shrink toward the pole.
 */
import { assertInRange, assertPositive } from '../units/units.js';
import { geodesicInverse, geodesicPolygonAreaM2 } from './geodesic.js';

export interface BBox {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
}

export interface RegionGrid extends BBox {
  width: number;
  height: number;
  dLonDeg: number;
  dLatDeg: number;
  /** Nominal cell size, metres. */
  resolutionM: number;
  /** Area of one cell in each row, m² (index by row). */
  rowCellAreaM2: Float64Array;
}

/** Largest grid Parapet will allocate (cells); bigger requests are refused with a clear error. */
export const MAX_GRID_CELLS = 64_000_000;

/** Builds a grid covering `bbox` with cells of about `resolutionM` metres. */
export function makeRegionGrid(bbox: BBox, resolutionM: number): RegionGrid {
  assertInRange('bbox.southDeg', bbox.southDeg, -89.9, 89.9);
  assertInRange('bbox.northDeg', bbox.northDeg, -89.9, 89.9);
  assertInRange('bbox.westDeg', bbox.westDeg, -180, 360);
  assertInRange('bbox.eastDeg', bbox.eastDeg, -180, 360);
  assertPositive('resolutionM', resolutionM);
  if (bbox.northDeg <= bbox.southDeg) throw new RangeError(`bbox north (${bbox.northDeg}) must be greater than south (${bbox.southDeg})`);
  if (bbox.eastDeg <= bbox.westDeg) throw new RangeError(`bbox east (${bbox.eastDeg}) must be greater than west (${bbox.westDeg})`);
  const midLat = (bbox.southDeg + bbox.northDeg) / 2;
  const midLon = (bbox.westDeg + bbox.eastDeg) / 2;
  const mPerDegLat = geodesicInverse(midLon, midLat - 0.5, midLon, midLat + 0.5).distanceM;
  const mPerDegLon = geodesicInverse(midLon - 0.5, midLat, midLon + 0.5, midLat).distanceM;
  const width = Math.max(1, Math.round(((bbox.eastDeg - bbox.westDeg) * mPerDegLon) / resolutionM));
  const height = Math.max(1, Math.round(((bbox.northDeg - bbox.southDeg) * mPerDegLat) / resolutionM));
  if (width * height > MAX_GRID_CELLS) {
    throw new RangeError(
      `grid of ${width}×${height} cells at ${resolutionM} m exceeds the limit of ${MAX_GRID_CELLS} cells; use a coarser resolution or a smaller region`,
    );
  }
  const dLonDeg = (bbox.eastDeg - bbox.westDeg) / width;
  const dLatDeg = (bbox.northDeg - bbox.southDeg) / height;
  const rowCellAreaM2 = new Float64Array(height);
  for (let j = 0; j < height; j++) {
    const north = bbox.northDeg - j * dLatDeg;
    const south = north - dLatDeg;
    rowCellAreaM2[j] = geodesicPolygonAreaM2([
      [bbox.westDeg, south],
      [bbox.westDeg + dLonDeg, south],
      [bbox.westDeg + dLonDeg, north],
      [bbox.westDeg, north],
    ]);
  }
  return { ...bbox, width, height, dLonDeg, dLatDeg, resolutionM, rowCellAreaM2 };
}

/** Longitude of the centre of column i, degrees. */
export function cellLonDeg(grid: RegionGrid, i: number): number {
  return grid.westDeg + (i + 0.5) * grid.dLonDeg;
}

/** Latitude of the centre of row j, degrees (row 0 is northmost). */
export function cellLatDeg(grid: RegionGrid, j: number): number {
  return grid.northDeg - (j + 0.5) * grid.dLatDeg;
}

/** Cell-centre coordinates of every cell, row-major, as two Float64Arrays. */
export function cellCentres(grid: RegionGrid): { lonDeg: Float64Array; latDeg: Float64Array } {
  const n = grid.width * grid.height;
  const lonDeg = new Float64Array(n);
  const latDeg = new Float64Array(n);
  for (let j = 0; j < grid.height; j++) {
    const lat = cellLatDeg(grid, j);
    for (let i = 0; i < grid.width; i++) {
      const k = j * grid.width + i;
      lonDeg[k] = cellLonDeg(grid, i);
      latDeg[k] = lat;
    }
  }
  return { lonDeg, latDeg };
}

/** Fractional column/row of a point (cell centres at integer + 0.5). */
export function lonLatToGrid(grid: RegionGrid, lonDeg: number, latDeg: number): { x: number; y: number } {
  return { x: (lonDeg - grid.westDeg) / grid.dLonDeg, y: (grid.northDeg - latDeg) / grid.dLatDeg };
}

/** Sums the area (km²) of cells where `mask[k]` is non-zero. */
export function maskAreaKm2(grid: RegionGrid, mask: ArrayLike<number>): number {
  let total = 0;
  for (let j = 0; j < grid.height; j++) {
    let count = 0;
    const row = j * grid.width;
    for (let i = 0; i < grid.width; i++) if (mask[row + i] !== 0) count++;
    total += count * grid.rowCellAreaM2[j];
  }
  return total / 1e6;
}
