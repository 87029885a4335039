/**
 * Synthetic terrain for tests and benchmarks: flat, cones, ridges and fractal (multi-octave value
 * noise) surfaces on planar grids centred on (0, 0). Deterministic: the fractal uses an integer
 * hash of (octave, lattice point, seed), never global randomness.
 */
import { assertPositive } from '../units/units.js';
import { makeElevationGrid, type ElevationGrid } from './elevation-grid.js';

/** A planar grid of `width`×`height` nodes `cellM` apart whose centre node sits at (0, 0). */
export function planarGrid(width: number, height: number, cellM: number, heightsM?: Float32Array): ElevationGrid {
  assertPositive('cellM', cellM);
  return makeElevationGrid(width, height, { crs: 'planar', x0: -((width - 1) / 2) * cellM, y0: ((height - 1) / 2) * cellM, dx: cellM, dy: cellM }, heightsM);
}

/** A flat surface at `heightM`. */
export function flatTerrain(width: number, height: number, cellM: number, heightM = 0): ElevationGrid {
  return planarGrid(width, height, cellM, new Float32Array(width * height).fill(heightM));
}

export interface Cone {
  /** Centre, metres from the grid centre (x east, y north). */
  xM: number;
  yM: number;
  peakM: number;
  radiusM: number;
}

/** A planar test grid whose height at each node is `heightAt(x, y)`, metres from the grid centre (x east, y north). */
function planarTerrain(width: number, height: number, cellM: number, heightAt: (xM: number, yM: number) => number): ElevationGrid {
  const g = planarGrid(width, height, cellM);
  const h = g.heightsM;
  for (let j = 0; j < height; j++) {
    const y = g.y0 - j * cellM;
    for (let i = 0; i < width; i++) h[j * width + i] = heightAt(g.x0 + i * cellM, y);
  }
  return g;
}

/** Sum of linear cones over a base height. */
export function coneTerrain(width: number, height: number, cellM: number, cones: readonly Cone[], baseM = 0): ElevationGrid {
  return planarTerrain(width, height, cellM, (x, y) => {
    let z = baseM;
    for (const c of cones) {
      const d = Math.hypot(x - c.xM, y - c.yM);
      if (d < c.radiusM) z += c.peakM * (1 - d / c.radiusM);
    }
    return z;
  });
}

export interface Ridge {
  /** A point on the ridge line, metres from the grid centre. */
  xM: number;
  yM: number;
  /** Direction of the ridge line, radians clockwise from north. */
  strikeRad: number;
  crestM: number;
  /** Half-width at the base, metres (triangular cross-section). */
  halfWidthM: number;
}

/** Straight ridges of triangular cross-section; overlapping ridges take the higher crest. */
export function ridgeTerrain(width: number, height: number, cellM: number, ridges: readonly Ridge[], baseM = 0): ElevationGrid {
  return planarTerrain(width, height, cellM, (x, y) => {
    let z = 0;
    for (const r of ridges) {
      // Distance from the line through (xM, yM) with direction (sin s, cos s).
      const d = Math.abs((x - r.xM) * Math.cos(r.strikeRad) - (y - r.yM) * Math.sin(r.strikeRad));
      if (d < r.halfWidthM) z = Math.max(z, r.crestM * (1 - d / r.halfWidthM));
    }
    return baseM + z;
  });
}

/** A 32-bit integer hash (lowbias32 by C. Wellons) mapped to [0, 1). */
function hash01(ix: number, iy: number, salt: number): number {
  let x = (Math.imul(ix, 0x27d4eb2d) ^ Math.imul(iy, 0x165667b1) ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4294967296;
}

export interface FractalOptions {
  seed?: number;
  /** Peak-to-trough scale of the largest octave, metres (default 1200). */
  amplitudeM?: number;
  /** Wavelength of the largest octave, metres (default 40 km). */
  wavelengthM?: number;
  /** Number of octaves, each half the wavelength and `persistence` times the amplitude (default 7). */
  octaves?: number;
  persistence?: number;
  /** Heights below this are clamped to it (a sea or valley floor; default 0). */
  floorM?: number;
}

/**
 * Fractal terrain: Σ_o p^o · A · noise(x / (λ/2^o)), with value noise interpolated by the
 * smoothstep 3t² − 2t³ between hashed lattice values (Perlin, "An image synthesizer", 1985).
 */
export function fractalTerrain(width: number, height: number, cellM: number, options: FractalOptions = {}): ElevationGrid {
  const seed = options.seed ?? 1;
  const amp = options.amplitudeM ?? 1200;
  const lambda = options.wavelengthM ?? 40_000;
  const octaves = options.octaves ?? 7;
  const persistence = options.persistence ?? 0.5;
  const floor = options.floorM ?? 0;
  const g = planarGrid(width, height, cellM);
  const h = g.heightsM;
  const acc = new Float64Array(width * height);
  let a = amp;
  let wl = lambda;
  for (let o = 0; o < octaves; o++) {
    const salt = seed * 131 + o;
    const inv = cellM / wl;
    for (let j = 0; j < height; j++) {
      const fy = j * inv + 0.37 * o;
      const iy = Math.floor(fy);
      let ty = fy - iy;
      ty = ty * ty * (3 - 2 * ty);
      const row = j * width;
      for (let i = 0; i < width; i++) {
        const fx = i * inv + 0.61 * o;
        const ix = Math.floor(fx);
        let tx = fx - ix;
        tx = tx * tx * (3 - 2 * tx);
        const v00 = hash01(ix, iy, salt);
        const v10 = hash01(ix + 1, iy, salt);
        const v01 = hash01(ix, iy + 1, salt);
        const v11 = hash01(ix + 1, iy + 1, salt);
        const top = v00 + tx * (v10 - v00);
        const bot = v01 + tx * (v11 - v01);
        acc[row + i] += a * (top + ty * (bot - top));
      }
    }
    a *= persistence;
    wl /= 2;
  }
  // Centre on a mean of ~0.5·Σa so that about a third of the surface sits near the floor.
  let total = 0;
  a = amp;
  for (let o = 0; o < octaves; o++, a *= persistence) total += a;
  const offset = 0.4 * total;
  for (let k = 0; k < acc.length; k++) h[k] = Math.max(floor, acc[k] - offset);
  return g;
}
