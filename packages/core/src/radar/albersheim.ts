/**
 * Albersheim's empirical equation for the single-pulse SNR a steady (Swerling 0) target needs,
 * with N pulses integrated non-coherently by a linear detector:
 *   A = ln(0.62 / Pfa),  B = ln(Pd / (1 − Pd)),
 *   SNR_dB = −5·log10 N + (6.2 + 4.54/√(N + 0.44))·log10(A + 0.12·A·B + 1.7·B)
 * Accurate to about 0.2 dB for 0.1 ≤ Pd ≤ 0.9, 1e−7 ≤ Pfa ≤ 1e−3, 1 ≤ N ≤ 8096
 * (Albersheim, "A closed-form approximation to Robertson's detection characteristics",
 * Proc. IEEE 69(7), 1981; Richards, Fundamentals of Radar Signal Processing, 2005, eq. 6.80).
 */

/** Albersheim's validity range (see the file comment). */
export function albersheimValid(pd: number, pfa: number, pulses: number): boolean {
  return pd >= 0.1 && pd <= 0.9 && pfa >= 1e-7 && pfa <= 1e-3 && pulses >= 1 && pulses <= 8096;
}

/**
 * Required single-pulse SNR in dB by Albersheim's equation. Outside the validity range the
 * formula still returns a number, with unknown error: check `albersheimValid`.
 */
export function albersheimSnrDb(pd: number, pfa: number, pulses: number): number {
  if (!(pd > 0 && pd < 1)) throw new RangeError(`pd must be in (0, 1), got ${pd}`);
  if (!(pfa > 0 && pfa < 1)) throw new RangeError(`pfa must be in (0, 1), got ${pfa}`);
  if (!(pulses >= 1)) throw new RangeError(`pulses must be ≥ 1, got ${pulses}`);
  const a = Math.log(0.62 / pfa);
  const b = Math.log(pd / (1 - pd));
  return -5 * Math.log10(pulses) + (6.2 + 4.54 / Math.sqrt(pulses + 0.44)) * Math.log10(a + 0.12 * a * b + 1.7 * b);
}
