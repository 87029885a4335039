/**
 * Cumulative probability of detection over successive scans with independent outcomes:
 *   P_c = 1 − Π_i (1 − Pd_i)
 * (Skolnik, Introduction to Radar Systems, 3rd ed., §2.12; Mahafza, Radar Systems Analysis and
 * Design Using MATLAB, §2.8). Independence holds for scan-to-scan fluctuating targets (Swerling
 * I–IV) and for noise; for a steady target it is the usual assumption. Summed in log space
 * (Σ log1p(−Pd_i)) so that many scans with small Pd keep their precision.
 */

/** Cumulative Pd of scans with single-scan probabilities `pds` (each in [0, 1]). */
export function cumulativePd(pds: ArrayLike<number>): number {
  let logMiss = 0;
  for (let i = 0; i < pds.length; i++) {
    const p = pds[i];
    if (!(p >= 0 && p <= 1)) throw new RangeError(`pds[${i}] must be in [0, 1], got ${p}`);
    if (p === 1) return 1;
    logMiss += Math.log1p(-p);
  }
  return 0 - Math.expm1(logMiss);
}

/** Cumulative Pd of k scans at the same single-scan Pd: 1 − (1 − Pd)^k. */
export function cumulativePdRepeated(pd: number, scans: number): number {
  if (!(pd >= 0 && pd <= 1)) throw new RangeError(`pd must be in [0, 1], got ${pd}`);
  if (!Number.isInteger(scans) || scans < 0) throw new RangeError(`scans must be an integer ≥ 0, got ${scans}`);
  if (pd === 1) return scans > 0 ? 1 : 0;
  return 0 - Math.expm1(scans * Math.log1p(-pd));
}

/** Single-scan Pd needed so that k scans reach cumulative Pd `target`: 1 − (1 − target)^(1/k). */
export function singleScanPdFor(target: number, scans: number): number {
  if (!(target >= 0 && target < 1)) throw new RangeError(`target must be in [0, 1), got ${target}`);
  if (!Number.isInteger(scans) || scans < 1) throw new RangeError(`scans must be an integer ≥ 1, got ${scans}`);
  return -Math.expm1(Math.log1p(-target) / scans);
}
