import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { BANDS } from '../radar/band.js';
import { SIDE } from '../radar/aspect.js';
import type { ReceiverParams } from '../radar/jamming.js';
import type { RadarParams, ResolvedJammer, ResolvedJammerKind, ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import { DETECTED, ENGAGED, SiteEvaluator } from './site-evaluator.js';

const ae = effectiveEarthRadiusM(4 / 3);
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
    radars: [
      {
        id: 'fc',
        name: 'fc',
        role: 'fire-control',
        antennaHeightM: 20,
        instrumentedRangeM: 150_000,
        refRangeM: 100_000,
        refRcsM2: 1,
        maxAltitudeM: 30_000,
        band: 'S',
        receiver: rx(),
      },
    ],
    missiles: [
      { id: 'm', name: 'm', guidanceRadarIndex: 0, minRangeM: 5000, maxRangeM: 40_000, minAltitudeM: 50, maxAltitudeM: 20_000, maxTargetSpeedMps: 1000 },
    ],
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

// ————— Bands, sectors and jamming (docs/models/bands.md, sectors.md, jamming.md) —————

const deg = Math.PI / 180;
const db = (x: number): number => 10 ** (x / 10);
/** Ground range at which a target at MSL height ht lies at slant range R from an antenna at hr (law of cosines on the a_e sphere). */
const groundAtSlant = (R: number, ht: number, hr = 20): number => ae * Math.acos(((ae + hr) ** 2 + (ae + ht) ** 2 - R * R) / (2 * (ae + hr) * (ae + ht)));
/** Slant range on the a_e sphere (law of cosines), written out here. */
const slantOf = (s: number, ht: number, hr = 20): number => Math.sqrt((ae + hr) ** 2 + (ae + ht) ** 2 - 2 * (ae + hr) * (ae + ht) * Math.cos(s / ae));
/** One-way J/N from first principles: ERP/(4πR²) · Gλ²/(4π) / (k·T₀·F·B_j) (B_r cancels). */
const handJn = (erpW: number, gainLin: number, fHz: number, rangeM: number, fLin: number, bjHz: number): number =>
  ((erpW / (4 * Math.PI * rangeM * rangeM)) * ((gainLin * (299_792_458 / fHz) ** 2) / (4 * Math.PI))) / (1.380649e-23 * 290 * fLin * bjHz);

/** The test site's radar alone (no missiles), with `over` applied. */
function radarSite(over: Partial<RadarParams> = {}): ResolvedSite {
  const s = site();
  s.radars = [{ ...s.radars[0], ...over }];
  s.missiles = [];
  return s;
}
/** DETECTED bit of a target at slant range `slant` and MSL altitude `h`, azimuth `azDeg`, everything in line of sight. */
function detectsAt(ev: SiteEvaluator, slant: number, azDeg: number, h = 5000): boolean {
  return (ev.evaluate(groundAtSlant(slant, h), azDeg * deg, 0, h, [Float64Array.of(0)], 0) & DETECTED) !== 0;
}
/** Detected just inside R and not just beyond it (±0.5%). */
function edgeAt(ev: SiteEvaluator, R: number, azDeg: number): void {
  expect(detectsAt(ev, R * 0.995, azDeg)).toBe(true);
  expect(detectsAt(ev, R * 1.005, azDeg)).toBe(false);
}

describe('band selection: each radar sees the RCS at its own band', () => {
  // σ = 0.2 m² at VHF, 0.001 m² at X, 0.05 m² elsewhere; σ_ref = 1 m² at R_ref = 100 km.
  const table = new Float64Array(21).fill(0.05);
  table[BANDS.indexOf('VHF')] = 0.2;
  table[BANDS.indexOf('X')] = 0.001;
  const stealthy: ThreatParams = { ...fighter, rcsM2: table };

  it('a VHF radar gets R_ref·(0.2/σ_ref)^¼ ≈ 66.9 km', () => {
    const ev = new SiteEvaluator(radarSite({ band: 'VHF', receiver: { ...rx(), frequencyHz: 150e6 } }), stealthy, 0, ae);
    const R = 100_000 * Math.pow(0.2, 0.25);
    expect(ev.detectionRangeM(0)).toBeCloseTo(R, 6);
    edgeAt(ev, R, 0);
  });

  it('an X-band radar gets the 0.001 m² figure: R_ref·0.001^¼ ≈ 17.8 km', () => {
    const ev = new SiteEvaluator(radarSite({ band: 'X', receiver: { ...rx(), frequencyHz: 10e9 } }), stealthy, 0, ae);
    const R = 100_000 * Math.pow(0.001, 0.25);
    expect(ev.detectionRangeM(0)).toBeCloseTo(R, 6);
    edgeAt(ev, R, 0);
  });

  it('and the assumed aspect picks the row: side 4 m² at S band gives R_ref·4^¼', () => {
    const t = new Float64Array(21).fill(0.05);
    t[SIDE * 7 + BANDS.indexOf('S')] = 4;
    const ev = new SiteEvaluator(radarSite(), { ...fighter, rcsM2: t, aspect: SIDE }, 0, ae);
    expect(ev.detectionRangeM(0)).toBeCloseTo(100_000 * Math.SQRT2, 6);
    expect(new SiteEvaluator(radarSite(), { ...fighter, rcsM2: t }, 0, ae).detectionRangeM(0)).toBeCloseTo(100_000 * Math.pow(0.05, 0.25), 6);
  });
});

describe('azimuth sectors and the elevation limit', () => {
  it('boresight 90°, half-width 45°: detects at 100° and at the 135° edge, not at 136° or 200°', () => {
    const ev = new SiteEvaluator(radarSite({ sector: { boresightRad: 90 * deg, halfWidthRad: 45 * deg, steerable: false } }), fighter, 0, ae);
    expect(detectsAt(ev, 20_000, 100)).toBe(true);
    expect(detectsAt(ev, 20_000, 135 - 1e-9)).toBe(true);
    expect(detectsAt(ev, 20_000, 136)).toBe(false);
    expect(detectsAt(ev, 20_000, 200)).toBe(false);
    expect(detectsAt(ev, 20_000, 44)).toBe(false);
    expect(detectsAt(ev, 20_000, 46)).toBe(true);
    expect(ev.inSector(0, 100 * deg)).toBe(true);
    expect(ev.inSector(0, 200 * deg)).toBe(false);
  });

  it('wraps across north: boresight 350°, half-width 30° detects at 10° and 325°, not at 25° or 315°', () => {
    const ev = new SiteEvaluator(radarSite({ sector: { boresightRad: 350 * deg, halfWidthRad: 30 * deg, steerable: false } }), fighter, 0, ae);
    expect(detectsAt(ev, 20_000, 10)).toBe(true);
    expect(detectsAt(ev, 20_000, 0)).toBe(true);
    expect(detectsAt(ev, 20_000, -5)).toBe(true);
    expect(detectsAt(ev, 20_000, 325)).toBe(true);
    expect(detectsAt(ev, 20_000, 25)).toBe(false);
    expect(detectsAt(ev, 20_000, 315)).toBe(false);
  });

  it('an all-round radar detects at every azimuth', () => {
    const ev = new SiteEvaluator(radarSite(), fighter, 0, ae);
    for (let az = 0; az < 360; az += 15) expect(detectsAt(ev, 20_000, az)).toBe(true);
  });

  it('a sector radar does not engage outside its sector', () => {
    const s = site();
    s.radars[0].sector = { boresightRad: 0, halfWidthRad: 60 * deg, steerable: false };
    const ev = new SiteEvaluator(s, fighter, 0, ae);
    expect(ev.evaluate(20_000, 30 * deg, 0, 5000, [Float32Array.of(0)], 0)).toBe(DETECTED | ENGAGED);
    expect(ev.evaluate(20_000, 90 * deg, 0, 5000, [Float32Array.of(0)], 0)).toBe(0);
  });

  it('maxElevation 10°: a target at 5 km altitude is seen at 40 km (≈ 7°) but not at 20 km (≈ 14°)', () => {
    const ev = new SiteEvaluator(radarSite({ maxElevationRad: 10 * deg }), fighter, 0, ae);
    // sin E = ((a+h_t)·cos θ − (a+h_r)) / r, written out here.
    const elev = (s: number, h: number): number => Math.asin(((ae + h) * Math.cos(s / ae) - (ae + 20)) / slantOf(s, h));
    expect(elev(40_000, 5000) / deg).toBeLessThan(10);
    expect(elev(20_000, 5000) / deg).toBeGreaterThan(10);
    const at = (s: number): number => ev.evaluate(s, 0, 0, 5000, [Float32Array.of(0)], 0);
    expect(at(40_000)).toBe(DETECTED);
    expect(at(20_000)).toBe(0);
    // The edge: the ground range where E = 10°, by bisection on the hand formula.
    let lo = 20_000;
    let hi = 40_000;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (elev(mid, 5000) > 10 * deg) lo = mid;
      else hi = mid;
    }
    expect(at(hi + 10)).toBe(DETECTED);
    expect(at(lo - 10)).toBe(0);
  });
});

