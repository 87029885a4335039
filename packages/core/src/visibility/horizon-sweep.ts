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
   * What to write per node: 'horizon' (tan of the horizon elevation, default), 'minVisibleMsl'
   * (the lowest visible height MSL at the node's range, minVisibleFromHorizonM) or
   * 'minVisibleAgl' (that height above the node's ground, 0 where the ground itself is seen — as
   * gdal_viewshed -om GROUND).
   */
  output?: 'horizon' | 'minVisibleMsl' | 'minVisibleAgl';
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
/** Largest sweep radius as a fraction of the effective earth radius: the site's planar frame holds to there. */
export const MAX_SWEEP_RANGE_FRACTION = 0.3;

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
  if (s.maxRangeM / s.earthRadiusM > MAX_SWEEP_RANGE_FRACTION)
    throw new RangeError(
      `maxRangeM must be at most ${MAX_SWEEP_RANGE_FRACTION}·earthRadiusM (${MAX_SWEEP_RANGE_FRACTION * s.earthRadiusM} m), got ${s.maxRangeM}`,
    );
  const d = s.raysPerCell ?? 1;
  if (!(d >= 0.25 && d <= 16)) throw new RangeError(`raysPerCell must be in [0.25, 16], got ${d}`);
}

/** Rays processed together (a batch), and columns per strip: a batch's footprint of a strip stays in cache. */
const BATCH = 48;
const STRIP = 64;

/** Per-ray state of one batch, and scratch for one thread; reuse across calls to avoid allocation. */
export interface SweepScratch {
  horizon: Float64Array;
  rem: Float64Array;
  jv: Float64Array;
  kRow: Int32Array;
  cosT: Float64Array;
  sinT: Float64Array;
  uEnd: Int32Array;
  /** Horizon before each column of the strip, per ray: [ray·STRIP + (u − u0)]. */
  mAt: Float64Array;
  /** 1/u for every column u of the setup. */
  invU: Float64Array;
}

export function makeSweepScratch(setup: SweepSetup): SweepScratch {
  const n = BATCH + 1;
  const cols = Math.max(...sides(setup).map((sd) => sd.n)) + 2;
  const invU = new Float64Array(cols);
  for (let u = 1; u < cols; u++) invU[u] = 1 / u;
  return {
    invU,
    horizon: new Float64Array(n),
    rem: new Float64Array(n),
    jv: new Float64Array(n),
    kRow: new Int32Array(n),
    cosT: new Float64Array(n),
    sinT: new Float64Array(n),
    uEnd: new Int32Array(n),
    mAt: new Float64Array(n * STRIP),
  };
}

/**
 * Advances one ray over columns [u0, u1]: at each column u, the row-line crossing between u − 1
 * and u (if any) and then the column-line crossing at u, recording before the latter the horizon
 * (mAt) at `slot + u − u0`. State lives in the scratch arrays at `r`.
 * Slope |t| = q/scale; the numerator q·u is kept as jv·scale + rem; cos θ, sin θ advance by
 * rotation. Negative slopes walk as their mirror image (stepV negated).
 */
