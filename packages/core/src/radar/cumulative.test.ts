import { describe, expect, it } from 'vitest';
import { cumulativePd, cumulativePdRepeated, singleScanPdFor } from './cumulative.js';

describe('cumulative Pd over scans: 1 − Π(1 − Pd_i)', () => {
  it('matches the product formula written out', () => {
    const pds = [0.2, 0.5, 0.7, 0.05];
    const expected = 1 - 0.8 * 0.5 * 0.3 * 0.95;
    expect(cumulativePd(pds)).toBeCloseTo(expected, 15);
  });

  it('three scans at 0.5 give 0.875; none gives 0; a certain scan gives 1', () => {
    expect(cumulativePdRepeated(0.5, 3)).toBeCloseTo(0.875, 15);
    expect(cumulativePd([])).toBe(0);
    expect(cumulativePd([0.1, 1, 0.2])).toBe(1);
  });

  it('keeps precision for many small probabilities', () => {
    // 10⁶ scans at 1e−9: 1 − (1 − 1e−9)^1e6 ≈ 1e−3 − 5e−7.
    expect(cumulativePdRepeated(1e-9, 1_000_000)).toBeCloseTo(1e-3 - 5e-7, 9);
  });

  it('inverts: the single-scan Pd for a cumulative target', () => {
    const p = singleScanPdFor(0.9, 4);
    expect(cumulativePdRepeated(p, 4)).toBeCloseTo(0.9, 14);
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => cumulativePd([0.5, 1.2])).toThrow(/pds\[1\]/);
  });
});
