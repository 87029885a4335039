/**
 * Vertical coverage (range–height) of one site along one azimuth: detection regions of its
 * radars at several probabilities of detection, the engagement zones of its missiles, the radar
 * horizon and, when a terrain profile is given, the terrain and the region it masks.
 *
 * Geometry: straight rays over a sphere of effective radius a_e = k·R (4/3 earth), heights MSL.
 * A point at ground range s and height h is at slant range
 *   r² = (a+h_r)² + (a+h)² − 2(a+h_r)(a+h)·cos(s/a)                     (geo/horizon.ts)
 * so at ground range s the heights within slant range R form the interval between the roots
 *   a + h = (a+h_r)·cos θ ± √(R² − (a+h_r)²·sin²θ),  θ = s/a.
 * Detection by radar r at probability Pd: h ≥ lowest visible height (smooth-earth grazing ray,
 * or the horizon sweep along the terrain profile), h ≤ the radar's maximum altitude, and slant
 * range ≤ min(R_Pd, R_instrumented) with R_Pd from the radar's calibration (snr.ts). No
 * multipath lobing and no elevation beam pattern: the vertical coverage is the free-space
 * detection range cut by the horizon (Blake, Radar Range-Performance Analysis, 1986, ch. 8).
 * Engagement by missile m: detected by its guidance radar at the engagement Pd, slant range in
 * [R_min, R_max], height above ground ≥ the missile's minimum altitude, MSL height ≤ its maximum
 * altitude, and target speed ≤ its maximum target speed (engagement/site-evaluator.ts).
 *
 * Everything is sampled on a ground-range axis; each sample holds the interval [lo, hi] of
 * covered heights (NaN, NaN when none). Heights between samples are for drawing only; the ranges
 * at given heights are solved exactly by bisection on the same predicate.
 */
import { FRONT, rcsAtM2, type RcsTableM2 } from './aspect.js';
import type { Band } from './band.js';
import { elevationAngleRad, heightAtElevationM, minVisibleHeightSmoothM, slantRangeM } from '../geo/horizon.js';
import { assertPositive } from '../units/units.js';
import type { RadarDetectionModel } from './snr.js';
import type { SwerlingCase } from './swerling.js';
import type { MissileParams } from '../scenario/resolve.js';

export interface VcdRadar {
  id: string;
  name: string;
  /** Antenna height above the site's ground, metres. */
  antennaAglM: number;
  instrumentedRangeM: number;
  /** Highest target altitude (MSL) the radar covers, metres. */
  maxAltitudeM: number;
  model: RadarDetectionModel;
  /** Band: the threat's RCS is read at it. */
  band: Band;
  /** False when the cut's azimuth lies outside the radar's sector: it sees nothing along it. */
  coversCut?: boolean;
}

/** A missile as the diagram needs it: the resolved envelope of scenario/resolve.ts. */
export type VcdMissile = Pick<MissileParams, 'id' | 'name' | 'guidanceRadarIndex' | 'minRangeM' | 'maxRangeM' | 'minAltitudeM' | 'maxAltitudeM' | 'maxTargetSpeedMps'>;

export interface VcdThreat {
  id: string;
  name: string;
  /** RCS by aspect and band, m² (radar/aspect.ts). */
  rcsM2: RcsTableM2;
  /** Aspect sector assumed (default FRONT). */
  aspect?: number;
  swerling: SwerlingCase;
  speedMps: number;
}

/** The RCS radar `r` sees of the threat: at its band and the assumed aspect. */
export function vcdRcsM2(r: Pick<VcdRadar, 'band'>, threat: VcdThreat): number {
  return rcsAtM2(threat.rcsM2, r.band, threat.aspect ?? FRONT);
}

/** Terrain along the azimuth: ground MSL height at increasing ground ranges from the site (first sample at 0). */
export interface TerrainProfile {
  groundRangeM: Float64Array;
  groundMslM: Float64Array;
}

export interface VcdInput {
  radars: readonly VcdRadar[];
  missiles: readonly VcdMissile[];
  threat: VcdThreat;
  /** Probabilities of detection to draw contours at (single scan). */
  pdLevels: readonly number[];
  /** Detection threshold of the guidance radar for the engagement zones (the analysis Pd). */
  engagementPd: number;
  earthRadiusM: number;
  /** Ground range the diagram spans, metres. */
  maxGroundRangeM: number;
  /** Ground height at the site (MSL) when there is no terrain profile; default 0. */
  siteGroundMslM?: number;
  terrain?: TerrainProfile;
  /** Samples along the ground-range axis (default 3001). */
  samples?: number;
}

