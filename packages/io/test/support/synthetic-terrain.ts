/**
 * Test fixtures shared by the io, cli and server tests that need terrain: synthetic SRTM tiles
 * and the independent line-of-sight oracle behind a thin obstacle.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Effective earth radius of the standard 4/3 earth, metres (k·R, R = WGS84 mean radius). */
export const A_E_43 = (4 / 3) * 6371008.8;

/**
 * Two SRTM-style 3″ tiles (N37E126, N37E127): a 1500 m ridge of triangular cross-section running
 * north–south at 126.75°E, 0.05° half-width, sea level elsewhere.
 */
export function writeRidgeTiles(folder: string): void {
  mkdirSync(folder, { recursive: true });
  const n = 1201;
  for (const lon of [126, 127]) {
    const b = Buffer.alloc(n * n * 2);
    for (let jj = 0; jj < n; jj++) {
      for (let ii = 0; ii < n; ii++) {
        const x = lon + ii / 1200;
        b.writeInt16BE(Math.round(Math.max(0, 1500 - (Math.abs(x - 126.75) * 1500) / 0.05)), 2 * (jj * n + ii));
      }
    }
    writeFileSync(join(folder, `N37E${lon}.hgt`), b);
  }
}

/**
 * Lowest MSL height visible at ground range s behind a thin obstacle of MSL height zw at ground
 * range sw, antenna at MSL antennaM, on a sphere of radius a: the straight chord from the antenna
 * over the obstacle's top, intersected with the radial line at s (plane geometry, no DEM code).
 */
export function heightOverObstacleM(antennaM: number, sw: number, zw: number, s: number, a: number = A_E_43): number {
  const oy = a + antennaM;
  const px = (a + zw) * Math.sin(sw / a);
  const py = (a + zw) * Math.cos(sw / a) - oy;
  const es = Math.sin(s / a);
  const ec = Math.cos(s / a);
  const mu = (oy * es) / (px * ec - py * es);
  return Math.hypot(mu * px, oy + mu * py) - a;
}
