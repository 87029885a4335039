import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { EngagementRule, groundRangeAtElevationM, groundRangeAtSlantM, type RuleMissile, type RuleRadar } from './engagement-rule.js';

const ae = effectiveEarthRadiusM(4 / 3);
const deg = Math.PI / 180;

/** Slant range and elevation on the a_e sphere from first principles (law of cosines; plane geometry of the triangle centre–antenna–target). */
const slantOf = (s: number, ha: number, h: number): number => Math.sqrt((ae + ha) ** 2 + (ae + h) ** 2 - 2 * (ae + ha) * (ae + h) * Math.cos(s / ae));
const elevationOf = (s: number, ha: number, h: number): number => Math.asin(((ae + h) * Math.cos(s / ae) - (ae + ha)) / slantOf(s, ha, h));
/** Smooth-earth minimum visible height: a/cos(s/a − acos(a/(a+h_a))) − a beyond the antenna's horizon. */
const minVisOf = (s: number, ha: number): number => {
  const b = s / ae - Math.acos(ae / (ae + ha));
  return b <= 0 ? 0 : ae / Math.cos(b) - ae;
};

/** A deterministic stream in [0, 1) (a linear congruential generator; no Math.random in tests). */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

const radars: RuleRadar[] = [
  { antennaHeightM: 20, maxAltitudeM: 30_000 },
  { antennaHeightM: 8, maxAltitudeM: 25_000, sector: { boresightRad: 90 * deg, halfWidthRad: 45 * deg }, maxElevationRad: 60 * deg },
  { antennaHeightM: 35, maxAltitudeM: 40_000, maxElevationRad: 20 * deg },
];
const missiles: RuleMissile[] = [
  { guidanceRadarIndex: 1, minRangeM: 3000, maxRangeM: 40_000, minAltitudeM: 10, maxAltitudeM: 20_000, maxTargetSpeedMps: 1000 },
  { guidanceRadarIndex: 2, minRangeM: 5000, maxRangeM: 150_000, minAltitudeM: 50, maxAltitudeM: 27_000, maxTargetSpeedMps: 2000 },
];
const RANGE_M = [120_000, 60_000, 200_000];

describe('geometry of the rule', () => {
  it('groundRangeAtSlantM inverts the law of cosines', () => {
    const s = groundRangeAtSlantM(10_000, 20, 200e3, ae);
    expect(slantOf(s, 20, 10_000)).toBeCloseTo(200e3, 4);
    expect(groundRangeAtSlantM(10_000, 20, 5000, ae)).toBe(0); // R < |h − h_r|
  });

  it('groundRangeAtElevationM is where the target is seen at that elevation', () => {
    for (const [h, e] of [
      [5000, 10 * deg],
      [12_000, 60 * deg],
      [30_000, 2 * deg],
    ] as const) {
      const s = groundRangeAtElevationM(h, e, 30, ae);
      expect(elevationOf(s, 30, h)).toBeCloseTo(e, 9);
    }
    expect(groundRangeAtElevationM(10, 5 * deg, 30, ae)).toBe(0); // below the antenna: every elevation is negative
  });
});

