import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeElevationGrid } from '@parapet/core';
import { DemError } from './dem-error.js';
import { decodeHgt, parseTileName, readHgt, tileName } from './hgt.js';
import { DemMosaic } from './mosaic.js';
import { readGeoTiffDem, readGeoTiffInt16Into } from './read-geotiff.js';
import { tilesForBBox } from './sources.js';
import { elevationToGeoTiff, writeGeoTiff } from './write-geotiff.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-dem-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A 3″ .hgt tile whose heights are z = 1000·(lon − lon0) + 500·(lat − lat0) (a plane), big-endian. */
function planeTile(lat: number, lon: number, voidAt?: number): Buffer {
  const n = 1201;
  const b = Buffer.alloc(n * n * 2);
  for (let j = 0; j < n; j++) {
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const z = k === voidAt ? -32768 : Math.round(1000 * (i / 1200) + 500 * ((1200 - j) / 1200));
      b.writeInt16BE(z, 2 * k);
    }
  }
  return b;
}

describe('SRTM .hgt', () => {
  it('names tiles by their south-west corner', () => {
    expect(tileName(37, 127)).toBe('N37E127');
    expect(tileName(-5, -71)).toBe('S05W071');
    expect(parseTileName('s05w071.hgt.gz')).toEqual({ lat: -5, lon: -71 });
    expect(parseTileName('X37E127.hgt')).toBeUndefined();
  });

  it('decodes big-endian heights with the north row first and voids as NaN', () => {
    const g = decodeHgt(planeTile(37, 127, 5), 37, 127, 'N37E127.hgt');
    expect(g.width).toBe(1201);
    expect(g.x0).toBe(127);
    expect(g.y0).toBe(38);
    expect(g.heightsM[0]).toBe(500); // north-west corner: lat − 37 = 1
    expect(g.heightsM[1200 * 1201 + 1200]).toBe(1000); // south-east corner
    expect(g.heightsM[5]).toBeNaN();
  });

  it('reads .hgt.gz and rejects a wrong size or truncated gzip, naming the file', () => {
    const gz = join(dir, 'N37E127.hgt.gz');
    writeFileSync(gz, gzipSync(planeTile(37, 127)));
    expect(readHgt(gz).heightsM[600 * 1201 + 600]).toBe(750);
    const short = join(dir, 'N38E127.hgt');
    writeFileSync(short, Buffer.alloc(1000));
    expect(() => readHgt(short)).toThrow(DemError);
    expect(() => readHgt(short)).toThrow(/N38E127\.hgt: wrong size for an SRTM tile: 1000 bytes/);
    const cut = join(dir, 'N39E127.hgt.gz');
    const full = gzipSync(planeTile(39, 127));
    writeFileSync(cut, full.subarray(0, full.length >> 1));
    expect(() => readHgt(cut)).toThrow(/N39E127\.hgt\.gz: corrupt or truncated gzip/);
  });
});

