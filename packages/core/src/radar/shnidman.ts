/**
 * Shnidman's empirical equation for the single-pulse SNR required by a Swerling 0–4 target with
 * N pulses integrated non-coherently (square-law detector):
 *   K = ∞ (Swerling 0), 1 (I), N (II), 2 (III), 2N (IV);  α = 0 for N < 40, ¼ otherwise
 *   η = √(−0.8·ln(4·Pfa(1 − Pfa))) + sign(Pd − ½)·√(−0.8·ln(4·Pd(1 − Pd)))
 *   X∞ = η·(η + 2·√(N/2 + α − ¼))
 *   C1 = (((17.7006·Pd − 18.4496)·Pd + 14.5339)·Pd − 3.525) / K
 *   C2 = (1/K)·(exp(27.31·Pd − 25.14) + (Pd − 0.8)·(0.7·ln(1e−5/Pfa) + (2N − 20)/80))
 *   C_dB = C1 for Pd ≤ 0.872, C1 + C2 otherwise;   SNR = 10^(C_dB/10)·X∞ / N
 * Within about 0.5 dB of the exact values for 0.1 ≤ Pd ≤ 0.99, 1e−9 ≤ Pfa ≤ 1e−3, 1 ≤ N ≤ 100
 * (Shnidman, "Determination of required SNR values", IEEE Trans. AES 38(3), 2002;
 * Richards, Fundamentals of Radar Signal Processing, 2005, eqs. 6.110–6.112).
 * Parapet uses the exact series (swerling.ts); this fit is kept as a cross-check and for docs.
 */
import type { SwerlingCase } from './swerling.js';

/** Shnidman's validity range (see the file comment). */
export function shnidmanValid(pd: number, pfa: number, pulses: number): boolean {
  return pd >= 0.1 && pd <= 0.99 && pfa >= 1e-9 && pfa <= 1e-3 && pulses >= 1 && pulses <= 100;
}

/** Required single-pulse SNR in dB by Shnidman's equation. */
export function shnidmanSnrDb(pd: number, pfa: number, pulses: number, swerling: SwerlingCase): number {
  if (!(pd > 0 && pd < 1)) throw new RangeError(`pd must be in (0, 1), got ${pd}`);
  if (!(pfa > 0 && pfa < 1)) throw new RangeError(`pfa must be in (0, 1), got ${pfa}`);
  if (!(pulses >= 1)) throw new RangeError(`pulses must be ≥ 1, got ${pulses}`);
  const n = pulses;
  const k = swerling === 0 ? Infinity : swerling === 1 ? 1 : swerling === 2 ? n : swerling === 3 ? 2 : 2 * n;
  const alpha = n < 40 ? 0 : 0.25;
  const eta = Math.sqrt(-0.8 * Math.log(4 * pfa * (1 - pfa))) + Math.sign(pd - 0.5) * Math.sqrt(-0.8 * Math.log(4 * pd * (1 - pd)));
  const xInf = eta * (eta + 2 * Math.sqrt(n / 2 + alpha - 0.25));
  let cDb = 0;
  if (k !== Infinity) {
    const c1 = (((17.7006 * pd - 18.4496) * pd + 14.5339) * pd - 3.525) / k;
    const c2 = (Math.exp(27.31 * pd - 25.14) + (pd - 0.8) * (0.7 * Math.log(1e-5 / pfa) + (2 * n - 20) / 80)) / k;
    cDb = pd <= 0.872 ? c1 : c1 + c2;
  }
  return cDb + 10 * Math.log10(xInf / n);
}
