import { describe, expect, it } from 'vitest';
import { clusteredProportion, meanInterval, quantileSorted, wilson } from './stats.js';

describe('Wilson score interval — Newcombe (1998), Table I, method 3', () => {
  const cases: [number, number, number, number][] = [
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ];
  for (const [x, n, lo, hi] of cases) {
    it(`${x}/${n} → [${lo}, ${hi}]`, () => {
      const ci = wilson(x, n);
      expect(ci.lo).toBeCloseTo(lo, 4);
      expect(ci.hi).toBeCloseTo(hi, 4);
    });
  }
});

describe('clustered proportion', () => {
  it('is the plain Wilson interval for clusters of one', () => {
    const runs = [1, 0, 1, 1, 0, 0, 0, 1, 1, 1];
    expect(clusteredProportion(runs, 1)).toEqual(wilson(6, 10));
  });

  it('counts perfectly correlated clusters as one trial each (design effect = m)', () => {
    // 100 runs of 4 members that all survive or all die together; 30 runs survive.
    const runs = Array.from({ length: 100 }, (_, r) => (r < 30 ? 4 : 0));
    const c = clusteredProportion(runs, 4);
    const w = wilson(30, 100);
    expect(c.p).toBeCloseTo(0.3, 12);
    expect(c.lo).toBeCloseTo(w.lo, 12);
    expect(c.hi).toBeCloseTo(w.hi, 12);
  });
});

describe('mean interval and quantiles', () => {
  it('mean ± 1.96·s/√n', () => {
    const m = meanInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    const s = Math.sqrt(32 / 7); // Σ(x − 5)² = 32
    expect(m.mean).toBe(5);
    expect(m.sd).toBeCloseTo(s, 12);
    expect(m.hi - m.mean).toBeCloseTo((1.959963984540054 * s) / Math.sqrt(8), 12);
  });

  it('is clipped to the range of the values: a skewed count never gets a negative bound', () => {
    const runs = [...new Array(999).fill(0), 1]; // one missile in 1,000 runs
    const m = meanInterval(runs);
    expect(m.mean).toBe(0.001);
    // Unclipped, x̄ − 1.96·s/√n = 0.001 − 1.96·0.0316/31.6 < 0.
    expect(m.mean - (1.959963984540054 * m.sd) / Math.sqrt(1000)).toBeLessThan(0);
    expect(m.lo).toBe(0);
    expect(m.hi).toBeCloseTo(0.001 + (1.959963984540054 * m.sd) / Math.sqrt(1000), 12);
  });

  it('type-7 quantiles match NumPy/R defaults', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantileSorted([10, 20, 30, 40, 50], 0.9)).toBe(46);
  });
});

describe('difference of proportions — Newcombe (1998), Table II, method 10', () => {
  it('56/70 − 48/80 → [0.0524, 0.3339]', async () => {
    const { proportionDifference } = await import('./compare-sim.js');
    const d = proportionDifference(wilson(48, 80), wilson(56, 70)); // b − a = 56/70 − 48/80
    expect(d.d).toBeCloseTo(0.2, 12);
    expect(d.lo).toBeCloseTo(0.0524, 4);
    expect(d.hi).toBeCloseTo(0.3339, 4);
  });
});
