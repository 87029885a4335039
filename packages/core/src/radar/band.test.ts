import { describe, expect, it } from 'vitest';
import { BAND_EDGES_HZ, bandIndex, BANDS, frequencyInBand, wavelengthM } from './band.js';

/** IEEE Std 521-2019, Table 1, the letters the catalog uses (MHz), written out here. */
const IEEE_521_MHZ: [string, number, number][] = [
  ['VHF', 30, 300],
  ['UHF', 300, 1000],
  ['L', 1000, 2000],
  ['S', 2000, 4000],
  ['C', 4000, 8000],
  ['X', 8000, 12000],
  ['Ku', 12000, 18000],
];

describe('IEEE letter bands', () => {
  it('are VHF … Ku in increasing frequency, in the layout order of RCS tables', () => {
    expect([...BANDS]).toEqual(IEEE_521_MHZ.map((b) => b[0]));
    BANDS.forEach((b, i) => expect(bandIndex(b)).toBe(i));
  });

  it('have the IEEE Std 521 edges, contiguous from 30 MHz to 18 GHz', () => {
    for (const [letter, lo, hi] of IEEE_521_MHZ) {
      const [l, h] = BAND_EDGES_HZ[letter as (typeof BANDS)[number]];
      expect(l).toBe(lo * 1e6);
      expect(h).toBe(hi * 1e6);
    }
    for (let i = 1; i < BANDS.length; i++) expect(BAND_EDGES_HZ[BANDS[i]][0]).toBe(BAND_EDGES_HZ[BANDS[i - 1]][1]);
  });

  it('include both edges (a shared edge belongs to both bands) and nothing outside', () => {
    expect(frequencyInBand(30e6, 'VHF')).toBe(true);
    expect(frequencyInBand(29.999e6, 'VHF')).toBe(false);
    expect(frequencyInBand(300e6, 'VHF')).toBe(true);
    expect(frequencyInBand(300e6, 'UHF')).toBe(true);
    expect(frequencyInBand(1e9, 'UHF')).toBe(true);
    expect(frequencyInBand(1e9, 'L')).toBe(true);
    expect(frequencyInBand(1.0001e9, 'UHF')).toBe(false);
    expect(frequencyInBand(3e9, 'S')).toBe(true);
    expect(frequencyInBand(3e9, 'C')).toBe(false);
    expect(frequencyInBand(10e9, 'X')).toBe(true);
    expect(frequencyInBand(12e9, 'X')).toBe(true);
    expect(frequencyInBand(12.0001e9, 'X')).toBe(false);
    expect(frequencyInBand(18e9, 'Ku')).toBe(true);
    expect(frequencyInBand(18.0001e9, 'Ku')).toBe(false);
    expect(frequencyInBand(11.9999e9, 'Ku')).toBe(false);
  });

  it('reject an unknown letter', () => {
    expect(() => bandIndex('K' as never)).toThrow(RangeError);
  });
});

describe('wavelength λ = c/f', () => {
  it('is 0.0999 m at 3 GHz (c = 299 792 458 m/s)', () => {
    expect(wavelengthM(3e9)).toBeCloseTo(0.0999, 4);
    expect(wavelengthM(3e9)).toBeCloseTo(0.099930819, 9);
  });

  it('spans 10 m … 1.67 cm over VHF … Ku', () => {
    expect(wavelengthM(30e6)).toBeCloseTo(9.993, 3);
    expect(wavelengthM(150e6)).toBeCloseTo(1.9986, 4);
    expect(wavelengthM(10e9)).toBeCloseTo(0.029979, 6);
    expect(wavelengthM(18e9)).toBeCloseTo(0.016655, 6);
  });

  it('refuses a non-positive frequency', () => {
    expect(() => wavelengthM(0)).toThrow(RangeError);
    expect(() => wavelengthM(-1)).toThrow(RangeError);
    expect(() => wavelengthM(NaN)).toThrow(RangeError);
  });
});
