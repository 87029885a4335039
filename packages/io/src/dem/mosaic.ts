/**
 * A DEM mosaic over files — SRTM .hgt/.hgt.gz tiles, GeoTIFF/COG files, or folders of them, such
 * as a `parapet dem fetch` cache — implementing the core's ElevationSource. Files are indexed by
 * their extent (from the tile name, or the GeoTIFF header alone); a window opens only the files
 * it touches, checks that they cover it (tiles known to be open sea count, at 0 m), and resamples
 * them onto one geographic lattice at the finest spacing among them (decimated to `maxNodes`).
 * Voids are then filled by the chosen policy.
 */
import { closeSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { basename, join } from 'node:path';
import { fromFile } from 'geotiff';
import {
  fillVoids,
  makeElevationGrid,
  sampleBilinear,
  type BBox,
  type ElevationGrid,
  type ElevationSource,
  type ReadWindowOptions,
  type VoidFillPolicy,
} from '@parapet/core';
import { DemError } from './dem-error.js';
import { parseTileName, readHgt, tileName } from './hgt.js';
import { checkGeoTiffLayout, geoTiffInfo, readGeoTiffDem } from './read-geotiff.js';
import { tilesForBBox } from './sources.js';

export interface DemFileEntry {
  file: string;
  kind: 'hgt' | 'tif' | 'sea';
  /** Node extent, degrees. */
  west: number;
  south: number;
  east: number;
  north: number;
  dx: number;
  dy: number;
}

const DEM_FILE = /\.(hgt|hgt\.gz|tif|tiff)$/i;

async function indexFile(file: string): Promise<DemFileEntry> {
  const name = basename(file);
  if (/\.sea$/i.test(name)) {
    const c = parseTileName(name);
    if (!c) throw new DemError(file, 'a sea marker must be named after its tile, like N37E127.sea');
    return { file, kind: 'sea', west: c.lon, south: c.lat, east: c.lon + 1, north: c.lat + 1, dx: Infinity, dy: Infinity };
  }
  if (/\.hgt(\.gz)?$/i.test(name)) {
    const c = parseTileName(name);
    if (!c) throw new DemError(file, 'an SRTM file name must start with its south-west corner, like N37E127.hgt');
    // Spacing is known only after reading; 3″ is assumed for planning, the read gives the truth.
    return { file, kind: 'hgt', west: c.lon, south: c.lat, east: c.lon + 1, north: c.lat + 1, dx: 1 / 1200, dy: 1 / 1200 };
  }
  let tiff;
  try {
    tiff = await fromFile(file);
  } catch (e) {
    throw new DemError(file, `not a readable GeoTIFF (${e instanceof Error ? e.message : String(e)})`);
  }
  try {
    let image;
    try {
      image = await tiff.getImage(0);
    } catch (e) {
      throw new DemError(file, `corrupt GeoTIFF: ${e instanceof Error ? e.message : String(e)}`);
    }
    const info = geoTiffInfo(file, image);
    await checkGeoTiffLayout(file, image, info);
    if (info.crs !== 'geographic')
      throw new DemError(
        file,
        `DEM must be in geographic coordinates (longitude/latitude, e.g. EPSG:4326), got a projected CRS${info.epsg ? ` (EPSG:${info.epsg})` : ''}`,
      );
    return {
      file,
      kind: 'tif',
      west: info.x0,
      north: info.y0,
      east: info.x0 + (info.width - 1) * info.dx,
      south: info.y0 - (info.height - 1) * info.dy,
      dx: info.dx,
      dy: info.dy,
    };
  } finally {
    tiff.close?.();
  }
}

/** Every DEM file (and sea marker) in the given files and folders (folders one level deep). */
export function listDemFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const st = statOf(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) {
        if (!DEM_FILE.test(name) && !/\.sea$/i.test(name)) continue;
        const f = join(p, name);
        if (!statOf(f).isFile()) throw new DemError(f, 'not a regular file (a DEM must be a file, not a folder, pipe or device)');
        out.push(f);
      }
    } else if (st.isFile()) out.push(p);
    else throw new DemError(p, 'not a regular file or folder (a DEM must be a file, not a pipe or device)');
  }
  return out;
}

function statOf(p: string): Stats {
  try {
    return statSync(p);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new DemError(p, code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'a symbolic link loop' : `cannot open (${code ?? String(e)})`);
  }
}

