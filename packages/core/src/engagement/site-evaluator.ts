/**
 * The detection and engagement rules for one site against one threat, evaluated per cell or per
 * point without allocation. This is the one place the rule lives: coverage layers, places,
 * explanations and the workbench call it.
 *
 * Detection by radar r: the target is in line of sight (h_t ≥ h_min(cell)), inside the radar's
 * azimuth sector (|az − boresight| ≤ half-width, sector radars only) and below its elevation
 * limit, at or below its maximum altitude, and within its effective range in slant range:
 *
 *   R = min(R_instr, R_bt),  R_bt = burn-through range of R_Pd under the jamming present
 *
 * R_Pd is the range at which the target reaches the analysis' single-scan Pd threshold against
 * the RCS at the radar's band and the assumed aspect (radar/detection-range.ts, radar/aspect.ts;
 * R_ref·(σ_band/σ_ref)^¼ at the calibration Pd). Jamming (radar/jamming.ts): stand-off jammers
 * add J/N = ERP·G_r(θ)·λ²/((4π)²R_j²kT₀FB_j) — main-lobe gain when the jammer's azimuth is within
 * half a beamwidth of the target's, sidelobe gain otherwise — and a self-protection jammer adds
 * J/N = K/R² in the main lobe; R_bt solves R⁴(1 + J_soj/N) + K·R² = R_Pd⁴. Jammers are seen over
 * the smooth 4/3 earth and only jam radars in their bands.
 * Solved once per (radar, threat, jammer main-lobe pattern): "Pd ≥ threshold" is "slant range ≤ R".
 *
 * Engagement by missile m: its guidance radar detects the target, the slant range lies in
 * [R_min, R_max], the target's height above ground is ≥ the missile's minimum altitude, its MSL
 * altitude ≤ the maximum altitude, and its speed ≤ the missile's maximum target speed.
 * Slant range and elevation use the effective sphere (geo/horizon.ts).
 */
import { elevationAngleRad, slantRangeM } from '../geo/horizon.js';
import { FRONT, rcsAtM2 } from '../radar/aspect.js';
import { pdDetectionRangeM } from '../radar/detection-range.js';
import { actingJammers, burnThroughRangeM, jammerToNoiseAtUnitRange, withinAzimuth } from '../radar/jamming.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import type { RadarParams, ResolvedJammer, ResolvedSite, ThreatParams } from '../scenario/resolve.js';

export const DETECTED = 1;
export const ENGAGED = 2;

/** At most this many stand-off jammers act on one radar (2^n main-lobe patterns are tabulated). */
export const MAX_STAND_OFF_JAMMERS = 8;

/** What jamming does to one radar against one threat: detection ranges, metres. */
export interface RadarJamming {
  radarId: string;
  /** R without jamming (capped by the instrumented range). */
  unjammedM: number;
  /** With every stand-off jammer in the sidelobes (the target away from the jammers' bearings). */
  standOffSidelobeM: number;
  /** With every stand-off jammer in the main lobe (the target on the jammers' bearing). */
  standOffMainlobeM: number;
  /** Burn-through range against the target's own self-protection jammer (no stand-off jamming). */
  selfProtectionM: number;
  /** Stand-off jammers that act on this radar (in its band and above its horizon). */
  jammers: string[];
}

export interface JammingInput {
  standOff: readonly ResolvedJammer[];
}

export class SiteEvaluator {
  readonly radarCount: number;
  /** Antenna height above the site's ground, metres, per radar. */
  readonly antennaAglM: Float64Array;
  private readonly antennaMslM: Float64Array;
  /** Per radar, 2^nJ detection ranges by main-lobe pattern of the acting stand-off jammers. */
  private readonly rangeByMaskM: Float64Array;
  private readonly maskStride: number;
  /** Per radar: azimuths of its acting jammers and half its beamwidth. */
  private readonly jammerAzRad: Float64Array;
  private readonly jammerCount: Int32Array;
  private readonly halfBeamRad: Float64Array;
  private readonly sectorBoreRad: Float64Array;
  /** NaN when the radar is all-round. */
  private readonly sectorHalfRad: Float64Array;
  /** +Infinity when the radar has no elevation limit. */
  private readonly maxElevRad: Float64Array;
  private readonly radarMaxAltM: Float64Array;
  private readonly missileCount: number;
  private readonly mRadar: Int32Array;
  private readonly mMinRangeM: Float64Array;
  private readonly mMaxRangeM: Float64Array;
  private readonly mMinAltM: Float64Array;
  private readonly mMaxAltM: Float64Array;
  private readonly mSpeedOk: Uint8Array;
  private readonly detected: Uint8Array;
  private readonly jamming: RadarJamming[];
  /** Largest ground range at which any cell could be detected or engaged (for culling). */
  readonly maxReachM: number;

