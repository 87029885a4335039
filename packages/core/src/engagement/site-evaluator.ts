/**
 * The detection and engagement rules for one site against one threat, evaluated per cell or per
 * point without allocation.
 *
 * Detection by radar r: the target is in line of sight (h_t ≥ h_min(cell)), within the radar's
 * effective range R = min(R_instr, R_Pd) in slant range — R_Pd the range at which the target
 * reaches the analysis' single-scan Pd threshold (radar/detection-range.ts; R_ref·(σ/σ_ref)^¼
 * when the threshold is the calibration Pd) — and at or below the radar's maximum altitude.
 * Solved once per (radar, threat): "Pd ≥ threshold" is "slant range ≤ R_Pd", Pd falling with range.
 * Engagement by missile m: its guidance radar detects the target, the slant range lies in
 * [R_min, R_max], the target's height above ground is ≥ the missile's minimum altitude, its MSL
 * altitude ≤ the maximum altitude, and its speed ≤ the missile's maximum target speed.
 * Slant range uses the effective sphere (geo/horizon.ts).
 */
import { slantRangeM } from '../geo/horizon.js';
import { effectiveDetectionRangeM } from '../radar/detection-range.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';

export const DETECTED = 1;
export const ENGAGED = 2;

export class SiteEvaluator {
  readonly radarCount: number;
  /** Antenna height above the site's ground, metres, per radar. */
  readonly antennaAglM: Float64Array;
  private readonly antennaMslM: Float64Array;
  private readonly detectRangeM: Float64Array;
  private readonly radarMaxAltM: Float64Array;
  private readonly missileCount: number;
  private readonly mRadar: Int32Array;
  private readonly mMinRangeM: Float64Array;
  private readonly mMaxRangeM: Float64Array;
  private readonly mMinAltM: Float64Array;
  private readonly mMaxAltM: Float64Array;
  private readonly mSpeedOk: Uint8Array;
  private readonly detected: Uint8Array;
  /** Largest ground range at which any cell could be detected or engaged (for culling). */
  readonly maxReachM: number;

  constructor(
    readonly site: ResolvedSite,
    readonly threat: ThreatParams,
    readonly siteGroundMslM: number,
    readonly earthRadiusM: number,
  ) {
    const nr = site.radars.length;
    this.radarCount = nr;
    this.antennaAglM = new Float64Array(nr);
    this.antennaMslM = new Float64Array(nr);
    this.detectRangeM = new Float64Array(nr);
    this.radarMaxAltM = new Float64Array(nr);
    let reach = 0;
    site.radars.forEach((r, i) => {
      this.antennaAglM[i] = r.antennaHeightM;
      this.antennaMslM[i] = siteGroundMslM + r.antennaHeightM;
      this.detectRangeM[i] = effectiveDetectionRangeM(r, threat.rcsM2, { pd: threat.pdThreshold ?? DEFAULT_PD_THRESHOLD, swerling: threat.swerling ?? 1 });
      this.radarMaxAltM[i] = r.maxAltitudeM;
      reach = Math.max(reach, this.detectRangeM[i]);
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

  /** Effective detection range of radar i against this threat, metres. */
  detectionRangeM(i: number): number {
    return this.detectRangeM[i];
  }

  /**
   * DETECTED | ENGAGED bits for a target at MSL altitude `targetMslM` over ground `groundMslM`, at
   * ground range `rangeM` from the site; `minVisible[r][k]` is radar r's minimum visible MSL
   * height at this cell.
   */
  evaluate(rangeM: number, groundMslM: number, targetMslM: number, minVisible: readonly Float32Array[] | readonly Float64Array[], k: number): number {
    if (!(rangeM <= this.maxReachM)) return 0;
    const targetAglM = targetMslM - groundMslM;
    if (targetAglM < 0) return 0;
    const a = this.earthRadiusM;
    let bits = 0;
    for (let r = 0; r < this.radarCount; r++) {
      let d = 0;
      if (targetMslM >= minVisible[r][k] && targetMslM <= this.radarMaxAltM[r]) {
        if (slantRangeM(rangeM, this.antennaMslM[r], targetMslM, a) <= this.detectRangeM[r]) d = 1;
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
