import { describe, expect, it } from 'vitest';
import { geodesicInverse, type ResolvedSite } from '@parapet/core';
import { geodesicCircle, rangeRingFeatures, RING_VERTICES } from './range-rings.js';

/** Twice the signed area of a ring (shoelace), positive when counter-clockwise in lon/lat. */
function shoelace2(ring: number[][]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

describe('geodesicCircle', () => {
  it('puts every vertex at the radius from the centre (GeographicLib inverse, within the 1e-5° rounding), closed and counter-clockwise', () => {
    const ring = geodesicCircle(125.75, 39.03, 400_000);
    expect(ring).toHaveLength(RING_VERTICES + 1);
    expect(ring[RING_VERTICES]).toEqual(ring[0]);
    for (const [lon, lat] of ring) expect(Math.abs(geodesicInverse(125.75, 39.03, lon, lat).distanceM - 400_000)).toBeLessThan(1.2);
    expect(shoelace2(ring)).toBeGreaterThan(0);
    // Vertex 0 due north, then westward (counter-clockwise seen from above).
    expect(ring[0][0]).toBeCloseTo(125.75, 5);
    expect(ring[1][0]).toBeLessThan(125.75);
  });

  it('refuses a radius that is not positive', () => {
    expect(() => geodesicCircle(0, 0, 0)).toThrow(/rangeM must be positive, got 0/);
  });
});

describe('rangeRingFeatures', () => {
  it('gives each site its longest radar and longest missile ring, and none for a site without missiles', () => {
    const site = (id: string, radars: [string, number][], missiles: [string, number][]) =>
      ({
        id,
        lonDeg: 126,
        latDeg: 38,
        radars: radars.map(([name, instrumentedRangeM]) => ({ name, instrumentedRangeM })),
        missiles: missiles.map(([name, maxRangeM]) => ({ name, maxRangeM })),
      }) as unknown as ResolvedSite;
    const fc = rangeRingFeatures([
      site(
        'a',
        [
          ['P-18', 250_000],
          ['SNR-75', 160_000],
        ],
        [['V-750', 45_000]],
      ),
      site('ew', [['P-37', 350_000]], []),
    ]);
    expect(fc.features.map((f) => f.properties)).toEqual([
      { siteId: 'a', ring: 'radar', by: 'P-18', rangeKm: 250 },
      { siteId: 'a', ring: 'missile', by: 'V-750', rangeKm: 45 },
      { siteId: 'ew', ring: 'radar', by: 'P-37', rangeKm: 350 },
    ]);
  });
});
