import { describe, expect, it } from 'vitest';
import { requiredSnr } from '../radar/swerling.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { SiteEvaluator } from './site-evaluator.js';

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
  systemId: 'x',
  systemName: 'X',
  lonDeg: 0,
  latDeg: 0,
  status: 'hypothetical',
  boresightRad: 0,
  radars: [
    {
      id: 'r',
      name: 'R',
      role: 'fire-control',
      antennaHeightM: 10,
      instrumentedRangeM: 1e6,
      refRangeM: 100e3,
      refRcsM2: 1,
      maxAltitudeM: 30e3,
      pfa: 1e-6,
      pulses: 4,
      band: 'S',
      receiver: rx(),
    },
  ],
  missiles: [],
};
const threat: ThreatParams = { id: 't', name: 'T', rcsM2: flatRcs(1), speedMps: 200, swerling: 1 };

describe('SiteEvaluator detection threshold (analysis.pd)', () => {
  it('keeps R_ref at the default threshold 0.5 (the calibration Pd)', () => {
    expect(new SiteEvaluator(site, threat, 0, 8.5e6).detectionRangeM(0)).toBeCloseTo(100e3, 6);
  });

  it('uses the range where Pd reaches the threshold: R_ref·(SNR_req(0.5)/SNR_req(0.9))^¼', () => {
    const r = new SiteEvaluator(site, { ...threat, pdThreshold: 0.9 }, 0, 8.5e6).detectionRangeM(0);
    const expected = 100e3 * Math.pow(requiredSnr(0.5, 1e-6, 4, 1) / requiredSnr(0.9, 1e-6, 4, 1), 0.25);
    expect(r).toBeCloseTo(expected, 3);
    expect(r).toBeLessThan(100e3);
  });

  it('keeps the instrumented-range cap', () => {
    const capped: ResolvedSite = { ...site, radars: [{ ...site.radars[0], instrumentedRangeM: 50e3 }] };
    expect(new SiteEvaluator(capped, { ...threat, pdThreshold: 0.1 }, 0, 8.5e6).detectionRangeM(0)).toBe(50e3);
  });
});