describe('EngagementRule: bands and spans are the predicates’ sets', () => {
  const rule = new EngagementRule(radars, missiles, 900, 0, ae);
  const out = new Float64Array(2);

  it('detectBand holds exactly the heights `detects` accepts (2,000 random points per radar)', () => {
    const rnd = lcg(7);
    const wrong: string[] = [];
    for (let r = 0; r < radars.length; r++) {
      let inside = 0;
      for (let i = 0; i < 2000; i++) {
        const s = rnd() * 250_000;
        const az = rnd() * 2 * Math.PI;
        const h = rnd() * 45_000;
        const mask = minVisOf(s, radars[r].antennaHeightM);
        const banded = rule.detectBand(r, s, az, mask, RANGE_M[r], out) && out[0] <= h && h <= out[1];
        if (banded !== rule.detects(r, s, az, h, mask, RANGE_M[r])) wrong.push(`radar ${r} at s ${s}, az ${az}, h ${h}`);
        if (banded) inside++;
      }
      expect(inside).toBeGreaterThan(50);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('envelopeBand holds the heights `inEnvelope` accepts (above the antenna, where no sliver under the minimum-range sphere exists)', () => {
    const rnd = lcg(11);
    const wrong: string[] = [];
    for (let m = 0; m < missiles.length; m++) {
      let inside = 0;
      for (let i = 0; i < 2000; i++) {
        const s = rnd() * 160_000;
        const h = 100 + rnd() * 30_000;
        const banded = rule.envelopeBand(m, s, 0, out) && out[0] <= h && h <= out[1];
        if (banded !== rule.inEnvelope(m, s, h, h)) wrong.push(`missile ${m} at s ${s}, h ${h}`);
        if (banded) inside++;
      }
      expect(inside).toBeGreaterThan(50);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('smoothDetectSpan and smoothEngageSpan are the ground ranges where the predicates hold (scan every 50 m)', () => {
    const az = 90 * deg;
    const wrong: string[] = [];
    for (const h of [200, 3000, 12_000, 26_000]) {
      for (let r = 0; r < radars.length; r++) {
        const ha = radars[r].antennaHeightM;
        const ok = rule.smoothDetectSpan(r, h, az, RANGE_M[r], out);
        for (let s = 0; s <= 250_000; s += 50) {
          const want = rule.detects(r, s, az, h, minVisOf(s, ha), RANGE_M[r]);
          const got = ok && out[0] <= s && s <= out[1];
          if (got !== want && Math.abs(s - out[0]) > 1 && Math.abs(s - out[1]) > 1) wrong.push(`radar ${r} at h ${h}, s ${s}`);
        }
      }
      for (let m = 0; m < missiles.length; m++) {
        const g = missiles[m].guidanceRadarIndex;
        const ha = radars[g].antennaHeightM;
        const ok = rule.smoothEngageSpan(m, h, az, RANGE_M[g], out);
        for (let s = 0; s <= 250_000; s += 50) {
          const want = rule.engages(m, s, az, h, h, minVisOf(s, ha), RANGE_M[g]);
          const got = ok && out[0] <= s && s <= out[1];
          if (got !== want && Math.abs(s - out[0]) > 1 && Math.abs(s - out[1]) > 1) wrong.push(`missile ${m} at h ${h}, s ${s}`);
        }
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('the elevation limit opens a cone of silence: nothing above E_max, however near', () => {
    // Radar 2: E_max = 20°. At 12 km the E_max ray reaches that height ≈ 32.9 km out (flat-earth 12 km / tan 20°).
    expect(rule.smoothDetectSpan(2, 12_000, 0, RANGE_M[2], out)).toBe(true);
    expect(out[0] / 1000).toBeCloseTo(12 / Math.tan(20 * deg), 0);
    expect(rule.detects(2, out[0] - 500, 0, 12_000, 0, RANGE_M[2])).toBe(false);
    expect(rule.detects(2, out[0] + 500, 0, 12_000, 0, RANGE_M[2])).toBe(true);
  });

  it('a sector radar sees only inside its sector, and its missile engages only there', () => {
    const h = 5000;
    const s = 20_000;
    expect(rule.detects(1, s, 100 * deg, h, 0, RANGE_M[1])).toBe(true);
    expect(rule.detects(1, s, 136 * deg, h, 0, RANGE_M[1])).toBe(false);
    expect(rule.engages(0, s, 100 * deg, h, h, 0, RANGE_M[1])).toBe(true);
    expect(rule.engages(0, s, 200 * deg, h, h, 0, RANGE_M[1])).toBe(false);
  });

  it('the speed limit is the missile’s: the 900 m/s threat outruns neither missile, a 1500 m/s one outruns the first', () => {
    expect([rule.speedOk(0), rule.speedOk(1)]).toEqual([true, true]);
    const fast = new EngagementRule(radars, missiles, 1500, 0, ae);
    expect([fast.speedOk(0), fast.speedOk(1)]).toEqual([false, true]);
    expect(fast.engages(0, 20_000, 100 * deg, 5000, 5000, 0, RANGE_M[1])).toBe(false);
  });
});
