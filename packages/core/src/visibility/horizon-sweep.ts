/**
 * Terrain line of sight from one antenna: the horizon sweep.
 *
 * The DEM is a planar grid in the site's own azimuthal-equidistant frame (x east, y north, metres;
 * the distance from the observer node is the exact ground range, radials are geodesics). Rays run
 * from the observer node to every node of the square of half-size N around it (Franklin & Ray's
 * "R2" layout, "Higher isn't necessarily better: visibility algorithms and experiments", 1994),
 * `raysPerCell` rays per perimeter node. Each ray is sampled exactly where it crosses a grid line
 * — every column line of its major axis and every row line of its minor axis — with heights
 * interpolated linearly between the two nodes on that line, as the exact line-of-sight definition
 * does. The earth is a sphere of effective radius a_e = k·R (refraction by the k-factor,
 * Skolnik, Introduction to Radar Systems, 3rd ed., §8.4), treated exactly: a terrain point at
 * ground range s and height z is seen from the antenna (height H) at elevation E with
 *
 *   tan E = ((a_e + z)·cos θ − (a_e + H)) / ((a_e + z)·sin θ),   θ = s / a_e.
 *
 * Each ray keeps the running maximum of tan E (its horizon). Every node in the wedge between two
 * neighbouring rays gets the horizon interpolated between them at its column, so each node is
 * written exactly once. The lowest visible height above a node at range s then follows from the
 * triangle earth-centre/antenna/target (law of sines):
 *
 *   a_e + h_min = (a_e + H) / (cos θ − tan E·sin θ)                    (minVisibleFromHorizonM)
 *
 * Work is split by wedge index so that threads can share one grid and one output buffer.
 */
import { assertPositive } from '../units/units.js';
import type { ElevationGrid } from '../terrain/elevation-grid.js';

/** Horizon value of a node that nothing lies in front of (tan E of an 89.9° downward look). */
export const NO_HORIZON = -1000;

export interface SweepSetup {
  /** Planar DEM (metres) in the site's azimuthal-equidistant frame, or any planar DEM. */
  dem: ElevationGrid;
  /** Node of the observer (column, row); must lie inside the grid. */
  observerCol: number;
  observerRow: number;
  /** Antenna height above mean sea level, metres. */
  antennaMslM: number;
  /** Effective earth radius a_e = k·R, metres. */
  earthRadiusM: number;
  /** Nodes farther than this ground range are left untouched in the output. */
  maxRangeM: number;
  /** Rays per perimeter node of the outermost square (default 1; 2 halves the gap between rays). */
  raysPerCell?: number;
}

interface Side {
  /** Half-size of the side's square along the major axis, nodes. */
  n: number;
  /** Rays per unit of slope: t_p = p / scale, p ∈ [−scale, scale]. */
  scale: number;
  stepU: number;
  stepV: number;
  /** Bounds of the minor coordinate v (nodes). */
  vMin: number;
  vMax: number;
  /** Cell size along the major / minor axis, metres. */
  cu: number;
  cv: number;
}

function sides(s: SweepSetup): Side[] {
  const g = s.dem;
  const w = g.width;
  const oc = s.observerCol;
  const or = s.observerRow;
  const d = s.raysPerCell ?? 1;
  const nx = Math.ceil(s.maxRangeM / g.dx);
  const ny = Math.ceil(s.maxRangeM / g.dy);
  const mk = (n: number, stepU: number, stepV: number, vMin: number, vMax: number, cu: number, cv: number): Side => ({
    n: Math.max(0, n),
    scale: Math.max(1, d * Math.max(0, n)),
    stepU,
    stepV,
    vMin,
    vMax,
    cu,
    cv,
  });
  // (u, v) → (Δcol, Δrow): east (u, v); south (−v, u); west (−u, −v); north (v, −u).
  return [
    mk(Math.min(nx, w - 1 - oc), 1, w, -or, g.height - 1 - or, g.dx, g.dy),
    mk(Math.min(ny, g.height - 1 - or), w, -1, -(w - 1 - oc), oc, g.dy, g.dx),
    mk(Math.min(nx, oc), -1, -w, -(g.height - 1 - or), or, g.dx, g.dy),
    mk(Math.min(ny, or), -w, 1, -oc, w - 1 - oc, g.dy, g.dx),
  ];
}

/** Wedges per side (2·scale) — the unit of work; total = the sum over the four sides. */
export function sweepWedgeCounts(setup: SweepSetup): number[] {
  return sides(setup).map((sd) => (sd.n > 0 ? 2 * sd.scale : 0));
}

