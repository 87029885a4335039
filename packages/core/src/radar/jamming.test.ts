import { describe, expect, it } from 'vitest';
import { burnThroughRangeM, jammerToNoise, jammerToNoiseAtUnitRange, standOffJn, withinAzimuth, type ActingJammer, type ReceiverParams } from './jamming.js';

// Constants written out here, independent of band.ts and jamming.ts (SI 2019 exact values).
const C = 299_792_458;
const K_B = 1.380649e-23;
const T0 = 290;
const db = (x: number): number => 10 ** (x / 10);
const toDb = (x: number): number => 10 * Math.log10(x);
const deg = Math.PI / 180;

/** One-way noise-jamming equation, from first principles: J = ERP·G_r·λ²/((4π)²R²)·(B_r/B_j), N = k·T₀·F·B_r. */
function handJn(erpW: number, gainLin: number, fHz: number, rangeM: number, noiseFigureLin: number, bjHz: number, brHz = 1e6): number {
  const lambda = C / fHz;
  const aperture = (gainLin * lambda * lambda) / (4 * Math.PI); // effective receive aperture A_e = Gλ²/4π
  const density = erpW / (4 * Math.PI * rangeM * rangeM); // W/m² at the radar
  const j = density * aperture * (brHz / bjHz); // the fraction B_r/B_j of the noise falls in the receiver
  const n = K_B * T0 * noiseFigureLin * brHz;
  return j / n;
}

/** The worked example: ERP 50 dBW (1 kW into 20 dBi), G_r 35 dBi, 3 GHz, 100 km, F 4 dB, B_j 100 MHz. */
const rx: ReceiverParams = { frequencyHz: 3e9, gainLinear: db(35), sidelobeLinear: db(-25), noiseFigureLinear: db(4), beamwidthRad: 2 * deg };
const standOff = { erpW: 1e3 * 100, bandwidthHz: 100e6 };

describe('jammer-to-noise ratio (one-way noise jamming, TP 8347 §4-9; Skolnik ch. 24)', () => {
  it('matches the worked example computed from power density × aperture over kT₀FB', () => {
    const expected = handJn(1e5, db(35), 3e9, 100e3, db(4), 100e6);
    expect(jammerToNoise(standOff, rx, 100e3, true)).toBeCloseTo(expected, 6);
    expect(Math.abs(jammerToNoise(standOff, rx, 100e3, true) / expected - 1)).toBeLessThan(1e-12);
  });

  it('matches the dB budget with the textbook rounded constants (kT₀ = −204 dBW/Hz, λ ≈ 0.1 m) within 0.05 dB: ≈ 63 dB', () => {
    // J = 50 + 35 + 20·log(0.1) − 20·log(4π) − 20·log(10⁵) = 50 + 35 − 20 − 21.98 − 100 = −56.98 dBW
    // N = −204 + 4 + 80 = −120 dBW  →  J/N ≈ 63.02 dB (exact constants: 62.98 dB).
    const budgetDb = 50 + 35 - 20 - 21.98 - 100 - (-204 + 4 + 80);
    expect(budgetDb).toBeCloseTo(63.02, 2);
    expect(Math.abs(toDb(jammerToNoise(standOff, rx, 100e3, true)) - budgetDb)).toBeLessThan(0.05);
    expect(toDb(jammerToNoise(standOff, rx, 100e3, true))).toBeCloseTo(62.985, 2);
  });

  it('sidelobes take G·SLL: −25 dB here; J/N falls as 1/R² and rises as λ²', () => {
    const main = jammerToNoise(standOff, rx, 100e3, true);
    expect(toDb(main) - toDb(jammerToNoise(standOff, rx, 100e3, false))).toBeCloseTo(25, 9);
    expect(jammerToNoise(standOff, rx, 200e3, true)).toBeCloseTo(main / 4, 6);
    // Half the frequency: λ² four times larger.
    expect(jammerToNoise(standOff, { ...rx, frequencyHz: 1.5e9 }, 100e3, true) / main).toBeCloseTo(4, 9);
    // Spreading the same ERP over twice the bandwidth halves the power in the receiver.
    expect(jammerToNoise({ ...standOff, bandwidthHz: 200e6 }, rx, 100e3, true) / main).toBeCloseTo(0.5, 12);
  });

  it('at unit range is J/N·R² (the constant K of a self-protection jammer)', () => {
    const k = jammerToNoiseAtUnitRange(standOff, rx, rx.gainLinear);
    expect(k / 1e10).toBeCloseTo(jammerToNoise(standOff, rx, 1e5, true), 6);
    expect(k).toBeCloseTo(handJn(1e5, db(35), 3e9, 1, db(4), 100e6), -3);
  });

  it('refuses a non-positive range', () => {
    expect(() => jammerToNoise(standOff, rx, 0, true)).toThrow(RangeError);
  });
});

