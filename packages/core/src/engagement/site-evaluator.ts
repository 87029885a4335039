/**
 * The engagement rule (engagement/engagement-rule.ts) for one site against one threat, with each
 * radar's detection range at the analysis' Pd threshold under the jamming present, evaluated per
 * cell or per point without allocation: the coverage layers, places, minimum detectable altitude,
 * the vertical coverage diagram and the explanation use it.
 *
 * Radar r's range R = min(R_instr, R_bt), R_bt the burn-through range of R_Pd under the jamming
 * present. R_Pd is the range at which the target reaches the analysis' single-scan Pd threshold
 * against the RCS at the radar's band and the assumed aspect (radarThreatRangeM;
 * radar/detection-range.ts, radar/aspect.ts). Jamming (radar/jamming.ts): stand-off jammers add
 * J/N = ERP·G_r(θ)·λ²/((4π)²R_j²kT₀FB_j) — main-lobe gain when the jammer's azimuth is within
 * half a beamwidth of the target's, sidelobe gain otherwise — and a self-protection jammer adds
 * J/N = K/R² in the main lobe; R_bt solves R⁴(1 + J_soj/N) + K·R² = R_Pd⁴. Jammers are seen over
 * the smooth 4/3 earth and only jam radars in their bands. R is solved once per (radar, threat,
 * jammer main-lobe pattern): "Pd ≥ threshold" is "slant range ≤ R".
 */
