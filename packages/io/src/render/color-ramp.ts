/**
 * Colour ramps for continuous rasters: the perceptually uniform d3-scale-chromatic schemes
 * (viridis, magma, cividis, … and ColorBrewer sequentials), sampled into 256-entry lookup tables.
 */
import * as chromatic from 'd3-scale-chromatic';

export const RAMP_NAMES = ['viridis', 'magma', 'inferno', 'plasma', 'cividis', 'turbo', 'YlOrRd', 'YlGnBu', 'Blues', 'Reds', 'Greens', 'RdYlGn'] as const;
export type RampName = (typeof RAMP_NAMES)[number];

const INTERPOLATORS: Record<RampName, (t: number) => string> = {
  viridis: chromatic.interpolateViridis,
  magma: chromatic.interpolateMagma,
  inferno: chromatic.interpolateInferno,
  plasma: chromatic.interpolatePlasma,
  cividis: chromatic.interpolateCividis,
  turbo: chromatic.interpolateTurbo,
  YlOrRd: chromatic.interpolateYlOrRd,
  YlGnBu: chromatic.interpolateYlGnBu,
  Blues: chromatic.interpolateBlues,
  Reds: chromatic.interpolateReds,
  Greens: chromatic.interpolateGreens,
  RdYlGn: chromatic.interpolateRdYlGn,
};

export type Rgb = [number, number, number];

/** Parses `#rgb`, `#rrggbb` or `rgb(r, g, b)`. */
export function parseColor(css: string): Rgb {
  const s = css.trim();
  let m = /^#([0-9a-f]{6})$/i.exec(s);
  if (m) {
    const v = parseInt(m[1], 16);
    return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
  }
  m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(s);
  if (m) return [parseInt(m[1] + m[1], 16), parseInt(m[2] + m[2], 16), parseInt(m[3] + m[3], 16)];
  m = /^rgb\(\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*,\s*(\d+(?:\.\d+)?)\s*\)$/i.exec(s);
  if (m) return [Math.round(Number(m[1])), Math.round(Number(m[2])), Math.round(Number(m[3]))];
  throw new TypeError(`colour must be #rrggbb or rgb(r, g, b), got "${css}"`);
}

export function toHex([r, g, b]: Rgb): string {
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** A ramp as a function of t ∈ [0, 1] to a CSS colour. */
export function rampFunction(ramp: RampName | ((t: number) => string), reverse = false): (t: number) => string {
  const f = typeof ramp === 'function' ? ramp : INTERPOLATORS[ramp];
  if (!f) throw new RangeError(`ramp must be one of ${RAMP_NAMES.join(', ')}, got "${String(ramp)}"`);
  return reverse ? (t) => f(1 - t) : f;
}

/** 256 RGB entries (768 bytes) sampling `ramp` at t = i/255. */
export function rampLut(ramp: RampName | ((t: number) => string), reverse = false): Uint8Array {
  const f = rampFunction(ramp, reverse);
  const lut = new Uint8Array(256 * 3);
  for (let i = 0; i < 256; i++) lut.set(parseColor(f(i / 255)), i * 3);
  return lut;
}
