/**
 * An exact line-of-sight oracle on a geographic DEM, the reference the geodesic sweep is checked
 * against in tests and benchmarks — written independently of the kernels (no sweep, no shared
 * geometry; GeographicLib called directly). O(path) per target, so for samples only:
 *
 * - the path from the antenna to a target is the WGS84 geodesic (Karney 2013), followed through
 *   the DEM's own longitude/latitude grid as a polyline of points placed by GeographicLib at most
 *   `segmentM` apart (sub-metre from the geodesic at 2 km over these latitudes);
 * - the terrain is the DEM's bilinear surface, read where the path crosses each grid line
 *   (every meridian and every parallel of the DEM's nodes) by linear interpolation between the
 *   two nodes on that line — the exact line-of-sight definition (R3 in Franklin & Ray, 1994);
 * - the earth's curvature is the parabolic drop d²/(2·a_e) of every crossing below the antenna's
 *   tangent plane (a_e = k·R), which differs from the exact sphere by O(d⁴/a_e³) (< 1 mm at 100 km);
 * - the lowest visible height at the target is H + s·max_i (z_i − d_i²/(2a_e) − H)/d_i + s²/(2a_e)
 *   over the crossings at ground range d_i, with H the antenna's height MSL and s the target range.
 */
import geographiclib from 'geographiclib-geodesic';
import type { ElevationGrid } from '../terrain/elevation-grid.js';

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;

/** A geographic DEM: node (0, 0) is the north-west node at (x0, y0); spacing dx, dy degrees. */
export type GeoDem = Pick<ElevationGrid, 'width' | 'height' | 'x0' | 'y0' | 'dx' | 'dy' | 'heightsM'>;

export interface OracleSite {
  lonDeg: number;
  latDeg: number;
  antennaMslM: number;
  earthRadiusM: number;
}

/** The DEM's bilinear surface at a longitude/latitude (NaN outside). */
export function oracleBilinearAt(dem: GeoDem, lonDeg: number, latDeg: number): number {
  const x = (lonDeg - dem.x0) / dem.dx;
  const y = (dem.y0 - latDeg) / dem.dy;
  if (!(x >= 0 && y >= 0 && x <= dem.width - 1 && y <= dem.height - 1)) return NaN;
  const i = Math.min(dem.width - 2, Math.floor(x));
  const j = Math.min(dem.height - 2, Math.floor(y));
  const fx = x - i;
  const fy = y - j;
  const h = dem.heightsM;
  const k = j * dem.width + i;
  const top = h[k] + fx * (h[k + 1] - h[k]);
  const bot = h[k + dem.width] + fx * (h[k + dem.width + 1] - h[k + dem.width]);
  return top + fy * (bot - top);
}

/** The lowest height MSL at which a target above (lonDeg, latDeg) is in line of sight of the site. */
export function oracleMinVisibleMslM(dem: GeoDem, site: OracleSite, lonDeg: number, latDeg: number, segmentM = 2000): number {
  const line = WGS84.InverseLine(site.latDeg, site.lonDeg, latDeg, lonDeg, Geodesic.LATITUDE | Geodesic.LONGITUDE | Geodesic.DISTANCE_IN);
  const s = line.s13;
  if (!(s > 0)) return -Infinity;
  const a2 = 2 * site.earthRadiusM;
  const H = site.antennaMslM;
  const w = dem.width;
  const h = dem.heightsM;
  const n = Math.max(1, Math.ceil(s / segmentM));
  let best = -Infinity; // max over crossings of (z − d²/2a_e − H)/d
  const visit = (z: number, d: number): void => {
    if (!(d > 0 && d < s) || z !== z) return;
    const slope = (z - (d * d) / a2 - H) / d;
    if (slope > best) best = slope;
  };
  let p = line.Position(0, Geodesic.LATITUDE | Geodesic.LONGITUDE);
  let c0 = (p.lon2! - dem.x0) / dem.dx;
  let r0 = (dem.y0 - p.lat2!) / dem.dy;
  for (let m = 1; m <= n; m++) {
    const d0 = ((m - 1) * s) / n;
    const d1 = (m * s) / n;
    p = line.Position(d1, Geodesic.LATITUDE | Geodesic.LONGITUDE);
    const c1 = (p.lon2! - dem.x0) / dem.dx;
    const r1 = (dem.y0 - p.lat2!) / dem.dy;
    const dc = c1 - c0;
    const dr = r1 - r0;
    // Meridians (integer columns) crossed in (c0, c1].
    if (dc !== 0) {
      const step = dc > 0 ? 1 : -1;
      for (let c = dc > 0 ? Math.floor(c0) + 1 : Math.ceil(c0) - 1; dc > 0 ? c <= c1 : c >= c1; c += step) {
        const u = (c - c0) / dc;
        const row = r0 + u * dr;
        const j = Math.floor(row);
        if (c < 0 || c >= w || j < 0 || j >= dem.height) continue;
        const f = row - j;
        const z = f === 0 || j + 1 >= dem.height ? h[j * w + c] : h[j * w + c] + f * (h[(j + 1) * w + c] - h[j * w + c]);
        visit(z, d0 + u * (d1 - d0));
      }
    }
    // Parallels (integer rows) crossed in (r0, r1].
    if (dr !== 0) {
      const step = dr > 0 ? 1 : -1;
      for (let r = dr > 0 ? Math.floor(r0) + 1 : Math.ceil(r0) - 1; dr > 0 ? r <= r1 : r >= r1; r += step) {
        const u = (r - r0) / dr;
        const col = c0 + u * dc;
        const i = Math.floor(col);
        if (r < 0 || r >= dem.height || i < 0 || i >= w) continue;
        const f = col - i;
        const z = f === 0 || i + 1 >= w ? h[r * w + i] : h[r * w + i] + f * (h[r * w + i + 1] - h[r * w + i]);
        visit(z, d0 + u * (d1 - d0));
      }
    }
    c0 = c1;
    r0 = r1;
  }
  if (best === -Infinity) return -Infinity;
  return H + s * best + (s * s) / a2;
}