/** The sizes an SRTM tile may have, bytes: 3″ (1201²) and 1″ (3601²) int16. */
const HGT_SIZES = [1201 * 1201 * 2, 3601 * 3601 * 2];

/** Checks an .hgt's size (an .hgt.gz's from its gzip trailer) before it is read. */
function checkHgtSize(file: string): void {
  const size = statSync(file).size;
  let bytes = size;
  if (/\.gz$/i.test(file)) {
    if (size < 18) throw new DemError(file, `truncated gzip data (${size} bytes)`);
    const fd = openSync(file, 'r');
    try {
      const tail = Buffer.alloc(4);
      readSync(fd, tail, 0, 4, size - 4);
      bytes = tail.readUInt32LE(0); // ISIZE, RFC 1952 §2.3.1
    } finally {
      closeSync(fd);
    }
  }
  if (!HGT_SIZES.includes(bytes))
    throw new DemError(
      file,
      `wrong size for an SRTM tile: ${bytes} bytes${bytes !== size ? ' uncompressed' : ''} (a 3″ tile has ${HGT_SIZES[0]}, a 1″ tile ${HGT_SIZES[1]}); the file is truncated or not an .hgt`,
    );
}

export interface MosaicOptions {
  fill?: VoidFillPolicy;
  /** Caption prefix, e.g. "Copernicus DEM GLO-90". */
  title?: string;
}

export class DemMosaic implements ElevationSource {
  readonly label: string;

  private constructor(
    readonly entries: readonly DemFileEntry[],
    private readonly where: string,
    private readonly options: MosaicOptions,
  ) {
    const files = entries.filter((e) => e.kind !== 'sea').length;
    this.label = `${options.title ?? 'DEM'} (${files} file${files === 1 ? '' : 's'})`;
  }

  /** Indexes files and folders; throws DemError if none holds a DEM. */
  /** Every file's path, size and modification time: changes when a file is edited or replaced. */
  fingerprint(): string {
    return this.entries
      .map((e) => {
        const st = statSync(e.file, { throwIfNoEntry: false });
        return `${e.file}:${st?.size ?? -1}:${st?.mtimeMs ?? -1}`;
      })
      .join(';');
  }

  static async open(paths: readonly string[], options: MosaicOptions = {}): Promise<DemMosaic> {
    const files = listDemFiles(paths);
    const entries: DemFileEntry[] = [];
    for (const f of files) entries.push(await indexFile(f));
    const where = paths.join(', ');
    if (entries.length === 0) throw new DemError(where, 'no DEM files (.hgt, .hgt.gz, .tif) found');
    return new DemMosaic(entries, where, options);
  }

  private covering(x: number, y: number): boolean {
    for (const e of this.entries) {
      const tx = e.kind === 'sea' ? 0 : 1.01 * e.dx;
      const ty = e.kind === 'sea' ? 0 : 1.01 * e.dy;
      if (x >= e.west - tx && x <= e.east + tx && y >= e.south - ty && y <= e.north + ty) return true;
    }
    return false;
  }

  /** 1° tiles of `bbox` not covered by any file or sea marker. */
  /** Checks the sizes of the SRTM files a box touches, without reading them (validate). */
  checkTiles(bbox: BBox): void {
    for (const e of this.touching(bbox)) if (e.kind === 'hgt') checkHgtSize(e.file);
  }

  private touching(bbox: BBox): DemFileEntry[] {
    return this.entries.filter(
      (e) => e.east >= bbox.westDeg - e.dx && e.west <= bbox.eastDeg + e.dx && e.north >= bbox.southDeg - e.dy && e.south <= bbox.northDeg + e.dy,
    );
  }

  missingTiles(bbox: BBox): string[] {
    const missing = new Set<string>();
    const steps = 40;
    for (const t of tilesForBBox(bbox)) {
      const w = Math.max(bbox.westDeg, t.lon);
      const e = Math.min(bbox.eastDeg, t.lon + 1);
      const s = Math.max(bbox.southDeg, t.lat);
      const n = Math.min(bbox.northDeg, t.lat + 1);
      let ok = true;
      for (let a = 0; a <= steps && ok; a++) {
        for (let b = 0; b <= steps && ok; b++) {
          if (!this.covering(w + ((e - w) * a) / steps, s + ((n - s) * b) / steps)) ok = false;
        }
      }
      if (!ok) missing.add(tileName(t.lat, t.lon));
    }
    return [...missing];
  }