/** Covered heights per ground-range sample: [lo[i], hi[i]] MSL metres, NaN when empty. */
export interface HeightBand {
  lo: Float64Array;
  hi: Float64Array;
}

export interface VcdDetection extends HeightBand {
  radarIndex: number;
  pd: number;
  /** Slant range at this Pd before the instrumented-range cap, metres. */
  pdRangeM: number;
  /** Effective slant range: min(pdRangeM, instrumented range), metres. */
  rangeM: number;
}

export interface VcdEngagement extends HeightBand {
  missileIndex: number;
  /** False when the threat is faster than the missile's maximum target speed (empty zone). */
  speedOk: boolean;
}

export interface VerticalCoverage {
  input: VcdInput;
  groundRangeM: Float64Array;
  /** Ground MSL height per sample (0 on a smooth earth, or the site ground). */
  groundMslM: Float64Array;
  siteGroundMslM: number;
  /** Lowest visible MSL height per sample, per radar (horizon / terrain mask). */
  maskMslM: Float64Array[];
  detections: VcdDetection[];
  /** Engagement zones at `engagementPd`. */
  engagements: VcdEngagement[];
  /** Kinematic envelopes of the missiles alone (no radar, no line of sight). */
  kinematic: VcdEngagement[];
}

/** Heights h (MSL) at ground range s within slant range R of an antenna at MSL height ha: [lo, hi], or null. */
export function slantBandM(groundRangeM: number, antennaMslM: number, slantM: number, earthRadiusM: number): [number, number] | null {
  const a = earthRadiusM;
  const ra = a + antennaMslM;
  const theta = groundRangeM / a;
  const sin = Math.sin(theta);
  const disc = slantM * slantM - ra * ra * sin * sin;
  if (disc < 0) return null;
  const root = Math.sqrt(disc);
  const c = ra * Math.cos(theta);
  return [c - root - a, c + root - a];
}

/** Linear interpolation in a monotone abscissa array (clamped at the ends). */
function interp(xs: Float64Array, ys: Float64Array, x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid] <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo]);
  return ys[lo] + t * (ys[hi] - ys[lo]);
}

/**
 * Lowest visible MSL height along a terrain profile for an antenna at `antennaMslM` over the
 * first profile sample: the running maximum of the terrain's elevation angle (a horizon sweep
 * along one radial); beyond it the grazing ray h = heightAtElevation(s, E_max).
 */
export function terrainMaskM(profile: TerrainProfile, antennaMslM: number, earthRadiusM: number): Float64Array {
  const s = profile.groundRangeM;
  const g = profile.groundMslM;
  const n = s.length;
  const out = new Float64Array(n);
  let maxElev = -Math.PI / 2;
  for (let k = 0; k < n; k++) {
    const ray = k === 0 ? -Infinity : heightAtElevationM(s[k], maxElev, antennaMslM, earthRadiusM);
    out[k] = Math.max(g[k], ray);
    if (k > 0) {
      const e = elevationAngleRad(s[k], antennaMslM, g[k], earthRadiusM);
      if (e > maxElev) maxElev = e;
    }
  }
  return out;
}

/** The predicates of one diagram, shared by the sampled bands and the exact range solver. */
class VcdGeometry {
  readonly siteGroundMslM: number;
  readonly antennaMslM: number[];
  private readonly terrainMask: (Float64Array | null)[];

  constructor(readonly input: VcdInput) {
    const t = input.terrain;
    this.siteGroundMslM = t ? t.groundMslM[0] : (input.siteGroundMslM ?? 0);
    this.antennaMslM = input.radars.map((r) => this.siteGroundMslM + r.antennaAglM);
    this.terrainMask = input.radars.map((_, i) => (t ? terrainMaskM(t, this.antennaMslM[i], input.earthRadiusM) : null));
  }

  groundAt(s: number): number {
    const t = this.input.terrain;
    return t ? interp(t.groundRangeM, t.groundMslM, s) : this.siteGroundMslM;
  }

  maskAt(radar: number, s: number): number {
    const t = this.input.terrain;
    const m = this.terrainMask[radar];
    if (t && m) return interp(t.groundRangeM, m, s);
    // Smooth earth: heights in horizon.ts are above the sphere; the site ground lifts the antenna only.
    return Math.max(this.siteGroundMslM, minVisibleHeightSmoothM(s, this.antennaMslM[radar], this.input.earthRadiusM));
  }

