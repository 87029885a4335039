import { describe, expect, it } from 'vitest';
import { pdDetectionRangeM } from './detection-range.js';
import { calibrationWithDefaults, RadarDetectionModel, snrAtRange } from './snr.js';
import { pdSwerling } from './swerling.js';

describe('snrAtRange', () => {
  it('scales as σ·R⁻⁴ (radar range equation)', () => {
    expect(snrAtRange(10, 100e3, 1, 50e3, 1)).toBeCloseTo(160, 10);
    expect(snrAtRange(10, 100e3, 1, 100e3, 0.01)).toBeCloseTo(0.1, 12);
  });
});

describe('RadarDetectionModel', () => {
  const cal = calibrationWithDefaults({ refRangeM: 200e3, refRcsM2: 1 });

  it('states its defaults: Pd_ref 0.5, Pfa 1e−6, one pulse, Swerling I reference', () => {
    expect(cal).toEqual({ refRangeM: 200e3, refRcsM2: 1, refPd: 0.5, pfa: 1e-6, pulses: 1, refSwerling: 1 });
  });

  it('reaches Pd_ref at the reference range and RCS', () => {
    const m = new RadarDetectionModel(cal);
    expect(m.pdAt(200e3, 1, 1)).toBeCloseTo(0.5, 9);
    // Swerling I single pulse: SNR_ref = ln Pfa / ln Pd − 1 (from Pd = Pfa^(1/(1+SNR))).
    expect(m.refSnr).toBeCloseTo(Math.log(1e-6) / Math.log(0.5) - 1, 7);
  });

  it('Pd at a range equals the Swerling Pd at SNR_ref·(R_ref/R)⁴', () => {
    const m = new RadarDetectionModel(calibrationWithDefaults({ refRangeM: 300e3, refRcsM2: 5, refPd: 0.8, pulses: 8, refSwerling: 3 }));
    const s = m.refSnr * (0.5 / 5) * Math.pow(300e3 / 120e3, 4);
    expect(m.pdAt(120e3, 0.5, 2)).toBeCloseTo(pdSwerling(s, 1e-6, 8, 2), 12);
  });

  it('reaches exactly Pd* at the range detection-range.ts solves for Pd* (the one range rule)', () => {
    const radar = { refRangeM: 300e3, refRcsM2: 5, refPd: 0.8, pulses: 8, instrumentedRangeM: Infinity };
    const m = new RadarDetectionModel(calibrationWithDefaults(radar));
    for (const [pd, swerling] of [
      [0.7, 2],
      [0.9, 1],
      [0.3, 4],
      [0.5, 0],
    ] as const) {
      expect(m.pdAt(pdDetectionRangeM(radar, 0.5, { pd, swerling }), 0.5, swerling)).toBeCloseTo(pd, 8);
    }
  });

  it('rejects bad inputs with the argument named', () => {
    expect(() => new RadarDetectionModel({ ...cal, refRangeM: 0 })).toThrow(/refRangeM/);
    expect(() => new RadarDetectionModel(cal).pdAt(0, 1, 1)).toThrow(/rangeM/);
  });
});
