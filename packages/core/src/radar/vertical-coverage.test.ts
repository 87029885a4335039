import { describe, expect, it } from 'vitest';
import { calibrationWithDefaults, RadarDetectionModel } from './snr.js';
import { blakeXY, computeVerticalCoverage, coveredRangeAtHeightM, terrainMaskM, type VcdInput } from './vertical-coverage.js';

const A = (4 / 3) * 6371008.8;
/** The same RCS at every aspect and band (m², [aspect·7 + band]). */
const flatRcs = (m2: number): Float64Array => new Float64Array(21).fill(m2);

function input(over: Partial<VcdInput> = {}): VcdInput {
  return {
    radars: [
      {
        id: 'r',
        name: 'R',
        role: 'surveillance',
        antennaHeightM: 20,
        instrumentedRangeM: 600e3,
        refRangeM: 300e3,
        refRcsM2: 1,
        maxAltitudeM: 30e3,
        band: 'S',
        receiver: { frequencyHz: 3e9, gainLinear: 10 ** 3.5, sidelobeLinear: 10 ** -2.5, noiseFigureLinear: 10 ** 0.4, beamwidthRad: (2 * Math.PI) / 180 },
        model: new RadarDetectionModel(calibrationWithDefaults({ refRangeM: 300e3, refRcsM2: 1 })),
      },
    ],
    missiles: [{ id: 'm', name: 'M', guidanceRadarIndex: 0, minRangeM: 5e3, maxRangeM: 150e3, minAltitudeM: 10, maxAltitudeM: 27e3, maxTargetSpeedMps: 2000 }],
    threat: { id: 't', name: 'T', rcsM2: flatRcs(1), swerling: 1, speedMps: 250 },
    pdLevels: [0.5, 0.9],
    engagementPd: 0.5,
    earthRadiusM: A,
    maxGroundRangeM: 500e3,
    samples: 1001,
    ...over,
  };
}

/** Ground range at which MSL height h sits at slant range R from an antenna at ha (law of cosines). */
function groundRangeAtSlant(h: number, ha: number, R: number): number {
  const ra = A + ha;
  const rt = A + h;
  return A * Math.acos((ra * ra + rt * rt - R * R) / (2 * ra * rt));
}

/** Exact smooth-earth horizon range: a·(acos(a/(a+h_r)) + acos(a/(a+h_t))). */
function horizon(ha: number, h: number): number {
  return A * (Math.acos(A / (A + ha)) + Math.acos(A / (A + h)));
}

describe('computeVerticalCoverage (smooth 4/3 earth)', () => {
  const vc = computeVerticalCoverage(input());

  it('detects at Pd 0.5 out to min(slant-range limit, radar horizon) at each height', () => {
    for (const h of [100, 1000, 5000, 10000]) {
      const expected = Math.min(groundRangeAtSlant(h, 20, 300e3), horizon(20, h));
      expect(coveredRangeAtHeightM(vc, h, { kind: 'detect', radarIndex: 0, pd: 0.5 })).toBeCloseTo(expected, -1);
    }
  });

  it('the 100 m horizon of a 20 m antenna is ≈ 4.12·(√20 + √100) km (Skolnik eq. 8.29)', () => {
    const r = coveredRangeAtHeightM(vc, 100, { kind: 'detect', radarIndex: 0, pd: 0.5 });
    expect(r / 1000).toBeCloseTo(4.12 * (Math.sqrt(20) + 10), -0.3);
  });

  it('Pd 0.9 reaches a shorter slant range than Pd 0.5 by (SNR_0.5/SNR_0.9)^¼', () => {
    const d5 = vc.detections.find((d) => d.pd === 0.5)!;
    const d9 = vc.detections.find((d) => d.pd === 0.9)!;
    const snr = (pd: number): number => Math.log(1e-6) / Math.log(pd) - 1;
    expect(d9.rangeM / d5.rangeM).toBeCloseTo(Math.pow(snr(0.5) / snr(0.9), 0.25), 6);
  });

  it('engages within the missile range, above its minimum altitude, only where detected', () => {
    const r10 = coveredRangeAtHeightM(vc, 10000, { kind: 'engage', missileIndex: 0 });
    expect(r10).toBeCloseTo(groundRangeAtSlant(10000, 20, 150e3), -1);
    // At 100 m the horizon (≈ 60 km) cuts the 150 km missile.
    expect(coveredRangeAtHeightM(vc, 100, { kind: 'engage', missileIndex: 0 })).toBeCloseTo(horizon(20, 100), -1);
    // Above the missile ceiling: nothing.
    expect(coveredRangeAtHeightM(vc, 28000, { kind: 'engage', missileIndex: 0 })).toBe(0);
  });

  it('has an empty engagement zone when the threat outruns the missile', () => {
    const fast = computeVerticalCoverage(input({ threat: { id: 't', name: 'T', rcsM2: flatRcs(1), swerling: 1, speedMps: 3000 } }));
    expect(fast.engagements[0].speedOk).toBe(false);
    expect(fast.engagements[0].hi.every((x) => Number.isNaN(x))).toBe(true);
    expect(coveredRangeAtHeightM(fast, 10000, { kind: 'engage', missileIndex: 0 })).toBe(0);
  });

  it('caps detection at the instrumented range', () => {
    const capped = computeVerticalCoverage(input({ radars: [{ ...input().radars[0], instrumentedRangeM: 100e3 }] }));
    expect(capped.detections[0].rangeM).toBe(100e3);
    expect(coveredRangeAtHeightM(capped, 10000, { kind: 'detect', radarIndex: 0, pd: 0.5 })).toBeCloseTo(groundRangeAtSlant(10000, 20, 100e3), -1);
  });
});

describe('terrainMaskM', () => {
  it('matches brute-force line of sight over a ridge profile', () => {
    const n = 401;
    const s = new Float64Array(n);
    const g = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = i * 250;
      g[i] = 50 + 600 * Math.exp(-(((s[i] - 30e3) / 4e3) ** 2)) + 200 * Math.exp(-(((s[i] - 70e3) / 6e3) ** 2));
    }
    const ha = g[0] + 10;
    const mask = terrainMaskM({ groundRangeM: s, groundMslM: g }, ha, A);
    // Brute force: a target at (s_k, h) is visible iff every earlier profile point lies below the
    // straight chord from the antenna to it. In the Blake plane (exact 4/3-earth geometry) chords are straight lines.
    const visible = (k: number, h: number): boolean => {
      const [xt, yt] = blakeXY(s[k], h, A);
      const [xa, ya] = blakeXY(0, ha, A);
      for (let j = 1; j < k; j++) {
        const [xj, yj] = blakeXY(s[j], g[j], A);
        // Height of the chord at the terrain point's direction, compared by cross product.
        const cross = (xt - xa) * (yj - ya) - (yt - ya) * (xj - xa);
        if (cross > 0) return false;
      }
      return true;
    };
    for (const k of [60, 110, 119, 121, 160, 240, 300, 400]) {
      expect(visible(k, mask[k] + 2)).toBe(true);
      if (mask[k] - 2 > g[k]) expect(visible(k, mask[k] - 2)).toBe(false);
    }
  });
});
