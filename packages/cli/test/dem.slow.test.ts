/**
 * `parapet dem fetch|info` against a local HTTP server on 127.0.0.1 that serves synthetic tiles
 * in the public URL layouts (skadi .hgt.gz, Copernicus COG folders). Never touches the internet.
 * Runs the built CLI (npm run build first).
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeElevationGrid } from '@parapet/core';
import { elevationToGeoTiff, writeGeoTiff } from '@parapet/io';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const work = mkdtempSync(join(tmpdir(), 'parapet-dem-cli-'));

function parapet(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, XDG_CACHE_HOME: join(work, 'xdg') } }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

function hgtTile(fill: (i: number, j: number) => number, n = 1201): Buffer {
  const b = Buffer.alloc(n * n * 2);
  for (let j = 0; j < n; j++) for (let i = 0; i < n; i++) b.writeInt16BE(fill(i, j), 2 * (j * n + i));
  return b;
}

function copernicusTile(lat: number, lon: number): Buffer {
  // A small stand-in for a GLO-90 tile: 121×121 pixels of 30″, pixel-is-area, float32.
  const n = 121;
  const d = 1 / (n - 1);
  const g = makeElevationGrid(
    n,
    n,
    { crs: 'geographic', x0: lon + d / 2, y0: lat + 1 - d / 2, dx: d, dy: d },
    Float32Array.from({ length: n * n }, (_, k) => 100 + (k % n)),
  );
  const f = join(work, `cop-${lat}-${lon}.tif`);
  writeGeoTiff(f, elevationToGeoTiff(g, 'float32'));
  return readFileSync(f);
}

interface Served {
  body: Buffer;
  /** Fail the first request this way. */
  flaky?: 'cut' | '500';
}

const files = new Map<string, Served>();
const requests: { url: string; range?: string }[] = [];
let server: Server;
let base = '';

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  requests.push({ url, range: req.headers.range });
  const f = files.get(url);
  if (!f) {
    res.writeHead(404).end();
    return;
  }
  const etag = `"${createHash('md5').update(f.body).digest('hex')}"`;
  if (f.flaky === '500') {
    f.flaky = undefined;
    res.writeHead(500).end();
    return;
  }
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range && req.headers['if-range'] === etag) {
    const from = Number(range[1]);
    res.writeHead(206, { ETag: etag, 'Content-Length': f.body.length - from, 'Content-Range': `bytes ${from}-${f.body.length - 1}/${f.body.length}` });
    res.end(f.body.subarray(from));
    return;
  }
  res.writeHead(200, { ETag: etag, 'Content-Length': f.body.length });
  if (f.flaky === 'cut') {
    f.flaky = undefined;
    res.write(f.body.subarray(0, f.body.length >> 1), () => res.destroy());
    return;
  }
  res.end(f.body);
}

beforeAll(async () => {
  server = createServer(handle);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
  rmSync(work, { recursive: true, force: true });
});

