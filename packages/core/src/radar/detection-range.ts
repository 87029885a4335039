/**
 * Detection range against a target of RCS σ, scaled from a reference range R_ref at σ_ref:
 *   R(σ) = R_ref · (σ / σ_ref)^(1/4)
 * from the radar range equation SNR = P_t·G²·λ²·σ / ((4π)³·k·T·B·L·R⁴), so that at a fixed
 * detection threshold R⁴ ∝ σ (Skolnik, Introduction to Radar Systems, 3rd ed., eq. 2.1).
 */
import { assertPositive } from '../units/units.js';

export function detectionRangeForRcsM(refRangeM: number, refRcsM2: number, rcsM2: number): number {
  assertPositive('refRangeM', refRangeM);
  assertPositive('refRcsM2', refRcsM2);
  assertPositive('rcsM2', rcsM2);
  return refRangeM * Math.pow(rcsM2 / refRcsM2, 0.25);
}

/** Effective detection range: the RCS-scaled range, capped by the instrumented range. */
export function effectiveDetectionRangeM(radar: { refRangeM: number; refRcsM2: number; instrumentedRangeM: number }, rcsM2: number): number {
  return Math.min(radar.instrumentedRangeM, detectionRangeForRcsM(radar.refRangeM, radar.refRcsM2, rcsM2));
}