  /** Detected heights at s by radar r within slant range R: [lo, hi] or null. */
  detectBand(radar: number, slantM: number, s: number): [number, number] | null {
    const band = slantBandM(s, this.antennaMslM[radar], slantM, this.input.earthRadiusM);
    if (!band) return null;
    const lo = Math.max(band[0], this.maskAt(radar, s));
    const hi = Math.min(band[1], this.input.radars[radar].maxAltitudeM);
    return lo <= hi ? [lo, hi] : null;
  }

  /** Kinematic envelope of missile m at s (ranges measured from its guidance radar's antenna). */
  kinematicBand(m: number, s: number): [number, number] | null {
    const ms = this.input.missiles[m];
    const r = ms.guidanceRadarIndex;
    const a = this.input.earthRadiusM;
    const outer = slantBandM(s, this.antennaMslM[r], ms.maxRangeM, a);
    if (!outer) return null;
    let lo = Math.max(outer[0], this.groundAt(s) + ms.minAltitudeM);
    const hi = Math.min(outer[1], ms.maxAltitudeM);
    const inner = slantBandM(s, this.antennaMslM[r], ms.minRangeM, a);
    // Inside the minimum-range sphere: only heights above its upper root (the lower root lies underground).
    if (inner && inner[1] > lo) lo = inner[1];
    return lo <= hi ? [lo, hi] : null;
  }
}

function intersect(a: [number, number] | null, b: [number, number] | null): [number, number] | null {
  if (!a || !b) return null;
  const lo = Math.max(a[0], b[0]);
  const hi = Math.min(a[1], b[1]);
  return lo <= hi ? [lo, hi] : null;
}

function emptyBand(n: number): HeightBand {
  return { lo: new Float64Array(n).fill(NaN), hi: new Float64Array(n).fill(NaN) };
}

/** Range at which radar r reaches `pd` against the threat, capped by its instrumented range. */
function radarReachM(r: VcdRadar, pd: number, threat: VcdThreat): number {
  return r.coversCut === false ? 0 : Math.min(r.instrumentedRangeM, r.model.rangeForPd(pd, vcdRcsM2(r, threat), threat.swerling));
}

/** The radar a diagram is drawn for by default: the one that sees the threat farthest at Pd 0.5. */
export function primaryRadarIndex(radars: readonly VcdRadar[], threat: VcdThreat): number {
  let primary = 0;
  let best = -1;
  radars.forEach((r, i) => {
    const R = radarReachM(r, 0.5, threat);
    if (R > best) {
      best = R;
      primary = i;
    }
  });
  return primary;
}

/**
 * Default ground-range extent of a diagram: 6% beyond the farthest of the missiles' maximum ranges
 * and the primary radar's reach at each Pd level, rounded up to 25 km.
 */
export function defaultVcdGroundRangeM(radars: readonly VcdRadar[], primary: number, missiles: readonly VcdMissile[], pdLevels: readonly number[], threat: VcdThreat): number {
  const reach = Math.max(...missiles.map((m) => m.maxRangeM), ...pdLevels.map((pd) => radarReachM(radars[primary], pd, threat)));
  return Math.ceil((reach * 1.06) / 25e3) * 25e3;
}

