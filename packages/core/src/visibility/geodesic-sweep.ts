/**
 * Terrain line of sight from one antenna over a geographic (longitude/latitude) DEM, in the DEM's
 * own grid: the horizon sweep with geodesic rays.
 *
 * Rays run from the antenna to every node of the perimeter of a node window (Franklin & Ray's R2
 * layout, "Higher isn't necessarily better: visibility algorithms and experiments", 1994). Each
 * ray is the WGS84 geodesic to its perimeter node (GeographicLib, Karney 2013), followed through
 * the DEM grid as a polyline of points placed by GeographicLib at most `SEGMENT_M` apart (its
 * sagitta is ≈ L²·tan φ/(8R) < 2 m for L = 8 km below 60° latitude). The terrain is read exactly
 * where the ray crosses a grid line — every meridian and every parallel of the DEM's nodes — by
 * linear interpolation between the two nodes on that line, which is the exact line-of-sight
 * definition (R3) on the DEM's bilinear surface; no resampling of the DEM takes place. The earth
 * is a sphere of effective radius a_e = k·R (Skolnik, Introduction to Radar Systems, 3rd ed.,
 * §8.4); a point at ground range d and height z is seen from the antenna (height H) at elevation E:
 *
 *   tan E = ((a_e + z)·cos θ − (a_e + H)) / ((a_e + z)·sin θ),   θ = d / a_e.
 *
 * Each ray keeps the running maximum of tan E (its horizon). At every grid line of its major axis
 * (columns for the east and west sides, rows for the north and south sides) the ray records where
 * it crosses and its horizon so far; each node on that line between two neighbouring rays takes
 * the horizon interpolated between them, so every node is written once per side pair. The lowest
 * visible height above a point at range s then follows from `minVisibleFromHorizonM`.
 *
 * Work is split by ray index so that threads share the DEM and the output; a node's value depends
 * only on the two rays around it, so any split gives the same values.
 */
import geographiclib from 'geographiclib-geodesic';
import { cellLatDeg, cellLonDeg, type RegionGrid } from '../geo/region-grid.js';
import type { ElevationGrid } from '../terrain/elevation-grid.js';
import { assertPositive } from '../units/units.js';
import { NO_HORIZON } from './horizon-sweep.js';

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
const POSITION = Geodesic.LATITUDE | Geodesic.LONGITUDE;

/** Longest straight piece of a ray's polyline through the grid, metres. */
export const SEGMENT_M = 8000;

/** A window of DEM nodes [c0, c1] × [r0, r1] (columns west→east, rows north→south). */
export interface NodeWindow {
  c0: number;
  c1: number;
  r0: number;
  r1: number;
}

export interface GeodesicSweepSetup {
  /** Geographic DEM: node (0, 0) at (x0, y0), spacing dx, dy degrees. */
  dem: ElevationGrid;
  siteLonDeg: number;
  siteLatDeg: number;
  /** Antenna height above mean sea level, metres. */
  antennaMslM: number;
  /** Effective earth radius a_e = k·R, metres. */
  earthRadiusM: number;
  /** Crossings farther than this ground range are not read; nodes beyond it are left untouched. */
  maxRangeM: number;
  /** The nodes whose horizon is wanted; the site must lie strictly inside it. */
  window: NodeWindow;
}

/** Per-thread work arrays (no allocation inside the sweep). */
export interface GeodesicSweepScratch {
  posCol: Float64Array;
  posRow: Float64Array;
  prevMinor: Float64Array;
  prevHorizon: Float64Array;
  prevRange: Float64Array;
  curMinor: Float64Array;
  curHorizon: Float64Array;
  curRange: Float64Array;
}

interface SideGeometry {
  /** 0 east, 1 south, 2 west, 3 north. */
  side: number;
  rays: number;
  /** Major-axis grid lines visited, in order from the site outward: first, step and count. */
  first: number;
  step: number;
  lines: number;
}

function siteGridPosition(s: GeodesicSweepSetup): { col: number; row: number } {
  return { col: (s.siteLonDeg - s.dem.x0) / s.dem.dx, row: (s.dem.y0 - s.siteLatDeg) / s.dem.dy };
}

function sideGeometry(s: GeodesicSweepSetup, side: number): SideGeometry {
  const { c0, c1, r0, r1 } = s.window;
  const { col, row } = siteGridPosition(s);
  if (side === 0) {
    const first = Math.floor(col) + 1;
    return { side, rays: r1 - r0 + 1, first, step: 1, lines: Math.max(0, c1 - first + 1) };
  }
  if (side === 2) {
    const first = Math.ceil(col) - 1;
    return { side, rays: r1 - r0 + 1, first, step: -1, lines: Math.max(0, first - c0 + 1) };
  }
  if (side === 1) {
    const first = Math.floor(row) + 1;
    return { side, rays: c1 - c0 + 1, first, step: 1, lines: Math.max(0, r1 - first + 1) };
  }
  const first = Math.ceil(row) - 1;
  return { side, rays: c1 - c0 + 1, first, step: -1, lines: Math.max(0, first - r0 + 1) };
}