describe('GeoTIFF', () => {
  it('round-trips an int16 planar DEM and a float32 geographic DEM through our writer and the geotiff reader', async () => {
    const w = 37;
    const h = 23;
    const heights = new Float32Array(w * h);
    for (let k = 0; k < heights.length; k++) heights[k] = ((k * 7) % 1000) - 100;
    heights[3] = NaN;
    const planar = makeElevationGrid(w, h, { crs: 'planar', x0: 1000, y0: 5000, dx: 90, dy: 90 }, heights);
    const f1 = join(dir, 'planar.tif');
    writeGeoTiff(f1, elevationToGeoTiff(planar, 'int16', 32652));
    const back = await readGeoTiffDem(f1);
    expect(back.crs).toBe('planar');
    expect([back.width, back.height, back.x0, back.y0, back.dx, back.dy]).toEqual([w, h, 1000, 5000, 90, 90]);
    expect(back.heightsM[3]).toBeNaN();
    expect(Array.from(back.heightsM.subarray(4))).toEqual(Array.from(heights.subarray(4)));

    const geo = makeElevationGrid(
      w,
      h,
      { crs: 'geographic', x0: 127, y0: 38, dx: 1 / 1200, dy: 1 / 1200 },
      heights.map((z) => z + 0.25),
    );
    const f2 = join(dir, 'geo.tif');
    writeGeoTiff(f2, elevationToGeoTiff(geo, 'float32'));
    const g2 = await readGeoTiffDem(f2);
    expect(g2.crs).toBe('geographic');
    expect(g2.x0).toBeCloseTo(127, 12);
    expect(g2.heightsM[10]).toBeCloseTo(heights[10] + 0.25, 5);
    expect(readdirSync(dir).some((n) => n.endsWith('.part'))).toBe(false);
  });

  it('reads an int16 GeoTIFF straight into a caller array, and declines other layouts', async () => {
    const g = makeElevationGrid(
      30,
      20,
      { crs: 'planar', x0: 0, y0: 0, dx: 90, dy: 90 },
      Float32Array.from({ length: 600 }, (_, k) => k - 300),
    );
    g.heightsM[7] = NaN;
    const f = join(dir, 'raw16.tif');
    writeGeoTiff(f, elevationToGeoTiff(g, 'int16', 32652));
    const r = await readGeoTiffInt16Into(f, (w, h) => new Int16Array(w * h));
    expect(r?.width).toBe(30);
    expect(r?.heights[599]).toBe(299);
    expect(r?.heights[7]).toBe(-32768);
    const f32 = join(dir, 'raw32.tif');
    writeGeoTiff(f32, elevationToGeoTiff(g, 'float32'));
    let asked = false;
    const alloc = (): Int16Array => {
      asked = true;
      return new Int16Array(600);
    };
    expect(await readGeoTiffInt16Into(f32, alloc)).toBeUndefined();
    expect(asked).toBe(false);
  });

  it('reads only the window a box needs', async () => {
    const g = makeElevationGrid(
      100,
      100,
      { crs: 'geographic', x0: 127, y0: 38, dx: 0.01, dy: 0.01 },
      Float32Array.from({ length: 10_000 }, (_, k) => k),
    );
    const f = join(dir, 'window.tif');
    writeGeoTiff(f, elevationToGeoTiff(g, 'float32'));
    const win = await readGeoTiffDem(f, { bbox: { westDeg: 127.2, eastDeg: 127.3, northDeg: 37.8, southDeg: 37.7 } });
    expect(win.width).toBeLessThan(20);
    // Node (col 20, row 20) = 127.2°E, 37.8°N holds 20·100 + 20.
    const col = Math.round((127.2 - win.x0) / win.dx);
    const row = Math.round((win.y0 - 37.8) / win.dy);
    expect(win.heightsM[row * win.width + col]).toBe(2020);
  });

  it('rejects a truncated file and an unsupported layout with the file name', async () => {
    const g = makeElevationGrid(200, 200, { crs: 'geographic', x0: 127, y0: 38, dx: 0.001, dy: 0.001 });
    const f = join(dir, 'cut.tif');
    writeGeoTiff(f, elevationToGeoTiff(g, 'int16'));
    truncateSync(f, 30_000);
    await expect(readGeoTiffDem(f)).rejects.toThrow(/cut\.tif: truncated/);

    const rgb = join(dir, 'rgb.tif');
    writeGeoTiff(rgb, elevationToGeoTiff(g, 'int16'));
    const bytes = readFileSync(rgb);
    // IFD entry 6 is SamplesPerPixel (tag 277); claim three samples per pixel.
    expect(bytes.readUInt16LE(8 + 2 + 6 * 12)).toBe(277);
    bytes.writeUInt16LE(3, 8 + 2 + 6 * 12 + 8);
    writeFileSync(rgb, bytes);
    await expect(readGeoTiffDem(rgb)).rejects.toThrow(/rgb\.tif: unsupported GeoTIFF layout: 3 samples per pixel/);

    const junk = join(dir, 'junk.tif');
    writeFileSync(junk, 'not a tiff at all');
    await expect(readGeoTiffDem(junk)).rejects.toThrow(/junk\.tif: not a readable GeoTIFF/);
  });
});

