import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM, EARTH_MEAN_RADIUS_M } from './earth.js';
import { elevationAngleRad, heightAtElevationM, minVisibleHeightSmoothM, radarHorizonApproxM, radarHorizonExactM, slantRangeM } from './horizon.js';

const ae = effectiveEarthRadiusM(4 / 3);

describe('4/3-earth radar horizon', () => {
  it('30 m antenna, 10 km target: 434.6 km (d = √(2kRh_r) + √(2kRh_t)) within 0.5%', () => {
    // Textbook value from d[km] = 4.12(√h_r + √h_t): 4.12·(√30 + √10000) = 434.6 km.
    const textbookKm = 4.12 * (Math.sqrt(30) + Math.sqrt(10_000));
    expect(textbookKm).toBeCloseTo(434.6, 1);
    expect(radarHorizonExactM(30, 10_000, ae) / 1000).toBeGreaterThan(434.6 * 0.995);
    expect(radarHorizonExactM(30, 10_000, ae) / 1000).toBeLessThan(434.6 * 1.005);
  });

  it.each([
    [20, 0, 18],
    [20, 100, 60],
    [20, 1000, 149],
    [20, 10_000, 431],
  ])('20 m antenna, %d m target → about %d km (public-parameters table)', (hr, ht, km) => {
    expect(Math.abs(radarHorizonExactM(hr, ht, ae) / 1000 - km)).toBeLessThan(km * 0.01 + 0.5);
  });

  it('the approximation and exact geometry agree to 0.1% below 20 km heights', () => {
    for (const [hr, ht] of [
      [10, 100],
      [30, 5000],
      [5, 20_000],
    ]) {
      const exact = radarHorizonExactM(hr, ht, ae);
      expect(Math.abs(radarHorizonApproxM(hr, ht, ae) - exact) / exact).toBeLessThan(1e-3);
    }
  });

  it('min visible height inverts the horizon: at the horizon range of h_t the minimum is h_t', () => {
    for (const [hr, ht] of [
      [20, 100],
      [30, 1000],
      [10, 10_000],
    ]) {
      const d = radarHorizonExactM(hr, ht, ae);
      expect(minVisibleHeightSmoothM(d, hr, ae)).toBeCloseTo(ht, 3);
    }
    expect(minVisibleHeightSmoothM(1000, 20, ae)).toBe(0);
  });

  it('drop beyond the antenna horizon follows Δh ≈ d²/(2kR) for a ground-level antenna', () => {
    const d = 100_000;
    expect(minVisibleHeightSmoothM(d, 0, ae)).toBeCloseTo((d * d) / (2 * ae), -1);
  });

  it('smooth earth: 20 m antenna at Pyongyang sees nothing below ~1.8 km over Seoul (≈195 km)', () => {
    const h = minVisibleHeightSmoothM(195_000, 20, ae);
    expect(h).toBeGreaterThan(1500);
    expect(h).toBeLessThan(2100);
  });
});

describe('slant range and elevation', () => {
  it('matches the law of cosines', () => {
    const s = 150_000,
      hr = 25,
      ht = 8000;
    const theta = s / ae;
    const expected = Math.sqrt((ae + hr) ** 2 + (ae + ht) ** 2 - 2 * (ae + hr) * (ae + ht) * Math.cos(theta));
    expect(slantRangeM(s, hr, ht, ae)).toBeCloseTo(expected, 3);
  });

  it('is the height difference straight overhead', () => {
    expect(slantRangeM(0, 10, 5010, EARTH_MEAN_RADIUS_M)).toBeCloseTo(5000, 6);
  });

  it('elevation angle and height-at-elevation are inverse', () => {
    for (const [s, ht] of [
      [50_000, 3000],
      [200_000, 12_000],
      [10_000, 100],
    ]) {
      const e = elevationAngleRad(s, 20, ht, ae);
      expect(heightAtElevationM(s, e, 20, ae)).toBeCloseTo(ht, 2);
    }
  });

  it('the horizon point lies at the dip angle below the horizontal', () => {
    const hr = 100;
    const dip = -Math.acos(ae / (ae + hr)); // dip of the horizon, textbook
    const sHorizon = ae * Math.acos(ae / (ae + hr));
    expect(elevationAngleRad(sHorizon, hr, 0, ae)).toBeCloseTo(dip, 6);
  });
});
