/**
 * Radar frequency bands: the IEEE letter designations (IEEE Std 521-2019, Standard Letter
 * Designations for Radar-Frequency Bands) that the catalog's RCS tables are indexed by.
 *
 *   VHF 30–300 MHz · UHF 300–1000 MHz · L 1–2 GHz · S 2–4 GHz · C 4–8 GHz · X 8–12 GHz · Ku 12–18 GHz
 *
 * A radar's band is its letter plus a centre frequency; detection uses the target's RCS at the
 * radar's letter band (docs/models/bands.md).
 */

export const BANDS = ['VHF', 'UHF', 'L', 'S', 'C', 'X', 'Ku'] as const;
export type Band = (typeof BANDS)[number];

/** Lower and upper edge of each band, hertz (IEEE Std 521). */
export const BAND_EDGES_HZ: Readonly<Record<Band, readonly [number, number]>> = {
  VHF: [30e6, 300e6],
  UHF: [300e6, 1e9],
  L: [1e9, 2e9],
  S: [2e9, 4e9],
  C: [4e9, 8e9],
  X: [8e9, 12e9],
  Ku: [12e9, 18e9],
};

/** Index of a band in `BANDS` (the layout of RCS tables). */
export function bandIndex(band: Band): number {
  const i = BANDS.indexOf(band);
  if (i < 0) throw new RangeError(`band must be one of ${BANDS.join(', ')}, got ${String(band)}`);
  return i;
}

/** True if `frequencyHz` lies in the band (edges included). */
export function frequencyInBand(frequencyHz: number, band: Band): boolean {
  const [lo, hi] = BAND_EDGES_HZ[band];
  return frequencyHz >= lo && frequencyHz <= hi;
}

/** Speed of light in vacuum, m/s (exact, SI). */
export const SPEED_OF_LIGHT_MPS = 299_792_458;

/** Wavelength λ = c / f, metres. */
export function wavelengthM(frequencyHz: number): number {
  if (!(frequencyHz > 0)) throw new RangeError(`frequencyHz must be positive, got ${frequencyHz}`);
  return SPEED_OF_LIGHT_MPS / frequencyHz;
}
