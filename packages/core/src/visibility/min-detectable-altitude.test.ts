import { describe, expect, it } from 'vitest';
import { computeSiteFrame } from '../coverage/site-frame.js';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { makeRegionGrid } from '../geo/region-grid.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { altitudeDeltaM, lowestInRangeM, minDetectableAltitude } from './min-detectable-altitude.js';

const A_E = (4 / 3) * 6371008.8;
const RANGE_M = 200_000;

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
function site(lon: number, lat: number, maxAltitudeM = 30_000): ResolvedSite {
  return {
    id: `r${lon}`,
    systemId: 'test',
    systemName: 'test',
    lonDeg: lon,
    latDeg: lat,
    status: 'hypothetical',
    boresightRad: 0,
    radars: [
      {
        id: 'r',
        name: 'r',
        role: 'acquisition',
        antennaHeightM: 20,
        instrumentedRangeM: RANGE_M,
        refRangeM: RANGE_M,
        refRcsM2: 1,
        maxAltitudeM,
        band: 'S',
        receiver: rx(),
      },
    ],
    missiles: [],
  };
}
const threat: ThreatParams = { id: 't', name: 't', rcsM2: flatRcs(1), speedMps: 250 };

/** Law of cosines on the effective sphere, written out here (independent of geo/horizon.ts). */
function slant(s: number, hr: number, ht: number): number {
  const ra = A_E + hr;
  const rt = A_E + ht;
  return Math.sqrt(ra * ra + rt * rt - 2 * ra * rt * Math.cos(s / A_E));
}

describe('minDetectableAltitude on a smooth earth', () => {
  const grid = makeRegionGrid({ westDeg: 126, southDeg: 36.5, eastDeg: 129.5, northDeg: 38.5 }, 2000);

  it('is the radar horizon height inside the detection range, and nothing beyond it', () => {
    const sites = [site(127, 37.5)];
    const frames = [computeSiteFrame(grid, 127, 37.5, RANGE_M * 1.01)];
    const vis = new SmoothEarthVisibility(A_E, frames, 4 / 3);
    const m = minDetectableAltitude({ grid, sites, frames, visibility: vis, threat });
    const dr = Math.sqrt(2 * A_E * 20); // the antenna's own horizon (Skolnik eq. 8.29)
    let inside = 0;
    let edge = 0;
    for (let k = 0; k < m.mslM.length; k++) {
      const s = frames[0].rangeM[k];
      if (!(s <= RANGE_M * 1.01)) {
        expect(m.mslM[k]).toBe(Infinity);
        continue;
      }
      const horizonH = s > dr ? ((s - dr) * (s - dr)) / (2 * A_E) : 0;
      if (slant(s, 20, horizonH) < RANGE_M * 0.999) {
        expect(Math.abs(m.mslM[k] - horizonH)).toBeLessThan(0.003 * horizonH + 1);
        expect(m.siteIndex[k]).toBe(0);
        inside++;
      } else if (slant(s, 20, horizonH) > RANGE_M * 1.001) {
        expect(m.mslM[k]).toBe(Infinity);
        edge++;
      }
    }
    expect(inside).toBeGreaterThan(10_000);
    expect(edge).toBeGreaterThan(50);
  });

  it('takes the lower of two sites and respects the radar ceiling', () => {
    const sites = [site(127, 37.5), site(128.5, 37.5, 1000)];
    const frames = sites.map((s) => computeSiteFrame(grid, s.lonDeg, s.latDeg, RANGE_M * 1.01));
    const vis = new SmoothEarthVisibility(A_E, frames, 4 / 3);
    const m = minDetectableAltitude({ grid, sites, frames, visibility: vis, threat });
    const one = minDetectableAltitude({ grid, sites: [sites[0]], frames: [frames[0]], visibility: vis, threat });
    let fromSecond = 0;
    for (let k = 0; k < m.mslM.length; k++) {
      expect(m.mslM[k]).toBeLessThanOrEqual(one.mslM[k]);
      if (m.siteIndex[k] === 1) {
        expect(m.mslM[k]).toBeLessThanOrEqual(1000);
        fromSecond++;
      }
    }
    expect(fromSecond).toBeGreaterThan(1000);
  });
});

describe('lowestInRangeM', () => {
  it('climbs to where the slant range meets the detection range, or gives up', () => {
    // From 5000 m up, 60 km out, a target at the ground is 60.2 km away; with R = 60.1 km the
    // lowest in-range height satisfies r(h) = R.
    const h = lowestInRangeM(60_000, 5000, 0, 30_000, 60_100, A_E);
    expect(Math.abs(slant(60_000, 5000, h) - 60_100)).toBeLessThan(0.5);
    expect(lowestInRangeM(60_000, 5000, 0, 30_000, 59_000, A_E)).toBe(Infinity);
    expect(lowestInRangeM(60_000, 5000, 0, 300, 60_100, A_E)).toBe(Infinity);
  });
});

describe('altitudeDeltaM', () => {
  it('subtracts, with ±Infinity where one side detects nothing', () => {
    const d = altitudeDeltaM(Float32Array.of(100, Infinity, 300, Infinity), Float32Array.of(40, 50, Infinity, Infinity));
    expect(Array.from(d)).toEqual([-60, -Infinity, Infinity, NaN]);
  });
});
