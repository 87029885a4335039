/**
 * The corrupt-DEM corpus: ≥ 48 truncated, mutated and hostile DEM inputs, generated here from a
 * valid GeoTIFF (our writer) and valid SRTM bytes, each run through what `parapet validate` and
 * `parapet coverage` call (checkScenarioTerrain, then the DEM read of the terrain window). Every
 * case must end in a DemError/InputError that names the file — never another exception, never a
 * silent success with wrong heights — within a time bound. The messages are golden
 * (test/fixtures/dem-corpus.json; `UPDATE_GOLDEN=1` rewrites it after a deliberate change).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeElevationGrid } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { InputError } from '../problems.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { checkScenarioTerrain, openTerrainDem, terrainWindow } from '../terrain/scenario-terrain.js';
import { DemError } from './dem-error.js';
import { geoTiffBytes, elevationToGeoTiff } from './write-geotiff.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-dem-corpus-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const GOLDEN = new URL('../../test/fixtures/dem-corpus.json', import.meta.url);

const D = 30 / 3600;
const N = 121; // 1° + 1 node at 30″, covering 126.5–127.5 E, 37–38 N
function goodTiff(): Buffer {
  const g = makeElevationGrid(
    N,
    N,
    { crs: 'geographic', x0: 126.5, y0: 38.0, dx: D, dy: D },
    Float32Array.from({ length: N * N }, (_, k) => k % 97),
  );
  return Buffer.from(geoTiffBytes(elevationToGeoTiff(g, 'int16', 4326)));
}

/** IFD entries of a little-endian classic TIFF: tag → byte offset of its entry. */
function ifdEntries(b: Buffer): Map<number, number> {
  const ifd = b.readUInt32LE(4);
  const n = b.readUInt16LE(ifd);
  const m = new Map<number, number>();
  for (let i = 0; i < n; i++) m.set(b.readUInt16LE(ifd + 2 + 12 * i), ifd + 2 + 12 * i);
  return m;
}

/** A copy with tag's first value (SHORT or LONG, stored inline) set to `v`. */
function setTag(b: Buffer, tag: number, v: number): Buffer {
  const c = Buffer.from(b);
  const at = ifdEntries(c).get(tag)!;
  const type = c.readUInt16LE(at + 2);
  const count = c.readUInt32LE(at + 4);
  if (count === 1 && type === 3) c.writeUInt16LE(v, at + 8);
  else if (count === 1) c.writeUInt32LE(v >>> 0, at + 8);
  else c.writeUInt32LE(v >>> 0, c.readUInt32LE(at + 8)); // first element of an out-of-line array
  return c;
}

/** A copy with the i-th double of a DOUBLE tag set to v. */
function setDouble(b: Buffer, tag: number, i: number, v: number): Buffer {
  const c = Buffer.from(b);
  const at = ifdEntries(c).get(tag)!;
  c.writeDoubleLE(v, c.readUInt32LE(at + 8) + 8 * i);
  return c;
}

function renameTag(b: Buffer, tag: number, to: number): Buffer {
  const c = Buffer.from(b);
  c.writeUInt16LE(to, ifdEntries(c).get(tag)!);
  return c;
}