/** Checks a setup once, before any loop. */
export function checkSweepSetup(s: SweepSetup): void {
  if (s.dem.crs !== 'planar') throw new TypeError(`horizon sweep needs a planar DEM in metres, got a ${s.dem.crs} grid`);
  if (!Number.isInteger(s.observerCol) || s.observerCol < 0 || s.observerCol >= s.dem.width) {
    throw new RangeError(`observerCol must be an integer in [0, ${s.dem.width - 1}], got ${s.observerCol}`);
  }
  if (!Number.isInteger(s.observerRow) || s.observerRow < 0 || s.observerRow >= s.dem.height) {
    throw new RangeError(`observerRow must be an integer in [0, ${s.dem.height - 1}], got ${s.observerRow}`);
  }
  if (!Number.isFinite(s.antennaMslM)) throw new RangeError(`antennaMslM must be finite, got ${s.antennaMslM}`);
  assertPositive('earthRadiusM', s.earthRadiusM);
  assertPositive('maxRangeM', s.maxRangeM);
  const d = s.raysPerCell ?? 1;
  if (!Number.isInteger(d) || d < 1 || d > 16) throw new RangeError(`raysPerCell must be an integer in [1, 16], got ${d}`);
}

/** Scratch buffers for one thread; reuse across calls to avoid allocation. */
export interface SweepScratch {
  prev: Float64Array;
  cur: Float64Array;
}

export function makeSweepScratch(setup: SweepSetup): SweepScratch {
  const n = Math.max(...sides(setup).map((s) => s.n)) + 2;
  return { prev: new Float64Array(n), cur: new Float64Array(n) };
}

/**
 * Casts one ray of slope t = p / scale along a side; fills m[u] (u = 1..n) with the horizon
 * (max tan E) over every grid-line crossing before column u, NaN past the ray's end.
 * Returns the last column reached.
 */
function castRay(h: Float32Array, base: number, sd: Side, p: number, a: number, rho0: number, maxRangeM: number, m: Float64Array): number {
  const scale = sd.scale;
  const stepU = sd.stepU;
  // Walk negative slopes as their mirror image.
  const q = p < 0 ? -p : p;
  const stepV = p < 0 ? -sd.stepV : sd.stepV;
  const vMax = p < 0 ? -sd.vMin : sd.vMax;
  const t = q / scale;
  const lenU = Math.sqrt(sd.cu * sd.cu + t * t * sd.cv * sd.cv);
  let uEnd = Math.min(sd.n, Math.floor(maxRangeM / lenU));
  if (q > 0) uEnd = Math.min(uEnd, Math.floor((vMax * scale) / q));
  const dTheta = lenU / a;
  let horizon = NO_HORIZON;
  let prevNum = 0;
  for (let u = 1; u <= uEnd; u++) {
    const num = q * u;
    const jv = Math.floor(num / scale);
    const rem = num - jv * scale;
    // Row-line crossing between columns u−1 and u (at most one, since t ≤ 1).
    if (rem !== 0 && jv * scale > prevNum) {
      const uStar = (jv * scale) / q;
      const fu = uStar - (u - 1);
      const k0 = base + (u - 1) * stepU + jv * stepV;
      const z0 = h[k0];
      const z = z0 + fu * (h[k0 + stepU] - z0);
      const th = uStar * dTheta;
      const th2 = th * th;
      const c = 1 - th2 * (0.5 - th2 * (1 / 24 - th2 * (1 / 720)));
      const sn = th * (1 - th2 * (1 / 6 - th2 * (1 / 120 - th2 * (1 / 5040))));
      const rho = a + z;
      if (rho * c - rho0 > horizon * rho * sn) horizon = (rho * c - rho0) / (rho * sn);
    }
    prevNum = num;
    m[u] = horizon;
    // Column-line crossing at u.
    const k = base + u * stepU + jv * stepV;
    let z = h[k];
    if (rem !== 0) z += (rem / scale) * (h[k + stepV] - z);
    const th = u * dTheta;
    const th2 = th * th;
    const c = 1 - th2 * (0.5 - th2 * (1 / 24 - th2 * (1 / 720)));
    const sn = th * (1 - th2 * (1 / 6 - th2 * (1 / 120 - th2 * (1 / 5040))));
    const rho = a + z;
    if (rho * c - rho0 > horizon * rho * sn) horizon = (rho * c - rho0) / (rho * sn);
  }
  for (let u = uEnd + 1; u <= sd.n; u++) m[u] = NaN;
  return uEnd;
}