function advanceRay(
  h: Float32Array,
  sc: SweepScratch,
  r: number,
  slot: number,
  u0: number,
  u1: number,
  q: number,
  scale: number,
  stepU: number,
  stepV: number,
  a: number,
  rho0: number,
  dTheta: number,
  cd: number,
  sd: number,
): void {
  const mAt = sc.mAt;
  let rem = sc.rem[r];
  let jv = sc.jv[r];
  let k = sc.kRow[r];
  let c = sc.cosT[r];
  let sn = sc.sinT[r];
  let hz = sc.horizon[r];
  const ue = sc.uEnd[r];
  const invScale = 1 / scale;
  const invQ = q > 0 ? 1 / q : 0;
  const uLive = ue < u1 ? ue : u1;
  let u = u0;
  for (; u <= uLive; u++) {
    k += stepU;
    rem += q;
    const cp = c;
    const sp = sn;
    c = cp * cd - sp * sd;
    sn = sp * cd + cp * sd;
    if (rem >= scale) {
      rem -= scale;
      jv++;
      k += stepV;
      if (rem !== 0) {
        // Row-line crossing at u* = u − rem/q, between nodes (u−1, jv) and (u, jv); cos, sin of
        // θ* = θ_{u−1} + fu·dθ by a rotation of δ < 2e-5 rad (series to δ³).
        const fu = 1 - rem * invQ;
        const z0 = h[k - stepU];
        const z = z0 + fu * (h[k] - z0);
        const dl = fu * dTheta;
        const dl2 = dl * dl;
        const cdl = 1 - 0.5 * dl2;
        const sdl = dl * (1 - dl2 / 6);
        const cs = cp * cdl - sp * sdl;
        const ss = sp * cdl + cp * sdl;
        const rho = a + z;
        if (rho * cs - rho0 > hz * rho * ss) hz = (rho * cs - rho0) / (rho * ss);
      }
    }
    mAt[slot + u - u0] = hz;
    let z = h[k];
    if (rem !== 0) z += rem * invScale * (h[k + stepV] - z);
    const rho = a + z;
    if (rho * c - rho0 > hz * rho * sn) hz = (rho * c - rho0) / (rho * sn);
  }
  // Past its end the ray is only counted along (its state stays consistent for the next strip).
  for (; u <= u1; u++) {
    rem += q;
    if (rem >= scale) {
      rem -= scale;
      jv++;
    }
    mAt[slot + u - u0] = NaN;
  }
  sc.rem[r] = rem;
  sc.jv[r] = jv;
  sc.kRow[r] = k;
  sc.cosT[r] = c;
  sc.sinT[r] = sn;
  sc.horizon[r] = hz;
}

/**
 * Runs wedges [wedgeStart, wedgeEnd) (global indices: side 0's wedges first, then sides 1–3, as
 * counted by sweepWedgeCounts) and writes the horizon tan E of every node in them into `out`
 * (same shape as the DEM), or the minimum visible height with output 'minVisibleMsl'. Nodes
 * beyond `maxRangeM` or outside these wedges are not touched; the observer's own node is set
 * when wedge 0 is run.
 *
 * Rays go in batches of up to BATCH + 1 neighbours, strip by strip of STRIP columns: each ray
 * advances over the strip (state in registers), then the wedges between neighbours write their
 * nodes of those columns. A batch's rays lie within a few nodes of each other, so a strip's DEM
 * reads and output writes stay in cache and in few memory pages, whichever way the side runs.
 */
