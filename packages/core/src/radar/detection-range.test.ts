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

describe('detection range at a Pd threshold', () => {
  const radar = { refRangeM: 200_000, refRcsM2: 1, instrumentedRangeM: 1e9 };

  it('equals R_ref·(σ/σ_ref)^¼ at the calibration Pd against the reference fluctuation model', () => {
    expect(effectiveDetectionRangeM(radar, 0.1, { pd: 0.5, swerling: 1 })).toBe(detectionRangeForRcsM(200_000, 1, 0.1));
  });

  it('shrinks by (SNR_0.5/SNR_0.9)^¼ at Pd 0.9 — Swerling I single pulse in closed form, SNR = ln Pfa/ln Pd − 1', () => {
    const snr = (pd: number): number => Math.log(1e-6) / Math.log(pd) - 1;
    expect(effectiveDetectionRangeM(radar, 1, { pd: 0.9, swerling: 1 })).toBeCloseTo(200_000 * Math.pow(snr(0.5) / snr(0.9), 0.25), 1);
  });

  it('reaches farther when the public range was quoted at a higher Pd', () => {
    expect(effectiveDetectionRangeM({ ...radar, refPd: 0.9 }, 1, { pd: 0.5, swerling: 1 })).toBeGreaterThan(200_000);
  });
});