/** Rays per side (east, south, west, north); their sum is the range of ray indices to split. */
export function geodesicSweepRayCounts(s: GeodesicSweepSetup): number[] {
  return [0, 1, 2, 3].map((side) => sideGeometry(s, side).rays);
}

export function checkGeodesicSweepSetup(s: GeodesicSweepSetup): void {
  if (s.dem.crs !== 'geographic') throw new TypeError(`the geodesic sweep needs a geographic DEM, got ${s.dem.crs}`);
  assertPositive('earthRadiusM', s.earthRadiusM);
  assertPositive('maxRangeM', s.maxRangeM);
  const { c0, c1, r0, r1 } = s.window;
  const { col, row } = siteGridPosition(s);
  if (!(c0 >= 0 && r0 >= 0 && c1 < s.dem.width && r1 < s.dem.height))
    throw new RangeError(`window [${c0}, ${c1}] × [${r0}, ${r1}] is not inside the ${s.dem.width}×${s.dem.height} DEM`);
  if (!(col > c0 && col < c1 && row > r0 && row < r1))
    throw new RangeError(`the site (column ${col.toFixed(2)}, row ${row.toFixed(2)}) must lie strictly inside the window [${c0}, ${c1}] × [${r0}, ${r1}]`);
}

export function makeGeodesicSweepScratch(s: GeodesicSweepSetup): GeodesicSweepScratch {
  const { c0, c1, r0, r1 } = s.window;
  const lines = Math.max(c1 - c0, r1 - r0) + 2;
  // The longest ray is to a corner; its polyline has one point per SEGMENT_M.
  const cornerM = Math.hypot((c1 - c0) * s.dem.dx * 111_320, (r1 - r0) * s.dem.dy * 111_320) * 1.1;
  const points = Math.ceil(cornerM / SEGMENT_M) + 3;
  return {
    posCol: new Float64Array(points),
    posRow: new Float64Array(points),
    prevMinor: new Float64Array(lines),
    prevHorizon: new Float64Array(lines),
    prevRange: new Float64Array(lines),
    curMinor: new Float64Array(lines),
    curHorizon: new Float64Array(lines),
    curRange: new Float64Array(lines),
  };
}

/** The perimeter node that ray `p` of `side` ends at. */
function rayEnd(s: GeodesicSweepSetup, side: number, p: number): { col: number; row: number } {
  const { c0, c1, r0, r1 } = s.window;
  if (side === 0) return { col: c1, row: r0 + p };
  if (side === 2) return { col: c0, row: r0 + p };
  if (side === 1) return { col: c0 + p, row: r1 };
  return { col: c0 + p, row: r0 };
}

/**
 * Traces ray `p` of `g.side`: fills `minor[l]` (the ray's minor coordinate where it crosses major
 * line l = first + l·step), `horizon[l]` (running max of tan E up to and including that crossing;
 * NaN once the ray is beyond maxRangeM) and `range[l]` (the crossing's geodesic range).
 */