describe('noise jamming in the site evaluator', () => {
  const R0 = 100_000; // unjammed: 100 km vs 1 m²
  const WGS84_A = 6_378_137;
  /** A stand-off jammer `distM` due east of the site (on the equator the geodesic is the arc a·Δλ) at altitude `altM`. */
  function jammer(distM: number, altM: number, over: Partial<ResolvedJammer> = {}): ResolvedJammer {
    return {
      id: 'soj',
      name: 'stand-off jammer',
      entityId: 'j1',
      jammerId: 'soj',
      bands: ['S'],
      erpW: db(30),
      bandwidthHz: 100e6,
      lonDeg: ((distM / WGS84_A) * 180) / Math.PI,
      latDeg: 0,
      altitudeM: altM,
      status: 'hypothetical',
      ...over,
    };
  }
  const r = rx();
  const jnMain = (distM: number, altM: number, erpW = db(30)): number => handJn(erpW, r.gainLinear, 3e9, slantOf(distM, altM), r.noiseFigureLinear, 100e6);

  it('a stand-off jammer in the main lobe shrinks the range by (1 + J/N_main)^(−¼), off-axis by (1 + J/N_side)^(−¼)', () => {
    const ev = new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: [jammer(150_000, 8000)] });
    const main = jnMain(150_000, 8000);
    const side = main * db(-25);
    expect(10 * Math.log10(main)).toBeGreaterThan(35); // ≈ 39.5 dB: a real effect
    const Rmain = R0 * Math.pow(1 + main, -0.25);
    const Rside = R0 * Math.pow(1 + side, -0.25);
    const summary = ev.jammingSummary()[0];
    expect(summary.jammers).toEqual(['j1']);
    expect(summary.unjammedM).toBeCloseTo(R0, 6);
    expect(Math.abs(summary.standOffMainlobeM / Rmain - 1)).toBeLessThan(1e-6);
    expect(Math.abs(summary.standOffSidelobeM / Rside - 1)).toBeLessThan(1e-6);
    expect(Math.abs(ev.detectionRangeM(0) / Rside - 1)).toBeLessThan(1e-6);
    // Target on the jammer's bearing (90°), and within half the 2° beam of it: main lobe.
    edgeAt(ev, Rmain, 90);
    edgeAt(ev, Rmain, 90.9);
    // Off-axis (north, and just outside half a beamwidth): sidelobes.
    edgeAt(ev, Rside, 0);
    edgeAt(ev, Rside, 91.1);
  });

  it('two jammers: on one bearing the range is R₀·(1 + J/N_main,1 + J/N_side,2)^(−¼)', () => {
    // The second jammer 200 km due west, at 10 km.
    const west = { ...jammer(200_000, 10_000), entityId: 'j2', lonDeg: -((200_000 / WGS84_A) * 180) / Math.PI };
    const ev = new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: [jammer(150_000, 8000), west] });
    const m1 = jnMain(150_000, 8000);
    const m2 = jnMain(200_000, 10_000);
    const sl = db(-25);
    edgeAt(ev, R0 * Math.pow(1 + m1 + m2 * sl, -0.25), 90);
    edgeAt(ev, R0 * Math.pow(1 + m1 * sl + m2, -0.25), 270);
    edgeAt(ev, R0 * Math.pow(1 + (m1 + m2) * sl, -0.25), 180);
  });

  it('a jammer below the radar horizon has no effect (and the same jammer higher up has)', () => {
    // 300 km out, a 20 m antenna's smooth 4/3-earth horizon hides everything below ≈ 4.7 km.
    expect(minVis(300_000)).toBeGreaterThan(4000);
    const low = new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: [jammer(300_000, 3000)] });
    expect(low.jammingSummary()[0].jammers).toEqual([]);
    expect(low.detectionRangeM(0)).toBeCloseTo(R0, 6);
    edgeAt(low, R0, 90);
    const high = new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: [jammer(300_000, minVis(300_000) + 500)] });
    expect(high.jammingSummary()[0].jammers).toEqual(['j1']);
    expect(high.jammingSummary()[0].standOffMainlobeM).toBeLessThan(0.5 * R0);
  });

  it('a jammer outside the radar band has no effect, even in the main lobe', () => {
    const ev = new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: [jammer(150_000, 8000, { bands: ['X', 'Ku'] })] });
    expect(ev.jammingSummary()[0].jammers).toEqual([]);
    expect(ev.jammingSummary()[0].standOffMainlobeM).toBeCloseTo(R0, 6);
    edgeAt(ev, R0, 90);
    // The same jammer on an X-band radar does act.
    const x = new SiteEvaluator(radarSite({ band: 'X', receiver: { ...r, frequencyHz: 10e9 } }), fighter, 0, ae, {
      standOff: [jammer(150_000, 8000, { bands: ['X', 'Ku'] })],
    });
    expect(x.jammingSummary()[0].standOffMainlobeM).toBeLessThan(0.9 * R0);
  });

  it('a self-protection jammer: detection out to the root of R⁴ + K·R² = R₀⁴, found here by bisection', () => {
    const spj: ResolvedJammerKind = { id: 'spj', name: 'spj', bands: ['S', 'X'], erpW: db(0), bandwidthHz: 50e6 };
    const K = handJn(spj.erpW, r.gainLinear, 3e9, 1, r.noiseFigureLinear, 50e6);
    let lo = 0;
    let hi = R0;
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (mid ** 4 + K * mid * mid <= R0 ** 4) lo = mid;
      else hi = mid;
    }
    const ev = new SiteEvaluator(radarSite(), { ...fighter, selfProtection: spj }, 0, ae);
    expect(Math.abs(ev.detectionRangeM(0) / lo - 1)).toBeLessThan(1e-9);
    expect(lo).toBeLessThan(0.5 * R0);
    expect(Math.abs(ev.jammingSummary()[0].selfProtectionM / lo - 1)).toBeLessThan(1e-9);
    for (const az of [0, 123]) edgeAt(ev, lo, az);
    // Out of its bands (a VHF radar): no effect.
    const vhf = new SiteEvaluator(radarSite({ band: 'VHF', receiver: { ...r, frequencyHz: 150e6 } }), { ...fighter, selfProtection: spj }, 0, ae);
    expect(vhf.detectionRangeM(0)).toBeCloseTo(R0, 6);
  });

  it('refuses more stand-off jammers than it tabulates', () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ ...jammer(150_000, 8000), entityId: `j${i}` }));
    expect(() => new SiteEvaluator(radarSite(), fighter, 0, ae, { standOff: many })).toThrow(RangeError);
  });
});
