/**
 * GeoTIFF and Cloud-Optimized GeoTIFF DEMs through the geotiff package: one band of int8/16/32,
 * uint8/16/32 or float32/64, tiled or striped, any compression the package decodes (none,
 * deflate, LZW, PackBits, zstd, LERC), north-up (no rotation). GDAL_NODATA values become NaN.
 * Pixel-is-area rasters put their nodes at pixel centres; pixel-is-point rasters at the tie point.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { fromFile, type GeoTIFFImage } from 'geotiff';
import { makeElevationGrid, type BBox, type ElevationGrid } from '@parapet/core';
import { DemError } from './dem-error.js';

export interface GeoTiffInfo {
  width: number;
  height: number;
  crs: 'geographic' | 'planar';
  /** Node transform: x0/y0 of node (0, 0) and spacings. */
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  noData: number | null;
  epsg: number | null;
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Validates an image's layout and georeferencing; throws DemError naming the file. */
export function geoTiffInfo(file: string, image: GeoTIFFImage): GeoTiffInfo {
  const spp = image.getSamplesPerPixel();
  if (spp !== 1) throw new DemError(file, `unsupported GeoTIFF layout: ${spp} samples per pixel (a DEM has one band)`);
  const fmt = image.getSampleFormat(0);
  const bits = image.getBitsPerSample(0);
  const intOk = (fmt === 1 || fmt === 2) && (bits === 8 || bits === 16 || bits === 32);
  const floatOk = fmt === 3 && (bits === 32 || bits === 64);
  if (!intOk && !floatOk) throw new DemError(file, `unsupported GeoTIFF sample type: format ${fmt}, ${bits} bits (expected integer or float heights)`);
  const fd = image.getFileDirectory();
  if (fd.hasTag('ModelTransformation'))
    throw new DemError(file, 'unsupported GeoTIFF georeferencing: a rotated/sheared ModelTransformation (only north-up rasters are read)');
  if (!fd.hasTag('ModelPixelScale') || !fd.hasTag('ModelTiepoint')) throw new DemError(file, 'not georeferenced: no ModelPixelScale/ModelTiepoint tags');
  const keys = image.getGeoKeys() ?? {};
  const model = keys.GTModelTypeGeoKey as number | undefined;
  const crs = model === 2 ? 'geographic' : 'planar';
  const [ox, oy] = image.getOrigin();
  const [rx, ry] = image.getResolution();
  const dx = Math.abs(rx);
  const dy = Math.abs(ry);
  if (!(dx > 0) || !(dy > 0)) throw new DemError(file, `invalid pixel size ${rx} × ${ry}`);
  if (ry > 0) throw new DemError(file, 'unsupported GeoTIFF layout: rows run south to north');
  const isPoint = keys.GTRasterTypeGeoKey === 2;
  const x0 = isPoint ? ox : ox + dx / 2;
  const y0 = isPoint ? oy : oy - dy / 2;
  const epsg = (crs === 'geographic' ? keys.GeographicTypeGeoKey : keys.ProjectedCSTypeGeoKey) as number | undefined;
  return { width: image.getWidth(), height: image.getHeight(), crs, x0, y0, dx, dy, noData: image.getGDALNoData(), epsg: epsg ?? null };
}

/** Largest raster a DEM file may declare (nodes): 8× a 1″ tile of 3601², far beyond any DEM tile. */
export const MAX_GEOTIFF_NODES = 8 * 3601 * 3601;

/**
 * Checks what the file's header promises against the file itself, before any pixel is read: sane
 * dimensions, one offset and byte count per strip or tile, every strip or tile inside the file, and
 * (uncompressed) long enough for its rows. A truncated or hostile file is refused here instead of
 * being decoded as zeros or exhausting memory.
 */
