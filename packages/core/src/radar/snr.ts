/**
 * Signal-to-noise ratio at any range and RCS from a radar's published calibration point, and the
 * detection model built on it.
 *
 * A public source gives a detection range R_ref against a reference RCS σ_ref, at a probability
 * of detection Pd_ref (often unstated: Parapet then assumes 0.5) and false-alarm probability Pfa
 * (assumed 1e−6), with N pulses integrated (assumed 1) against a reference target fluctuating as
 * Swerling I (assumed). The single-pulse SNR at the reference point is what that detector needs:
 *   SNR_ref = SNR_req(Pd_ref; Pfa, N, Swerling_ref)                    (swerling.ts)
 * and the radar range equation SNR = P_t·G²·λ²·σ / ((4π)³·k·T·B·L·R⁴) scales it as
 *   SNR(R, σ) = SNR_ref · (σ/σ_ref) · (R_ref/R)⁴          (Skolnik, Introduction to Radar Systems, 3rd ed., eq. 2.1)
 * The range at which a target of RCS σ and Swerling case s reaches Pd is then
 *   R_Pd(σ) = R_ref · (σ/σ_ref)^¼ · (SNR_ref / SNR_req(Pd; Pfa, N, s))^¼.
 * With Pd = Pd_ref and s = Swerling_ref this is the classic R(σ) = R_ref·(σ/σ_ref)^¼.
 */
import { assertPositive } from '../units/units.js';
import { pdAtThreshold, requiredSnr, thresholdForPfa, type SwerlingCase } from './swerling.js';

/** Assumed when the catalog does not state them (documented in docs/models/detection-range.md). */
export const DEFAULT_REFERENCE_PD = 0.5;
export const DEFAULT_PFA = 1e-6;
export const DEFAULT_PULSES = 1;
export const DEFAULT_REFERENCE_SWERLING: SwerlingCase = 1;
/** Detection threshold of coverage analyses when a scenario sets no `analysis.pd`. */
export const DEFAULT_PD_THRESHOLD = 0.5;

/** A radar's calibration point, in SI units. */
export interface DetectionCalibration {
  /** Detection range against `refRcsM2` at `refPd`, metres. */
  refRangeM: number;
  refRcsM2: number;
  refPd: number;
  pfa: number;
  pulses: number;
  /** Fluctuation model of the reference target. */
  refSwerling: SwerlingCase;
}

/** Fills the unstated parts of a calibration with the documented defaults. */
export function calibrationWithDefaults(c: {
  refRangeM: number;
  refRcsM2: number;
  refPd?: number;
  pfa?: number;
  pulses?: number;
  refSwerling?: SwerlingCase;
}): DetectionCalibration {
  return {
    refRangeM: c.refRangeM,
    refRcsM2: c.refRcsM2,
    refPd: c.refPd ?? DEFAULT_REFERENCE_PD,
    pfa: c.pfa ?? DEFAULT_PFA,
    pulses: c.pulses ?? DEFAULT_PULSES,
    refSwerling: c.refSwerling ?? DEFAULT_REFERENCE_SWERLING,
  };
}

/** SNR(R, σ) = SNR_ref·(σ/σ_ref)·(R_ref/R)⁴ (linear). */
export function snrAtRange(refSnr: number, refRangeM: number, refRcsM2: number, rangeM: number, rcsM2: number): number {
  assertPositive('rangeM', rangeM);
  const q = refRangeM / rangeM;
  return refSnr * (rcsM2 / refRcsM2) * q * q * q * q;
}

/**
 * The detection model of one radar: its reference SNR is solved once; Pd at any range follows in
 * closed form (the range at a Pd is radar/detection-range.ts pdDetectionRangeM, the one rule).
 */
export class RadarDetectionModel {
  /** Single-pulse SNR at the calibration point (linear). */
  readonly refSnr: number;
  private readonly thresholdY: number;
  private readonly required = new Map<string, number>();

  constructor(readonly calibration: DetectionCalibration) {
    const c = calibration;
    assertPositive('refRangeM', c.refRangeM);
    assertPositive('refRcsM2', c.refRcsM2);
    this.refSnr = requiredSnr(c.refPd, c.pfa, c.pulses, c.refSwerling);
    this.thresholdY = thresholdForPfa(c.pfa, c.pulses);
  }

  /** Average single-pulse SNR (linear) against RCS `rcsM2` at slant range `rangeM`. */
  snrAt(rangeM: number, rcsM2: number): number {
    assertPositive('rcsM2', rcsM2);
    return snrAtRange(this.refSnr, this.calibration.refRangeM, this.calibration.refRcsM2, rangeM, rcsM2);
  }

  /** Single-scan Pd against a Swerling `swerling` target of RCS `rcsM2` at slant range `rangeM`. */
  pdAt(rangeM: number, rcsM2: number, swerling: SwerlingCase): number {
    return pdAtThreshold(this.snrAt(rangeM, rcsM2), this.thresholdY, this.calibration.pulses, swerling);
  }

  /** Single-pulse SNR (linear) this radar's detector needs for `pd` against a Swerling `swerling` target. */
  requiredSnr(pd: number, swerling: SwerlingCase): number {
    const key = `${pd}|${swerling}`;
    let s = this.required.get(key);
    if (s === undefined) {
      s = requiredSnr(pd, this.calibration.pfa, this.calibration.pulses, swerling);
      this.required.set(key, s);
    }
    return s;
  }
}