  async readWindow(bbox: BBox, options: ReadWindowOptions = {}): Promise<ElevationGrid> {
    const missing = this.missingTiles(bbox);
    if (missing.length > 0) {
      const list = missing.length > 8 ? `${missing.slice(0, 8).join(', ')} and ${missing.length - 8} more` : missing.join(', ');
      const box = [bbox.westDeg, bbox.southDeg, bbox.eastDeg, bbox.northDeg].map((v) => +v.toFixed(4));
      throw new DemError(
        this.where,
        `the DEM does not cover the region [${box.join(', ')}]: no data for tile${missing.length === 1 ? '' : 's'} ${list} (add those files, or fetch them into the cache with \`parapet dem fetch --bbox ${box.join(',')}\` and use \`dem: cache\`)`,
      );
    }
    const touching = this.touching(bbox);
    const grids: ElevationGrid[] = [];
    const seas: DemFileEntry[] = [];
    for (const e of touching) {
      if (options.signal?.aborted) throw new Error('DEM read cancelled');
      if (e.kind === 'sea') seas.push(e);
      else if (e.kind === 'hgt') {
        checkHgtSize(e.file);
        grids.push(readHgt(e.file));
      } else grids.push(await readGeoTiffDem(e.file, { bbox }));
    }
    // Finest spacing among the files (3″ when only sea tiles are touched).
    let dx = grids.length > 0 ? Math.min(...grids.map((g) => g.dx)) : 1 / 1200;
    let dy = grids.length > 0 ? Math.min(...grids.map((g) => g.dy)) : 1 / 1200;
    let x0 = Math.floor(bbox.westDeg / dx) * dx;
    let y0 = Math.ceil(bbox.northDeg / dy) * dy;
    let width = Math.ceil((bbox.eastDeg - x0) / dx) + 1;
    let height = Math.ceil((y0 - bbox.southDeg) / dy) + 1;
    const maxNodes = options.maxNodes ?? Infinity;
    if (width * height > maxNodes) {
      const f = Math.ceil(Math.sqrt((width * height) / maxNodes));
      dx *= f;
      dy *= f;
      x0 = Math.floor(bbox.westDeg / dx) * dx;
      y0 = Math.ceil(bbox.northDeg / dy) * dy;
      width = Math.ceil((bbox.eastDeg - x0) / dx) + 1;
      height = Math.ceil((y0 - bbox.southDeg) / dy) + 1;
    }
    const out = makeElevationGrid(
      Math.max(2, width),
      Math.max(2, height),
      { crs: 'geographic', x0, y0, dx, dy },
      new Float32Array(Math.max(2, width) * Math.max(2, height)).fill(NaN),
    );
    const h = out.heightsM;
    for (const g of grids) {
      const gw = g.width - 1;
      const gh = g.height - 1;
      // Output nodes within one source spacing of the source's node extent (edges clamp).
      const i0 = Math.max(0, Math.ceil((g.x0 - g.dx - x0) / dx));
      const i1 = Math.min(out.width - 1, Math.floor((g.x0 + (gw + 1) * g.dx - x0) / dx));
      const j0 = Math.max(0, Math.ceil((y0 - g.y0 - g.dy) / dy));
      const j1 = Math.min(out.height - 1, Math.floor((y0 - (g.y0 - (gh + 1) * g.dy)) / dy));
      for (let j = j0; j <= j1; j++) {
        const row = Math.min(gh, Math.max(0, (g.y0 - (y0 - j * dy)) / g.dy));
        for (let i = i0; i <= i1; i++) {
          const k = j * out.width + i;
          if (h[k] === h[k]) continue;
          const col = Math.min(gw, Math.max(0, (x0 + i * dx - g.x0) / g.dx));
          h[k] = sampleBilinear(g, col, row);
        }
      }
    }
    for (const s of seas) {
      const i0 = Math.max(0, Math.ceil((s.west - x0) / dx));
      const i1 = Math.min(out.width - 1, Math.floor((s.east - x0) / dx));
      const j0 = Math.max(0, Math.ceil((y0 - s.north) / dy));
      const j1 = Math.min(out.height - 1, Math.floor((y0 - s.south) / dy));
      for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) if (h[j * out.width + i] !== h[j * out.width + i]) h[j * out.width + i] = 0;
    }
    fillVoids(out, this.options.fill ?? 'interpolate');
    return out;
  }
}
