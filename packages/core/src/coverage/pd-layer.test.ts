import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { makeRegionGrid } from '../geo/region-grid.js';
import { slantRangeM } from '../geo/horizon.js';
import { calibrationWithDefaults, RadarDetectionModel } from '../radar/snr.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { computeCoverageLayer } from './layer.js';
import { computePdLayer, PdRangeTable } from './pd-layer.js';
import { computeSiteFrame } from './site-frame.js';
import { SmoothEarthVisibility } from './visibility-provider.js';

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
describe('PdRangeTable', () => {
  it('matches direct Pd evaluation within 1e−3', () => {
    const m = new RadarDetectionModel(calibrationWithDefaults({ refRangeM: 200e3, refRcsM2: 1, pulses: 10 }));
    const t = new PdRangeTable(m, 0.5, 1, 100, 400e3);
    for (const r of [1e3, 50e3, 120e3, 168e3, 200e3, 260e3, 399e3]) expect(Math.abs(t.at(r) - m.pdAt(r, 0.5, 1))).toBeLessThan(1e-3);
  });
});

describe('computePdLayer', () => {
  it('is ≥ the threshold exactly where the coverage layer detects (up to one table step), and equals Pd(slant) in line of sight', () => {
    const grid = makeRegionGrid({ westDeg: 125, southDeg: 38, eastDeg: 127, northDeg: 40 }, 4000);
    const site: ResolvedSite = {
      id: 's',
      systemId: 'x',
      systemName: 'X',
      lonDeg: 126,
      latDeg: 39,
      status: 'hypothetical',
      boresightRad: 0,
      radars: [
        {
          id: 'r',
          name: 'R',
          role: 'surveillance',
          antennaHeightM: 20,
          instrumentedRangeM: 300e3,
          refRangeM: 120e3,
          refRcsM2: 1,
          maxAltitudeM: 30e3,
          pulses: 4,
          band: 'S',
          receiver: rx(),
        },
      ],
      missiles: [],
    };
    const threat: ThreatParams = { id: 't', name: 'T', rcsM2: flatRcs(1), speedMps: 200, swerling: 1 };
    const a = effectiveEarthRadiusM(4 / 3);
    const frames = [computeSiteFrame(grid, site.lonDeg, site.latDeg, 400e3)];
    const vis = new SmoothEarthVisibility(a, frames, 4 / 3);
    const input = { grid, sites: [site], frames, visibility: vis, threat, altitudeM: 5000, altitudeReference: 'msl' as const };
    const pd = computePdLayer(input);
    const cov = computeCoverageLayer(input);
    const model = new RadarDetectionModel(calibrationWithDefaults({ refRangeM: 120e3, refRcsM2: 1, pulses: 4 }));
    let disagreements = 0;
    let checked = 0;
    for (let k = 0; k < pd.length; k++) {
      const detected = cov.detectCount[k] > 0;
      if (detected !== pd[k] >= 0.5) disagreements++;
      const s = frames[0].rangeM[k];
      if (s < 200e3 && pd[k] > 0) {
        checked++;
        expect(Math.abs(pd[k] - model.pdAt(slantRangeM(s, 20, 5000, a), 1, 1))).toBeLessThan(2e-3);
      }
    }
    expect(checked).toBeGreaterThan(100);
    // Cells straddling the Pd 0.5 contour may differ by interpolation: a handful at most.
    expect(disagreements).toBeLessThan(5);
  });
});

describe('computePdLayer with a sector radar and an elevation limit', () => {
  it('is 0 outside the sector and above the elevation limit, and still agrees with the coverage layer', () => {
    const grid = makeRegionGrid({ westDeg: 125, southDeg: 38, eastDeg: 127, northDeg: 40 }, 4000);
    const deg = Math.PI / 180;
    const site: ResolvedSite = {
      id: 's',
      systemId: 'x',
      systemName: 'X',
      lonDeg: 126,
      latDeg: 39,
      status: 'hypothetical',
      boresightRad: 45 * deg,
      radars: [
        {
          id: 'r',
          name: 'R',
          role: 'surveillance',
          antennaHeightM: 20,
          instrumentedRangeM: 300e3,
          refRangeM: 120e3,
          refRcsM2: 1,
          maxAltitudeM: 30e3,
          pulses: 4,
          band: 'S',
          receiver: rx(),
          sector: { boresightRad: 45 * deg, halfWidthRad: 60 * deg, steerable: false },
          maxElevationRad: 20 * deg,
        },
      ],
      missiles: [],
    };
    const threat: ThreatParams = { id: 't', name: 'T', rcsM2: flatRcs(1), speedMps: 200, swerling: 1 };
    const a = effectiveEarthRadiusM(4 / 3);
    const frames = [computeSiteFrame(grid, site.lonDeg, site.latDeg, 400e3)];
    const vis = new SmoothEarthVisibility(a, frames, 4 / 3);
    const input = { grid, sites: [site], frames, visibility: vis, threat, altitudeM: 10_000, altitudeReference: 'msl' as const };
    const pd = computePdLayer(input);
    const cov = computeCoverageLayer(input);
    let outside = 0;
    let inside = 0;
    let steep = 0;
    let disagreements = 0;
    for (let k = 0; k < pd.length; k++) {
      const s = frames[0].rangeM[k];
      if (!(s < 150e3)) continue;
      const az = frames[0].azimuthRad[k] / deg;
      const off = Math.abs(((((az - 45) % 360) + 540) % 360) - 180);
      // Elevation from the law of sines on the a_e sphere, written out here.
      const slant = Math.sqrt((a + 20) ** 2 + (a + 10_000) ** 2 - 2 * (a + 20) * (a + 10_000) * Math.cos(s / a));
      const elev = Math.asin(((a + 10_000) * Math.cos(s / a) - (a + 20)) / slant) / deg;
      if (off > 60.5) {
        expect(pd[k]).toBe(0);
        outside++;
      } else if (off < 59.5 && elev > 20.5) {
        expect(pd[k]).toBe(0);
        steep++;
      } else if (off < 59.5 && elev < 19.5 && slant < 115e3) {
        expect(pd[k]).toBeGreaterThan(0.5);
        inside++;
      }
      if (cov.detectCount[k] > 0 !== pd[k] >= 0.5) disagreements++;
    }
    expect(outside).toBeGreaterThan(300);
    expect(inside).toBeGreaterThan(300);
    expect(steep).toBeGreaterThan(10);
    expect(disagreements).toBeLessThan(5);
  });
});