export async function checkGeoTiffLayout(file: string, image: GeoTIFFImage, info: GeoTiffInfo): Promise<void> {
  const { width, height } = info;
  if (!(width >= 2 && height >= 2)) throw new DemError(file, `a DEM needs at least 2×2 pixels, this one declares ${width}×${height}`);
  if (width * height > MAX_GEOTIFF_NODES)
    throw new DemError(
      file,
      `declares ${width}×${height} pixels, more than the ${MAX_GEOTIFF_NODES.toLocaleString('en-US')} a DEM file may have (split it into tiles)`,
    );
  const fd = image.getFileDirectory();
  const tiled = image.isTiled;
  const offsets = (await fd.loadValue(tiled ? 'TileOffsets' : 'StripOffsets')) as ArrayLike<number | bigint> | undefined;
  const counts = (await fd.loadValue(tiled ? 'TileByteCounts' : 'StripByteCounts')) as ArrayLike<number | bigint> | undefined;
  if (!offsets || !counts) throw new DemError(file, `corrupt GeoTIFF: no ${tiled ? 'tile' : 'strip'} offsets or byte counts`);
  const tileW = tiled ? image.getTileWidth() : width;
  const tileH = tiled ? image.getTileHeight() : Number(fd.getValue('RowsPerStrip') ?? height);
  if (!(tileW >= 1 && tileH >= 1)) throw new DemError(file, `corrupt GeoTIFF: ${tiled ? 'tile' : 'strip'} size ${tileW}×${tileH}`);
  const expected = tiled ? Math.ceil(width / tileW) * Math.ceil(height / tileH) : Math.ceil(height / Math.min(tileH, height));
  if (offsets.length < expected || counts.length < expected)
    throw new DemError(
      file,
      `truncated or corrupt GeoTIFF: ${offsets.length} ${tiled ? 'tile' : 'strip'} offsets and ${counts.length} byte counts for the ${expected} its ${width}×${height} pixels need`,
    );
  const size = statSync(file).size;
  const compression = Number(fd.getValue('Compression') ?? 1);
  const uncompressed = compression === 1;
  // none, LZW, deflate, PackBits, deflate (old code), LERC, zstd: what the geotiff package decodes.
  if (![1, 5, 8, 32773, 32946, 34887, 50000].includes(compression))
    throw new DemError(file, `unsupported GeoTIFF compression ${compression} (use none, LZW, deflate, PackBits, LERC or zstd)`);
  const bytesPerPixel = image.getBitsPerSample(0) / 8;
  for (let k = 0; k < expected; k++) {
    const off = Number(offsets[k]);
    const n = Number(counts[k]);
    if (!(off >= 0 && n > 0 && off + n <= size))
      throw new DemError(
        file,
        `truncated or corrupt GeoTIFF: ${tiled ? 'tile' : 'strip'} ${k} (${n} bytes at ${off}) does not lie inside the ${size}-byte file`,
      );
    if (uncompressed) {
      const rows = tiled ? tileH : Math.min(tileH, height - k * tileH);
      const need = tileW * rows * bytesPerPixel;
      if (n < need) throw new DemError(file, `truncated or corrupt GeoTIFF: ${tiled ? 'tile' : 'strip'} ${k} has ${n} of the ${need} bytes its pixels need`);
    }
  }
  if (compression === 5 || compression === 8 || compression === 32946) checkStreamStarts(file, offsets, counts, expected, compression, tiled);
}

/**
 * LZW and deflate decoders can turn garbage into pixels without complaint; a real stream starts
 * with a clear code (LZW: the 9-bit code 256, TIFF 6.0 §13) or a zlib header (RFC 1950 §2.2:
 * method 8 and (CMF·256 + FLG) divisible by 31). Checked for every strip or tile (two bytes each).
 */
function checkStreamStarts(
  file: string,
  offsets: ArrayLike<number | bigint>,
  counts: ArrayLike<number | bigint>,
  n: number,
  compression: number,
  tiled: boolean,
): void {
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(2);
  try {
    for (let k = 0; k < n; k++) {
      if (Number(counts[k]) < 2 || readSync(fd, head, 0, 2, Number(offsets[k])) !== 2)
        throw new DemError(file, `truncated or corrupt GeoTIFF: ${tiled ? 'tile' : 'strip'} ${k} is too short for its compressed data`);
      const ok = compression === 5 ? head[0] === 0x80 && (head[1] & 0x80) === 0 : (head[0] & 0x0f) === 8 && ((head[0] << 8) | head[1]) % 31 === 0;
      if (!ok) throw new DemError(file, `corrupt GeoTIFF: ${tiled ? 'tile' : 'strip'} ${k} does not start like ${compression === 5 ? 'LZW' : 'deflate'} data`);
    }
  } finally {
    closeSync(fd);
  }
}

export interface ReadGeoTiffOptions {
  /** Read only the nodes covering this box (in the file's coordinates), plus one node of margin. */
  bbox?: BBox;
  signal?: AbortSignal;
  /** Put the heights in a SharedArrayBuffer (for worker threads), saving a copy later. */
  shared?: boolean;
  /** Put the heights into this array (e.g. a view on a WebAssembly memory); its length must fit the window. */
  into?: (w: number, h: number) => Float32Array;
}

