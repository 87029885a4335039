/**
 * A site's own terrain frame: the DEM resampled onto a planar grid in the site's
 * azimuthal-equidistant (AEQD) projection — node (west, north) is the site, the distance of a node from
 * it is the exact geodesic ground range and its direction the geodesic azimuth, so the straight
 * rays of the horizon sweep are geodesics (Snyder, Map Projections — A Working Manual, USGS PP
 * 1395, §25). The geodesic position of every 32nd node comes from GeographicLib (Karney 2013);
 * nodes in between interpolate the source column/row bilinearly (the map is smooth: < 1 m error
 * at 400 km), then the DEM is sampled bilinearly.
 */
import { geodesicDirect } from '../geo/geodesic.js';
import { makeElevationGrid, sampleBilinear, type ElevationGrid } from '../terrain/elevation-grid.js';
import { assertPositive } from '../units/units.js';

export interface AeqdSpec {
  siteLonDeg: number;
  siteLatDeg: number;
  /** Node spacing, metres. */
  cellM: number;
  /**
   * Nodes west, east, north and south of the site: the grid is (west + east + 1) ×
   * (north + south + 1) nodes with the site at node (west, north).
   */
  west: number;
  east: number;
  north: number;
  south: number;
}

/** Lattice spacing (nodes) of exact geodesic positions. */
const LATTICE = 32;

/** An extent in the site's AEQD frame, metres (x east, y north). */
export interface AeqdExtent {
  minXM: number;
  maxXM: number;
  minYM: number;
  maxYM: number;
}

/**
 * Spec for a site: spacing `cellM` (grown if needed so that no direction exceeds `maxHalfSize`
 * nodes), covering `extent` (default: the square of half-side `reachM`) clipped to ±reachM.
 */
export function aeqdSpecFor(siteLonDeg: number, siteLatDeg: number, reachM: number, cellM: number, extent?: AeqdExtent, maxHalfSize = 4096): AeqdSpec {
  assertPositive('reachM', reachM);
  assertPositive('cellM', cellM);
  const e = extent ?? { minXM: -reachM, maxXM: reachM, minYM: -reachM, maxYM: reachM };
  const w = Math.min(reachM, Math.max(0, -e.minXM));
  const ea = Math.min(reachM, Math.max(0, e.maxXM));
  const so = Math.min(reachM, Math.max(0, -e.minYM));
  const no = Math.min(reachM, Math.max(0, e.maxYM));
  const cell = Math.max(cellM, Math.max(w, ea, so, no) / maxHalfSize);
  const nodes = (m: number): number => Math.max(1, Math.ceil(m / cell));
  return { siteLonDeg, siteLatDeg, cellM: cell, west: nodes(w), east: nodes(ea), north: nodes(no), south: nodes(so) };
}

/** An empty (zero) planar grid for the spec. */
export function aeqdGrid(spec: AeqdSpec, heights?: Float32Array): ElevationGrid {
  return makeElevationGrid(spec.west + spec.east + 1, spec.north + spec.south + 1, { crs: 'planar', x0: -spec.west * spec.cellM, y0: spec.north * spec.cellM, dx: spec.cellM, dy: spec.cellM }, heights);
}

/** Fills rows [rowStart, rowEnd] of the AEQD grid `out` (heights) from a geographic DEM. */
export function fillAeqdRows(source: ElevationGrid, spec: AeqdSpec, out: Float32Array, rowStart: number, rowEnd: number): void {
  if (source.crs !== 'geographic') throw new TypeError(`fillAeqdRows needs a geographic source DEM, got ${source.crs}`);
  const width = spec.west + spec.east + 1;
  const height = spec.north + spec.south + 1;
  if (out.length !== width * height) throw new RangeError(`out must have ${width * height} values, got ${out.length}`);
  const lastCol = width - 1;
  const lastRow = height - 1;
  const lr0 = Math.floor(rowStart / LATTICE);
  const lr1 = Math.max(lr0 + 1, Math.ceil(rowEnd / LATTICE));
  const lw = Math.max(1, Math.ceil(lastCol / LATTICE)) + 1;
  const lh = lr1 - lr0 + 1;
  const lcol = new Float64Array(lw * lh);
  const lrow = new Float64Array(lw * lh);
  const toDeg = 180 / Math.PI;
  for (let a = 0; a < lh; a++) {
    const r = Math.min(lastRow, (lr0 + a) * LATTICE);
    const yM = (spec.north - r) * spec.cellM;
    for (let b = 0; b < lw; b++) {
      const c = Math.min(lastCol, b * LATTICE);
      const xM = (c - spec.west) * spec.cellM;
      const s = Math.hypot(xM, yM);
      const p = s === 0 ? { lonDeg: spec.siteLonDeg, latDeg: spec.siteLatDeg } : geodesicDirect(spec.siteLonDeg, spec.siteLatDeg, Math.atan2(xM, yM) * toDeg, s);
      let lon = p.lonDeg;
      if (lon - spec.siteLonDeg > 180) lon -= 360;
      if (lon - spec.siteLonDeg < -180) lon += 360;
      lcol[a * lw + b] = (lon - source.x0) / source.dx;
      lrow[a * lw + b] = (source.y0 - p.latDeg) / source.dy;
    }
  }
  for (let r = rowStart; r <= rowEnd; r++) {
    const a = Math.min(lh - 2, Math.floor(r / LATTICE) - lr0);
    const rTop = Math.min(lastRow, (lr0 + a) * LATTICE);
    const rBot = Math.min(lastRow, (lr0 + a + 1) * LATTICE);
    const fy = rBot === rTop ? 0 : (r - rTop) / (rBot - rTop);
    for (let c = 0; c < width; c++) {
      const b = Math.min(lw - 2, Math.floor(c / LATTICE));
      const cL = Math.min(lastCol, b * LATTICE);
      const cR = Math.min(lastCol, (b + 1) * LATTICE);
      const fx = cR === cL ? 0 : (c - cL) / (cR - cL);
      const k00 = a * lw + b;
      const k10 = k00 + 1;
      const k01 = k00 + lw;
      const k11 = k01 + 1;
      const colTop = lcol[k00] + fx * (lcol[k10] - lcol[k00]);
      const colBot = lcol[k01] + fx * (lcol[k11] - lcol[k01]);
      const rowTop = lrow[k00] + fx * (lrow[k10] - lrow[k00]);
      const rowBot = lrow[k01] + fx * (lrow[k11] - lrow[k01]);
      out[r * width + c] = sampleBilinear(source, colTop + fy * (colBot - colTop), rowTop + fy * (rowBot - rowTop));
    }
  }
}

/** The whole AEQD DEM of a site in one call. */
export function siteAeqdDem(source: ElevationGrid, spec: AeqdSpec): ElevationGrid {
  const g = aeqdGrid(spec);
  fillAeqdRows(source, spec, g.heightsM, 0, g.height - 1);
  return g;
}
