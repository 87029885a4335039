/**
 * A sample map of the Korean peninsula with fake coverage discs, for tests, benchmarks and
 * eyeballing the renderer. The discs are geodesic (GeographicLib) distances from notional,
 * city-level points; nothing here is a real analysis.
 */
import { geodesicInverse, makeRegionGrid, type RegionGrid } from '@parapet/core';
import type { MapPlace, MapRing, MapSite } from './map-frame.js';

export interface SampleDisc {
  lonDeg: number;
  latDeg: number;
  detectRadiusM: number;
  engageRadiusM: number;
}

export const KOREA_BBOX = { westDeg: 124, southDeg: 33, eastDeg: 131, northDeg: 43.5 };

export const KOREA_PLACES: MapPlace[] = [
  { name: 'Seoul', lonDeg: 126.977, latDeg: 37.569 },
  { name: 'Osan', lonDeg: 127.077, latDeg: 37.15 },
  { name: 'Pyeongtaek', lonDeg: 127.113, latDeg: 36.992 },
];

export const KOREA_SITES: MapSite[] = [
  { id: 'pyongyang-s400', label: 'S-400 (Pyongyang)', lonDeg: 125.75, latDeg: 39.03, status: 'reported' },
  { id: 'kaesong-sa2', label: 'SA-2 (Kaesong)', lonDeg: 126.55, latDeg: 37.97, status: 'confirmed' },
  { id: 'wonsan-sa5', label: 'SA-5 (Wonsan)', lonDeg: 127.44, latDeg: 39.15, status: 'hypothetical' },
];

export const KOREA_DISCS: SampleDisc[] = [
  { lonDeg: 125.75, latDeg: 39.03, detectRadiusM: 260_000, engageRadiusM: 150_000 },
  { lonDeg: 126.55, latDeg: 37.97, detectRadiusM: 110_000, engageRadiusM: 45_000 },
  { lonDeg: 127.44, latDeg: 39.15, detectRadiusM: 200_000, engageRadiusM: 120_000 },
];

export function koreaSampleRings(): MapRing[] {
  return [
    { lonDeg: 125.75, latDeg: 39.03, radiusM: 380_000, kind: 'engage', label: '40N6E 380 km' },
    { lonDeg: 125.75, latDeg: 39.03, radiusM: 600_000, kind: 'detect' },
    { lonDeg: 126.55, latDeg: 37.97, radiusM: 45_000, kind: 'engage' },
    { lonDeg: 127.44, latDeg: 39.15, radiusM: 250_000, kind: 'engage', label: 'SA-5 250 km' },
  ];
}

/** Counts of discs covering each cell centre (geodesic distance), like a CoverageLayer's counts. */
export function discCounts(grid: RegionGrid, discs: readonly SampleDisc[]): { detectCount: Uint8Array; engageCount: Uint8Array } {
  const n = grid.width * grid.height;
  const detectCount = new Uint8Array(n);
  const engageCount = new Uint8Array(n);
  for (const d of discs) {
    for (let j = 0; j < grid.height; j++) {
      const lat = grid.northDeg - (j + 0.5) * grid.dLatDeg;
      // skip rows the disc cannot reach (1° of latitude ≥ 110 km)
      if (Math.abs(lat - d.latDeg) * 110_000 > Math.max(d.detectRadiusM, d.engageRadiusM)) continue;
      for (let i = 0; i < grid.width; i++) {
        const lon = grid.westDeg + (i + 0.5) * grid.dLonDeg;
        const s = geodesicInverse(d.lonDeg, d.latDeg, lon, lat).distanceM;
        const k = j * grid.width + i;
        if (s <= d.detectRadiusM) detectCount[k]++;
        if (s <= d.engageRadiusM) engageCount[k]++;
      }
    }
  }
  return { detectCount, engageCount };
}

/**
 * Synthetic relief (metres): a broad Gaussian massif plus a sum of sinusoids of 6–120 km
 * wavelength in many directions, amplitude growing with wavelength (a rough fractal surface).
 * Deterministic; for drawing shaded relief without a DEM.
 */
export function syntheticRelief(grid: RegionGrid): Float32Array {
  const z = new Float32Array(grid.width * grid.height);
  const waves: { kx: number; ky: number; a: number; ph: number }[] = [];
  for (let w = 0; w < 24; w++) {
    const lambdaKm = 6 * Math.pow(20, w / 23);
    const dir = w * 2.39996; // golden angle: well spread directions
    const k = (2 * Math.PI) / lambdaKm;
    waves.push({ kx: k * Math.cos(dir), ky: k * Math.sin(dir), a: 9 * lambdaKm ** 0.8, ph: w * 1.7 });
  }
  for (let j = 0; j < grid.height; j++) {
    const lat = grid.northDeg - (j + 0.5) * grid.dLatDeg;
    const yKm = lat * 111;
    for (let i = 0; i < grid.width; i++) {
      const lon = grid.westDeg + (i + 0.5) * grid.dLonDeg;
      const xKm = lon * 88;
      let h = 1500 * Math.exp(-(((lon - 127.8) / 1.3) ** 2) - ((lat - 39.5) / 2.5) ** 2);
      for (const w of waves) h += w.a * Math.sin(w.kx * xKm + w.ky * yKm + w.ph);
      z[j * grid.width + i] = Math.max(0, h);
    }
  }
  return z;
}

export function koreaSampleGrid(resolutionM: number): RegionGrid {
  return makeRegionGrid(KOREA_BBOX, resolutionM);
}
