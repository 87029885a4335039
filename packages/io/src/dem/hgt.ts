/**
 * SRTM height tiles (.hgt, and .hgt.gz as served by the AWS Terrain Tiles "skadi" layout): a
 * square of big-endian int16 heights in metres, 1201² (3″) or 3601² (1″) nodes, row 0 at the
 * north edge, nodes on whole arc-seconds including both edges ("pixel is point"); −32768 is a
 * void. The file name gives the south-west corner: N37E127.hgt spans 37–38°N, 127–128°E.
 * Reference: NASA SRTM Topography documentation (SRTM_Topo.pdf), §"Data formats".
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { makeElevationGrid, type ElevationGrid } from '@parapet/core';
import { DemError } from './dem-error.js';

export const HGT_VOID = -32768;

/** South-west corner of a tile name like N37E127 / s05w071 (case-insensitive), or undefined. */
export function parseTileName(name: string): { lat: number; lon: number } | undefined {
  const m = /^([NS])(\d{2})([EW])(\d{3})/i.exec(name);
  if (!m) return undefined;
  const lat = Number(m[2]) * (m[1].toUpperCase() === 'S' ? -1 : 1);
  const lon = Number(m[4]) * (m[3].toUpperCase() === 'W' ? -1 : 1);
  if (lat < -90 || lat > 89 || lon < -180 || lon > 179) return undefined;
  return { lat, lon };
}

/** Tile name of the 1° cell whose south-west corner is (lat, lon): N37E127. */
export function tileName(lat: number, lon: number): string {
  const ns = lat < 0 ? 'S' : 'N';
  const ew = lon < 0 ? 'W' : 'E';
  return `${ns}${String(Math.abs(lat)).padStart(2, '0')}${ew}${String(Math.abs(lon)).padStart(3, '0')}`;
}

/** Decodes .hgt bytes (already gunzipped) of the tile at (lat, lon). `file` names it in errors. */
export function decodeHgt(bytes: Uint8Array, lat: number, lon: number, file: string): ElevationGrid {
  let n: number;
  if (bytes.length === 1201 * 1201 * 2) n = 1201;
  else if (bytes.length === 3601 * 3601 * 2) n = 3601;
  else {
    throw new DemError(
      file,
      `wrong size for an SRTM tile: ${bytes.length} bytes (a 3″ tile has ${1201 * 1201 * 2}, a 1″ tile ${3601 * 3601 * 2}); the file is truncated or not an .hgt`,
    );
  }
  const heights = new Float32Array(n * n);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let k = 0; k < heights.length; k++) {
    const v = view.getInt16(2 * k, false);
    heights[k] = v === HGT_VOID ? NaN : v;
  }
  const step = 1 / (n - 1);
  return makeElevationGrid(n, n, { crs: 'geographic', x0: lon, y0: lat + 1, dx: step, dy: step }, heights);
}

/** Reads an .hgt or .hgt.gz file; the tile's position comes from its name. */
export function readHgt(file: string): ElevationGrid {
  const corner = parseTileName(basename(file));
  if (!corner) throw new DemError(file, 'an SRTM file name must start with its south-west corner, like N37E127.hgt');
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DemError(file, code === 'ENOENT' ? 'no such file' : `cannot read (${code ?? String(e)})`);
  }
  if (/\.gz$/i.test(file)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: 3601 * 3601 * 2 });
    } catch (e) {
      throw new DemError(file, `corrupt or truncated gzip data (${e instanceof Error ? e.message : String(e)})`);
    }
  }
  return decodeHgt(bytes, corner.lat, corner.lon, file);
}
