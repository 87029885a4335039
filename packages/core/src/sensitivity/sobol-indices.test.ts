import { describe, expect, it } from 'vitest';
import { quantile, type ValueDistribution } from './distribution.js';
import { designPointCount, designQuantiles, saltelliDesign, type SaltelliDesign } from './saltelli-design.js';
import { sobolIndices, type SobolIndex } from './sobol-indices.js';

/** Runs f at every point of the design, evaluating it in blocks of the given sizes (merged in order). */
function evaluate(d: SaltelliDesign, f: (u: Float64Array) => number, blocks: number[] = [designPointCount(d)]): Float64Array {
  const total = designPointCount(d);
  const y = new Float64Array(total);
  let first = 0;
  for (const n of blocks) {
    const q = designQuantiles(d, first, n);
    for (let i = 0; i < n; i++) y[first + i] = f(q.subarray(i * d.factors, (i + 1) * d.factors));
    first += n;
  }
  expect(first).toBe(total);
  return y;
}

/** The estimate's 99% interval holds the expected value, and the interval is narrow enough to mean something. */
function expectIndex(est: SobolIndex, s1: number, st: number, width = 0.08): void {
  expect(est.s1Lo).toBeLessThanOrEqual(s1);
  expect(est.s1Hi).toBeGreaterThanOrEqual(s1);
  expect(est.stLo).toBeLessThanOrEqual(st);
  expect(est.stHi).toBeGreaterThanOrEqual(st);
  expect(est.s1Hi - est.s1Lo).toBeLessThan(width);
  expect(est.stHi - est.stLo).toBeLessThan(width);
}

describe('Sobol indices — Ishigami function (a = 7, b = 0.1)', () => {
  // f = sin x1 + a sin² x2 + b x3⁴ sin x1, x_i ~ U(−π, π) (Ishigami & Homma 1990). Partial variances
  // (Sobol' & Levitan, Comput. Phys. Commun. 117, 1999):
  //   V1 = ½(1 + bπ⁴/5)², V2 = a²/8, V3 = 0, V13 = b²π⁸(1/18 − 1/50), V = ½ + a²/8 + bπ⁴/5 + b²π⁸/18.
  const a = 7;
  const b = 0.1;
  const pi4 = Math.PI ** 4;
  const V1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
  const V2 = (a * a) / 8;
  const V13 = b * b * pi4 * pi4 * (1 / 18 - 1 / 50);
  const V = 0.5 + (a * a) / 8 + (b * pi4) / 5 + (b * b * pi4 * pi4) / 18;
  const ishigami = (u: Float64Array): number => {
    const [x1, x2, x3] = [u[0], u[1], u[2]].map((q) => -Math.PI + 2 * Math.PI * q);
    return Math.sin(x1) + a * Math.sin(x2) ** 2 + b * x3 ** 4 * Math.sin(x1);
  };
  const d = saltelliDesign(16384, 3, [[0], [1], [2]], 1);
  const r = sobolIndices(d, evaluate(d, ishigami), { confidence: 0.99, resamples: 500 });

  it('the analytic indices are the published ones (S1 ≈ 0.3139, 0.4424, 0; ST ≈ 0.5576, 0.4424, 0.2437)', () => {
    expect(V1 / V).toBeCloseTo(0.3139, 4);
    expect(V2 / V).toBeCloseTo(0.4424, 4);
    expect((V1 + V13) / V).toBeCloseTo(0.5576, 4);
    expect(V13 / V).toBeCloseTo(0.2437, 4);
  });

  it('estimates the variance and every first-order and total index within its 99% bootstrap interval', () => {
    expect(r.variance / V).toBeGreaterThan(0.96);
    expect(r.variance / V).toBeLessThan(1.04);
    expectIndex(r.groups[0], V1 / V, (V1 + V13) / V);
    expectIndex(r.groups[1], V2 / V, V2 / V);
    expectIndex(r.groups[2], 0, V13 / V);
  });

  it('gives identical indices when the design is evaluated in blocks of different sizes and merged in order', () => {
    const small = saltelliDesign(64, 3, [[0], [1], [2]], 9);
    const whole = sobolIndices(small, evaluate(small, ishigami));
    expect(sobolIndices(small, evaluate(small, ishigami, [1, 17, 100, 3, 199]))).toEqual(whole);
    expect(sobolIndices(small, evaluate(small, ishigami, [160, 160]))).toEqual(whole);
  });

  it('is reproduced by its seed, and another seed gives other estimates', () => {
    const run = (seed: number) => {
      const dd = saltelliDesign(64, 3, [[0], [1], [2]], seed);
      return sobolIndices(dd, evaluate(dd, ishigami));
    };
    expect(run(5)).toEqual(run(5));
    expect(run(6).groups[0].s1).not.toBe(run(5).groups[0].s1);
  });
});

