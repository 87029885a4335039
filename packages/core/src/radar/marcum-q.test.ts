import { describe, expect, it } from 'vitest';
import { gammaMixtureTail, marcumQ } from './marcum-q.js';

/**
 * Q_M(a, b) computed independently with SciPy 1.17, `scipy.stats.ncx2.sf(b², 2M, a²)` (Boost.Math's
 * non-central chi-square, a different algorithm from our Poisson–gamma series); script:
 * pd-oracle.py beside this file.
 */
const SCIPY_MARCUM: [m: number, a: number, b: number, q: number][] = [
  [1, 0.5, 1.0, 0.642714230272544],
  [1, 2.0, 3.0, 0.214362088162649],
  [1, 5.0, 5.2565, 0.437089321648637],
  [1, 8.0, 5.0, 0.998960406601141],
  [3, 2.0, 4.0, 0.129934580546192],
  [10, 6.0, 8.0, 0.262962129791234],
  [100, 10.0, 16.0, 0.945578321173469],
  [1000, 20.0, 48.0, 0.901436800935669],
];

/** Q_1(a, b) by direct quadrature of its defining integral ∫_b^∞ x·exp(−(x²+a²)/2)·I₀(ax) dx (Simpson). */
function marcumQ1ByQuadrature(a: number, b: number): number {
  // I₀(z)·e^(−z) by its series for the modest arguments used here.
  const i0 = (z: number): number => {
    let term = 1;
    let sum = 1;
    for (let k = 1; k < 200; k++) {
      term *= (z * z) / (4 * k * k);
      sum += term;
      if (term < 1e-17 * sum) break;
    }
    return sum;
  };
  const f = (x: number): number => x * Math.exp(-(x * x + a * a) / 2) * i0(a * x);
  const upper = b + a + 40;
  const n = 20000;
  const h = (upper - b) / n;
  let s = f(b) + f(upper);
  for (let i = 1; i < n; i++) s += f(b + i * h) * (i % 2 ? 4 : 2);
  return (s * h) / 3;
}

describe('marcumQ', () => {
  it.each(SCIPY_MARCUM)('Q_%d(%d, %d) matches SciPy ncx2.sf', (m, a, b, q) => {
    expect(marcumQ(m, a, b)).toBeCloseTo(q, 10);
  });

  it('matches the defining integral of Q_1', () => {
    for (const [a, b] of [
      [0.3, 0.7],
      [1.5, 2.5],
      [3, 1],
      [4, 6],
    ]) {
      expect(marcumQ(1, a, b)).toBeCloseTo(marcumQ1ByQuadrature(a, b), 9);
    }
  });

  it('reduces to exp(−b²/2) for a = 0 and to 1 for b = 0', () => {
    expect(marcumQ(1, 0, 2)).toBeCloseTo(Math.exp(-2), 14);
    expect(marcumQ(1, 3, 0)).toBe(1);
  });

  it('stays finite and in [0, 1] for large orders and arguments', () => {
    const q = marcumQ(5000, 150, 110);
    expect(Number.isFinite(q)).toBe(true);
    expect(q).toBeGreaterThanOrEqual(0);
    expect(q).toBeLessThanOrEqual(1);
    // Huge non-centrality: certain detection, no overflow.
    expect(marcumQ(10, 1000, 10)).toBe(1);
  });

  it('rejects bad arguments with the argument named', () => {
    expect(() => marcumQ(1, -1, 1)).toThrow(/a must be/);
    expect(() => gammaMixtureTail(0, 1, { kind: 'poisson', mean: 1 })).toThrow(/n must be/);
  });
});
