/**
 * The engagement rule: whether radar r of a site detects, and missile m of the site can engage, a
 * target at ground range s, azimuth az and MSL height h. This file is the only statement of it;
 * the coverage maps and places (engagement/site-evaluator.ts), the vertical coverage diagram
 * (radar/vertical-coverage.ts), the explanation (explain/explain-site.ts) and the raid simulation
 * (sim/prepare.ts) call it.
 *
 * Radar r sees the target when all hold (docs/models/sectors.md, horizon.md):
 *   h ≥ h_vis,r                 line of sight: the terrain or smooth-earth minimum visible height
 *   h ≤ h_max,r                 the radar's ceiling
 *   |az − β₀| ≤ w_r             sector radars only (β₀ the boresight, w the half-width)
 *   E(s, h) ≤ E_max,r           elevation limit: sin E = ((a+h)·cos θ − (a+h_r)) / r,  θ = s/a
 * and it detects the target when, besides, the slant range
 *   r(s, h) = √((a+h_r)² + (a+h)² − 2(a+h_r)(a+h)·cos θ)  ≤  R
 * with R the range at which the target reaches the analysis' single-scan Pd threshold under the
 * jamming present, capped by the instrumented range (SiteEvaluator, radarThreatRangeM). The
 * simulation asks instead Pd(r) ≥ Pd* of each scan, the same set since Pd falls with range.
 *
 * Missile m can engage when its guidance radar g detects the target (at the engagement Pd) and
 *   v ≤ v_max,m                 target speed
 *   h − z ≥ h_min,m             height above the ground z under the target
 *   h ≤ h_max,m                 MSL height
 *   R_min,m ≤ r_g(s, h) ≤ R_max,m   slant range from g's antenna
 * (docs/models/engagement.md). Fire-unit channels, launchers and time of flight belong to the
 * simulation, not to "can engage".
 *
 * Geometry on the effective sphere a = k·R (geo/horizon.ts); the antenna stands at the site's
 * ground MSL + its height. The predicates are allocation-free (typed arrays, no closures) for the
 * per-cell loops; the span and band solvers below give the same sets in closed form for the
 * diagram and the explanation, and are tested against the predicates.
 */
import { elevationAngleRad, heightAtElevationM, radarHorizonExactM, slantRangeM } from '../geo/horizon.js';
import { withinAzimuth } from '../radar/jamming.js';
import type { MissileParams } from '../scenario/resolve.js';

/** What the rule needs of a radar (scenario/resolve.ts RadarParams). */
export interface RuleRadar {
  /** Antenna height above the site's ground, metres. */
  antennaHeightM: number;
  /** Highest target altitude (MSL) covered, metres. */
  maxAltitudeM: number;
  /** Azimuth sector; undefined = all-round. */
  sector?: { boresightRad: number; halfWidthRad: number };
  /** Highest elevation covered, radians; undefined = no limit. */
  maxElevationRad?: number;
}

/** What the rule needs of a missile (scenario/resolve.ts MissileParams). */
export type RuleMissile = Pick<MissileParams, 'guidanceRadarIndex' | 'minRangeM' | 'maxRangeM' | 'minAltitudeM' | 'maxAltitudeM' | 'maxTargetSpeedMps'>;

/** Ground range (m) at which MSL height h lies at slant range R from an antenna at MSL height h_r: a·acos(((a+h_r)² + (a+h)² − R²)/(2(a+h_r)(a+h))); 0 when R ≤ |h − h_r|. */
export function groundRangeAtSlantM(heightM: number, antennaMslM: number, slantM: number, earthRadiusM: number): number {
  const ra = earthRadiusM + antennaMslM;
  const rt = earthRadiusM + heightM;
  const c = (ra * ra + rt * rt - slantM * slantM) / (2 * ra * rt);
  if (c >= 1) return 0;
  return earthRadiusM * Math.acos(Math.max(-1, c));
}

/**
 * Ground range (m) at which a ray from an antenna at MSL height h_r at elevation E reaches MSL
 * height h: in the triangle centre–antenna–target the angle at the antenna is π/2 + E, so by the
 * sine rule sin β = (a+h_r)·cos E / (a+h) at the target and θ = π/2 − E − β. 0 when the ray is
 * already above h at the antenna (h ≤ h_r with E ≥ 0, or no such point).
 */
export function groundRangeAtElevationM(heightM: number, elevationRad: number, antennaMslM: number, earthRadiusM: number): number {
  const ra = earthRadiusM + antennaMslM;
  const rt = earthRadiusM + heightM;
  if (rt <= ra) return 0;
  const beta = Math.asin(Math.min(1, (ra * Math.cos(elevationRad)) / rt));
  return Math.max(0, earthRadiusM * (Math.PI / 2 - elevationRad - beta));
}