  constructor(
    readonly site: ResolvedSite,
    readonly threat: ThreatParams,
    readonly siteGroundMslM: number,
    readonly earthRadiusM: number,
    jamming?: JammingInput,
  ) {
    const nr = site.radars.length;
    const standOff = jamming?.standOff ?? [];
    if (standOff.length > MAX_STAND_OFF_JAMMERS) throw new RangeError(`at most ${MAX_STAND_OFF_JAMMERS} stand-off jammers, got ${standOff.length}`);
    this.radarCount = nr;
    this.antennaAglM = new Float64Array(nr);
    this.antennaMslM = new Float64Array(nr);
    this.maskStride = 1 << standOff.length;
    this.rangeByMaskM = new Float64Array(nr * this.maskStride);
    this.jammerAzRad = new Float64Array(nr * Math.max(1, standOff.length));
    this.jammerCount = new Int32Array(nr);
    this.halfBeamRad = new Float64Array(nr);
    this.sectorBoreRad = new Float64Array(nr);
    this.sectorHalfRad = new Float64Array(nr).fill(NaN);
    this.maxElevRad = new Float64Array(nr).fill(Infinity);
    this.radarMaxAltM = new Float64Array(nr);
    this.jamming = [];
    let reach = 0;
    site.radars.forEach((r, i) => {
      this.antennaAglM[i] = r.antennaHeightM;
      this.antennaMslM[i] = siteGroundMslM + r.antennaHeightM;
      this.radarMaxAltM[i] = r.maxAltitudeM;
      this.halfBeamRad[i] = r.receiver.beamwidthRad / 2;
      if (r.sector) {
        this.sectorBoreRad[i] = r.sector.boresightRad;
        this.sectorHalfRad[i] = r.sector.halfWidthRad;
      }
      if (r.maxElevationRad !== undefined) this.maxElevRad[i] = r.maxElevationRad;
      const r0 = radarThreatRangeM(r, threat);
      const kSelf = selfProtectionK(r, threat);
      const acting = actingJammers(site.lonDeg, site.latDeg, this.antennaMslM[i], r.band, r.receiver, standOff, earthRadiusM);
      this.jammerCount[i] = acting.length;
      acting.forEach((a, ai) => (this.jammerAzRad[i * Math.max(1, standOff.length) + ai] = a.azimuthRad));
      const cap = r.instrumentedRangeM;
      for (let mask = 0; mask < this.maskStride; mask++) {
        let jn = 0;
        for (let ai = 0; ai < acting.length; ai++) jn += mask & (1 << ai) ? acting[ai].mainJn : acting[ai].sideJn;
        this.rangeByMaskM[i * this.maskStride + mask] = Math.min(cap, burnThroughRangeM(r0, jn, kSelf));
      }
      const allMain = (1 << acting.length) - 1;
      this.jamming.push({
        radarId: r.id,
        unjammedM: Math.min(cap, r0),
        standOffSidelobeM: Math.min(cap, burnThroughRangeM(r0, acting.reduce((s, a) => s + a.sideJn, 0), 0)),
        standOffMainlobeM: Math.min(cap, burnThroughRangeM(r0, acting.reduce((s, a) => s + a.mainJn, 0), 0)),
        selfProtectionM: Math.min(cap, burnThroughRangeM(r0, 0, kSelf)),
        jammers: acting.map((a) => a.id),
      });
      // Reach: the largest range over the patterns (pattern 0 with no jammers is the unjammed range).
      let best = 0;
      for (let mask = 0; mask <= allMain; mask++) best = Math.max(best, this.rangeByMaskM[i * this.maskStride + mask]);
      reach = Math.max(reach, best);
    });
    const nm = site.missiles.length;
    this.missileCount = nm;
    this.mRadar = new Int32Array(nm);
    this.mMinRangeM = new Float64Array(nm);
    this.mMaxRangeM = new Float64Array(nm);
    this.mMinAltM = new Float64Array(nm);
    this.mMaxAltM = new Float64Array(nm);
    this.mSpeedOk = new Uint8Array(nm);
    site.missiles.forEach((m, i) => {
      this.mRadar[i] = m.guidanceRadarIndex;
      this.mMinRangeM[i] = m.minRangeM;
      this.mMaxRangeM[i] = m.maxRangeM;
      this.mMinAltM[i] = m.minAltitudeM;
      this.mMaxAltM[i] = m.maxAltitudeM;
      this.mSpeedOk[i] = threat.speedMps <= m.maxTargetSpeedMps ? 1 : 0;
    });
    this.detected = new Uint8Array(nr);
    // A chord is shorter than its arc by < 0.1% at these ranges; 1% margin is ample.
    this.maxReachM = reach * 1.01;
  }

