/**
 * A small GeoTIFF writer for rasters Parapet produces (DEMs for tests and benchmarks, minimum
 * visible height maps): baseline TIFF 6.0, little-endian, uncompressed strips, one band of int16,
 * float32 or uint8, with the GeoTIFF 1.0 tags ModelPixelScale, ModelTiepoint and a GeoKey
 * directory (pixel-is-area; EPSG:4326 for geographic grids or the given projected EPSG code), and
 * GDAL's GDAL_NODATA tag. The geotiff package reads well but writes large rasters slowly, hence
 * this writer. Written atomically (a temporary file, flushed, renamed), so a reader never sees half
 * a file.
 */
import type { ElevationGrid } from '@parapet/core';
import { writeFileAtomic } from '../fs/atomic-write.js';

export type GeoTiffSampleType = 'int16' | 'float32' | 'uint8';

export interface GeoTiffRaster {
  width: number;
  height: number;
  data: Int16Array | Float32Array | Uint8Array;
  /** x of the west edge of column 0 and y of the north edge of row 0 (pixel corners). */
  westX: number;
  northY: number;
  /** Pixel size along x and y (> 0). */
  pixelX: number;
  pixelY: number;
  /** 'geographic' writes EPSG:4326; 'planar' writes `epsg` (default 32652, UTM 52N). */
  crs: 'geographic' | 'planar';
  epsg?: number;
  noData?: number;
}

const ROWS_PER_STRIP_BYTES = 256 * 1024;

/** Writes `raster` to `file` atomically (fs/atomic-write.ts: a temporary file, flushed, renamed). */
export function writeGeoTiff(file: string, raster: GeoTiffRaster): void {
  const { head, bytes } = encodeGeoTiff(raster);
  writeFileAtomic(file, [head, bytes]);
}

/** The bytes of the file `writeGeoTiff` writes (for a download rather than a file). */
export function geoTiffBytes(raster: GeoTiffRaster): Uint8Array {
  const { head, bytes } = encodeGeoTiff(raster);
  const out = new Uint8Array(head.length + bytes.length);
  out.set(head, 0);
  out.set(bytes, head.length);
  return out;
}