/**
 * Runs wedges [wedgeStart, wedgeEnd) (global indices: side 0's wedges first, then sides 1–3, as
 * counted by sweepWedgeCounts) and writes the horizon tan E of every node in them into `out`
 * (same shape as the DEM). Nodes beyond `maxRangeM` or outside these wedges are not touched; the
 * observer's own node gets NO_HORIZON when wedge 0 is run.
 */
export function horizonSweep(setup: SweepSetup, out: Float32Array, wedgeStart: number, wedgeEnd: number, scratch: SweepScratch = makeSweepScratch(setup)): void {
  checkSweepSetup(setup);
  const g = setup.dem;
  if (out.length !== g.width * g.height) throw new RangeError(`out must have ${g.width * g.height} values, got ${out.length}`);
  const h = g.heightsM;
  const a = setup.earthRadiusM;
  const rho0 = a + setup.antennaMslM;
  const maxR2 = setup.maxRangeM * setup.maxRangeM;
  const base = setup.observerRow * g.width + setup.observerCol;
  if (wedgeStart === 0) out[base] = NO_HORIZON;
  const all = sides(setup);
  let first = 0;
  for (let si = 0; si < 4; si++) {
    const sd = all[si];
    const count = sd.n > 0 ? 2 * sd.scale : 0;
    const w0 = Math.max(wedgeStart, first) - first;
    const w1 = Math.min(wedgeEnd, first + count) - first;
    first += count;
    if (w0 >= w1) continue;
    const scale = sd.scale;
    let mp = scratch.prev;
    let mq = scratch.cur;
    let endP = castRay(h, base, sd, w0 - scale, a, rho0, setup.maxRangeM, mp);
    for (let wi = w0; wi < w1; wi++) {
      const p = wi - scale;
      const endQ = castRay(h, base, sd, p + 1, a, rho0, setup.maxRangeM, mq);
      const uEnd = Math.max(endP, endQ);
      const cu2 = sd.cu * sd.cu;
      const cv2 = sd.cv * sd.cv;
      // Nodes with t_p·u < v ≤ t_{p+1}·u, i.e. p·u < v·scale ≤ (p+1)·u.
      for (let u = 1; u <= uEnd; u++) {
        const vLo = Math.floor((p * u) / scale) + 1;
        let vHi = Math.floor(((p + 1) * u) / scale);
        if (vHi > sd.vMax) vHi = sd.vMax;
        const mA = mp[u];
        const mB = mq[u];
        const uu = u * u * cu2;
        for (let v = vLo < sd.vMin ? sd.vMin : vLo; v <= vHi; v++) {
          if (uu + v * v * cv2 > maxR2) continue;
          let mv: number;
          if (mA !== mA) mv = mB;
          else if (mB !== mB) mv = mA;
          else mv = mA + ((v * scale) / u - p) * (mB - mA);
          if (mv === mv) out[base + u * sd.stepU + v * sd.stepV] = mv;
        }
      }
      const tmp = mp;
      mp = mq;
      mq = tmp;
      endP = endQ;
    }
  }
}

/** The whole sweep in one call: a new Float32Array of horizon values, NaN where not computed. */
export function horizonSweepAll(setup: SweepSetup, out?: Float32Array): Float32Array {
  const n = setup.dem.width * setup.dem.height;
  const result = out ?? new Float32Array(n);
  result.fill(NaN);
  const total = sweepWedgeCounts(setup).reduce((x, y) => x + y, 0);
  horizonSweep(setup, result, 0, total);
  return result;
}

/**
 * Lowest height MSL visible at ground range `groundRangeM` behind a horizon `tanHorizon`
 * (tan of the horizon's elevation angle) from an antenna at `antennaMslM` on a sphere of radius
 * a_e: h_min = (a_e + H)/(cos θ − tan E·sin θ) − a_e, θ = s/a_e; +Infinity if the ray never
 * comes back to that range. NaN in, NaN out.
 */
export function minVisibleFromHorizonM(tanHorizon: number, groundRangeM: number, antennaMslM: number, earthRadiusM: number): number {
  const th = groundRangeM / earthRadiusM;
  const d = Math.cos(th) - tanHorizon * Math.sin(th);
  if (d <= 0) return Infinity;
  return (earthRadiusM + antennaMslM) / d - earthRadiusM;
}
