/**
 * Detection range against a target of RCS σ, scaled from a reference range R_ref at σ_ref:
 *   R(σ) = R_ref · (σ / σ_ref)^(1/4)
 * from the radar range equation SNR = P_t·G²·λ²·σ / ((4π)³·k·T·B·L·R⁴), so that at a fixed
 * detection threshold R⁴ ∝ σ (Skolnik, Introduction to Radar Systems, 3rd ed., eq. 2.1).
 *
 * At a detection threshold Pd* (single scan) against a Swerling s target, the same equation with
 * the SNR the detector needs (snr.ts, swerling.ts) gives
 *   R_Pd*(σ) = R_ref · (σ/σ_ref)^¼ · (SNR_req(Pd_ref; Pfa, N, I) / SNR_req(Pd*; Pfa, N, s))^¼
 * which is R(σ) exactly when Pd* = Pd_ref and s = Swerling I (the reference assumption).
 */
import { assertPositive } from '../units/units.js';
import { DEFAULT_PD_THRESHOLD, DEFAULT_PFA, DEFAULT_PULSES, DEFAULT_REFERENCE_PD, DEFAULT_REFERENCE_SWERLING } from './snr.js';
import { requiredSnr, type SwerlingCase } from './swerling.js';

export function detectionRangeForRcsM(refRangeM: number, refRcsM2: number, rcsM2: number): number {
  assertPositive('refRangeM', refRangeM);
  assertPositive('refRcsM2', refRcsM2);
  assertPositive('rcsM2', rcsM2);
  return refRangeM * Math.pow(rcsM2 / refRcsM2, 0.25);
}

/** A radar's calibration as the coverage engine holds it (scenario/resolve.ts RadarParams). */
export interface CalibratedRadar {
  refRangeM: number;
  refRcsM2: number;
  instrumentedRangeM: number;
  /** Pd of the reference range (default 0.5). */
  refPd?: number;
  /** Probability of false alarm (default 1e−6). */
  pfa?: number;
  /** Pulses integrated non-coherently (default 1). */
  pulses?: number;
}

/** The detection threshold an analysis applies against a target. */
export interface DetectionThreshold {
  /** Single-scan probability of detection required (default 0.5). */
  pd: number;
  /** The target's fluctuation model (default Swerling I). */
  swerling: SwerlingCase;
}

// Required SNRs are pure functions of (Pd, Pfa, N, case); a layer asks for the same few many times.
const snrMemo = new Map<string, number>();
function requiredSnrMemo(pd: number, pfa: number, pulses: number, swerling: SwerlingCase): number {
  const key = `${pd}|${pfa}|${pulses}|${swerling}`;
  let v = snrMemo.get(key);
  if (v === undefined) {
    v = requiredSnr(pd, pfa, pulses, swerling);
    if (snrMemo.size > 10_000) snrMemo.clear();
    snrMemo.set(key, v);
  }
  return v;
}

/** The factor (SNR_ref / SNR_req)^¼ by which the threshold and fluctuation model scale the RCS-scaled range. */
export function pdRangeFactor(radar: CalibratedRadar, threshold: DetectionThreshold): number {
  const pfa = radar.pfa ?? DEFAULT_PFA;
  const pulses = radar.pulses ?? DEFAULT_PULSES;
  const refPd = radar.refPd ?? DEFAULT_REFERENCE_PD;
  if (threshold.pd === refPd && threshold.swerling === DEFAULT_REFERENCE_SWERLING) return 1;
  const ref = requiredSnrMemo(refPd, pfa, pulses, DEFAULT_REFERENCE_SWERLING);
  const req = requiredSnrMemo(threshold.pd, pfa, pulses, threshold.swerling);
  return Math.pow(ref / req, 0.25);
}

/**
 * Effective detection range (slant, metres): the range at which the target reaches the threshold
 * Pd, capped by the instrumented range. Without a threshold: Pd 0.5 against Swerling I.
 */
export function effectiveDetectionRangeM(
  radar: CalibratedRadar,
  rcsM2: number,
  threshold: DetectionThreshold = { pd: DEFAULT_PD_THRESHOLD, swerling: DEFAULT_REFERENCE_SWERLING },
): number {
  return Math.min(radar.instrumentedRangeM, pdDetectionRangeM(radar, rcsM2, threshold));
}

/** The range at which the target reaches the threshold Pd, not capped by the instrumented range: R_ref·(σ/σ_ref)^¼·(SNR_ref/SNR_req)^¼. */
export function pdDetectionRangeM(
  radar: CalibratedRadar,
  rcsM2: number,
  threshold: DetectionThreshold = { pd: DEFAULT_PD_THRESHOLD, swerling: DEFAULT_REFERENCE_SWERLING },
): number {
  return detectionRangeForRcsM(radar.refRangeM, radar.refRcsM2, rcsM2) * pdRangeFactor(radar, threshold);
}
