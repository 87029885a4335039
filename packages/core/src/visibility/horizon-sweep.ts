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
  /**
   * Rays per perimeter node of the outermost square, in [0.25, 16] (default 1: neighbouring rays
   * are at most one node apart; 2 halves the gap, 0.5 doubles it and halves the work).
   */
  raysPerCell?: number;
  /**
   * What to write per node: 'horizon' (tan of the horizon elevation, default) or
   * 'minVisibleMsl' (the lowest visible height MSL at the node's range, minVisibleFromHorizonM).
   */
  output?: 'horizon' | 'minVisibleMsl';
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
    scale: Math.max(1, Math.round(d * Math.max(0, n))),
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
  // The sin/cos series below are exact to 1e-12 for θ ≤ 0.3 rad (≈ 2500 km on the 4/3 earth).
  if (s.maxRangeM / s.earthRadiusM > 0.3) throw new RangeError(`maxRangeM must be at most 0.3·earthRadiusM (${0.3 * s.earthRadiusM} m), got ${s.maxRangeM}`);
  const d = s.raysPerCell ?? 1;
  if (!(d >= 0.25 && d <= 16)) throw new RangeError(`raysPerCell must be in [0.25, 16], got ${d}`);
}

/** Rays advanced together, column by column, so that they share cache lines. */
const BATCH = 48;

/** Per-ray state of one batch, and scratch for one thread; reuse across calls to avoid allocation. */
export interface SweepScratch {
  horizon: Float64Array;
  /** Horizon before the current column, and ⌊t·u⌋, per ray. */
  mAt: Float64Array;
  fAt: Int32Array;
  rem: Float64Array;
  jv: Float64Array;
  kRow: Int32Array;
  cosT: Float64Array;
  sinT: Float64Array;
  cosD: Float64Array;
  sinD: Float64Array;
  dTheta: Float64Array;
  q: Float64Array;
  invQ: Float64Array;
  stepV: Int32Array;
  uEnd: Float64Array;
  neg: Uint8Array;
}

export function makeSweepScratch(_setup?: SweepSetup): SweepScratch {
  const n = BATCH + 1;
  return {
    horizon: new Float64Array(n),
    mAt: new Float64Array(n),
    fAt: new Int32Array(n),
    rem: new Float64Array(n),
    jv: new Float64Array(n),
    kRow: new Int32Array(n),
    cosT: new Float64Array(n),
    sinT: new Float64Array(n),
    cosD: new Float64Array(n),
    sinD: new Float64Array(n),
    dTheta: new Float64Array(n),
    q: new Float64Array(n),
    invQ: new Float64Array(n),
    stepV: new Int32Array(n),
    uEnd: new Float64Array(n),
    neg: new Uint8Array(n),
  };
}

/**
 * Runs wedges [wedgeStart, wedgeEnd) (global indices: side 0's wedges first, then sides 1–3, as
 * counted by sweepWedgeCounts) and writes the horizon tan E of every node in them into `out`
 * (same shape as the DEM). Nodes beyond `maxRangeM` or outside these wedges are not touched; the
 * observer's own node gets NO_HORIZON when wedge 0 is run.
 *
 * Rays go in batches of up to BATCH + 1 neighbours advanced column by column: at column u every
 * ray first takes its row-line crossing (if any), records its horizon, then the wedges between
 * neighbours write their nodes of column u, then every ray takes its column-line crossing. Ray
 * p walks |t| = |p|/scale with the integer numerator |p|·u kept as jv·scale + rem (negative
 * slopes as their mirror image); cos θ and sin θ advance by rotation. No division in the loop
 * except where a horizon rises.
 */