function heightsArray(n: number, options: ReadGeoTiffOptions, w: number, h: number): Float32Array {
  if (options.into) {
    const a = options.into(w, h);
    if (a.length !== n) throw new RangeError(`readGeoTiffDem: into() gave ${a.length} values for a ${w}×${h} window`);
    return a;
  }
  return options.shared ? new Float32Array(new SharedArrayBuffer(n * 4)) : new Float32Array(n);
}

/** Reads a GeoTIFF DEM (or the window of it covering `bbox`) as an ElevationGrid. */
export async function readGeoTiffDem(file: string, options: ReadGeoTiffOptions = {}): Promise<ElevationGrid> {
  let tiff;
  try {
    tiff = await fromFile(file, options.signal);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DemError(file, 'no such file');
    throw new DemError(file, `not a readable GeoTIFF (${describe(e)})`);
  }
  try {
    let image: GeoTIFFImage;
    try {
      image = await tiff.getImage(0);
    } catch (e) {
      throw new DemError(file, `corrupt GeoTIFF: ${describe(e)}`);
    }
    const info = geoTiffInfo(file, image);
    await checkGeoTiffLayout(file, image, info);
    let c0 = 0;
    let r0 = 0;
    let c1 = info.width;
    let r1 = info.height;
    if (options.bbox) {
      const b = options.bbox;
      c0 = Math.max(0, Math.floor((b.westDeg - info.x0) / info.dx) - 1);
      c1 = Math.min(info.width, Math.ceil((b.eastDeg - info.x0) / info.dx) + 2);
      r0 = Math.max(0, Math.floor((info.y0 - b.northDeg) / info.dy) - 1);
      r1 = Math.min(info.height, Math.ceil((info.y0 - b.southDeg) / info.dy) + 2);
      if (c1 - c0 < 2 || r1 - r0 < 2) throw new DemError(file, 'does not cover the requested area');
    }
    const w = c1 - c0;
    const h = r1 - r0;
    let heights = await readUncompressedStrips(file, image, info, c0, r0, c1, r1, options);
    if (!heights) {
      let raster;
      try {
        raster = await image.readRasters({ window: [c0, r0, c1, r1], samples: [0], interleave: true, signal: options.signal });
      } catch (e) {
        throw new DemError(file, `truncated or corrupt GeoTIFF data: ${describe(e)}`);
      }
      const src = raster as unknown as ArrayLike<number>;
      if (src.length !== w * h) throw new DemError(file, `truncated GeoTIFF data: ${src.length} of ${w * h} values`);
      heights = heightsArray(w * h, options, w, h);
      const nd = info.noData;
      for (let k = 0; k < heights.length; k++) {
        const v = src[k];
        heights[k] = v === nd || v !== v ? NaN : v;
      }
    }
    return makeElevationGrid(w, h, { crs: info.crs, x0: info.x0 + c0 * info.dx, y0: info.y0 - r0 * info.dy, dx: info.dx, dy: info.dy }, heights);
  } finally {
    tiff.close?.();
  }
}

/**
 * Fast path for the commonest DEM layout, an uncompressed little-endian striped int16/float32
 * GeoTIFF: rows are read straight from the file into typed arrays (the geotiff package decodes
 * such files sample by sample, ~10× slower). Returns undefined for any other layout.
 */
