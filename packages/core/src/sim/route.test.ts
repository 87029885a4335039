import { describe, expect, it } from 'vitest';
import { geodesicInverse } from '../geo/geodesic.js';
import { sampleRoute } from './route.js';

describe('route sampling', () => {
  const pts = [
    { lonDeg: 126.9, latDeg: 37.5, altitudeM: 1000, reference: 'msl' as const },
    { lonDeg: 126.5, latDeg: 38.2, altitudeM: 3000, reference: 'msl' as const },
    { lonDeg: 125.75, latDeg: 39.03, altitudeM: 3000, reference: 'msl' as const },
  ];
  const flat = (): number => 0;

  it('flies at constant ground speed along the geodesic legs (GeographicLib distances)', () => {
    const r = sampleRoute(pts, 250, 2, flat);
    const leg1 = geodesicInverse(126.9, 37.5, 126.5, 38.2).distanceM;
    const leg2 = geodesicInverse(126.5, 38.2, 125.75, 39.03).distanceM;
    expect(r.durationSec).toBeCloseTo((leg1 + leg2) / 250, 9);
    // A sample on the first leg lies at k·2 s·250 m/s from the start.
    const k = 50;
    expect(geodesicInverse(126.9, 37.5, r.lonDeg[k], r.latDeg[k]).distanceM).toBeCloseTo(k * 500, 3);
    // The last sample is the last waypoint.
    expect(r.lonDeg[r.count - 1]).toBeCloseTo(125.75, 9);
    expect(r.latDeg[r.count - 1]).toBeCloseTo(39.03, 9);
  });

  it('interpolates altitude linearly along a leg', () => {
    const r = sampleRoute(pts, 250, 2, flat);
    const leg1 = geodesicInverse(126.9, 37.5, 126.5, 38.2).distanceM;
    const k = 100; // 50 km along a ≈ 85 km leg
    expect(r.altMslM[k]).toBeCloseTo(1000 + ((k * 500) / leg1) * 2000, 6);
  });

  it('follows the terrain on AGL legs', () => {
    const hill = (lon: number): number => 100 * (lon - 126);
    const agl = pts.map((p) => ({ ...p, altitudeM: 50, reference: 'agl' as const }));
    const r = sampleRoute(agl, 250, 5, hill);
    for (let k = 0; k < r.count; k += 17) expect(r.altMslM[k]).toBeCloseTo(hill(r.lonDeg[k]) + 50, 9);
  });

  it('rejects a one-point route', () => {
    expect(() => sampleRoute(pts.slice(0, 1), 250, 1, flat)).toThrow(RangeError);
  });
});