export function horizonSweep(setup: SweepSetup, out: Float32Array, wedgeStart: number, wedgeEnd: number, scratch: SweepScratch = makeSweepScratch(setup)): void {
  checkSweepSetup(setup);
  const g = setup.dem;
  if (out.length !== g.width * g.height) throw new RangeError(`out must have ${g.width * g.height} values, got ${out.length}`);
  const h = g.heightsM;
  const a = setup.earthRadiusM;
  const rho0 = a + setup.antennaMslM;
  const maxRangeM = setup.maxRangeM;
  const maxR2 = maxRangeM * maxRangeM;
  const base = setup.observerRow * g.width + setup.observerCol;
  const heights = setup.output === 'minVisibleMsl';
  if (wedgeStart === 0) out[base] = heights ? -Infinity : NO_HORIZON;
  const { horizon, mAt, fAt, rem, jv, kRow, cosT, sinT, cosD, sinD, dTheta, q, invQ, stepV, uEnd, neg } = scratch;
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
    const invScale = 1 / scale;
    const stepU = sd.stepU;
    const sideStepV = sd.stepV;
    const vMin = sd.vMin;
    const vMax = sd.vMax;
    const cu2 = sd.cu * sd.cu;
    const cv2 = sd.cv * sd.cv;
    for (let b0 = w0; b0 < w1; b0 += BATCH) {
      const nw = Math.min(w1 - b0, BATCH);
      const nr = nw + 1;
      const p0 = b0 - scale;
      let uMax = 0;
      for (let r = 0; r < nr; r++) {
        const p = p0 + r;
        const ng = p < 0;
        const qq = ng ? -p : p;
        const t = qq / scale;
        const lenU = Math.sqrt(cu2 + t * t * cv2);
        const vTop = ng ? -vMin : vMax;
        let ue = Math.min(sd.n, Math.floor(maxRangeM / lenU));
        if (qq > 0) ue = Math.min(ue, Math.floor((vTop * scale) / qq));
        neg[r] = ng ? 1 : 0;
        q[r] = qq;
        invQ[r] = qq > 0 ? 1 / qq : 0;
        stepV[r] = ng ? -sideStepV : sideStepV;
        uEnd[r] = ue;
        dTheta[r] = lenU / a;
        cosD[r] = Math.cos(lenU / a);
        sinD[r] = Math.sin(lenU / a);
        cosT[r] = 1;
        sinT[r] = 0;
        horizon[r] = NO_HORIZON;
        rem[r] = 0;
        jv[r] = 0;
        kRow[r] = base;
        if (ue > uMax) uMax = ue;
      }
      for (let u = 1; u <= uMax; u++) {
        // Per ray: the column-line crossing at u − 1, then the row-line crossing between u − 1
        // and u; the horizon so far is the horizon of every node of column u next to the ray.
        const prevInside = u - 1;
        for (let r = 0; r < nr; r++) {
          let k = kRow[r];
          let rm = rem[r];
          let hz = horizon[r];
          const cp = cosT[r];
          const sp = sinT[r];
          const ue = uEnd[r];
          if (prevInside >= 1 && prevInside <= ue) {
            let z = h[k];
            if (rm !== 0) z += rm * invScale * (h[k + stepV[r]] - z);
            const rho = a + z;
            if (rho * cp - rho0 > hz * rho * sp) hz = (rho * cp - rho0) / (rho * sp);
          }
          k += stepU;
          rm += q[r];
          let crossed = false;
          let j = jv[r];
          if (rm >= scale) {
            rm -= scale;
            j++;
            k += stepV[r];
            crossed = rm !== 0;
            jv[r] = j;
          }
          rem[r] = rm;
          kRow[r] = k;
          fAt[r] = neg[r] === 1 ? (rm === 0 ? -j : -j - 1) : j;
          if (u > ue) {
            mAt[r] = NaN;
            continue;
          }
          if (crossed) {
            // At u* = u − rem/q, between nodes (u−1, jv) and (u, jv).
            const fu = 1 - rm * invQ[r];
            const z0 = h[k - stepU];
            const z = z0 + fu * (h[k] - z0);
            // cos, sin of θ* = θ_{u−1} + fu·dθ (rotation by δ < 2e-5 rad; series to δ³).
            const dl = fu * dTheta[r];
            const dl2 = dl * dl;
            const cdl = 1 - 0.5 * dl2;
            const sdl = dl * (1 - dl2 / 6);
            const cs = cp * cdl - sp * sdl;
            const ss = sp * cdl + cp * sdl;
            const rho = a + z;
            if (rho * cs - rho0 > hz * rho * ss) hz = (rho * cs - rho0) / (rho * ss);
          }
          horizon[r] = hz;
          mAt[r] = hz;
          cosT[r] = cp * cosD[r] - sp * sinD[r];
          sinT[r] = sp * cosD[r] + cp * sinD[r];
        }
        // Nodes of column u in each wedge: ⌊p·u/scale⌋ < v ≤ ⌊(p+1)·u/scale⌋.
        const uu = u * u * cu2;
        const sOverU = scale / u;
        for (let r = 0; r < nw; r++) {
          let vLo = fAt[r] + 1;
          let vHi = fAt[r + 1];
          if (vLo > vHi) continue;
          if (vHi > vMax) vHi = vMax;
          if (vLo < vMin) vLo = vMin;
          const mA = mAt[r];
          const mB = mAt[r + 1];
          const p = p0 + r;
          for (let v = vLo; v <= vHi; v++) {
            const s2 = uu + v * v * cv2;
            if (s2 > maxR2) continue;
            let mv: number;
            if (mA !== mA) mv = mB;
            else if (mB !== mB) mv = mA;
            else mv = mA + (v * sOverU - p) * (mB - mA);
            if (mv !== mv) continue;
            if (heights) {
              // a_e + h_min = (a_e + H)/(cos θ − tan E·sin θ), θ = s/a_e (Taylor series, θ ≤ 0.3).
              const th2 = s2 / (a * a);
              const th = Math.sqrt(th2);
              const c = 1 - th2 * (0.5 - th2 * (1 / 24 - th2 * (1 / 720)));
              const sn = th * (1 - th2 * (1 / 6 - th2 * (1 / 120 - th2 * (1 / 5040))));
              const d = c - mv * sn;
              mv = d > 0 ? rho0 / d - a : Infinity;
            }
            out[base + u * stepU + v * sideStepV] = mv;
          }
        }
      }
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
