import { describe, expect, it } from 'vitest';
import { makeMapProjection } from './map-projection.js';

const bbox = { westDeg: 124, southDeg: 33, eastDeg: 131, northDeg: 43.5 };

describe('makeMapProjection', () => {
  it('maps the box corners onto the map area', () => {
    const p = makeMapProjection(bbox, 900, 1000);
    expect(p.x(124)).toBeCloseTo(0, 9);
    expect(p.x(131)).toBeCloseTo(p.widthPx, 9);
    expect(p.y(43.5)).toBeCloseTo(0, 9);
    expect(p.y(33)).toBeCloseTo(p.heightPx, 9);
    expect(p.widthPx <= 900 + 1e-9 && p.heightPx <= 1000 + 1e-9).toBe(true);
    expect(Math.max(p.widthPx / 900, p.heightPx / 1000)).toBeCloseTo(1, 9);
  });

  it('keeps true proportions at the central latitude: WGS84 N·cosφ / M', () => {
    const p = makeMapProjection(bbox, 900, 1000);
    // radii of curvature, WGS84 (a = 6378137 m, f = 1/298.257223563)
    const f = 1 / 298.257223563;
    const e2 = f * (2 - f);
    const phi = (38.25 * Math.PI) / 180;
    const w = 1 - e2 * Math.sin(phi) ** 2;
    const ratio = (Math.cos(phi) * w) / (1 - e2); // (N cos φ) / M
    expect(p.pxPerDegLon / p.pxPerDegLat).toBeCloseTo(ratio, 4);
  });

  it('draws d3 paths with the same linear transform', () => {
    const p = makeMapProjection(bbox, 900, 1000);
    for (const [lon, lat] of [
      [124, 43.5],
      [125.75, 39.03],
      [126.977, 37.569],
      [131, 33],
    ]) {
      const q = p.d3([lon, lat]) as [number, number];
      expect(q[0]).toBeCloseTo(p.x(lon), 6);
      expect(q[1]).toBeCloseTo(p.y(lat), 6);
    }
  });

  it('rejects an empty box', () => {
    expect(() => makeMapProjection({ ...bbox, eastDeg: 124 }, 900, 1000)).toThrow(/east > west/);
  });
});