describe('parapet dem fetch', () => {
  it('downloads SRTM .hgt.gz tiles in the skadi layout, records missing tiles as sea, and then uses the cache', async () => {
    files.set('/N37/N37E127.hgt.gz', { body: gzipSync(hgtTile((i) => i % 300)) });
    const cache = join(work, 'cache1');
    const r = await parapet(['dem', 'fetch', '--bbox', '127.2,37.2,128.8,37.8', '--source', 'srtm', '--cache', cache, '--base-url', base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 tiles .* 1 downloaded .* 0 already cached, 1 open sea/);
    expect(readdirSync(join(cache, 'srtm')).sort()).toEqual(['N37E127.hgt.gz', 'N37E128.sea']);
    const before = requests.length;
    const again = await parapet(['dem', 'fetch', '--bbox', '127.2,37.2,128.8,37.8', '--source', 'srtm', '--cache', cache, '--base-url', base, '--json']);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).tiles.map((t: { status: string }) => t.status)).toEqual(['cached', 'sea']);
    expect(requests.length).toBe(before);
  });

  it('resumes an interrupted Copernicus download with a Range request and retries a server error', async () => {
    const path = '/Copernicus_DSM_COG_30_N37_00_E127_00_DEM/Copernicus_DSM_COG_30_N37_00_E127_00_DEM.tif';
    const body = copernicusTile(37, 127);
    files.set(path, { body, flaky: 'cut' });
    files.set('/Copernicus_DSM_COG_30_N38_00_E127_00_DEM/Copernicus_DSM_COG_30_N38_00_E127_00_DEM.tif', { body: copernicusTile(38, 127), flaky: '500' });
    const cache = join(work, 'cache2');
    const r = await parapet(['dem', 'fetch', '--bbox', '127.1,37.1,127.9,38.9', '--cache', cache, '--base-url', base]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/2 downloaded/);
    const ranged = requests.filter((q) => q.url === path);
    expect(ranged.length).toBe(2);
    expect(ranged[1].range).toBe(`bytes=${body.length >> 1}-`);
    expect(readFileSync(join(cache, 'copernicus-90', 'Copernicus_DSM_COG_30_N37_00_E127_00_DEM.tif')).equals(body)).toBe(true);
    expect(readdirSync(join(cache, 'copernicus-90')).filter((n) => n.includes('.part'))).toEqual([]);
  });

  it('rejects a corrupt tile with the URL and the problem, leaving nothing in the cache', async () => {
    files.set('/N40/N40E127.hgt.gz', { body: gzipSync(Buffer.alloc(5000)) });
    const cache = join(work, 'cache3');
    const r = await parapet(['dem', 'fetch', '--bbox', '127.2,40.2,127.8,40.8', '--source', 'srtm', '--cache', cache, '--base-url', base]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^parapet: http:\/\/127\.0\.0\.1:\d+\/N40\/N40E127\.hgt\.gz: wrong size for an SRTM tile: 5000 bytes/);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/); // no stack trace
    expect(readdirSync(join(cache, 'srtm'))).toEqual([]);
  });

  it('takes the region from a scenario', async () => {
    const r = await parapet([
      'dem',
      'info',
      '--scenario',
      join(root, 'data/scenarios/korea-legacy.yaml'),
      '--source',
      'srtm',
      '--cache',
      join(work, 'cache1'),
      '--json',
    ]);
    expect(r.code).toBe(0);
    const tiles = JSON.parse(r.stdout).region.map((t: { tile: string }) => t.tile);
    // The Korea region [123.8, 35.8, 129.8, 40.8] spans 1° tiles 123–129°E × 35–40°N.
    expect(tiles).toContain('N35E123');
    expect(tiles).toContain('N40E129');
    expect(tiles.length).toBe(42);
    const both = await parapet(['dem', 'fetch', '--bbox', '1,1,2,2', '--scenario', 'x.yaml']);
    expect(both.code).toBe(2);
    const none = await parapet(['dem', 'fetch']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--bbox W,S,E,N or --scenario FILE/);
  });

  it('rejects a bad --bbox as a usage error', async () => {
    const r = await parapet(['dem', 'fetch', '--bbox', '128,37,127,38']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/east must exceed west/);
  });
});

describe('parapet dem info', () => {
  it('shows what is cached and what a region still needs', async () => {
    const cache = join(work, 'cache1');
    const r = await parapet(['dem', 'info', '--bbox', '126.5,37.2,128.5,37.8', '--source', 'srtm', '--cache', cache]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/srtm\s+1 tiles/);
    expect(r.stdout).toMatch(/N37E126\s+missing/);
    expect(r.stdout).toMatch(/N37E127\s+cached/);
    expect(r.stdout).toMatch(/N37E128\s+sea/);
    expect(r.stdout).toMatch(/parapet dem fetch --bbox 126\.5,37\.2,128\.5,37\.8 --source srtm/);
    expect(existsSync(join(work, 'xdg'))).toBe(false);
  });
});