/** The cases: name → how to make the file (or folder) at `path`. */
function corpus(good: Buffer): Record<string, (path: string) => void> {
  const bytes = (f: (b: Buffer) => Buffer) => (p: string) => writeFileSync(p, f(good));
  const cases: Record<string, (path: string) => void> = {};
  for (const cut of [0, 1, 4, 7, 8, 12, 20, 50, 100, 150, 200, 250, 300, 400, 1000, 10_000, good.length - 100, good.length - 2, good.length - 1]) {
    cases[`truncated at ${cut === good.length - 1 ? 'size−1' : cut === good.length - 2 ? 'size−2' : cut === good.length - 100 ? 'size−100' : cut}`] = bytes(
      (b) => b.subarray(0, cut),
    );
  }
  const mutate = (f: (c: Buffer) => void) =>
    bytes((b) => {
      const c = Buffer.from(b);
      f(c);
      return c;
    });
  Object.assign(cases, {
    'byte order XX': mutate((c) => c.write('XX', 0)),
    'BigTIFF magic on a classic file': mutate((c) => c.writeUInt16LE(43, 2)),
    'magic 0': mutate((c) => c.writeUInt16LE(0, 2)),
    'IFD offset 0': mutate((c) => c.writeUInt32LE(0, 4)),
    'IFD offset beyond the file': mutate((c) => c.writeUInt32LE(0x7fffffff, 4)),
    'IFD offset misaligned': mutate((c) => c.writeUInt32LE(9, 4)),
    'IFD with 65535 entries': mutate((c) => c.writeUInt16LE(0xffff, c.readUInt32LE(4))),
    'IFD with 0 entries': mutate((c) => c.writeUInt16LE(0, c.readUInt32LE(4))),
    'width 0': bytes((b) => setTag(b, 256, 0)),
    'width 1': bytes((b) => setTag(b, 256, 1)),
    'width 2^31': bytes((b) => setTag(b, 256, 2 ** 31)),
    'height 2^31': bytes((b) => setTag(b, 257, 2 ** 31)),
    'width and height 65535': bytes((b) => setTag(setTag(b, 256, 65535), 257, 65535)),
    'BitsPerSample 7': bytes((b) => setTag(b, 258, 7)),
    'BitsPerSample 64 for integers': bytes((b) => setTag(b, 258, 64)),
    'SampleFormat 4 (undefined)': bytes((b) => setTag(b, 339, 4)),
    'SamplesPerPixel 0': bytes((b) => setTag(b, 277, 0)),
    'SamplesPerPixel 3': bytes((b) => setTag(b, 277, 3)),
    'Compression LZW on raw bytes': bytes((b) => setTag(b, 259, 5)),
    'Compression deflate on raw bytes': bytes((b) => setTag(b, 259, 8)),
    'Compression 99 (unknown)': bytes((b) => setTag(b, 259, 99)),
    'StripOffsets beyond the file': bytes((b) => setTag(b, 273, 0x7ffffff0)),
    'StripByteCounts 2^32−1': bytes((b) => setTag(b, 279, 0xffffffff)),
    'StripByteCounts 0': bytes((b) => setTag(b, 279, 0)),
    'RowsPerStrip 0': bytes((b) => setTag(b, 278, 0)),
    'no StripOffsets tag': bytes((b) => renameTag(b, 273, 65000)),
    'pixel scale 0': bytes((b) => setDouble(b, 33550, 0, 0)),
    'pixel scale NaN': bytes((b) => setDouble(b, 33550, 1, NaN)),
    'pixel scale infinite': bytes((b) => setDouble(b, 33550, 0, Infinity)),
    'rows south to north (negative scale)': bytes((b) => setDouble(b, 33550, 1, -D)),
    'no ModelTiepoint': bytes((b) => renameTag(b, 33922, 65001)),
    'rotated (ModelTransformation)': bytes((b) => renameTag(b, 33922, 34264)),
    'projected CRS': bytes((b) => {
      const c = Buffer.from(b);
      const keys = c.readUInt32LE(ifdEntries(c).get(34735)! + 8);
      c.writeUInt16LE(1, keys + 8 + 6); // GTModelTypeGeoKey value: 1 = projected
      return c;
    }),
    'tie point at longitude 500': bytes((b) => setDouble(b, 33922, 3, 500)),
    'tie point at latitude 95': bytes((b) => setDouble(b, 33922, 4, 95)),
    'random bytes': (p) => writeFileSync(p, Buffer.from(Array.from({ length: 5000 }, (_, i) => (Math.imul(i, 2654435761) >>> 24) & 255))),
    'text, not a TIFF': (p) => writeFileSync(p, 'this is not a GeoTIFF\n'.repeat(20)),
    'a folder named x.tif': (p) => mkdirSync(p),
    'a FIFO named x.tif': (p) => execFileSync('mkfifo', [p]),
    'a symlink loop': (p) => symlinkSync(p, p),
  });
  return cases;
}