/** Samples the vertical coverage diagram. */
export function computeVerticalCoverage(input: VcdInput): VerticalCoverage {
  assertPositive('maxGroundRangeM', input.maxGroundRangeM);
  assertPositive('earthRadiusM', input.earthRadiusM);
  for (const pd of [...input.pdLevels, input.engagementPd]) {
    if (!(pd > 0 && pd < 1)) throw new RangeError(`pd levels must be in (0, 1), got ${pd}`);
  }
  const n = input.samples ?? 3001;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`samples must be an integer ≥ 2, got ${n}`);
  const geo = new VcdGeometry(input);
  const { threat } = input;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = (input.maxGroundRangeM * i) / (n - 1);
  const ground = new Float64Array(n);
  for (let i = 0; i < n; i++) ground[i] = geo.groundAt(s[i]);
  const maskMslM = input.radars.map((_, r) => {
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) m[i] = geo.maskAt(r, s[i]);
    return m;
  });

  const detections: VcdDetection[] = [];
  input.radars.forEach((radar, r) => {
    for (const pd of input.pdLevels) {
      const pdRangeM = radar.model.rangeForPd(pd, vcdRcsM2(radar, threat), threat.swerling);
      const rangeM = radarReachM(radar, pd, threat);
      const band = emptyBand(n);
      for (let i = 0; i < n; i++) {
        const b = geo.detectBand(r, rangeM, s[i]);
        if (b) {
          band.lo[i] = b[0];
          band.hi[i] = b[1];
        }
      }
      detections.push({ radarIndex: r, pd, pdRangeM, rangeM, ...band });
    }
  });

  const engagements: VcdEngagement[] = [];
  const kinematic: VcdEngagement[] = [];
  input.missiles.forEach((ms, m) => {
    const speedOk = threat.speedMps <= ms.maxTargetSpeedMps;
    const radar = input.radars[ms.guidanceRadarIndex];
    const detectM = radarReachM(radar, input.engagementPd, threat);
    const eng = emptyBand(n);
    const kin = emptyBand(n);
    for (let i = 0; i < n; i++) {
      const k = geo.kinematicBand(m, s[i]);
      if (k) {
        kin.lo[i] = k[0];
        kin.hi[i] = k[1];
      }
      if (!speedOk) continue;
      const e = intersect(k, geo.detectBand(ms.guidanceRadarIndex, detectM, s[i]));
      if (e) {
        eng.lo[i] = e[0];
        eng.hi[i] = e[1];
      }
    }
    engagements.push({ missileIndex: m, speedOk, ...eng });
    kinematic.push({ missileIndex: m, speedOk: true, ...kin });
  });

  return { input, groundRangeM: s, groundMslM: ground, siteGroundMslM: geo.siteGroundMslM, maskMslM, detections, engagements, kinematic };
}

/**
 * Farthest ground range (m) at which a target at MSL height `heightM` is covered: detected by
 * radar `radarIndex` at probability `pd` (kind 'detect'), or engaged by missile `missileIndex`
 * (kind 'engage', at the diagram's engagement Pd). 0 when not covered at any range. Solved by a
 * scan of the diagram's samples followed by bisection to 1 m.
 */
export function coveredRangeAtHeightM(
  vc: VerticalCoverage,
  heightM: number,
  what: { kind: 'detect'; radarIndex: number; pd: number } | { kind: 'engage'; missileIndex: number },
): number {
  const input = vc.input;
  const geo = new VcdGeometry(input);
  const { threat } = input;
  let covered: (s: number) => boolean;
  if (what.kind === 'detect') {
    const radar = input.radars[what.radarIndex];
    const rangeM = radarReachM(radar, what.pd, threat);
    covered = (s) => {
      const b = geo.detectBand(what.radarIndex, rangeM, s);
      return b !== null && heightM >= b[0] && heightM <= b[1];
    };
  } else {
    const ms = input.missiles[what.missileIndex];
    if (threat.speedMps > ms.maxTargetSpeedMps) return 0;
    const radar = input.radars[ms.guidanceRadarIndex];
    const detectM = radarReachM(radar, input.engagementPd, threat);
    covered = (s) => {
      const e = intersect(geo.kinematicBand(what.missileIndex, s), geo.detectBand(ms.guidanceRadarIndex, detectM, s));
      return e !== null && heightM >= e[0] && heightM <= e[1];
    };
  }
  const xs = vc.groundRangeM;
  for (let i = xs.length - 1; i >= 0; i--) {
    if (!covered(xs[i])) continue;
    if (i === xs.length - 1) return xs[i];
    let lo = xs[i];
    let hi = xs[i + 1];
    while (hi - lo > 1) {
      const mid = 0.5 * (lo + hi);
      if (covered(mid)) lo = mid;
      else hi = mid;
    }
    return lo;
  }
  return 0;
}

/** Slant range from radar `radarIndex`'s antenna to a point of the diagram, metres. */
export function vcdSlantRangeM(vc: VerticalCoverage, radarIndex: number, groundRangeM: number, heightM: number): number {
  return slantRangeM(groundRangeM, vc.siteGroundMslM + vc.input.radars[radarIndex].antennaAglM, heightM, vc.input.earthRadiusM);
}

/**
 * Blake-chart coordinates of a point at ground range s and MSL height h: the radar's vertical
 * plane with x horizontal and y up from sea level at the site, so rays are straight lines and
 * constant heights curve down with range: x = (a+h)·sin θ, y = (a+h)·cos θ − a, θ = s/a.
 */
export function blakeXY(groundRangeM: number, heightM: number, earthRadiusM: number): [number, number] {
  const theta = groundRangeM / earthRadiusM;
  const r = earthRadiusM + heightM;
  return [r * Math.sin(theta), r * Math.cos(theta) - earthRadiusM];
}