export class EngagementRule {
  readonly radarCount: number;
  readonly missileCount: number;
  /** Antenna height above the site's ground, metres, per radar. */
  readonly antennaAglM: Float64Array;
  /** Antenna MSL height (site ground + antenna height), metres, per radar. */
  readonly antennaMslM: Float64Array;
  /** Index of each missile's guidance radar. */
  readonly guidanceRadar: Int32Array;
  private readonly ceilingM: Float64Array;
  private readonly sectorBoreRad: Float64Array;
  /** NaN for an all-round radar. */
  private readonly sectorHalfRad: Float64Array;
  /** +Infinity without an elevation limit. */
  private readonly maxElevRad: Float64Array;
  private readonly mMinRangeM: Float64Array;
  private readonly mMaxRangeM: Float64Array;
  private readonly mMinAltM: Float64Array;
  private readonly mMaxAltM: Float64Array;
  private readonly mSpeedOk: Uint8Array;

  /**
   * @param targetSpeedMps - the threat's speed (for the missiles' speed limits)
   * @param siteGroundMslM - ground height under the site, metres MSL (0 on the smooth earth)
   * @param earthRadiusM - effective earth radius a = k·R
   */
  constructor(
    radars: readonly RuleRadar[],
    missiles: readonly RuleMissile[],
    targetSpeedMps: number,
    readonly siteGroundMslM: number,
    readonly earthRadiusM: number,
  ) {
    const nr = radars.length;
    this.radarCount = nr;
    this.antennaAglM = new Float64Array(nr);
    this.antennaMslM = new Float64Array(nr);
    this.ceilingM = new Float64Array(nr);
    this.sectorBoreRad = new Float64Array(nr);
    this.sectorHalfRad = new Float64Array(nr).fill(NaN);
    this.maxElevRad = new Float64Array(nr).fill(Infinity);
    for (let i = 0; i < nr; i++) {
      const r = radars[i];
      this.antennaAglM[i] = r.antennaHeightM;
      this.antennaMslM[i] = siteGroundMslM + r.antennaHeightM;
      this.ceilingM[i] = r.maxAltitudeM;
      if (r.sector) {
        this.sectorBoreRad[i] = r.sector.boresightRad;
        this.sectorHalfRad[i] = r.sector.halfWidthRad;
      }
      if (r.maxElevationRad !== undefined) this.maxElevRad[i] = r.maxElevationRad;
    }
    const nm = missiles.length;
    this.missileCount = nm;
    this.guidanceRadar = new Int32Array(nm);
    this.mMinRangeM = new Float64Array(nm);
    this.mMaxRangeM = new Float64Array(nm);
    this.mMinAltM = new Float64Array(nm);
    this.mMaxAltM = new Float64Array(nm);
    this.mSpeedOk = new Uint8Array(nm);
    for (let i = 0; i < nm; i++) {
      const m = missiles[i];
      if (!(m.guidanceRadarIndex >= 0 && m.guidanceRadarIndex < nr))
        throw new RangeError(`missile ${i}: guidance radar index ${m.guidanceRadarIndex} not in [0, ${nr})`);
      this.guidanceRadar[i] = m.guidanceRadarIndex;
      this.mMinRangeM[i] = m.minRangeM;
      this.mMaxRangeM[i] = m.maxRangeM;
      this.mMinAltM[i] = m.minAltitudeM;
      this.mMaxAltM[i] = m.maxAltitudeM;
      this.mSpeedOk[i] = targetSpeedMps <= m.maxTargetSpeedMps ? 1 : 0;
    }
  }

  /** Whether azimuth `azimuthRad` lies in radar r's sector (always, for an all-round radar). */
  inSector(r: number, azimuthRad: number): boolean {
    const half = this.sectorHalfRad[r];
    return half !== half || withinAzimuth(azimuthRad, this.sectorBoreRad[r], half);
  }

  /** Radar r's ceiling (MSL), metres. */
  ceilingMslM(r: number): number {
    return this.ceilingM[r];
  }

  /** Radar r's elevation limit, radians (+Infinity without one). */
  maxElevationRad(r: number): number {
    return this.maxElevRad[r];
  }

  /** Slant range from radar r's antenna to MSL height `targetMslM` at ground range `groundRangeM`, metres. */
  slantM(r: number, groundRangeM: number, targetMslM: number): number {
    return slantRangeM(groundRangeM, this.antennaMslM[r], targetMslM, this.earthRadiusM);
  }