/** SRTM cases: folder contents for a tile N37E126 (3″). */
function hgtCorpus(): Record<string, (folder: string) => void> {
  const tile = Buffer.alloc(1201 * 1201 * 2);
  return {
    '.hgt of 1,000 bytes': (f) => writeFileSync(join(f, 'N37E126.hgt'), Buffer.alloc(1000)),
    '.hgt one byte short': (f) => writeFileSync(join(f, 'N37E126.hgt'), tile.subarray(1)),
    '.hgt.gz truncated': (f) => writeFileSync(join(f, 'N37E126.hgt.gz'), gzipSync(tile).subarray(0, 500)),
    '.hgt.gz bomb (64 MB of zeros)': (f) => writeFileSync(join(f, 'N37E126.hgt.gz'), gzipSync(Buffer.alloc(64 * 1024 * 1024))),
    '.hgt.gz with a right size but corrupt data': (f) => {
      const z = gzipSync(tile);
      for (let i = 20; i < 200; i++) z[i] ^= 0x5a;
      writeFileSync(join(f, 'N37E126.hgt.gz'), z);
    },
    '.hgt named after no tile': (f) => writeFileSync(join(f, 'tile.hgt'), tile),
  };
}

/** A scenario inside the GeoTIFF (126.5–127.5 E) or inside tile N37E126 (`west`). */
const scenarioText = (dem: string, west = false): string => `name: corpus
region: { bbox: [${west ? '126.1, 37.1, 126.9, 37.9' : '126.6, 37.1, 127.4, 37.9'}], resolutionM: 4000 }
terrain: { dem: ${JSON.stringify(dem)} }
sites:
  - { id: a, system: s-75, lon: ${west ? 126.5 : 127.0}, lat: 37.5, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [300] }
`;

/** What validate, then coverage's DEM read, make of the DEM at `dem`: 'ok' or the error message. */
async function outcome(name: string, dem: string, west = false): Promise<string> {
  const file = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.yaml`);
  writeFileSync(file, scenarioText(dem, west));
  const catalog = loadCatalog();
  try {
    const s = loadScenario(file, catalog);
    await checkScenarioTerrain(s, file);
    const mosaic = await openTerrainDem(s.terrain!);
    await mosaic.readWindow(terrainWindow(s), { maxNodes: 48_000_000 });
    return 'ok';
  } catch (e) {
    if (!(e instanceof DemError) && !(e instanceof InputError))
      throw new Error(`${name}: not a DemError/InputError: ${e instanceof Error ? e.stack : String(e)}`);
    return e.message.split(dir).join('<dir>');
  }
}

describe('the corrupt-DEM corpus', () => {
  it('every case is refused with a message naming the file, within 10 s each, and the messages are golden', async () => {
    const good = goodTiff();
    const results: Record<string, string> = {};
    const goodPath = join(dir, 'good.tif');
    writeFileSync(goodPath, good);
    expect(await outcome('good', goodPath)).toBe('ok');
    const goodHgt = join(dir, 'good-hgt');
    mkdirSync(goodHgt);
    writeFileSync(join(goodHgt, 'N37E126.hgt.gz'), gzipSync(Buffer.alloc(1201 * 1201 * 2)));
    expect(await outcome('good hgt', goodHgt, true)).toBe('ok');
    for (const [name, make] of Object.entries(corpus(good))) {
      const p = join(dir, `${name.replace(/[^a-z0-9]+/gi, '-')}.tif`);
      make(p);
      const t0 = performance.now();
      results[name] = await outcome(name, p);
      expect(performance.now() - t0, name).toBeLessThan(10_000);
    }
    for (const [name, make] of Object.entries(hgtCorpus())) {
      const f = join(dir, name.replace(/[^a-z0-9]+/gi, '-'));
      mkdirSync(f);
      make(f);
      results[name] = await outcome(name, f, true);
    }
    if (process.env.SHOW_CORPUS) console.log(JSON.stringify(results, null, 1));
    expect(Object.keys(results).length).toBeGreaterThanOrEqual(48);
    for (const [name, message] of Object.entries(results)) {
      expect(message, name).not.toBe('ok');
      expect(message, name).toMatch(/<dir>\/[^:]+: /);
      expect(message, name).not.toMatch(/\n\s+at /);
    }
    if (process.env.UPDATE_GOLDEN || !existsSync(GOLDEN)) writeFileSync(GOLDEN, `${JSON.stringify(results, null, 2)}\n`);
    expect(results).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
