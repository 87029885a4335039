/**
 * A site's frame on the region grid: the geodesic ground range and azimuth from the site to every
 * cell centre (GeographicLib), computed once per site and shared by every threat, altitude and
 * terrain pass. Cells beyond `maxReachM` are left at +Infinity so that later loops skip them
 * cheaply.
 */
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { cellLatDeg, cellLonDeg, type RegionGrid } from '../geo/region-grid.js';

export interface SiteFrame {
  siteLonDeg: number;
  siteLatDeg: number;
  maxReachM: number;
  /** Ground (geodesic) range to each cell, metres; +Infinity beyond `maxReachM`. */
  rangeM: Float32Array;
  /** Forward azimuth to each cell, radians clockwise from north; NaN beyond `maxReachM`. */
  azimuthRad: Float32Array;
}

/** Column/row bounds of the cells that can lie within `reachM` of the site (a slightly padded box). */
export function reachWindow(grid: RegionGrid, lonDeg: number, latDeg: number, reachM: number): { i0: number; i1: number; j0: number; j1: number } {
  let west = Infinity,
    east = -Infinity,
    south = Infinity,
    north = -Infinity;
  const padded = reachM * 1.02 + grid.resolutionM;
  for (let az = 0; az < 360; az += 5) {
    const p = geodesicDirect(lonDeg, latDeg, az, padded);
    let plon = p.lonDeg;
    if (plon - lonDeg > 180) plon -= 360;
    if (plon - lonDeg < -180) plon += 360;
    west = Math.min(west, plon);
    east = Math.max(east, plon);
    south = Math.min(south, p.latDeg);
    north = Math.max(north, p.latDeg);
  }
  const i0 = Math.max(0, Math.floor((west - grid.westDeg) / grid.dLonDeg));
  const i1 = Math.min(grid.width - 1, Math.ceil((east - grid.westDeg) / grid.dLonDeg));
  const j0 = Math.max(0, Math.floor((grid.northDeg - north) / grid.dLatDeg));
  const j1 = Math.min(grid.height - 1, Math.ceil((grid.northDeg - south) / grid.dLatDeg));
  return { i0, i1, j0, j1 };
}

/**
 * Ground range and azimuth from the site to the cells of one row band [j0, j1]; used directly
 * and by worker threads that split a site's rows between them.
 */
export function fillSiteFrameRows(grid: RegionGrid, frame: SiteFrame, rowStart: number, rowEnd: number): void {
  const { i0, i1, j0, j1 } = reachWindow(grid, frame.siteLonDeg, frame.siteLatDeg, frame.maxReachM);
  const toRad = Math.PI / 180;
  for (let j = Math.max(rowStart, j0); j <= Math.min(rowEnd, j1); j++) {
    const lat = cellLatDeg(grid, j);
    const row = j * grid.width;
    for (let i = i0; i <= i1; i++) {
      const g = geodesicInverse(frame.siteLonDeg, frame.siteLatDeg, cellLonDeg(grid, i), lat);
      if (g.distanceM <= frame.maxReachM) {
        frame.rangeM[row + i] = g.distanceM;
        frame.azimuthRad[row + i] = g.azimuthDeg * toRad;
      }
    }
  }
}

/** An empty frame (all cells out of reach) for a site. */
export function emptySiteFrame(grid: RegionGrid, siteLonDeg: number, siteLatDeg: number, maxReachM: number): SiteFrame {
  const n = grid.width * grid.height;
  return {
    siteLonDeg,
    siteLatDeg,
    maxReachM,
    rangeM: new Float32Array(n).fill(Infinity),
    azimuthRad: new Float32Array(n).fill(NaN),
  };
}

/** The full frame of one site, single-threaded. */
export function computeSiteFrame(grid: RegionGrid, siteLonDeg: number, siteLatDeg: number, maxReachM: number): SiteFrame {
  const frame = emptySiteFrame(grid, siteLonDeg, siteLatDeg, maxReachM);
  fillSiteFrameRows(grid, frame, 0, grid.height - 1);
  return frame;
}