async function readUncompressedStrips(
  file: string,
  image: GeoTIFFImage,
  info: GeoTiffInfo,
  c0: number,
  r0: number,
  c1: number,
  r1: number,
  options: ReadGeoTiffOptions,
): Promise<Float32Array | undefined> {
  const fd = image.getFileDirectory();
  const compression = fd.getValue('Compression') ?? 1;
  const fmt = image.getSampleFormat(0);
  const bits = image.getBitsPerSample(0);
  const int16 = fmt === 2 && bits === 16;
  const float32 = fmt === 3 && bits === 32;
  if (compression !== 1 || image.isTiled || !image.littleEndian || !(int16 || float32)) return undefined;
  const offsets = (await fd.loadValue('StripOffsets')) as ArrayLike<number> | undefined;
  const counts = (await fd.loadValue('StripByteCounts')) as ArrayLike<number> | undefined;
  if (!offsets || !counts) return undefined;
  const rowsPerStrip = Number(fd.getValue('RowsPerStrip') ?? info.height);
  const bps = bits / 8;
  const w = c1 - c0;
  const h = r1 - r0;
  const out = heightsArray(w * h, options, w, h);
  const nd = info.noData;
  // Rows are read in blocks (whole runs of rows within a strip when the window spans the width).
  const rowBytes = w * bps;
  const blockRows = Math.max(1, Math.floor((8 << 20) / rowBytes));
  const block = Buffer.alloc(blockRows * rowBytes);
  const handle = openSync(file, 'r');
  try {
    for (let r = r0; r < r1; ) {
      const strip = Math.floor(r / rowsPerStrip);
      const stripEnd = Math.min(r1, (strip + 1) * rowsPerStrip);
      const n = c0 === 0 && w === info.width ? Math.min(blockRows, stripEnd - r) : 1;
      const within = ((r - strip * rowsPerStrip) * info.width + c0) * bps;
      const bytes = n === 1 ? rowBytes : n * rowBytes;
      if (strip >= offsets.length || within + bytes > Number(counts[strip]))
        throw new DemError(file, `truncated or corrupt GeoTIFF: strip ${strip} is shorter than its rows`);
      const got = readSync(handle, block, 0, bytes, Number(offsets[strip]) + within);
      if (got !== bytes) throw new DemError(file, `truncated GeoTIFF data: rows from ${r} end after ${got} of ${bytes} bytes`);
      const o = (r - r0) * w;
      const count = n * w;
      if (int16) {
        const src = new Int16Array(block.buffer, block.byteOffset, count);
        if (nd === null) for (let i = 0; i < count; i++) out[o + i] = src[i];
        else for (let i = 0; i < count; i++) out[o + i] = src[i] === nd ? NaN : src[i];
      } else {
        const src = new Float32Array(block.buffer, block.byteOffset, count);
        for (let i = 0; i < count; i++) {
          const v = src[i];
          out[o + i] = v === nd ? NaN : v;
        }
      }
      r += n;
    }
  } finally {
    closeSync(handle);
  }
  return out;
}

/**
 * Reads a whole uncompressed little-endian striped int16 GeoTIFF straight into the array that
 * `alloc(width, height)` returns (e.g. a view on the horizon sweep's WebAssembly memory), with no
 * conversion; voids stay as the file's nodata value. Returns the grid's geometry, or undefined
 * (nothing read) when the file has another layout — read it with readGeoTiffDem then.
 */
export async function readGeoTiffInt16Into(
  file: string,
  alloc: (width: number, height: number) => Int16Array | undefined,
): Promise<(GeoTiffInfo & { heights: Int16Array }) | undefined> {
  let tiff;
  try {
    tiff = await fromFile(file);
  } catch (e) {
    throw new DemError(file, `not a readable GeoTIFF (${describe(e)})`);
  }
  try {
    const image = await tiff.getImage(0);
    const info = geoTiffInfo(file, image);
    await checkGeoTiffLayout(file, image, info);
    const fd = image.getFileDirectory();
    if ((fd.getValue('Compression') ?? 1) !== 1 || image.isTiled || !image.littleEndian || image.getSampleFormat(0) !== 2 || image.getBitsPerSample(0) !== 16)
      return undefined;
    if (info.noData !== null && info.noData !== -32768) return undefined;
    const offsets = (await fd.loadValue('StripOffsets')) as ArrayLike<number> | undefined;
    const counts = (await fd.loadValue('StripByteCounts')) as ArrayLike<number> | undefined;
    if (!offsets || !counts) return undefined;
    const heights = alloc(info.width, info.height);
    if (!heights) return undefined;
    if (heights.length !== info.width * info.height)
      throw new RangeError(`readGeoTiffInt16Into: alloc gave ${heights.length} values for ${info.width}×${info.height}`);
    const bytes = new Uint8Array(heights.buffer, heights.byteOffset, heights.byteLength);
    const handle = openSync(file, 'r');
    try {
      let at = 0;
      for (let s = 0; s < offsets.length && at < bytes.length; s++) {
        const len = Math.min(Number(counts[s]), bytes.length - at);
        let done = 0;
        while (done < len) {
          const got = readSync(handle, bytes, at + done, Math.min(len - done, 1 << 30), Number(offsets[s]) + done);
          if (got <= 0) throw new DemError(file, `truncated GeoTIFF data: strip ${s} ends after ${done} of ${len} bytes`);
          done += got;
        }
        at += len;
      }
      if (at !== bytes.length) throw new DemError(file, `truncated GeoTIFF data: ${at} of ${bytes.length} bytes`);
    } finally {
      closeSync(handle);
    }
    return { ...info, heights };
  } finally {
    tiff.close?.();
  }
}