/** Largest R in (0, R₀] with S/(N+J) ≥ SNR_req, by bisection on the calibrated S/N = SNR_req·(R₀/R)⁴. */
function bruteBurnThrough(r0: number, jnSoj: number, kSelf: number): number {
  const snrReq = 13.2; // any positive threshold: it cancels
  const detected = (r: number): boolean => (snrReq * (r0 / r) ** 4) / (1 + jnSoj + kSelf / (r * r)) >= snrReq;
  let lo = 0;
  let hi = r0 * (1 + 1e-12);
  for (let i = 0; i < 200; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid === lo || mid === hi) break;
    if (detected(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** A small deterministic generator (LCG) so the random cases are the same every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('burn-through range: R⁴(1 + J_soj/N) + K·R² = R₀⁴ (TP 8347 §4-8)', () => {
  it('is R₀ with no jamming', () => {
    for (const r0 of [1, 12_345, 150e3, 1e6]) expect(burnThroughRangeM(r0, 0, 0)).toBe(r0);
  });

  it('stand-off only: R₀·(1 + J/N)^(−¼); J/N = 15 halves the range, J/N = 80 takes a third', () => {
    expect(burnThroughRangeM(100e3, 15, 0)).toBeCloseTo(50e3, 6);
    expect(burnThroughRangeM(90e3, 80, 0)).toBeCloseTo(30e3, 6);
    expect(burnThroughRangeM(100e3, 1e4, 0)).toBeCloseTo(100e3 / Math.pow(10001, 0.25), 6);
  });

  it('self-protection with K ≫ R₀²: the textbook J ≫ N form R_bt = R₀²/√K within 1%', () => {
    for (const [r0, ratio] of [
      [100e3, 100],
      [150e3, 1e3],
      [30e3, 1e5],
      [10e3, 1e8],
      [5e3, 1e12],
    ]) {
      const k = ratio * r0 * r0;
      const bt = burnThroughRangeM(r0, 0, k);
      expect(Math.abs(bt / ((r0 * r0) / Math.sqrt(k)) - 1)).toBeLessThan(0.01);
      expect(bt).toBeLessThan(r0);
    }
  });

  it('self-protection from the radar equation: R_bt = √(ERP_r·σ·B_j / (4π·ERP_j·B_r·SNR_req)) when J ≫ N', () => {
    // A notional radar: P_t = 100 kW, G = 35 dBi, 3 GHz, B_r = 1 MHz, F = 4 dB, SNR_req = 13 dB, σ = 1 m².
    // Unjammed range from the radar equation: R₀⁴ = P_t·G²·λ²·σ / ((4π)³·k·T₀·F·B_r·SNR_req).
    const pt = 100e3;
    const g = db(35);
    const lambda = C / 3e9;
    const br = 1e6;
    const f = db(4);
    const snrReq = db(13);
    const sigma = 1;
    const r0 = Math.pow((pt * g * g * lambda * lambda * sigma) / ((4 * Math.PI) ** 3 * K_B * T0 * f * br * snrReq), 0.25);
    // Self-protection jammer: ERP 20 dBW over 50 MHz; K = J/N at 1 m (independent hand formula).
    const erpJ = db(20);
    const bj = 50e6;
    const k = handJn(erpJ, g, 3e9, 1, f, bj, br);
    // Textbook (J ≫ N): S/J = SNR_req with S ∝ 1/R⁴ and J ∝ 1/R² (TP 8347 §4-8, constant-power jamming).
    const textbook = Math.sqrt((pt * g * sigma * bj) / (4 * Math.PI * erpJ * br * snrReq));
    expect(k).toBeGreaterThan(100 * r0 * r0); // really J ≫ N at burn-through
    expect(Math.abs(burnThroughRangeM(r0, 0, k) / textbook - 1)).toBeLessThan(0.01);
    // The package's own J/N at unit range gives the same K.
    expect(Math.abs(jammerToNoiseAtUnitRange({ erpW: erpJ, bandwidthHz: bj }, { ...rx, gainLinear: g, noiseFigureLinear: f }, g) / k - 1)).toBeLessThan(1e-12);
  });

  it('agrees with a brute-force bisection of S/(N+J) = SNR_req to 1e−9 relative, for random inputs', () => {
    const rand = lcg(20240601);
    for (let i = 0; i < 400; i++) {
      const r0 = 10 ** (3 + 3 * rand()); // 1 km – 1000 km
      const jn = rand() < 0.25 ? 0 : 10 ** (-3 + 9 * rand()); // 0, or −30 … +60 dB
      const kSelf = rand() < 0.25 ? 0 : r0 * r0 * 10 ** (-4 + 12 * rand()); // 0, or K/R₀² from 1e−4 to 1e8
      const closed = burnThroughRangeM(r0, jn, kSelf);
      const brute = bruteBurnThrough(r0, jn, kSelf);
      expect(Math.abs(closed / brute - 1), `R₀ ${r0}, J/N ${jn}, K ${kSelf}`).toBeLessThan(1e-9);
    }
  });

  it('falls as either kind of jamming grows', () => {
    let prev = Infinity;
    for (const jn of [0, 0.1, 1, 10, 100]) {
      const r = burnThroughRangeM(100e3, jn, 1e12);
      expect(r).toBeLessThan(prev);
      prev = r;
    }
    expect(burnThroughRangeM(100e3, 1, 1e13)).toBeLessThan(burnThroughRangeM(100e3, 1, 1e12));
  });

  it('refuses negative jamming terms', () => {
    expect(() => burnThroughRangeM(1e5, -1, 0)).toThrow(RangeError);
    expect(() => burnThroughRangeM(1e5, 0, -1)).toThrow(RangeError);
  });
});

describe('main lobe and sidelobes', () => {
  it('withinAzimuth wraps across north and includes the edge', () => {
    expect(withinAzimuth(10 * deg, 350 * deg, 30 * deg)).toBe(true);
    expect(withinAzimuth(350 * deg, 10 * deg, 30 * deg)).toBe(true);
    expect(withinAzimuth(25 * deg, 350 * deg, 30 * deg)).toBe(false);
    expect(withinAzimuth(-20 * deg, 350 * deg, 15 * deg)).toBe(true);
    expect(withinAzimuth(725 * deg, 0, 5.000001 * deg)).toBe(true);
    expect(withinAzimuth(180 * deg, 0, 179 * deg)).toBe(false);
    expect(withinAzimuth(135 * deg, 90 * deg, 45 * deg + 1e-12)).toBe(true);
  });

  it('standOffJn sums main-lobe J/N within half a beamwidth of each jammer and sidelobe J/N elsewhere', () => {
    const acting: ActingJammer[] = [
      { id: 'a', mainJn: 1000, sideJn: 3, azimuthRad: 90 * deg },
      { id: 'b', mainJn: 500, sideJn: 2, azimuthRad: 359.5 * deg },
    ];
    const bw = 2 * deg;
    expect(standOffJn(acting, 90.9 * deg, bw)).toBe(1000 + 2);
    expect(standOffJn(acting, 91.1 * deg, bw)).toBe(3 + 2);
    expect(standOffJn(acting, 0.4 * deg, bw)).toBe(3 + 500);
    expect(standOffJn(acting, 180 * deg, bw)).toBe(5);
    expect(standOffJn([], 0, bw)).toBe(0);
  });
});