import { FRONT, rcsAtM2 } from '../radar/aspect.js';
import { pdDetectionRangeM } from '../radar/detection-range.js';
import { actingJammers, burnThroughRangeM, jammerToNoiseAtUnitRange, withinAzimuth } from '../radar/jamming.js';
import { DEFAULT_PD_THRESHOLD } from '../radar/snr.js';
import type { RadarParams, ResolvedJammer, ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { EngagementRule } from './engagement-rule.js';

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

/** What the evaluator needs of a site: its position, radars and missiles (scenario/resolve.ts). */
export type EvaluatedSite = Pick<ResolvedSite, 'lonDeg' | 'latDeg' | 'radars' | 'missiles'>;

export class SiteEvaluator {
  /** The engagement rule of this site (antenna heights, limits, envelopes). */
  readonly rule: EngagementRule;
  readonly radarCount: number;
  /** Antenna height above the site's ground, metres, per radar. */
  readonly antennaAglM: Float64Array;
  /** Per radar, 2^nJ detection ranges by main-lobe pattern of the acting stand-off jammers. */
  private readonly rangeByMaskM: Float64Array;
  private readonly maskStride: number;
  /** Per radar: azimuths of its acting jammers and half its beamwidth. */
  private readonly jammerAzRad: Float64Array;
  private readonly jammerStride: number;
  private readonly jammerCount: Int32Array;
  private readonly halfBeamRad: Float64Array;
  private readonly detected: Uint8Array;
  private readonly jamming: RadarJamming[];
  /** Largest ground range at which any cell could be detected or engaged (for culling). */
  readonly maxReachM: number;

  constructor(
    readonly site: EvaluatedSite,
    readonly threat: ThreatParams,
    readonly siteGroundMslM: number,
    readonly earthRadiusM: number,
    jamming?: JammingInput,
  ) {
    const nr = site.radars.length;
    const standOff = jamming?.standOff ?? [];
    if (standOff.length > MAX_STAND_OFF_JAMMERS) throw new RangeError(`at most ${MAX_STAND_OFF_JAMMERS} stand-off jammers, got ${standOff.length}`);
    this.rule = new EngagementRule(site.radars, site.missiles, threat.speedMps, siteGroundMslM, earthRadiusM);
    this.radarCount = nr;
    this.antennaAglM = this.rule.antennaAglM;
    this.maskStride = 1 << standOff.length;
    this.jammerStride = Math.max(1, standOff.length);
    this.rangeByMaskM = new Float64Array(nr * this.maskStride);
    this.jammerAzRad = new Float64Array(nr * this.jammerStride);
    this.jammerCount = new Int32Array(nr);
    this.halfBeamRad = new Float64Array(nr);
    this.jamming = [];
    let reach = 0;
    site.radars.forEach((r, i) => {
      this.halfBeamRad[i] = r.receiver.beamwidthRad / 2;
      const r0 = radarThreatRangeM(r, threat);
      const kSelf = selfProtectionK(r, threat);
      const acting = actingJammers(site.lonDeg, site.latDeg, this.rule.antennaMslM[i], r.band, r.receiver, standOff, earthRadiusM);
      this.jammerCount[i] = acting.length;
      acting.forEach((a, ai) => (this.jammerAzRad[i * this.jammerStride + ai] = a.azimuthRad));
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
        standOffSidelobeM: Math.min(
          cap,
          burnThroughRangeM(
            r0,
            acting.reduce((s, a) => s + a.sideJn, 0),
            0,
          ),
        ),
        standOffMainlobeM: Math.min(
          cap,
          burnThroughRangeM(
            r0,
            acting.reduce((s, a) => s + a.mainJn, 0),
            0,
          ),
        ),
        selfProtectionM: Math.min(cap, burnThroughRangeM(r0, 0, kSelf)),
        jammers: acting.map((a) => a.id),
      });
      // Reach: the largest range over the patterns (pattern 0 with no jammers is the unjammed range).
      let best = 0;
      for (let mask = 0; mask <= allMain; mask++) best = Math.max(best, this.rangeByMaskM[i * this.maskStride + mask]);
      reach = Math.max(reach, best);
    });
    this.detected = new Uint8Array(nr);
    // A chord is shorter than its arc by < 0.1% at these ranges; 1% margin is ample.
    this.maxReachM = reach * 1.01;
  }

  /** Effective detection range of radar i against this threat without stand-off jamming in its main lobe, metres. */
  detectionRangeM(i: number): number {
    return this.rangeByMaskM[i * this.maskStride];
  }

  /** Effective detection range of radar i against a target at azimuth `azimuthRad` (the jammers in its main lobe there), metres. */
  detectionRangeAtM(i: number, azimuthRad: number): number {
    const nj = this.jammerCount[i];
    if (nj === 0) return this.rangeByMaskM[i * this.maskStride];
    let mask = 0;
    for (let j = 0; j < nj; j++) if (withinAzimuth(azimuthRad, this.jammerAzRad[i * this.jammerStride + j], this.halfBeamRad[i])) mask |= 1 << j;
    return this.rangeByMaskM[i * this.maskStride + mask];
  }

  /** Whether azimuth `azimuthRad` lies in radar i's sector (always, for an all-round radar). */
  inSector(i: number, azimuthRad: number): boolean {
    return this.rule.inSector(i, azimuthRad);
  }

  /** What jamming does to each radar against this threat (burn-through ranges). */
  jammingSummary(): readonly RadarJamming[] {
    return this.jamming;
  }

  /**
   * Radar r detects a target at MSL height `targetMslM` over ground `groundMslM`, at ground range
   * `rangeM` and azimuth `azimuthRad`, with `minVisibleMslM` its minimum visible height there:
   * the target is above the ground and the rule's detection holds within the range at this azimuth.
   */
  radarDetects(r: number, rangeM: number, azimuthRad: number, groundMslM: number, targetMslM: number, minVisibleMslM: number): boolean {
    return (
      targetMslM >= groundMslM &&
      this.rule.sees(r, rangeM, azimuthRad, targetMslM, minVisibleMslM) &&
      this.rule.slantM(r, rangeM, targetMslM) <= this.detectionRangeAtM(r, azimuthRad)
    );
  }

  /**
   * DETECTED | ENGAGED bits for a target at MSL altitude `targetMslM` over ground `groundMslM`, at
   * ground range `rangeM` and azimuth `azimuthRad` from the site; `minVisible[r][k]` is radar r's
   * minimum visible MSL height at this cell.
   */
  evaluate(
    rangeM: number,
    azimuthRad: number,
    groundMslM: number,
    targetMslM: number,
    minVisible: readonly Float32Array[] | readonly Float64Array[],
    k: number,
  ): number {
    if (!(rangeM <= this.maxReachM)) return 0;
    const targetAglM = targetMslM - groundMslM;
    if (targetAglM < 0) return 0;
    const rule = this.rule;
    let bits = 0;
    for (let r = 0; r < this.radarCount; r++) {
      // radarDetects, with the target above the ground tested once above.
      let d = 0;
      if (rule.sees(r, rangeM, azimuthRad, targetMslM, minVisible[r][k]) && rule.slantM(r, rangeM, targetMslM) <= this.detectionRangeAtM(r, azimuthRad)) d = 1;
      this.detected[r] = d;
      if (d) bits = DETECTED;
    }
    if (bits === 0) return 0;
    for (let m = 0; m < rule.missileCount; m++) {
      if (this.detected[rule.guidanceRadar[m]] && rule.speedOk(m) && rule.inEnvelope(m, rangeM, targetMslM, targetAglM)) return DETECTED | ENGAGED;
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
