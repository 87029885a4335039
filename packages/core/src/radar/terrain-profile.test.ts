import { describe, expect, it } from 'vitest';
import { geodesicInverse } from '../geo/geodesic.js';
import { terrainProfileAlong } from './terrain-profile.js';

describe('terrainProfileAlong', () => {
  it('samples along the geodesic at equal steps (checked by the inverse problem)', () => {
    const pts: [number, number][] = [];
    const p = terrainProfileAlong((lon, lat) => (pts.push([lon, lat]), 100), 125.75, 39.03, 160, 50_000, 10_000);
    expect([...p.groundRangeM]).toEqual([0, 10_000, 20_000, 30_000, 40_000, 50_000]);
    const inv = geodesicInverse(125.75, 39.03, pts[5][0], pts[5][1]);
    expect(inv.distanceM).toBeCloseTo(50_000, 3);
    expect(inv.azimuthDeg).toBeCloseTo(160, 6);
  });

  it('fills voids from the previous sample and counts them', () => {
    let k = 0;
    const p = terrainProfileAlong(() => [5, NaN, 7, NaN][k++], 0, 0, 90, 3000, 1000);
    expect([...p.groundMslM]).toEqual([5, 5, 7, 7]);
    expect(p.voids).toBe(2);
  });
});
