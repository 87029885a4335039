import { describe, expect, it } from 'vitest';
import { EARTH_MEAN_RADIUS_M, effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicDirect } from '../geo/geodesic.js';
import { makeRegionGrid, maskAreaKm2 } from '../geo/region-grid.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { computeCoverageLayer } from './layer.js';
import { ALTITUDE_SCAN_STEP_M, placeOutcome } from './places.js';
import { computeSiteFrame } from './site-frame.js';
import { SmoothEarthVisibility } from './visibility-provider.js';

const k = 4 / 3;
const ae = effectiveEarthRadiusM(k);
/** The same RCS at every aspect and band (m², [aspect·7 + band]). */
const flatRcs = (m2: number): Float64Array => new Float64Array(21).fill(m2);
/** A notional S-band receiver: 3 GHz, 35 dBi, −25 dB sidelobes, 4 dB noise figure, 2° beam. */
const rx = (): ReceiverParams => ({
  frequencyHz: 3e9,
  gainLinear: 10 ** 3.5,
  sidelobeLinear: 10 ** -2.5,
  noiseFigureLinear: 10 ** 0.4,
  beamwidthRad: (2 * Math.PI) / 180,
});
const site: ResolvedSite = {
  id: 's',
  systemId: 'test',
  systemName: 'test',
  lonDeg: 127,
  latDeg: 38,
  status: 'hypothetical',
  boresightRad: 0,
  radars: [
    {
      id: 'r',
      name: 'r',
      role: 'fire-control',
      antennaHeightM: 20,
      instrumentedRangeM: 200_000,
      refRangeM: 60_000,
      refRcsM2: 1,
      maxAltitudeM: 30_000,
      band: 'S',
      receiver: rx(),
    },
  ],
  missiles: [{ id: 'm', name: 'm', guidanceRadarIndex: 0, minRangeM: 0, maxRangeM: 40_000, minAltitudeM: 30, maxAltitudeM: 25_000, maxTargetSpeedMps: 2000 }],
};
const threat: ThreatParams = { id: 't', name: 't', rcsM2: flatRcs(1), speedMps: 250 };
const grid = makeRegionGrid({ westDeg: 125.8, southDeg: 37, eastDeg: 128.2, northDeg: 39 }, 1000);
const frame = computeSiteFrame(grid, site.lonDeg, site.latDeg, 200_000);
const vis = new SmoothEarthVisibility(ae, [frame], k);
/** Area of a geodesic disc of ground radius s on a sphere of the mean radius: 2πR²(1 − cos(s/R)). */
const capKm2 = (s: number): number => (2 * Math.PI * EARTH_MEAN_RADIUS_M ** 2 * (1 - Math.cos(s / EARTH_MEAN_RADIUS_M))) / 1e6;
/** Ground range at which the slant range reaches R, from the law of cosines on the a_e sphere. */
const groundRangeAtSlant = (R: number, hr: number, ht: number): number =>
  ae * Math.acos(((ae + hr) ** 2 + (ae + ht) ** 2 - R * R) / (2 * (ae + hr) * (ae + ht)));

describe('coverage layer on a smooth earth', () => {
  it('range-limited detection at 5 km altitude is a disc of the slant-range radius (area within 1.5%)', () => {
    const layer = computeCoverageLayer({ grid, sites: [site], frames: [frame], visibility: vis, threat, altitudeM: 5000, altitudeReference: 'msl' });
    const s = groundRangeAtSlant(60_000, 20, 5000);
    const expected = capKm2(s);
    expect(Math.abs(maskAreaKm2(grid, layer.detectCount) - expected) / expected).toBeLessThan(0.015);
    const eng = capKm2(groundRangeAtSlant(40_000, 20, 5000));
    expect(Math.abs(maskAreaKm2(grid, layer.engageCount) - eng) / eng).toBeLessThan(0.015);
    expect(layer.sites[0].maxDetectRangeM).toBeLessThanOrEqual(s + 1);
    expect(layer.sites[0].maxDetectRangeM).toBeGreaterThan(s - 1500);
  });

  it('horizon-limited detection at 50 m is a disc of the 4/3-earth horizon radius', () => {
    const layer = computeCoverageLayer({ grid, sites: [site], frames: [frame], visibility: vis, threat, altitudeM: 50, altitudeReference: 'msl' });
    const horizon = Math.sqrt(2 * ae * 20) + Math.sqrt(2 * ae * 50); // textbook, ≈ 47.6 km
    const expected = capKm2(horizon);
    expect(Math.abs(maskAreaKm2(grid, layer.detectCount) - expected) / expected).toBeLessThan(0.02);
  });

  it('the lowest engaged altitude at a place is max(missile floor, earth-masked height), to the scan step', () => {
    for (const d of [20_000, 35_000]) {
      const p = geodesicDirect(site.lonDeg, site.latDeg, 135, d);
      const out = placeOutcome({ name: 'x', lon: p.lonDeg, lat: p.latDeg }, [site], vis, threat, 1000, 'msl');
      const b = d / ae - Math.acos(ae / (ae + 20));
      const masked = b <= 0 ? 0 : ae / Math.cos(b) - ae;
      const expected = Math.ceil(Math.max(30, masked) / ALTITUDE_SCAN_STEP_M) * ALTITUDE_SCAN_STEP_M;
      expect(out.lowestEngagedAltitudeM).toBe(expected);
      expect(out.engaged).toBe(true);
      expect(out.rangeFromSiteKm.s).toBeCloseTo(d / 1000, 6);
    }
  });

  it('a place beyond missile range is detected but never engaged', () => {
    const p = geodesicDirect(site.lonDeg, site.latDeg, 10, 55_000);
    const out = placeOutcome({ name: 'far', lon: p.lonDeg, lat: p.latDeg }, [site], vis, threat, 3000, 'msl');
    expect(out.detected).toBe(true);
    expect(out.engaged).toBe(false);
    expect(out.lowestEngagedAltitudeM).toBeNull();
  });
});

describe('range rings', () => {
  it('a site without missiles has no engagement ring, not even its own cell', async () => {
    const { ringMasks } = await import('./analyze.js');
    const radarOnly: ResolvedSite = { ...site, radars: [{ ...site.radars[0], instrumentedRangeM: 80_000 }], missiles: [] };
    const rings = ringMasks(grid, [radarOnly], [frame]);
    expect(rings.engageRingAreaKm2).toBe(0);
    // The detection ring is the instrumented range's disc (80 km, inside the ±105 km grid).
    expect(Math.abs(rings.detectRingAreaKm2 - capKm2(80_000)) / capKm2(80_000)).toBeLessThan(0.015);
  });
});