  /**
   * Radar r sees the target: in line of sight (`targetMslM` ≥ `minVisibleMslM`), at or below its
   * ceiling, inside its sector and at or below its elevation limit. Range is not tested here.
   */
  sees(r: number, groundRangeM: number, azimuthRad: number, targetMslM: number, minVisibleMslM: number): boolean {
    if (!(targetMslM >= minVisibleMslM) || targetMslM > this.ceilingM[r]) return false;
    const half = this.sectorHalfRad[r];
    if (half === half && !withinAzimuth(azimuthRad, this.sectorBoreRad[r], half)) return false;
    const eMax = this.maxElevRad[r];
    return eMax === Infinity || elevationAngleRad(groundRangeM, this.antennaMslM[r], targetMslM, this.earthRadiusM) <= eMax;
  }

  /**
   * The part of `sees` that needs no line of sight: ceiling, sector and elevation limit (callers
   * whose line of sight is costly test this first).
   */
  withinLimits(r: number, groundRangeM: number, azimuthRad: number, targetMslM: number): boolean {
    return this.sees(r, groundRangeM, azimuthRad, targetMslM, -Infinity);
  }

  /** Radar r detects the target: it sees it and the slant range is ≤ `rangeM` (its range at the Pd threshold there). */
  detects(r: number, groundRangeM: number, azimuthRad: number, targetMslM: number, minVisibleMslM: number, rangeM: number): boolean {
    return this.sees(r, groundRangeM, azimuthRad, targetMslM, minVisibleMslM) && this.slantM(r, groundRangeM, targetMslM) <= rangeM;
  }

  /** The threat is no faster than missile m's maximum target speed. */
  speedOk(m: number): boolean {
    return this.mSpeedOk[m] === 1;
  }

  /**
   * Missile m's envelope holds: height above ground ≥ its minimum altitude, MSL height ≤ its
   * maximum, slant range from its guidance radar in [R_min, R_max]. Speed and the guidance radar's
   * detection are separate (`speedOk`, `detects`; both in `engages`).
   */
  inEnvelope(m: number, groundRangeM: number, targetMslM: number, targetAglM: number): boolean {
    if (targetAglM < this.mMinAltM[m] || targetMslM > this.mMaxAltM[m]) return false;
    const slant = this.slantM(this.guidanceRadar[m], groundRangeM, targetMslM);
    return slant >= this.mMinRangeM[m] && slant <= this.mMaxRangeM[m];
  }

  /**
   * Missile m can engage: the speed limit, its guidance radar detects within `guidanceRangeM`
   * (the guidance radar's range at the engagement Pd there) and the envelope holds.
   * `guidanceMinVisibleMslM` is the guidance radar's minimum visible height over the target.
   */
  engages(
    m: number,
    groundRangeM: number,
    azimuthRad: number,
    targetMslM: number,
    targetAglM: number,
    guidanceMinVisibleMslM: number,
    guidanceRangeM: number,
  ): boolean {
    return (
      this.mSpeedOk[m] === 1 &&
      this.detects(this.guidanceRadar[m], groundRangeM, azimuthRad, targetMslM, guidanceMinVisibleMslM, guidanceRangeM) &&
      this.inEnvelope(m, groundRangeM, targetMslM, targetAglM)
    );
  }

  // ————— The same sets in closed form —————

  /**
   * Heights radar r detects at ground range s along azimuth az within slant range `rangeM`, with
   * `maskMslM` the lowest visible height there: writes [lo, hi] (MSL) to `out` and returns true,
   * or returns false when there are none. lo = max(mask, lower root of r = R); hi = min(ceiling,
   * upper root, height of the E_max ray).
   */
  detectBand(r: number, groundRangeM: number, azimuthRad: number, maskMslM: number, rangeM: number, out: Float64Array): boolean {
    if (!this.inSector(r, azimuthRad)) return false;
    if (!slantBand(groundRangeM, this.antennaMslM[r], rangeM, this.earthRadiusM, out)) return false;
    const lo = out[0] > maskMslM ? out[0] : maskMslM;
    let hi = out[1] < this.ceilingM[r] ? out[1] : this.ceilingM[r];
    const eMax = this.maxElevRad[r];
    if (eMax !== Infinity) {
      const top = heightAtElevationM(groundRangeM, eMax, this.antennaMslM[r], this.earthRadiusM);
      if (top < hi) hi = top;
    }
    if (!(lo <= hi)) return false;
    out[0] = lo;
    out[1] = hi;
    return true;
  }

