/**
 * Terrain along one azimuth from a site, for vertical coverage diagrams: ground heights sampled
 * at equal geodesic steps on WGS84 (GeographicLib direct problem) from any elevation lookup.
 */
import { geodesicDirect } from '../geo/geodesic.js';
import { assertPositive } from '../units/units.js';
import type { TerrainProfile } from './vertical-coverage.js';

/**
 * Samples `heightAt(lonDeg, latDeg)` (metres MSL; NaN = void or outside the model) every
 * `stepM` metres from the site out to `maxRangeM` along the geodesic at `azimuthDeg` (from north,
 * clockwise). Voids are filled from the previous sample (0 before the first valid one) and
 * counted.
 */
export function terrainProfileAlong(
  heightAt: (lonDeg: number, latDeg: number) => number,
  siteLonDeg: number,
  siteLatDeg: number,
  azimuthDeg: number,
  maxRangeM: number,
  stepM: number,
): TerrainProfile & { voids: number } {
  assertPositive('maxRangeM', maxRangeM);
  assertPositive('stepM', stepM);
  if (!Number.isFinite(azimuthDeg)) throw new RangeError(`azimuthDeg must be finite, got ${azimuthDeg}`);
  const n = Math.floor(maxRangeM / stepM) + 1;
  const groundRangeM = new Float64Array(n);
  const groundMslM = new Float64Array(n);
  let last = 0;
  let voids = 0;
  for (let i = 0; i < n; i++) {
    const s = i * stepM;
    const p = i === 0 ? { lonDeg: siteLonDeg, latDeg: siteLatDeg } : geodesicDirect(siteLonDeg, siteLatDeg, azimuthDeg, s);
    let h = heightAt(p.lonDeg, p.latDeg);
    if (!Number.isFinite(h)) {
      voids++;
      h = last;
    }
    groundRangeM[i] = s;
    groundMslM[i] = h;
    last = h;
  }
  return { groundRangeM, groundMslM, voids };
}