describe('Sobol indices — linear model with known variances', () => {
  // Y = Σ c_i X_i with independent X_i: S_i = ST_i = c_i² σ_i² / Σ_j c_j² σ_j². The X_i are drawn
  // through the catalog's triangular distributions; their variance is the textbook
  // (a² + b² + c² − ab − ac − bc)/18 (Kotz & van Dorp 2004, ch. 1).
  const dists: ValueDistribution[] = [
    { shape: 'triangular', min: 180, mode: 250, max: 340, scale: 'linear' },
    { shape: 'triangular', min: 0.2, mode: 0.4, max: 0.7, scale: 'linear' },
    { shape: 'triangular', min: 10, mode: 10, max: 25, scale: 'linear' },
    { shape: 'uniform', min: 2, mode: 4, max: 16, scale: 'linear' },
  ];
  const coef = [0.01, 4, -0.2, 0.3];
  const variance = (x: ValueDistribution): number =>
    x.shape === 'uniform' ? (x.max - x.min) ** 2 / 12 : (x.min ** 2 + x.mode ** 2 + x.max ** 2 - x.min * x.mode - x.min * x.max - x.mode * x.max) / 18;
  const parts = dists.map((x, i) => coef[i] * coef[i] * variance(x));
  const total = parts.reduce((s, x) => s + x, 0);
  const linear = (u: Float64Array): number => dists.reduce((s, x, i) => s + coef[i] * quantile(x, u[i]), 0);

  it('each factor gets S1 = ST = c²σ²/Σ', () => {
    const d = saltelliDesign(8192, 4, [[0], [1], [2], [3]], 3);
    const r = sobolIndices(d, evaluate(d, linear), { confidence: 0.99, resamples: 500 });
    expect(r.variance / total).toBeGreaterThan(0.95);
    expect(r.variance / total).toBeLessThan(1.05);
    r.groups.forEach((g, i) => expectIndex(g, parts[i] / total, parts[i] / total));
  });

  it('a group of factors gets the sum of its members’ shares', () => {
    const d = saltelliDesign(8192, 4, [[0, 3], [1], [2]], 4);
    const r = sobolIndices(d, evaluate(d, linear), { confidence: 0.99, resamples: 500 });
    expectIndex(r.groups[0], (parts[0] + parts[3]) / total, (parts[0] + parts[3]) / total);
    expectIndex(r.groups[1], parts[1] / total, parts[1] / total);
  });
});

describe('Sobol indices — edge cases', () => {
  it('a factor the output does not depend on has S1 = ST = 0 exactly', () => {
    const d = saltelliDesign(200, 2, [[0], [1]], 11);
    const r = sobolIndices(
      d,
      evaluate(d, (u) => Math.exp(u[0])),
    );
    expect(r.groups[1]).toEqual({ s1: 0, s1Lo: 0, s1Hi: 0, st: 0, stLo: 0, stHi: 0 });
    expect(r.groups[0].stLo).toBeLessThanOrEqual(1);
    expect(r.groups[0].stHi).toBeGreaterThanOrEqual(1);
  });

  it('an output that never moves has no indices (NaN), not zeros', () => {
    const d = saltelliDesign(10, 2, [[0], [1]], 1);
    const r = sobolIndices(d, new Float64Array(designPointCount(d)).fill(0.25));
    expect(r.variance).toBe(0);
    expect(r.mean).toBe(0.25);
    expect(Number.isNaN(r.groups[0].s1)).toBe(true);
    expect(Number.isNaN(r.groups[1].stHi)).toBe(true);
  });

  it('refuses outputs of the wrong length or not finite', () => {
    const d = saltelliDesign(10, 2, [[0], [1]], 1);
    expect(() => sobolIndices(d, new Float64Array(39))).toThrow(/one output per design point/);
    expect(() => sobolIndices(d, new Float64Array(40).fill(Number.NaN))).toThrow(/finite/);
  });
});
