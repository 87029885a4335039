import { describe, expect, it } from 'vitest';
import { detectionRangeForRcsM, effectiveDetectionRangeM } from './detection-range.js';

describe('detection range vs RCS, R ∝ σ^¼', () => {
  // Ratios from public-parameters.md ("Textbook relations"), i.e. (σ/1 m²)^(1/4).
  it.each([
    [10, 1.78],
    [0.1, 0.56],
    [0.01, 0.32],
    [0.001, 0.18],
    [0.0001, 0.1],
  ])('σ = %f m² → %f × the 1 m² range', (rcs, ratio) => {
    expect(detectionRangeForRcsM(100_000, 1, rcs) / 100_000).toBeCloseTo(ratio, 2);
  });

  it('follows from the radar equation: halving the range needs 1/16 the RCS', () => {
    expect(detectionRangeForRcsM(200_000, 5, 5 / 16)).toBeCloseTo(100_000, 6);
  });

  it('is capped by the instrumented range', () => {
    expect(effectiveDetectionRangeM({ refRangeM: 300_000, refRcsM2: 1, instrumentedRangeM: 250_000 }, 10)).toBe(250_000);
  });

  it('rejects non-positive RCS with a message naming it', () => {
    expect(() => detectionRangeForRcsM(1, 1, 0)).toThrow(/rcsM2 must be a positive number, got 0/);
  });
});