export function horizonSweep(
  setup: SweepSetup,
  out: Float32Array,
  wedgeStart: number,
  wedgeEnd: number,
  scratch: SweepScratch = makeSweepScratch(setup),
): void {
  checkSweepSetup(setup);
  const g = setup.dem;
  if (out.length !== g.width * g.height) throw new RangeError(`out must have ${g.width * g.height} values, got ${out.length}`);
  const h = g.heightsM;
  const a = setup.earthRadiusM;
  const rho0 = a + setup.antennaMslM;
  const maxRangeM = setup.maxRangeM;
  const maxR2 = maxRangeM * maxRangeM;
  const invA2 = 1 / (a * a);
  const base = setup.observerRow * g.width + setup.observerCol;
  const heights = setup.output === 'minVisibleMsl' || setup.output === 'minVisibleAgl';
  const agl = setup.output === 'minVisibleAgl';
  if (wedgeStart === 0) out[base] = agl ? 0 : heights ? -Infinity : NO_HORIZON;
  const sc = scratch;
  const { horizon, rem, jv, kRow, cosT, sinT, uEnd, mAt, invU } = sc;
  const all = sides(setup);
  if (invU.length < Math.max(...all.map((sd) => sd.n)) + 1) throw new RangeError('scratch was made for a smaller sweep; use makeSweepScratch(setup)');
  let first = 0;
  for (let si = 0; si < 4; si++) {
    const sd = all[si];
    const count = sd.n > 0 ? 2 * sd.scale : 0;
    const w0 = Math.max(wedgeStart, first) - first;
    const w1 = Math.min(wedgeEnd, first + count) - first;
    first += count;
    if (w0 >= w1) continue;
    const scale = sd.scale;
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
        const qq = p < 0 ? -p : p;
        const t = qq / scale;
        const lenU = Math.sqrt(cu2 + t * t * cv2);
        const vTop = p < 0 ? -vMin : vMax;
        let ue = Math.min(sd.n, Math.floor(maxRangeM / lenU));
        if (qq > 0) ue = Math.min(ue, Math.floor((vTop * scale) / qq));
        uEnd[r] = ue;
        cosT[r] = 1;
        sinT[r] = 0;
        horizon[r] = NO_HORIZON;
        rem[r] = 0;
        jv[r] = 0;
        kRow[r] = base;
        if (ue > uMax) uMax = ue;
      }
      for (let u0 = 1; u0 <= uMax; u0 += STRIP) {
        const u1 = Math.min(uMax, u0 + STRIP - 1);
        for (let r = 0; r < nr; r++) {
          const p = p0 + r;
          const neg = p < 0;
          const qq = neg ? -p : p;
          const t = qq / scale;
          const dTheta = Math.sqrt(cu2 + t * t * cv2) / a;
          advanceRay(h, sc, r, r * STRIP, u0, u1, qq, scale, stepU, neg ? -sideStepV : sideStepV, a, rho0, dTheta, Math.cos(dTheta), Math.sin(dTheta));
        }
        // Nodes of each column between the batch's first and last rays: node (u, v) lies in the
        // wedge p with p·u < v·scale ≤ (p+1)·u, i.e. p = ⌈v·scale/u⌉ − 1, between rays p and p+1.
        // (At a node exactly on a ray, rounding may pick either wedge; both give that ray's value.)
        const pLast = p0 + nw - 1;
        const pTop = pLast + 1;
        for (let u = u0; u <= u1; u++) {
          let vLo = Math.floor((p0 * u) / scale) + 1;
          let vHi = Math.floor((pTop * u) / scale);
          if (vLo > vHi) continue;
          if (vHi > vMax) vHi = vMax;
          if (vLo < vMin) vLo = vMin;
          const uu = u * u * cu2;
          const sOverU = scale * invU[u];
          const colSlot = u - u0 - p0 * STRIP;
          for (let v = vLo; v <= vHi; v++) {
            const s2 = uu + v * v * cv2;
            if (s2 > maxR2) continue;
            const x = v * sOverU;
            let p = Math.ceil(x) - 1;
            if (p < p0) p = p0;
            else if (p > pLast) p = pLast;
            const slot = p * STRIP + colSlot;
            const mA = mAt[slot];
            const mB = mAt[slot + STRIP];
            let mv: number;
            if (mA !== mA) {
              if (mB !== mB) continue;
              mv = mB;
            } else if (mB !== mB) mv = mA;
            else mv = mA + (x - p) * (mB - mA);
            const idx = base + u * stepU + v * sideStepV;
            if (heights) {
              // a_e + h_min = (a_e + H)/(cos θ − tan E·sin θ), θ = s/a_e (Taylor series, θ ≤ 0.3).
              const th2 = s2 * invA2;
              const th = Math.sqrt(th2);
              const c = 1 - th2 * (0.5 - th2 * (1 / 24 - th2 * (1 / 720)));
              const sn = th * (1 - th2 * (1 / 6 - th2 * (1 / 120 - th2 * (1 / 5040))));
              const d = c - mv * sn;
              mv = d > 0 ? rho0 / d - a : Infinity;
              if (agl) {
                const z = h[idx];
                mv = mv > z ? mv - z : 0;
              }
            }
            out[idx] = mv;
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