function traceRay(
  s: GeodesicSweepSetup,
  g: SideGeometry,
  p: number,
  scratch: GeodesicSweepScratch,
  minor: Float64Array,
  horizon: Float64Array,
  range: Float64Array,
): void {
  const dem = s.dem;
  const w = dem.width;
  const hgt = dem.heightsM;
  const lastRow = dem.height - 1;
  const lastCol = w - 1;
  const a = s.earthRadiusM;
  const aH = a + s.antennaMslM;
  const maxRange = s.maxRangeM;
  const end = rayEnd(s, g.side, p);
  const line = WGS84.InverseLine(s.siteLatDeg, s.siteLonDeg, dem.y0 - end.row * dem.dy, dem.x0 + end.col * dem.dx, POSITION | Geodesic.DISTANCE_IN);
  const total = line.s13;
  const segments = Math.max(1, Math.ceil(total / SEGMENT_M));
  const segLen = total / segments;
  // Points beyond the range are never read.
  const used = Math.min(segments, Math.ceil(maxRange / segLen) + 1);
  const pc = scratch.posCol;
  const pr = scratch.posRow;
  const site = siteGridPosition(s);
  pc[0] = site.col;
  pr[0] = site.row;
  for (let k = 1; k <= used; k++) {
    if (k === segments) {
      // The perimeter node itself, exactly, so that the ray crosses the window's last line.
      pc[k] = end.col;
      pr[k] = end.row;
      break;
    }
    const q = line.Position(k * segLen, POSITION);
    pc[k] = (q.lon2! - dem.x0) / dem.dx;
    pr[k] = (dem.y0 - q.lat2!) / dem.dy;
  }
  const horizontalMajor = g.side === 0 || g.side === 2;
  const lines = g.lines;
  horizon.fill(NaN, 0, lines);
  let best = -Infinity;
  let next = 0; // next major line index to record
  for (let k = 0; k < used && next < lines; k++) {
    const d0 = k * segLen;
    if (d0 > maxRange) break;
    const ca = pc[k];
    const ra = pr[k];
    const dc = pc[k + 1] - ca;
    const dr = pr[k + 1] - ra;
    // Column crossings (u ascending) and row crossings (u ascending), merged by u.
    let ci = dc > 0 ? Math.floor(ca) + 1 : dc < 0 ? Math.ceil(ca) - 1 : NaN;
    const cs = dc > 0 ? 1 : -1;
    let ri = dr > 0 ? Math.floor(ra) + 1 : dr < 0 ? Math.ceil(ra) - 1 : NaN;
    const rs = dr > 0 ? 1 : -1;
    let uc = dc !== 0 ? (ci - ca) / dc : Infinity;
    let ur = dr !== 0 ? (ri - ra) / dr : Infinity;
    while (uc <= 1 || ur <= 1) {
      let z: number;
      let u: number;
      let isCol: boolean;
      let at: number; // the minor coordinate of a major-line crossing
      if (uc <= ur) {
        u = uc;
        isCol = true;
        const y = ra + u * dr;
        at = y;
        const c = ci;
        let j = Math.floor(y);
        if (j < 0) j = 0;
        if (j >= lastRow) j = lastRow - 1;
        const f = y - j;
        z = c < 0 || c > lastCol ? NaN : hgt[j * w + c] + f * (hgt[(j + 1) * w + c] - hgt[j * w + c]);
        ci += cs;
        uc = (ci - ca) / dc;
      } else {
        u = ur;
        isCol = false;
        const x = ca + u * dc;
        at = x;
        const r = ri;
        let i = Math.floor(x);
        if (i < 0) i = 0;
        if (i >= lastCol) i = lastCol - 1;
        const f = x - i;
        z = r < 0 || r > lastRow ? NaN : hgt[r * w + i] + f * (hgt[r * w + i + 1] - hgt[r * w + i]);
        ri += rs;
        ur = (ri - ra) / dr;
      }
      const d = d0 + u * segLen;
      if (d > maxRange) {
        next = lines;
        break;
      }
      if (z === z && d > 0) {
        const th = d / a;
        const th2 = th * th;
        // cos θ and sin θ by their series (θ < 0.1 rad: |error| < 1e-13).
        const cos = 1 - th2 * (0.5 - th2 * (1 / 24 - th2 / 720));
        const sin = th * (1 - th2 * (1 / 6 - th2 * (1 / 120 - th2 / 5040)));
        const rz = a + z;
        const t = (rz * cos - aH) / (rz * sin);
        if (t > best) best = t;
      }
      if (isCol === horizontalMajor) {
        const lineIndex = (isCol ? ci - cs : ri - rs) - g.first;
        const l = g.step > 0 ? lineIndex : -lineIndex;
        if (l >= 0 && l < lines) {
          minor[l] = at;
          horizon[l] = best;
          range[l] = d;
          next = l + 1;
        }
      }
    }
  }
}

/**
 * Runs rays [rayStart, rayEnd) of the concatenated sides (east, south, west, north; see
 * geodesicSweepRayCounts) and writes tan(horizon elevation) of the window's nodes between them into
 * `out` (window-sized, row-major: (row − r0)·(c1 − c0 + 1) + (col − c0)) — and, if given, each
 * node's geodesic range from the site (interpolated between the rays) into `rangeOut`.
 */
export function geodesicSweep(
  s: GeodesicSweepSetup,
  out: Float32Array,
  rayStart: number,
  rayEnd: number,
  scratch: GeodesicSweepScratch = makeGeodesicSweepScratch(s),
  rangeOut?: Float32Array,
): void {
  checkGeodesicSweepSetup(s);
  const { c0, c1, r0, r1 } = s.window;
  const ww = c1 - c0 + 1;
  if (out.length !== ww * (r1 - r0 + 1)) throw new RangeError(`out must have ${ww * (r1 - r0 + 1)} values, got ${out.length}`);
  let base = 0;
  for (let side = 0; side < 4; side++) {
    const g = sideGeometry(s, side);
    const lo = Math.max(rayStart - base, 0);
    const hi = Math.min(rayEnd - base, g.rays);
    base += g.rays;
    if (lo >= hi || g.lines === 0) continue;
    let prevM = scratch.prevMinor;
    let prevH = scratch.prevHorizon;
    let prevR = scratch.prevRange;
    let curM = scratch.curMinor;
    let curH = scratch.curHorizon;
    let curR = scratch.curRange;
    // A node lies between rays p − 1 and p; the chunk's first pair needs the ray before it.
    const from = lo === 0 ? 0 : lo - 1;
    for (let p = from; p < hi; p++) {
      traceRay(s, g, p, scratch, curM, curH, curR);
      if (p > from) fillBetween(g, prevM, prevH, prevR, curM, curH, curR, out, rangeOut, ww, c0, r0, c1, r1);
      const tm = prevM;
      const th = prevH;
      const tr = prevR;
      prevM = curM;
      prevH = curH;
      prevR = curR;
      curM = tm;
      curH = th;
      curR = tr;
    }
  }
}

