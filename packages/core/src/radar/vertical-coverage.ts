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
 * Detection and engagement are the engagement rule (engagement/engagement-rule.ts) along the
 * cut's azimuth: line of sight (smooth-earth grazing ray, or the horizon sweep along the terrain
 * profile), ceiling, sector, elevation limit, and slant range ≤ R at each Pd, R the range of
 * SiteEvaluator (radarThreatRangeM at that Pd; burn-through under the jamming present at the
 * cut's azimuth; capped by the instrumented range). No multipath lobing and no elevation beam
 * pattern: the vertical coverage is the free-space detection range cut by the horizon (Blake,
 * Radar Range-Performance Analysis, 1986, ch. 8).
 *
 * Everything is sampled on a ground-range axis; each sample holds the interval [lo, hi] of
 * covered heights (NaN, NaN when none), from the rule's closed-form bands. Heights between
 * samples are for drawing only; the ranges at given heights are solved exactly by bisection on
 * the rule's predicates.
 */
import { elevationAngleRad, heightAtElevationM, minVisibleHeightSmoothM } from '../geo/horizon.js';
import { assertPositive } from '../units/units.js';
import type { RadarDetectionModel } from './snr.js';
import type { SwerlingCase } from './swerling.js';
import type { MissileParams, RadarParams, ThreatParams } from '../scenario/resolve.js';
import { radarThreatRangeM, SiteEvaluator, type JammingInput } from '../engagement/site-evaluator.js';
import { EngagementRule } from '../engagement/engagement-rule.js';

/** A radar of the diagram: its resolved parameters and its detection model (for captions). */
export interface VcdRadar extends RadarParams {
  model: RadarDetectionModel;
}

/** A missile as the diagram needs it: the resolved envelope of scenario/resolve.ts. */
export type VcdMissile = Pick<
  MissileParams,
  'id' | 'name' | 'guidanceRadarIndex' | 'minRangeM' | 'maxRangeM' | 'minAltitudeM' | 'maxAltitudeM' | 'maxTargetSpeedMps'
>;

/** The threat: its resolved parameters (RCS by aspect and band, speed, self-protection jammer), the fluctuation model stated. */
export interface VcdThreat extends ThreatParams {
  swerling: SwerlingCase;
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
  /**
   * Azimuth of the cut, radians clockwise from north: a sector radar sees along it only inside
   * its sector; stand-off jammers on that bearing are in the main lobe. Default: the boresight of
   * the site's sector radars (all-round radars see every azimuth), else north.
   */
  azimuthRad?: number;
  /** The site's position, for the stand-off jammers' ranges and bearings (default 0° E, 0° N). */
  site?: { lonDeg: number; latDeg: number };
  /** Stand-off jammers of the scenario (the threat's own self-protection jammer is in `threat`). */
  jamming?: JammingInput;
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
  /** Slant range at this Pd without jamming and before the instrumented-range cap, metres. */
  pdRangeM: number;
  /** Effective slant range along the cut: min(burn-through range of pdRangeM under the jamming there, instrumented range), metres. */
  rangeM: number;
}

export interface VcdEngagement extends HeightBand {
  missileIndex: number;
  /** False when the threat is faster than the missile's maximum target speed (empty zone). */
  speedOk: boolean;
}

export interface VerticalCoverage {
  input: VcdInput;
  /** Azimuth of the cut, radians (input.azimuthRad or its default). */
  azimuthRad: number;
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

/** Default azimuth of a cut: the boresight of the first sector radar, else north. */
function defaultCutAzimuthRad(radars: readonly Pick<RadarParams, 'sector'>[]): number {
  return radars.find((r) => r.sector)?.sector?.boresightRad ?? 0;
}

/** One diagram's rule along its cut: the site's evaluators by Pd (one engagement rule), and the terrain mask. */
class VcdGeometry {
  readonly siteGroundMslM: number;
  readonly azimuthRad: number;
  private readonly evaluators = new Map<number, SiteEvaluator>();
  private readonly terrainMask: (Float64Array | null)[];

  constructor(readonly input: VcdInput) {
    const t = input.terrain;
    this.siteGroundMslM = t ? t.groundMslM[0] : (input.siteGroundMslM ?? 0);
    this.azimuthRad = input.azimuthRad ?? defaultCutAzimuthRad(input.radars);
    const antennaMslM = this.rule.antennaMslM;
    this.terrainMask = input.radars.map((_, i) => (t ? terrainMaskM(t, antennaMslM[i], input.earthRadiusM) : null));
  }

  /** The site's evaluator with the detection threshold `pd`. */
  private evaluatorAt(pd: number): SiteEvaluator {
    let ev = this.evaluators.get(pd);
    if (!ev) {
      const site = {
        lonDeg: this.input.site?.lonDeg ?? 0,
        latDeg: this.input.site?.latDeg ?? 0,
        radars: [...this.input.radars],
        missiles: [...this.input.missiles],
      };
      ev = new SiteEvaluator(site, { ...this.input.threat, pdThreshold: pd }, this.siteGroundMslM, this.input.earthRadiusM, this.input.jamming);
      this.evaluators.set(pd, ev);
    }
    return ev;
  }

  /** The engagement rule of the site (the same for every Pd). */
  get rule(): SiteEvaluator['rule'] {
    return this.evaluatorAt(this.input.engagementPd).rule;
  }

  /** Radar r's effective slant range at `pd` along the cut (the jamming there, the instrumented cap), metres. */
  rangeAtPdM(r: number, pd: number): number {
    return this.evaluatorAt(pd).detectionRangeAtM(r, this.azimuthRad);
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
    return Math.max(this.siteGroundMslM, minVisibleHeightSmoothM(s, this.rule.antennaMslM[radar], this.input.earthRadiusM));
  }
}

function emptyBand(n: number): HeightBand {
  return { lo: new Float64Array(n).fill(NaN), hi: new Float64Array(n).fill(NaN) };
}

/** Range at which radar r reaches `pd` against the threat without jamming, capped by its instrumented range. */
function radarReachM(r: VcdRadar, pd: number, threat: VcdThreat): number {
  return Math.min(r.instrumentedRangeM, radarThreatRangeM(r, { ...threat, pdThreshold: pd }));
}

/** The radar a diagram is drawn for by default: the one that sees the threat farthest at Pd 0.5 (among those covering `azimuthRad`, when given). */
export function primaryRadarIndex(radars: readonly VcdRadar[], threat: VcdThreat, azimuthRad?: number): number {
  const rule = new EngagementRule(radars, [], threat.speedMps, 0, 1);
  let primary = 0;
  let best = -1;
  radars.forEach((r, i) => {
    const R = azimuthRad === undefined || rule.inSector(i, azimuthRad) ? radarReachM(r, 0.5, threat) : 0;
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
export function defaultVcdGroundRangeM(
  radars: readonly VcdRadar[],
  primary: number,
  missiles: readonly VcdMissile[],
  pdLevels: readonly number[],
  threat: VcdThreat,
): number {
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
  const rule = geo.rule;
  const az = geo.azimuthRad;
  const s = new Float64Array(n);
  for (let i = 0; i < n; i++) s[i] = (input.maxGroundRangeM * i) / (n - 1);
  const ground = new Float64Array(n);
  for (let i = 0; i < n; i++) ground[i] = geo.groundAt(s[i]);
  const maskMslM = input.radars.map((_, r) => {
    const m = new Float64Array(n);
    for (let i = 0; i < n; i++) m[i] = geo.maskAt(r, s[i]);
    return m;
  });
  const b = new Float64Array(2);
  const e = new Float64Array(2);

  const detections: VcdDetection[] = [];
  input.radars.forEach((radar, r) => {
    for (const pd of input.pdLevels) {
      const pdRangeM = radarThreatRangeM(radar, { ...input.threat, pdThreshold: pd });
      const rangeM = geo.rangeAtPdM(r, pd);
      const band = emptyBand(n);
      for (let i = 0; i < n; i++) {
        if (rule.detectBand(r, s[i], az, maskMslM[r][i], rangeM, b)) {
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
    const speedOk = rule.speedOk(m);
    const g = ms.guidanceRadarIndex;
    const detectM = geo.rangeAtPdM(g, input.engagementPd);
    const eng = emptyBand(n);
    const kin = emptyBand(n);
    for (let i = 0; i < n; i++) {
      if (!rule.envelopeBand(m, s[i], ground[i], e)) continue;
      kin.lo[i] = e[0];
      kin.hi[i] = e[1];
      if (!speedOk || !rule.detectBand(g, s[i], az, maskMslM[g][i], detectM, b)) continue;
      const lo = Math.max(e[0], b[0]);
      const hi = Math.min(e[1], b[1]);
      if (lo <= hi) {
        eng.lo[i] = lo;
        eng.hi[i] = hi;
      }
    }
    engagements.push({ missileIndex: m, speedOk, ...eng });
    kinematic.push({ missileIndex: m, speedOk: true, ...kin });
  });

  return { input, azimuthRad: az, groundRangeM: s, groundMslM: ground, siteGroundMslM: geo.siteGroundMslM, maskMslM, detections, engagements, kinematic };
}

/**
 * Farthest ground range (m) at which a target at MSL height `heightM` is covered along the cut:
 * detected by radar `radarIndex` at probability `pd` (kind 'detect'), or engaged by missile
 * `missileIndex` (kind 'engage', at the diagram's engagement Pd), by the engagement rule's
 * predicates. 0 when not covered at any range. Solved by a scan of the diagram's samples followed
 * by bisection to 1 m.
 */
export function coveredRangeAtHeightM(
  vc: VerticalCoverage,
  heightM: number,
  what: { kind: 'detect'; radarIndex: number; pd: number } | { kind: 'engage'; missileIndex: number },
): number {
  const geo = new VcdGeometry(vc.input);
  const rule = geo.rule;
  const az = geo.azimuthRad;
  let covered: (s: number) => boolean;
  if (what.kind === 'detect') {
    const r = what.radarIndex;
    const rangeM = geo.rangeAtPdM(r, what.pd);
    covered = (s) => rule.detects(r, s, az, heightM, geo.maskAt(r, s), rangeM);
  } else {
    const m = what.missileIndex;
    const g = rule.guidanceRadar[m];
    const detectM = geo.rangeAtPdM(g, vc.input.engagementPd);
    covered = (s) => rule.engages(m, s, az, heightM, heightM - geo.groundAt(s), geo.maskAt(g, s), detectM);
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
