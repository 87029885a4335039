import { describe, expect, it } from 'vitest';
import { geodesicDirect, geodesicInverse, geodesicPolygonAreaM2 } from './geodesic.js';
import { makeRegionGrid, maskAreaKm2 } from './region-grid.js';

describe('geodesics (GeographicLib)', () => {
  it('Wellington → Salamanca: Karney (2013) worked example, 19 959 679.267 m, azimuth 161.0676699862°', () => {
    // C. F. F. Karney, "Algorithms for geodesics", J. Geodesy 87 (2013), Table 2 / §9 example.
    const r = geodesicInverse(174.81, -41.32, -5.5, 40.96);
    expect(r.distanceM).toBeCloseTo(19_959_679.267, 2);
    expect(r.azimuthDeg).toBeCloseTo(161.067669986, 6);
  });

  it('Pyongyang → Seoul ≈ 195 km', () => {
    const r = geodesicInverse(125.75, 39.03, 126.977, 37.569);
    expect(r.distanceM / 1000).toBeGreaterThan(193);
    expect(r.distanceM / 1000).toBeLessThan(197);
  });

  it('direct inverts inverse', () => {
    const inv = geodesicInverse(125.75, 39.03, 127.113, 36.992);
    const p = geodesicDirect(125.75, 39.03, inv.azimuthDeg, inv.distanceM);
    expect(p.lonDeg).toBeCloseTo(127.113, 9);
    expect(p.latDeg).toBeCloseTo(36.992, 9);
  });

  it('polygon area of a 1°×1° box at the equator ≈ 12 364 km² (ellipsoidal)', () => {
    // A spherical box of authalic radius 6371.007 km: R²·Δλ·(sin φ2 − sin φ1) = 12 364 km².
    const Rq = 6371.0072;
    const sphere = Rq * Rq * (Math.PI / 180) * Math.sin(Math.PI / 180);
    const a =
      geodesicPolygonAreaM2([
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]) / 1e6;
    expect(Math.abs(a - sphere) / sphere).toBeLessThan(0.005);
  });
});

describe('region grid', () => {
  it('cells measure about resolutionM and the total area matches the spherical-box formula', () => {
    const g = makeRegionGrid({ westDeg: 124, southDeg: 36, eastDeg: 130, northDeg: 41 }, 2000);
    const cellW = geodesicInverse(127, 38.5, 127 + g.dLonDeg, 38.5).distanceM;
    const cellH = geodesicInverse(127, 38.5, 127, 38.5 + g.dLatDeg).distanceM;
    expect(Math.abs(cellW - 2000)).toBeLessThan(20);
    expect(Math.abs(cellH - 2000)).toBeLessThan(20);
    const all = new Uint8Array(g.width * g.height).fill(1);
    const Rq = 6371.0072;
    const rad = Math.PI / 180;
    const sphere = Rq * Rq * 6 * rad * (Math.sin(41 * rad) - Math.sin(36 * rad));
    expect(Math.abs(maskAreaKm2(g, all) - sphere) / sphere).toBeLessThan(0.005);
  });

  it('refuses oversized grids with a clear message', () => {
    expect(() => makeRegionGrid({ westDeg: -180, southDeg: -80, eastDeg: 180, northDeg: 80 }, 50)).toThrow(/exceeds the limit/);
  });
});
