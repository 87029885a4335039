/**
 * Probability of detection of a Swerling 0–4 target with N pulses integrated non-coherently by a
 * square-law detector, exact (no curve fit), and its inverse (the SNR required for a given Pd).
 *
 * Conventions: `snr` is the average single-pulse signal-to-noise power ratio (linear); the
 * threshold y is in units of the single-pulse noise power and is set by
 *   Pfa = Q(N, y)                                                 (DiFranco & Rubin 1968, §10.2)
 * where Q is the upper regularized incomplete gamma function.
 *
 * Every case is a mixture Σ_j w_j·Q(N + j, y) (Shnidman 1989; derivation in docs/models/pd-swerling.md):
 *   Swerling 0 (steady):            j ~ Poisson(N·S)                     → Pd = Q_N(√(2NS), √(2y))
 *   Swerling I  (χ²₂, scan-to-scan): j ~ NegBin(m = 1,  p = 1/(1 + N·S))
 *   Swerling II (χ²₂, pulse-to-pulse): j ~ NegBin(m = N,  p = 1/(1 + S))
 *   Swerling III (χ²₄, scan-to-scan): j ~ NegBin(m = 2,  p = 1/(1 + N·S/2))
 *   Swerling IV (χ²₄, pulse-to-pulse): j ~ NegBin(m = 2N, p = 1/(1 + S/2))
 * The negative-binomial form follows from the characteristic function of the detector output,
 * (1 − t)^(k−N)·(1 − βt)^(−k) for scan-to-scan and [(1 − t)^(k−1)(1 − βt)^(−k)]^N for
 * pulse-to-pulse χ²_{2k} fluctuation (Meyer & Mayer, Radar Target Detection, 1973, ch. 2;
 * Richards, Fundamentals of Radar Signal Processing, 2005, §6.2), expanded in powers of
 * (1 − t)^(−1). Special cases reduce to the textbook closed forms, e.g. Swerling I with N = 1:
 *   Pd = Pfa^(1/(1 + S))                           (Skolnik, Radar Handbook, 3rd ed., §2.6)
 * and Swerling II: Pd = Q(N, y/(1 + S)) (Meyer & Mayer 1973; Richards eq. 6.107).
 */
import { dbToLinear, linearToDb } from '../units/units.js';
import { gammaQ, gammaQInv } from './incomplete-gamma.js';
import { gammaMixtureTail, type Mixture } from './marcum-q.js';

export type SwerlingCase = 0 | 1 | 2 | 3 | 4;
export const SWERLING_CASES: readonly SwerlingCase[] = [0, 1, 2, 3, 4];

function checkProbability(name: string, p: number): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name} must be in (0, 1), got ${p}`);
}

function checkPulses(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`pulses must be an integer ≥ 1, got ${n}`);
}

function checkSwerling(sw: number): asserts sw is SwerlingCase {
  if (!(sw === 0 || sw === 1 || sw === 2 || sw === 3 || sw === 4)) throw new RangeError(`swerling must be 0, 1, 2, 3 or 4, got ${sw}`);
}

/**
 * Detection threshold y (in single-pulse noise powers) of an N-pulse square-law integrator for a
 * false-alarm probability: Q(N, y) = Pfa.
 */
export function thresholdForPfa(pfa: number, pulses: number): number {
  checkProbability('pfa', pfa);
  checkPulses(pulses);
  return gammaQInv(pulses, pfa);
}

/** The mixing distribution of the series for a Swerling case (see the file comment). */
export function swerlingMixture(snr: number, pulses: number, swerling: SwerlingCase): Mixture {
  const n = pulses;
  switch (swerling) {
    case 0:
      return { kind: 'poisson', mean: n * snr };
    case 1:
      return { kind: 'negative-binomial', m: 1, p: 1 / (1 + n * snr) };
    case 2:
      return { kind: 'negative-binomial', m: n, p: 1 / (1 + snr) };
    case 3:
      return { kind: 'negative-binomial', m: 2, p: 1 / (1 + (n * snr) / 2) };
    case 4:
      return { kind: 'negative-binomial', m: 2 * n, p: 1 / (1 + snr / 2) };
  }
}

/**
 * Probability of detection at a given threshold y (see `thresholdForPfa`).
 * @param snr - average single-pulse SNR, linear power ratio, ≥ 0
 */
export function pdAtThreshold(snr: number, thresholdY: number, pulses: number, swerling: SwerlingCase): number {
  if (!(snr >= 0) || !Number.isFinite(snr)) throw new RangeError(`snr must be a finite number ≥ 0, got ${snr}`);
  checkPulses(pulses);
  checkSwerling(swerling);
  if (snr === 0) return gammaQ(pulses, thresholdY);
  return gammaMixtureTail(pulses, thresholdY, swerlingMixture(snr, pulses, swerling));
}

/**
 * Single-scan probability of detection of a Swerling `swerling` target.
 * @param snr - average single-pulse SNR, linear power ratio (not dB), ≥ 0
 * @param pfa - probability of false alarm, in (0, 1)
 * @param pulses - number of pulses integrated non-coherently, integer ≥ 1
 */
export function pdSwerling(snr: number, pfa: number, pulses: number, swerling: SwerlingCase): number {
  return pdAtThreshold(snr, thresholdForPfa(pfa, pulses), pulses, swerling);
}

/**
 * Single-pulse Swerling I closed form: Pd = Pfa^(1/(1 + SNR))
 * (Skolnik, Radar Handbook, 3rd ed., §2.6; Meyer & Mayer 1973).
 */
export function pdSwerling1SinglePulse(snr: number, pfa: number): number {
  checkProbability('pfa', pfa);
  if (!(snr >= 0)) throw new RangeError(`snr must be ≥ 0, got ${snr}`);
  return Math.pow(pfa, 1 / (1 + snr));
}

/**
 * The average single-pulse SNR (linear) at which the detector reaches `pd`: the inverse of
 * `pdSwerling` in SNR, solved by bisection on SNR in dB (Pd is increasing in SNR) to 1e−9 dB.
 * Requires pd > pfa.
 */
export function requiredSnr(pd: number, pfa: number, pulses: number, swerling: SwerlingCase): number {
  checkProbability('pd', pd);
  checkProbability('pfa', pfa);
  checkPulses(pulses);
  checkSwerling(swerling);
  if (pd <= pfa) throw new RangeError(`pd (${pd}) must exceed pfa (${pfa})`);
  const y = thresholdForPfa(pfa, pulses);
  const f = (db: number): number => pdAtThreshold(dbToLinear(db), y, pulses, swerling) - pd;
  let lo = -60;
  let hi = 60;
  while (f(hi) < 0) {
    hi += 40;
    if (hi > 400) throw new RangeError(`no SNR below 400 dB reaches pd = ${pd}`);
  }
  while (f(lo) > 0) {
    lo -= 40;
    if (lo < -400) throw new RangeError(`pd = ${pd} is reached at any SNR above −400 dB`);
  }
  // Bisection: 0.5^k · (hi − lo) < 1e−9 within ~40 steps.
  while (hi - lo > 1e-9) {
    const mid = 0.5 * (lo + hi);
    if (f(mid) < 0) lo = mid;
    else hi = mid;
  }
  return dbToLinear(0.5 * (lo + hi));
}

/** `requiredSnr` in dB. */
export function requiredSnrDb(pd: number, pfa: number, pulses: number, swerling: SwerlingCase): number {
  return linearToDb(requiredSnr(pd, pfa, pulses, swerling));
}
