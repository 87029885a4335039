import { describe, expect, it } from 'vitest';
import { gammaQ } from './incomplete-gamma.js';
import { pdSwerling, pdSwerling1SinglePulse, requiredSnrDb, thresholdForPfa, type SwerlingCase } from './swerling.js';

const db = (x: number): number => Math.pow(10, x / 10);

/**
 * Required single-pulse SNR (dB), Pfa = 1e−6, square-law detector, computed independently with
 * SciPy (pd-oracle.py): Swerling 0 by the non-central chi-square, I/III by quadrature of the
 * steady-target Pd over the RCS pdf, II by Meyer & Mayer's closed form, IV by DiFranco & Rubin's
 * binomial form. Published anchors they reproduce: 13.2 dB for a steady target, Pd 0.9, one pulse
 * (Skolnik, Introduction to Radar Systems, 3rd ed., Fig. 2.7); 21.1 dB for Swerling I
 * (Skolnik Fig. 2.23: ≈ 8 dB fluctuation loss at Pd 0.9) and ≈ 17.3 dB for Swerling III (≈ 4 dB loss).
 */
const REQUIRED_DB: [pd: number, pfa: number, n: number, sw: SwerlingCase, snrDb: number][] = [
  [0.5, 1e-6, 1, 0, 11.242553],
  [0.9, 1e-6, 1, 0, 13.18349],
  [0.5, 1e-6, 10, 0, 3.651454],
  [0.9, 1e-6, 10, 0, 5.267487],
  [0.5, 1e-6, 100, 0, -2.56961],
  [0.9, 1e-6, 100, 0, -1.256591],
  [0.5, 1e-6, 1, 1, 12.771866],
  [0.9, 1e-6, 1, 1, 21.143643],
  [0.5, 1e-6, 10, 1, 5.18673],
  [0.9, 1e-6, 10, 1, 13.499563],
  [0.5, 1e-6, 100, 1, -1.036317],
  [0.9, 1e-6, 100, 1, 7.233344],
  [0.5, 1e-6, 10, 2, 3.771444],
  [0.9, 1e-6, 10, 2, 6.291847],
  [0.5, 1e-6, 100, 2, -2.562014],
  [0.9, 1e-6, 100, 2, -1.122862],
  [0.5, 1e-6, 1, 3, 11.953714],
  [0.9, 1e-6, 1, 3, 17.295957],
  [0.5, 1e-6, 10, 3, 4.364842],
  [0.9, 1e-6, 10, 3, 9.601346],
  [0.5, 1e-6, 100, 3, -1.86046],
  [0.9, 1e-6, 100, 3, 3.296618],
  [0.5, 1e-6, 10, 4, 3.707079],
  [0.9, 1e-6, 10, 4, 5.806237],
  [0.5, 1e-6, 100, 4, -2.566043],
  [0.9, 1e-6, 100, 4, -1.188784],
];

/** Pd at a given single-pulse SNR, Pfa = 1e−6, from the same SciPy oracle. */
const PD_AT_SNR: [snrDb: number, pfa: number, n: number, sw: SwerlingCase, pd: number][] = [
  [10.0, 1e-6, 1, 0, 0.248049275736],
  [15.0, 1e-6, 1, 0, 0.997225393231],
  [8.0, 1e-6, 4, 0, 0.861148642174],
  [0.0, 1e-6, 30, 0, 0.339421418475],
  [8.0, 1e-6, 4, 1, 0.498007012176],
  [0.0, 1e-6, 30, 1, 0.333191955956],
  [8.0, 1e-6, 4, 2, 0.664949685541],
  [0.0, 1e-6, 30, 2, 0.352588097342],
  [10.0, 1e-6, 1, 3, 0.291882091083],
  [15.0, 1e-6, 1, 3, 0.779446194332],
  [8.0, 1e-6, 4, 3, 0.585162319611],
  [0.0, 1e-6, 30, 3, 0.35642249086],
  [8.0, 1e-6, 4, 4, 0.732737853345],
  [0.0, 1e-6, 30, 4, 0.347116935265],
];

describe('thresholdForPfa', () => {
  it('gives y = −ln Pfa for one pulse', () => {
    expect(thresholdForPfa(1e-6, 1)).toBeCloseTo(-Math.log(1e-6), 10);
  });
  it('inverts Q(N, y) = Pfa', () => {
    expect(gammaQ(10, thresholdForPfa(1e-6, 10))).toBeCloseTo(1e-6, 15);
  });
});

