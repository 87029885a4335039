/**
 * The seam between the raid simulation and radar detection theory: the probability that one scan
 * of a radar detects a target that is in line of sight, inside the instrumented range and below
 * the radar's ceiling (those gates are applied by the caller). Swap the model without touching
 * the simulation.
 */
import { effectiveDetectionRangeM } from '../../radar/detection-range.js';
import { calibrationWithDefaults, RadarDetectionModel } from '../../radar/snr.js';
import type { SwerlingCase } from '../../radar/swerling.js';
import type { RadarParams } from '../../scenario/resolve.js';

/** A radar as the detection models see it: coverage parameters plus its calibration point. */
export type DetectionRadar = RadarParams & { refPd?: number; pfa?: number; pulses?: number };

export interface ScanGeometry {
  /** Straight-line range antenna → target, metres. */
  slantRangeM: number;
  /** Target radar cross section, m². */
  rcsM2: number;
  /** Swerling case of the target's fluctuation, 0–4. */
  swerling: number;
}

export interface DetectionModel {
  /** One line for reports ("Pd = 1 inside the RCS-scaled range"). */
  readonly label: string;
  /** Probability of detection on one scan, in [0, 1]. */
  pdPerScan(radar: DetectionRadar, geometry: ScanGeometry): number;
}

/**
 * The "cookie-cutter" model, used until a Swerling Pd model is wired in: Pd = 1 when the slant
 * range is within R(σ) = min(R_instr, R_ref·(σ/σ_ref)^¼) (radar/detection-range.ts), else 0.
 * It is the same rule the coverage maps use (engagement/site-evaluator.ts), so a raid is detected
 * exactly where the maps say a target is detectable.
 */
export const cookieCutterDetection: DetectionModel = {
  label: 'Pd = 1 inside the RCS-scaled detection range R(σ) = R_ref·(σ/σ_ref)^¼ with line of sight, else 0',
  pdPerScan(radar, g) {
    return g.slantRangeM <= effectiveDetectionRangeM(radar, g.rcsM2) ? 1 : 0;
  },
};

/** A constant Pd inside the cookie-cutter range (for tests of the track and decision logic). */
export function constantPdDetection(pd: number): DetectionModel {
  if (!(pd >= 0 && pd <= 1)) throw new RangeError(`pd must be in [0, 1], got ${pd}`);
  return {
    label: `Pd = ${pd} per scan inside the RCS-scaled detection range`,
    pdPerScan(radar, g) {
      return g.slantRangeM <= effectiveDetectionRangeM(radar, g.rcsM2) ? pd : 0;
    },
  };
}

/**
 * Single-scan Pd from each radar's calibration point (radar/snr.ts): the detection range R_ref
 * against σ_ref at Pd_ref fixes SNR_ref, then SNR(R, σ) = SNR_ref·(σ/σ_ref)·(R_ref/R)⁴ and
 * Pd = Pd(SNR; Pfa, N, Swerling case of the target), exact for Swerling 0–4 (radar/swerling.ts).
 * Unstated Pd_ref, Pfa and N take the documented defaults (0.5, 1e−6, 1). Scan-to-scan
 * independence of the draws matches Swerling I/III targets; for II/IV and 0 it is the usual
 * approximation.
 */
export function swerlingDetection(): DetectionModel {
  const models = new WeakMap<object, RadarDetectionModel>();
  return {
    label: "Swerling Pd per scan from each radar's calibration point, SNR ∝ σ/R⁴ (radar/snr.ts)",
    pdPerScan(radar, g) {
      let m = models.get(radar);
      if (!m) {
        m = new RadarDetectionModel(
          calibrationWithDefaults({ refRangeM: radar.refRangeM, refRcsM2: radar.refRcsM2, refPd: radar.refPd, pfa: radar.pfa, pulses: radar.pulses }),
        );
        models.set(radar, m);
      }
      return m.pdAt(g.slantRangeM, g.rcsM2, g.swerling as SwerlingCase);
    },
  };
}