/** Writes the nodes on each major line between two neighbouring rays. */
function fillBetween(
  g: SideGeometry,
  m0: Float64Array,
  h0: Float64Array,
  d0: Float64Array,
  m1: Float64Array,
  h1: Float64Array,
  d1: Float64Array,
  out: Float32Array,
  rangeOut: Float32Array | undefined,
  ww: number,
  c0: number,
  r0: number,
  c1: number,
  r1: number,
): void {
  const horizontalMajor = g.side === 0 || g.side === 2;
  const minorLo = horizontalMajor ? r0 : c0;
  const minorHi = horizontalMajor ? r1 : c1;
  for (let l = 0; l < g.lines; l++) {
    const ta = h0[l];
    const tb = h1[l];
    if (ta !== ta || tb !== tb) break; // beyond range on either ray: so are the farther lines
    const ma = m0[l];
    const mb = m1[l];
    const lo = Math.max(minorLo, Math.ceil(Math.min(ma, mb)));
    const hi = Math.min(minorHi, Math.floor(Math.max(ma, mb)));
    const major = g.first + l * g.step;
    const span = mb - ma;
    for (let v = lo; v <= hi; v++) {
      const f = span === 0 ? 0 : (v - ma) / span;
      const k = horizontalMajor ? (v - r0) * ww + (major - c0) : (major - r0) * ww + (v - c0);
      out[k] = ta + f * (tb - ta);
      if (rangeOut !== undefined) rangeOut[k] = d0[l] + f * (d1[l] - d0[l]);
    }
  }
}

/**
 * After every ray has run: the few nodes next to the site that fall between no two rays of a side
 * (within one node of it) see everything — nothing lies between them and the antenna's column.
 */
export function finishGeodesicSweep(s: GeodesicSweepSetup, out: Float32Array): void {
  const { c0, c1, r0, r1 } = s.window;
  const ww = c1 - c0 + 1;
  const { col, row } = siteGridPosition(s);
  for (let r = Math.max(r0, Math.floor(row) - 1); r <= Math.min(r1, Math.ceil(row) + 1); r++) {
    for (let c = Math.max(c0, Math.floor(col) - 1); c <= Math.min(c1, Math.ceil(col) + 1); c++) {
      const k = (r - r0) * ww + (c - c0);
      if (out[k] !== out[k]) out[k] = NO_HORIZON;
    }
  }
}

/**
 * The node window a site's sweep needs: the DEM nodes around every region cell within `reachM`
 * (cell centres at `lonDeg`/`latDeg` with `rangeM` ≤ reach) and around the site, padded by `pad`
 * nodes and clipped to the DEM. Paths from the site to those cells lie inside the same box.
 */
export function geodesicSweepWindow(
  dem: ElevationGrid,
  grid: RegionGrid,
  siteLonDeg: number,
  siteLatDeg: number,
  rangeM: Float32Array,
  reachM: number,
  pad = 2,
): NodeWindow {
  let minC = (siteLonDeg - dem.x0) / dem.dx;
  let maxC = minC;
  let minR = (dem.y0 - siteLatDeg) / dem.dy;
  let maxR = minR;
  for (let j = 0; j < grid.height; j++) {
    const r = (dem.y0 - cellLatDeg(grid, j)) / dem.dy;
    for (let i = 0; i < grid.width; i++) {
      if (!(rangeM[j * grid.width + i] <= reachM)) continue;
      const c = (cellLonDeg(grid, i) - dem.x0) / dem.dx;
      if (c < minC) minC = c;
      if (c > maxC) maxC = c;
      if (r < minR) minR = r;
      if (r > maxR) maxR = r;
    }
  }
  return {
    c0: Math.max(0, Math.floor(minC) - pad),
    c1: Math.min(dem.width - 1, Math.ceil(maxC) + pad),
    r0: Math.max(0, Math.floor(minR) - pad),
    r1: Math.min(dem.height - 1, Math.ceil(maxR) + pad),
  };
}