describe('pdSwerling', () => {
  it('Swerling I single pulse equals Pfa^(1/(1+SNR)) exactly', () => {
    for (const s of [0, 0.3, 1, 10, 130, 1e4]) {
      for (const pfa of [1e-3, 1e-6, 1e-9]) {
        const expected = Math.pow(pfa, 1 / (1 + s));
        expect(pdSwerling(s, pfa, 1, 1)).toBeCloseTo(expected, 12);
        expect(pdSwerling1SinglePulse(s, pfa)).toBe(expected);
      }
    }
  });

  it("Swerling I with N > 1 matches Swerling's closed form (Meyer & Mayer 1973; Mahafza eq. 2.76)", () => {
    // Pd = 1 − P(N−1, y) + (1 + 1/(NS))^(N−1)·P(N−1, y/(1 + 1/(NS)))·exp(−y/(1 + NS))
    for (const n of [2, 5, 20]) {
      for (const s of [0.5, 2, 8]) {
        const y = thresholdForPfa(1e-6, n);
        const c = 1 + 1 / (n * s);
        const expected = gammaQ(n - 1, y) + Math.pow(c, n - 1) * (1 - gammaQ(n - 1, y / c)) * Math.exp(-y / (1 + n * s));
        expect(pdSwerling(s, 1e-6, n, 1)).toBeCloseTo(expected, 10);
      }
    }
  });

  it('Swerling II matches Q(N, y/(1+S)) (Meyer & Mayer 1973; Richards eq. 6.107)', () => {
    for (const n of [1, 3, 50]) {
      for (const s of [0.2, 1, 5]) {
        const y = thresholdForPfa(1e-5, n);
        expect(pdSwerling(s, 1e-5, n, 2)).toBeCloseTo(gammaQ(n, y / (1 + s)), 11);
      }
    }
  });

  it('Swerling III/IV with N = 1, 2 match the closed form exp(−y/β)(1 + 2/(NS))^(N−2)[1 + y/β − 2(N−2)/(NS)], β = 1 + NS/2 (Mahafza eq. 2.79)', () => {
    for (const n of [1, 2]) {
      for (const s of [0.5, 3, 20]) {
        const y = thresholdForPfa(1e-6, n);
        const beta = 1 + (n * s) / 2;
        const expected = Math.exp(-y / beta) * Math.pow(1 + 2 / (n * s), n - 2) * (1 + y / beta - (2 * (n - 2)) / (n * s));
        expect(pdSwerling(s, 1e-6, n, 3)).toBeCloseTo(expected, 11);
        if (n === 1) expect(pdSwerling(s, 1e-6, 1, 4)).toBeCloseTo(expected, 11);
      }
    }
  });

  it.each(PD_AT_SNR)('at %d dB, Pfa %d, N %d, Swerling %d: Pd matches the SciPy oracle', (snrDb, pfa, n, sw, pd) => {
    expect(pdSwerling(db(snrDb), pfa, n, sw)).toBeCloseTo(pd, 8);
  });

  it('tends to Pfa as SNR → 0 and to 1 as SNR grows, for every case', () => {
    for (const sw of [0, 1, 2, 3, 4] as const) {
      for (const n of [1, 10]) {
        expect(pdSwerling(1e-12, 1e-6, n, sw) / 1e-6).toBeCloseTo(1, 5);
        expect(pdSwerling(1e6, 1e-6, n, sw)).toBeGreaterThan(0.99);
      }
    }
  });

  it('handles large N without overflow and keeps the ordering of the cases at Pd 0.9', () => {
    const n = 5000;
    const s = db(-10);
    for (const sw of [0, 1, 2, 3, 4] as const) {
      const p = pdSwerling(s, 1e-6, n, sw);
      expect(Number.isFinite(p) && p >= 0 && p <= 1).toBe(true);
    }
    // Pulse-to-pulse decorrelation over 5000 pulses behaves almost like a steady target.
    expect(Math.abs(pdSwerling(s, 1e-6, n, 2) - pdSwerling(s, 1e-6, n, 0))).toBeLessThan(0.02);
  });

  it('rejects bad arguments with the argument named', () => {
    expect(() => pdSwerling(-1, 1e-6, 1, 1)).toThrow(/snr/);
    expect(() => pdSwerling(1, 2, 1, 1)).toThrow(/pfa/);
    expect(() => pdSwerling(1, 1e-6, 0, 1)).toThrow(/pulses/);
    expect(() => pdSwerling(1, 1e-6, 1, 7 as SwerlingCase)).toThrow(/swerling/);
  });
});

describe('requiredSnrDb', () => {
  it.each(REQUIRED_DB)('Pd %d, Pfa %d, N %d, Swerling %d → %d dB (SciPy oracle, ±0.001 dB)', (pd, pfa, n, sw, snrDb) => {
    expect(requiredSnrDb(pd, pfa, n, sw)).toBeCloseTo(snrDb, 3);
  });

  it('reproduces the published single-pulse anchors (Skolnik Figs. 2.7 and 2.23)', () => {
    expect(requiredSnrDb(0.9, 1e-6, 1, 0)).toBeCloseTo(13.2, 1);
    expect(requiredSnrDb(0.9, 1e-6, 1, 1)).toBeCloseTo(21.1, 1);
    const lossI = requiredSnrDb(0.9, 1e-6, 1, 1) - requiredSnrDb(0.9, 1e-6, 1, 0);
    const lossIII = requiredSnrDb(0.9, 1e-6, 1, 3) - requiredSnrDb(0.9, 1e-6, 1, 0);
    expect(lossI).toBeGreaterThan(7.5);
    expect(lossI).toBeLessThan(8.5);
    expect(lossIII).toBeGreaterThan(3.7);
    expect(lossIII).toBeLessThan(4.5);
  });

  it('is the inverse of pdSwerling', () => {
    for (const sw of [0, 1, 2, 3, 4] as const) {
      const s = db(requiredSnrDb(0.8, 1e-5, 7, sw));
      expect(pdSwerling(s, 1e-5, 7, sw)).toBeCloseTo(0.8, 9);
    }
  });

  it('rejects a Pd not above Pfa', () => {
    expect(() => requiredSnrDb(1e-7, 1e-6, 1, 1)).toThrow(/must exceed pfa/);
  });
});