/** TIFF header + IFD (`head`, ending where the pixel data starts) and the pixel bytes. */
function encodeGeoTiff(raster: GeoTiffRaster): { head: Buffer; bytes: Uint8Array } {
  const { width, height, data } = raster;
  if (data.length !== width * height) throw new RangeError(`raster data has ${data.length} values, expected ${width}×${height}`);
  const type: GeoTiffSampleType = data instanceof Int16Array ? 'int16' : data instanceof Float32Array ? 'float32' : 'uint8';
  const bytesPer = type === 'int16' ? 2 : type === 'float32' ? 4 : 1;
  const rowBytes = width * bytesPer;
  const rowsPerStrip = Math.max(1, Math.min(height, Math.floor(ROWS_PER_STRIP_BYTES / rowBytes)));
  const strips = Math.ceil(height / rowsPerStrip);

  const geoKeys =
    raster.crs === 'geographic'
      ? [1, 1, 0, 3, 1024, 0, 1, 2, 1025, 0, 1, 1, 2048, 0, 1, 4326]
      : [1, 1, 0, 3, 1024, 0, 1, 1, 1025, 0, 1, 1, 3072, 0, 1, raster.epsg ?? 32652];
  const noData = raster.noData === undefined ? undefined : `${raster.noData}\0`;

  // Entries: [tag, type, count, values]; types 3 SHORT, 4 LONG, 12 DOUBLE, 2 ASCII.
  type Entry = { tag: number; type: number; count: number; values: number[] | string };
  const stripOffsets: number[] = new Array(strips).fill(0);
  const stripCounts: number[] = [];
  for (let s = 0; s < strips; s++) stripCounts.push(Math.min(rowsPerStrip, height - s * rowsPerStrip) * rowBytes);
  const entries: Entry[] = [
    { tag: 256, type: 4, count: 1, values: [width] },
    { tag: 257, type: 4, count: 1, values: [height] },
    { tag: 258, type: 3, count: 1, values: [bytesPer * 8] },
    { tag: 259, type: 3, count: 1, values: [1] },
    { tag: 262, type: 3, count: 1, values: [1] },
    { tag: 273, type: 4, count: strips, values: stripOffsets },
    { tag: 277, type: 3, count: 1, values: [1] },
    { tag: 278, type: 4, count: 1, values: [rowsPerStrip] },
    { tag: 279, type: 4, count: strips, values: stripCounts },
    { tag: 284, type: 3, count: 1, values: [1] },
    { tag: 339, type: 3, count: 1, values: [type === 'float32' ? 3 : type === 'int16' ? 2 : 1] },
    { tag: 33550, type: 12, count: 3, values: [raster.pixelX, raster.pixelY, 0] },
    { tag: 33922, type: 12, count: 6, values: [0, 0, 0, raster.westX, raster.northY, 0] },
    { tag: 34735, type: 3, count: geoKeys.length, values: geoKeys },
  ];
  if (noData) entries.push({ tag: 42113, type: 2, count: noData.length, values: noData });

  const typeSize = (t: number): number => (t === 3 ? 2 : t === 4 ? 4 : t === 12 ? 8 : 1);
  const ifdOffset = 8;
  const ifdSize = 2 + entries.length * 12 + 4;
  let extra = ifdOffset + ifdSize;
  const extraOffsets = entries.map((e) => {
    const size = e.count * typeSize(e.type);
    if (size <= 4) return -1;
    const at = extra;
    extra += size + (size % 2);
    return at;
  });
  const dataOffset = extra + ((8 - (extra % 8)) % 8);
  for (let s = 0; s < strips; s++) stripOffsets[s] = dataOffset + s * rowsPerStrip * rowBytes;
  if (dataOffset + height * rowBytes > 0xffffffff) throw new RangeError('raster too large for a classic TIFF (4 GiB)');

  const head = Buffer.alloc(dataOffset);
  head.write('II', 0, 'latin1');
  head.writeUInt16LE(42, 2);
  head.writeUInt32LE(ifdOffset, 4);
  head.writeUInt16LE(entries.length, ifdOffset);
  entries.forEach((e, idx) => {
    const p = ifdOffset + 2 + idx * 12;
    head.writeUInt16LE(e.tag, p);
    head.writeUInt16LE(e.type, p + 2);
    head.writeUInt32LE(e.count, p + 4);
    const at = extraOffsets[idx] < 0 ? p + 8 : extraOffsets[idx];
    if (extraOffsets[idx] >= 0) head.writeUInt32LE(at, p + 8);
    if (typeof e.values === 'string') head.write(e.values, at, 'latin1');
    else {
      e.values.forEach((v, i) => {
        if (e.type === 3) head.writeUInt16LE(v, at + 2 * i);
        else if (e.type === 4) head.writeUInt32LE(v, at + 4 * i);
        else head.writeDoubleLE(v, at + 8 * i);
      });
    }
  });
  head.writeUInt32LE(0, ifdOffset + 2 + entries.length * 12);

  // Typed arrays are little-endian on every platform Node supports (x64, arm64).
  return { head, bytes: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

/** An ElevationGrid as a GeoTIFF raster (nodes become pixel centres); int16 rounds and maps NaN to −32768. */
export function elevationToGeoTiff(dem: ElevationGrid, type: 'int16' | 'float32' = 'float32', epsg?: number): GeoTiffRaster {
  let data: Int16Array | Float32Array;
  let noData: number | undefined;
  if (type === 'int16') {
    data = new Int16Array(dem.heightsM.length);
    for (let k = 0; k < data.length; k++) {
      const z = dem.heightsM[k];
      data[k] = z === z ? Math.max(-32767, Math.min(32767, Math.round(z))) : -32768;
    }
    noData = -32768;
  } else {
    data = dem.heightsM;
    noData = -9999;
    for (let k = 0; k < data.length; k++) {
      if (data[k] !== data[k]) {
        data = Float32Array.from(dem.heightsM, (z) => (z === z ? z : -9999));
        break;
      }
    }
  }
  return {
    width: dem.width,
    height: dem.height,
    data,
    westX: dem.x0 - dem.dx / 2,
    northY: dem.y0 + dem.dy / 2,
    pixelX: dem.dx,
    pixelY: dem.dy,
    crs: dem.crs,
    epsg,
    noData,
  };
}
