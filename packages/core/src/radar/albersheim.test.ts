import { describe, expect, it } from 'vitest';
import { albersheimSnrDb, albersheimValid } from './albersheim.js';
import { requiredSnrDb } from './swerling.js';

describe('albersheimSnrDb', () => {
  it('gives the published values for Pd 0.9, Pfa 1e−6 (Richards 2005, §6.2.5): N = 1 → 13.1 dB, N = 10 → 5.0 dB', () => {
    expect(albersheimSnrDb(0.9, 1e-6, 1)).toBeCloseTo(13.1, 1);
    expect(albersheimSnrDb(0.9, 1e-6, 10)).toBeCloseTo(5.0, 1);
  });

  it('agrees with the exact solver within 0.2 dB for one pulse, Pd 0.9, Pfa 1e−6', () => {
    expect(Math.abs(albersheimSnrDb(0.9, 1e-6, 1) - requiredSnrDb(0.9, 1e-6, 1, 0))).toBeLessThan(0.2);
  });

  // Albersheim fits Robertson's curves for a LINEAR detector; the solver is the exact SQUARE-LAW
  // detector, which needs 0.1–0.2 dB more SNR at N ≈ 5–10 (DiFranco & Rubin 1968, §11.3). So the
  // 0.2 dB claimed for Albersheim against the linear detector becomes ≈ 0.3 dB against ours:
  // at Pd 0.9, Pfa 1e−6, N = 10 the square-law detector needs 5.27 dB (SciPy oracle and a Monte
  // Carlo of 4·10⁵ trials: Pd = 0.900 at 5.27 dB) where Albersheim gives 4.99 dB.
  it('agrees with the exact square-law solver within 0.3 dB over Pd 0.5–0.9, Pfa 1e−7–1e−3, N 1–100', () => {
    let worst = 0;
    for (const pd of [0.5, 0.7, 0.9]) {
      for (const pfa of [1e-3, 1e-5, 1e-7]) {
        for (const n of [1, 2, 5, 10, 30, 100]) {
          expect(albersheimValid(pd, pfa, n)).toBe(true);
          worst = Math.max(worst, Math.abs(albersheimSnrDb(pd, pfa, n) - requiredSnrDb(pd, pfa, n, 0)));
        }
      }
    }
    expect(worst).toBeLessThan(0.3);
    // The N = 10 anchor, stated: 0.28 dB.
    expect(requiredSnrDb(0.9, 1e-6, 10, 0) - albersheimSnrDb(0.9, 1e-6, 10)).toBeCloseTo(0.28, 1);
  });

  it('agrees within 0.2 dB at Pd 0.5 (where the detector law matters least)', () => {
    for (const pfa of [1e-3, 1e-6]) {
      for (const n of [1, 10, 100]) expect(Math.abs(albersheimSnrDb(0.5, pfa, n) - requiredSnrDb(0.5, pfa, n, 0))).toBeLessThan(0.2);
    }
  });

  it('knows its validity range', () => {
    expect(albersheimValid(0.95, 1e-6, 1)).toBe(false);
    expect(albersheimValid(0.9, 1e-9, 1)).toBe(false);
    expect(() => albersheimSnrDb(1, 1e-6, 1)).toThrow(/pd/);
  });
});
