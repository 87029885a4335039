import { describe, expect, it } from 'vitest';
import type { Value } from '../catalog/value.js';
import { quantile, valueDistribution } from './distribution.js';

const SRC = [{ title: 'Parapet estimate: test' }];
const val = (low: number | undefined, nominal: number, high: number | undefined, unit = 'km'): Value => ({
  nominal,
  low,
  high,
  unit,
  sources: SRC,
  confidence: 'low',
});

/** Textbook CDF of the triangular distribution (Kotz & van Dorp 2004, ch. 1), written apart from the code under test. */
function triangularCdf(a: number, c: number, b: number, x: number): number {
  if (x <= a) return 0;
  if (x >= b) return 1;
  return x <= c ? ((x - a) * (x - a)) / ((b - a) * (c - a)) : 1 - ((b - x) * (b - x)) / ((b - a) * (b - c));
}

describe('value distributions', () => {
  it('a value without a spread is not uncertain', () => {
    expect(valueDistribution(val(undefined, 5, undefined), 'length')).toBeUndefined();
    expect(valueDistribution(val(5, 5, 5), 'length')).toBeUndefined();
  });

  it('runs from the smaller to the larger sourced number, with the nominal as mode', () => {
    expect(valueDistribution(val(180, 250, 340), 'length')).toEqual({ shape: 'triangular', min: 180, mode: 250, max: 340, scale: 'linear' });
    expect(valueDistribution(val(undefined, 0.5, 0.9, '1'), 'ratio')).toEqual({ shape: 'triangular', min: 0.5, mode: 0.5, max: 0.9, scale: 'linear' });
    expect(valueDistribution(val(0.0001, 0.001, 0.005, 'm2'), 'area', 'uniform')).toEqual({
      shape: 'uniform',
      min: 0.0001,
      mode: 0.001,
      max: 0.005,
      scale: 'log',
    });
  });

  it('triangular quantile inverts the textbook CDF', () => {
    const d = valueDistribution(val(180, 250, 340), 'length')!;
    for (const u of [0.001, 0.1, 0.3, 0.4375, 0.5, 0.77, 0.999]) expect(triangularCdf(180, 250, 340, quantile(d, u))).toBeCloseTo(u, 12);
    expect(quantile(d, 0)).toBe(180);
    expect(quantile(d, 1)).toBe(340);
    // F(mode) = (c − a)/(b − a): the quantile there is the nominal.
    expect(quantile(d, 70 / 160)).toBeCloseTo(250, 10);
  });

  it('a one-sided spread has its mode at an end', () => {
    const d = valueDistribution(val(undefined, 0.5, 0.9, '1'), 'ratio')!;
    for (const u of [0.2, 0.5, 0.9]) expect(triangularCdf(0.5, 0.5, 0.9, quantile(d, u))).toBeCloseTo(u, 12);
  });

  it('uniform quantile is linear between the ends', () => {
    const d = valueDistribution(val(2, 5, 10), 'length', 'uniform')!;
    expect(quantile(d, 0.25)).toBeCloseTo(4, 12);
    expect(quantile(d, 0.5)).toBeCloseTo(6, 12);
  });

  it('RCS is drawn in dB: the shape applies to ln σ', () => {
    const d = valueDistribution(val(0.0001, 0.001, 0.005, 'm2'), 'area')!;
    const [a, c, b] = [Math.log(0.0001), Math.log(0.001), Math.log(0.005)];
    for (const u of [0.05, 0.5, 0.95]) expect(triangularCdf(a, c, b, Math.log(quantile(d, u)))).toBeCloseTo(u, 12);
    expect(quantile(d, 0)).toBe(0.0001);
    expect(quantile(d, 1)).toBe(0.005);
  });

  it('refuses a quantile outside [0, 1]', () => {
    const d = valueDistribution(val(1, 2, 3), 'length')!;
    expect(() => quantile(d, 1.2)).toThrow(RangeError);
    expect(() => quantile(d, Number.NaN)).toThrow(RangeError);
  });
});
