import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { DETECTED, ENGAGED, SiteEvaluator } from './site-evaluator.js';

const ae = effectiveEarthRadiusM(4 / 3);
/** The same RCS at every aspect and band (m², [aspect·7 + band]). */
const flatRcs = (m2: number): Float64Array => new Float64Array(21).fill(m2);
/** A notional S-band receiver: 3 GHz, 35 dBi, −25 dB sidelobes, 4 dB noise figure, 2° beam. */
const rx = (): ReceiverParams => ({ frequencyHz: 3e9, gainLinear: 10 ** 3.5, sidelobeLinear: 10 ** -2.5, noiseFigureLinear: 10 ** 0.4, beamwidthRad: (2 * Math.PI) / 180 });

/** A notional site: one radar (100 km vs 1 m², 20 m mast), one missile 5–40 km, 50 m–20 km. */
function site(): ResolvedSite {
  return {
    id: 't',
    systemId: 'test',
    systemName: 'test',
    lonDeg: 0,
    latDeg: 0,
    status: 'hypothetical',
    boresightRad: 0,
    radars: [{ id: 'fc', name: 'fc', role: 'fire-control', antennaHeightM: 20, instrumentedRangeM: 150_000, refRangeM: 100_000, refRcsM2: 1, maxAltitudeM: 30_000, band: 'S', receiver: rx() }],
    missiles: [{ id: 'm', name: 'm', guidanceRadarIndex: 0, minRangeM: 5000, maxRangeM: 40_000, minAltitudeM: 50, maxAltitudeM: 20_000, maxTargetSpeedMps: 1000 }],
  };
}
const fighter: ThreatParams = { id: 'f', name: 'f', rcsM2: flatRcs(1), speedMps: 250 };
/** Smooth-earth min visible height: h = a/cos(s/a − acos(a/(a+h_r))) − a (independent of horizon.ts). */
const minVis = (s: number, hr = 20): number => {
  const b = s / ae - Math.acos(ae / (ae + hr));
  return b <= 0 ? 0 : ae / Math.cos(b) - ae;
};
function evalAt(ev: SiteEvaluator, s: number, altM: number): number {
  return ev.evaluate(s, 0, 0, altM, [Float32Array.of(minVis(s))], 0);
}

describe('engagement rules', () => {
  const ev = new SiteEvaluator(site(), fighter, 0, ae);

  it('engages a target inside every limit', () => {
    expect(evalAt(ev, 20_000, 5000)).toBe(DETECTED | ENGAGED);
  });

  it('does not engage above the missile ceiling (but still detects)', () => {
    expect(evalAt(ev, 20_000, 25_000)).toBe(DETECTED);
  });

  it('does not engage inside the minimum range', () => {
    expect(evalAt(ev, 2000, 1000)).toBe(DETECTED);
  });

  it('does not engage below the minimum altitude', () => {
    expect(evalAt(ev, 20_000, 30)).toBe(DETECTED);
  });

  it('does not engage what the fire-control radar cannot see (below its horizon)', () => {
    // A 2 m mast: at 39 km the earth hides everything below ≈ 65 m, above the missile's 50 m floor.
    const low = site();
    low.radars[0].antennaHeightM = 2;
    const ev2 = new SiteEvaluator(low, fighter, 0, ae);
    const s = 39_000;
    const at = (h: number): number => ev2.evaluate(s, 0, 0, h, [Float32Array.of(minVis(s, 2))], 0);
    const hidden = minVis(s, 2) - 5;
    expect(hidden).toBeGreaterThan(50);
    expect(at(hidden)).toBe(0);
    expect(at(minVis(s, 2) + 5)).toBe(DETECTED | ENGAGED);
  });

  it('does not engage what the radar detects too late for a small RCS', () => {
    // σ = 0.0001 m² → R = 100 km · 0.1 = 10 km: a target at 20 km is neither detected nor engaged.
    const stealth = new SiteEvaluator(site(), { ...fighter, rcsM2: flatRcs(1e-4) }, 0, ae);
    expect(evalAt(stealth, 20_000, 5000)).toBe(0);
    expect(evalAt(stealth, 8000, 5000)).toBe(DETECTED | ENGAGED);
  });

  it('does not engage a target faster than the missile can catch', () => {
    const fast = new SiteEvaluator(site(), { ...fighter, speedMps: 2000 }, 0, ae);
    expect(evalAt(fast, 20_000, 5000)).toBe(DETECTED);
  });

  it('engages only within the missile max range (slant)', () => {
    expect(evalAt(ev, 39_000, 5000)).toBe(DETECTED | ENGAGED);
    expect(evalAt(ev, 41_000, 100)).toBe(DETECTED);
  });
});