  /**
   * Heights in missile m's envelope at ground range s (ground `groundMslM` there): writes [lo, hi]
   * to `out` and returns true, or false when none. Inside the minimum-range sphere only the part
   * above it is kept: the part below lies within metres of R_min under the antenna height, below
   * any missile's minimum altitude in the catalog. Speed is not tested (`speedOk`).
   */
  envelopeBand(m: number, groundRangeM: number, groundMslM: number, out: Float64Array): boolean {
    const g = this.guidanceRadar[m];
    const a = this.earthRadiusM;
    if (!slantBand(groundRangeM, this.antennaMslM[g], this.mMaxRangeM[m], a, out)) return false;
    let lo = Math.max(out[0], groundMslM + this.mMinAltM[m]);
    const hi = Math.min(out[1], this.mMaxAltM[m]);
    if (slantBand(groundRangeM, this.antennaMslM[g], this.mMinRangeM[m], a, out) && out[1] > lo) lo = out[1];
    if (!(lo <= hi)) return false;
    out[0] = lo;
    out[1] = hi;
    return true;
  }

  /**
   * On the smooth earth (the ground at the site's height everywhere), the ground ranges
   * [near, far] (metres, written to `out`) at which radar r detects a target at MSL height h
   * along azimuth az within slant range `rangeM`; false if none. The slant range and the
   * horizon grow with s and the elevation falls, so the set is one interval:
   *   far = min(s(R), s_H),  s_H = a·(acos(a/(a+h_r)) + acos(a/(a+h)))   (geo/horizon.ts)
   *   near = the ground range where the E_max ray reaches h (0 without a limit)
   * with h_r the antenna's MSL height, h ≥ 0 and ≥ the site's ground, h ≤ the ceiling, |h − h_r| ≤ R.
   */
  smoothDetectSpan(r: number, targetMslM: number, azimuthRad: number, rangeM: number, out: Float64Array): boolean {
    const a = this.earthRadiusM;
    const ha = this.antennaMslM[r];
    if (!this.inSector(r, azimuthRad) || targetMslM > this.ceilingM[r] || targetMslM < 0 || targetMslM < this.siteGroundMslM) return false;
    if (Math.abs(targetMslM - ha) > rangeM) return false;
    const far = Math.min(groundRangeAtSlantM(targetMslM, ha, rangeM, a), radarHorizonExactM(ha, targetMslM, a));
    const eMax = this.maxElevRad[r];
    const near = eMax === Infinity ? 0 : groundRangeAtElevationM(targetMslM, eMax, ha, a);
    if (!(near <= far)) return false;
    out[0] = near;
    out[1] = far;
    return true;
  }

  /**
   * On the smooth earth, the ground ranges [near, far] at which missile m engages a target at MSL
   * height h along azimuth az, its guidance radar detecting within `guidanceRangeM`; false if
   * none: the guidance radar's detection span ∩ [s(R_min), s(R_max)] when the speed and altitude
   * limits hold (s(R_min) = 0 when R_min ≤ |h − h_r|).
   */
  smoothEngageSpan(m: number, targetMslM: number, azimuthRad: number, guidanceRangeM: number, out: Float64Array): boolean {
    if (this.mSpeedOk[m] !== 1) return false;
    if (targetMslM - this.siteGroundMslM < this.mMinAltM[m] || targetMslM > this.mMaxAltM[m]) return false;
    const g = this.guidanceRadar[m];
    const a = this.earthRadiusM;
    const ha = this.antennaMslM[g];
    if (Math.abs(targetMslM - ha) > this.mMaxRangeM[m]) return false;
    if (!this.smoothDetectSpan(g, targetMslM, azimuthRad, guidanceRangeM, out)) return false;
    const near = Math.max(out[0], groundRangeAtSlantM(targetMslM, ha, this.mMinRangeM[m], a));
    const far = Math.min(out[1], groundRangeAtSlantM(targetMslM, ha, this.mMaxRangeM[m], a));
    if (!(near <= far)) return false;
    out[0] = near;
    out[1] = far;
    return true;
  }
}

/**
 * Heights h (MSL) at ground range s within slant range R of an antenna at MSL height h_a: the
 * roots a + h = (a+h_a)·cos θ ± √(R² − (a+h_a)²·sin²θ), θ = s/a, written to out as [lo, hi];
 * false when the sphere of radius R does not reach ground range s.
 */
export function slantBand(groundRangeM: number, antennaMslM: number, slantM: number, earthRadiusM: number, out: Float64Array): boolean {
  const a = earthRadiusM;
  const ra = a + antennaMslM;
  const theta = groundRangeM / a;
  const sin = Math.sin(theta);
  const disc = slantM * slantM - ra * ra * sin * sin;
  if (disc < 0) return false;
  const root = Math.sqrt(disc);
  const c = ra * Math.cos(theta);
  out[0] = c - root - a;
  out[1] = c + root - a;
  return true;
}
