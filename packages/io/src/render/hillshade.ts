/**
 * Shaded relief from an elevation raster on the analysis grid.
 *
 * Slope by Horn's third-order finite difference (Horn, "Hill shading and the reflectance map",
 * Proc. IEEE 69(1), 1981; as in GDAL's gdaldem hillshade):
 *   ∂z/∂E = ((c + 2f + i) − (a + 2d + g)) / (8·Δx)
 *   ∂z/∂N = ((a + 2b + c) − (g + 2h + i)) / (8·Δy)
 * for the 3×3 window  a b c / d e f / g h i  (north row first). Lambertian shade is the cosine of
 * the angle between the surface normal n = (−∂z/∂E, −∂z/∂N, 1)/|…| and the sun direction
 * s = (sin A·cos h, cos A·cos h, sin h), A the sun's azimuth clockwise from north, h its altitude:
 *   shade = max(0, n·s) = cos(zenith)·cos(slope) + sin(zenith)·sin(slope)·cos(A − aspect).
 * Δy is the cell height in metres, Δx each row's cell width (its true area / Δy).
 */
import type { RegionGrid } from '@parapet/core';
import { metresPerDegree } from './map-projection.js';

export interface HillshadeOptions {
  /** Sun azimuth, degrees clockwise from north (default 315, the cartographic north-west light). */
  sunAzimuthDeg?: number;
  /** Sun altitude above the horizon, degrees (default 45). */
  sunAltitudeDeg?: number;
  /** Vertical exaggeration (default 1). */
  zFactor?: number;
}

/** Shade in [0, 1] per cell; NaN where the cell or a neighbour used is NaN (voids). Edges are replicated. */
export function hillshade(grid: RegionGrid, elevationM: ArrayLike<number>, options: HillshadeOptions = {}, out?: Float32Array): Float32Array {
  const { width, height } = grid;
  const n = width * height;
  if (elevationM.length !== n) throw new RangeError(`elevationM must have ${n} cells (grid ${width}×${height}), got ${elevationM.length}`);
  const result = out ?? new Float32Array(n);
  if (result.length !== n) throw new RangeError(`out must have ${n} cells, got ${result.length}`);
  const az = ((options.sunAzimuthDeg ?? 315) * Math.PI) / 180;
  const alt = ((options.sunAltitudeDeg ?? 45) * Math.PI) / 180;
  const zf = options.zFactor ?? 1;
  const sE = Math.sin(az) * Math.cos(alt);
  const sN = Math.cos(az) * Math.cos(alt);
  const sU = Math.sin(alt);
  const dyM = grid.dLatDeg * metresPerDegree(grid).latM;
  for (let j = 0; j < height; j++) {
    const jn = j > 0 ? j - 1 : 0;
    const js = j < height - 1 ? j + 1 : height - 1;
    const dxM = grid.rowCellAreaM2[j] / dyM;
    const kx = zf / (8 * dxM);
    const ky = zf / (8 * dyM);
    const rn = jn * width;
    const r0 = j * width;
    const rs = js * width;
    for (let i = 0; i < width; i++) {
      const iw = i > 0 ? i - 1 : 0;
      const ie = i < width - 1 ? i + 1 : width - 1;
      const a = elevationM[rn + iw];
      const b = elevationM[rn + i];
      const c = elevationM[rn + ie];
      const d = elevationM[r0 + iw];
      const f = elevationM[r0 + ie];
      const g = elevationM[rs + iw];
      const h = elevationM[rs + i];
      const q = elevationM[rs + ie];
      const dzdE = (c + 2 * f + q - (a + 2 * d + g)) * kx;
      const dzdN = (a + 2 * b + c - (g + 2 * h + q)) * ky;
      const dot = (-dzdE * sE - dzdN * sN + sU) / Math.sqrt(dzdE * dzdE + dzdN * dzdN + 1);
      result[r0 + i] = dot > 0 ? dot : dot === dot ? 0 : NaN;
    }
  }
  return result;
}

/**
 * RGBA overlay of a shade raster: flat ground (shade = sin(sun altitude)) is transparent, slopes
 * turned from the sun are darkened with black, slopes facing it lightened with white, so the
 * overlay can lie over any land colour. `strength` in [0, 1] scales the opacity (default 0.6).
 */
export function hillshadeRgba(shade: Float32Array, sunAltitudeDeg = 45, strength = 0.6): Uint8Array {
  const flat = Math.sin((sunAltitudeDeg * Math.PI) / 180);
  const rgba = new Uint8Array(shade.length * 4);
  const dark = (255 * strength) / flat;
  const light = (255 * strength * 0.6) / (1 - flat);
  for (let k = 0; k < shade.length; k++) {
    const s = shade[k];
    if (s !== s) continue;
    const o = k * 4;
    if (s < flat) {
      rgba[o + 3] = Math.min(255, Math.round((flat - s) * dark));
    } else {
      rgba[o] = 255;
      rgba[o + 1] = 255;
      rgba[o + 2] = 255;
      rgba[o + 3] = Math.min(255, Math.round((s - flat) * light));
    }
  }
  return rgba;
}