  /** Effective detection range of radar i against this threat without stand-off jamming in its main lobe, metres. */
  detectionRangeM(i: number): number {
    return this.rangeByMaskM[i * this.maskStride];
  }

  /** Whether azimuth `azimuthRad` lies in radar i's sector (always, for an all-round radar). */
  inSector(i: number, azimuthRad: number): boolean {
    const half = this.sectorHalfRad[i];
    return half !== half || withinAzimuth(azimuthRad, this.sectorBoreRad[i], half);
  }

  /** What jamming does to each radar against this threat (burn-through ranges). */
  jammingSummary(): readonly RadarJamming[] {
    return this.jamming;
  }

  /**
   * DETECTED | ENGAGED bits for a target at MSL altitude `targetMslM` over ground `groundMslM`, at
   * ground range `rangeM` and azimuth `azimuthRad` from the site; `minVisible[r][k]` is radar r's
   * minimum visible MSL height at this cell.
   */
  evaluate(rangeM: number, azimuthRad: number, groundMslM: number, targetMslM: number, minVisible: readonly Float32Array[] | readonly Float64Array[], k: number): number {
    if (!(rangeM <= this.maxReachM)) return 0;
    const targetAglM = targetMslM - groundMslM;
    if (targetAglM < 0) return 0;
    const a = this.earthRadiusM;
    const js = this.jammerAzRad.length / this.radarCount;
    let bits = 0;
    for (let r = 0; r < this.radarCount; r++) {
      let d = 0;
      const half = this.sectorHalfRad[r];
      if (
        targetMslM >= minVisible[r][k] &&
        targetMslM <= this.radarMaxAltM[r] &&
        (half !== half || withinAzimuth(azimuthRad, this.sectorBoreRad[r], half)) &&
        (this.maxElevRad[r] === Infinity || elevationAngleRad(rangeM, this.antennaMslM[r], targetMslM, a) <= this.maxElevRad[r])
      ) {
        let mask = 0;
        const nj = this.jammerCount[r];
        for (let j = 0; j < nj; j++) if (withinAzimuth(azimuthRad, this.jammerAzRad[r * js + j], this.halfBeamRad[r])) mask |= 1 << j;
        if (slantRangeM(rangeM, this.antennaMslM[r], targetMslM, a) <= this.rangeByMaskM[r * this.maskStride + mask]) d = 1;
      }
      this.detected[r] = d;
      if (d) bits = DETECTED;
    }
    if (bits === 0) return 0;
    for (let m = 0; m < this.missileCount; m++) {
      const r = this.mRadar[m];
      if (!this.detected[r] || !this.mSpeedOk[m]) continue;
      if (targetAglM < this.mMinAltM[m] || targetMslM > this.mMaxAltM[m]) continue;
      const slant = slantRangeM(rangeM, this.antennaMslM[r], targetMslM, a);
      if (slant >= this.mMinRangeM[m] && slant <= this.mMaxRangeM[m]) return DETECTED | ENGAGED;
    }
    return bits;
  }
}

/**
 * The unjammed range (m, not capped by the instrumented range) at which radar `r` reaches the
 * threat's Pd threshold against the threat's RCS at the radar's band and the assumed aspect.
 */
export function radarThreatRangeM(r: RadarParams, threat: ThreatParams): number {
  const rcs = rcsAtM2(threat.rcsM2, r.band, threat.aspect ?? FRONT);
  return pdDetectionRangeM(r, rcs, { pd: threat.pdThreshold ?? DEFAULT_PD_THRESHOLD, swerling: threat.swerling ?? 1 });
}

/** K = (J/N)·R² (m²) of the threat's self-protection jammer against radar `r` (0 without one, or outside its bands). */
export function selfProtectionK(r: RadarParams, threat: ThreatParams): number {
  const spj = threat.selfProtection;
  if (!spj || !spj.bands.includes(r.band)) return 0;
  return jammerToNoiseAtUnitRange(spj, r.receiver, r.receiver.gainLinear);
}