describe('DemMosaic', () => {
  const tiles = join(dir, 'tiles');
  rmSync(tiles, { recursive: true, force: true });
  // Two neighbouring tiles of the same global plane z = 1000·(lon − 127) + 500·(lat − 37) … built per tile.
  function globalPlaneTile(lat: number, lon: number): Buffer {
    const n = 1201;
    const b = Buffer.alloc(n * n * 2);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const x = lon + i / 1200;
        const y = lat + 1 - j / 1200;
        b.writeInt16BE(Math.round(1000 * (x - 127) + 500 * (y - 37)), 2 * (j * n + i));
      }
    }
    return b;
  }

  it('joins tiles seamlessly and opens only the tiles a box touches', async () => {
    const d = join(tiles, 'a');
    rmSync(d, { recursive: true, force: true });
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'N37E127.hgt'), globalPlaneTile(37, 127));
    writeFileSync(join(d, 'N37E128.hgt.gz'), gzipSync(globalPlaneTile(37, 128)));
    writeFileSync(join(d, 'N30E100.hgt'), Buffer.alloc(10)); // corrupt but far away: never opened
    const m = await DemMosaic.open([d]);
    const g = await m.readWindow({ westDeg: 127.9, eastDeg: 128.1, southDeg: 37.4, northDeg: 37.6 });
    for (const [lon, lat] of [
      [127.95, 37.5],
      [128.0, 37.45],
      [128.0375, 37.55],
    ]) {
      const col = (lon - g.x0) / g.dx;
      const row = (g.y0 - lat) / g.dy;
      const i = Math.round(col);
      const j = Math.round(row);
      expect(g.heightsM[j * g.width + i]).toBeCloseTo(1000 * (g.x0 + i * g.dx - 127) + 500 * (g.y0 - j * g.dy - 37), -0.3);
    }
    await expect(m.readWindow({ westDeg: 100.2, eastDeg: 100.3, southDeg: 30.2, northDeg: 30.3 })).rejects.toThrow(/N30E100\.hgt: wrong size/);
  });

  it('names the missing tiles when the DEM does not cover the region, and counts sea markers as 0 m', async () => {
    const d = join(tiles, 'b');
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'N37E127.hgt'), globalPlaneTile(37, 127));
    const m = await DemMosaic.open([d]);
    await expect(m.readWindow({ westDeg: 127.5, eastDeg: 128.5, southDeg: 37.2, northDeg: 38.3 })).rejects.toThrow(
      /does not cover the region.*N37E128, N38E127, N38E128/,
    );
    writeFileSync(join(d, 'N37E128.sea'), '');
    writeFileSync(join(d, 'N38E127.sea'), '');
    writeFileSync(join(d, 'N38E128.sea'), '');
    const m2 = await DemMosaic.open([d]);
    const g = await m2.readWindow({ westDeg: 127.5, eastDeg: 128.5, southDeg: 37.2, northDeg: 38.3 });
    const at = (lon: number, lat: number): number => g.heightsM[Math.round((g.y0 - lat) / g.dy) * g.width + Math.round((lon - g.x0) / g.dx)];
    expect(at(128.3, 37.5)).toBe(0);
    expect(at(127.5, 37.5)).toBeCloseTo(750, 0);
  });

  it('lists the 1° tiles of a box', () => {
    expect(tilesForBBox({ westDeg: 127.5, eastDeg: 129, southDeg: 37, northDeg: 37.5 })).toEqual([
      { lat: 37, lon: 127 },
      { lat: 37, lon: 128 },
    ]);
  });
});
