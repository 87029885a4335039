/**
 * Downloads public DEM tiles into the cache (`parapet dem fetch`).
 *
 * Each tile goes to FILE.part first (with FILE.part.json holding its URL and ETag, so that an
 * interrupted download resumes with an HTTP Range request guarded by If-Range), is verified —
 * length against Content-Length/Content-Range, MD5 against an S3 single-part ETag, and the bytes
 * themselves decoded as an SRTM tile or a GeoTIFF DEM — and only then renamed to FILE. A tile the
 * server does not have (404) is open sea in these layouts and is recorded as TILE.sea. Network
 * failures and 5xx answers are retried with exponential back-off; a corrupt download is deleted.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { BBox, DemSourceId } from '@parapet/core';
import { DemError } from './dem-error.js';
import { decodeHgt, tileName } from './hgt.js';
import { readGeoTiffDem } from './read-geotiff.js';
import { DEM_SOURCES, tilesForBBox } from './sources.js';

export type TileStatus = 'downloaded' | 'cached' | 'sea';

export interface TileOutcome {
  tile: string;
  status: TileStatus;
  /** Cache file (the .sea marker for sea tiles). */
  file: string;
  bytes: number;
}

export interface FetchProgress {
  tilesDone: number;
  tilesTotal: number;
  /** Bytes received so far in this run. */
  bytes: number;
  tile?: string;
}

export interface FetchOptions {
  bbox: BBox;
  source: DemSourceId;
  cacheDir: string;
  /** Base URL instead of the source's public one (tests use a local server). */
  baseUrl?: string;
  /** Attempts per tile (default 4). */
  attempts?: number;
  /** First back-off delay, ms (default 500; doubles per attempt). */
  backoffMs?: number;
  /** Parallel downloads (default 2). */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (p: FetchProgress) => void;
}

/** The cache folder of a source. */
export function sourceCacheDir(cacheDir: string, source: DemSourceId): string {
  return join(cacheDir, source);
}

/** Where each tile of a box stands in the cache. */
export function tileCacheState(
  bbox: BBox,
  source: DemSourceId,
  cacheDir: string,
): { tile: string; lat: number; lon: number; file: string; state: 'cached' | 'sea' | 'partial' | 'missing' }[] {
  const info = DEM_SOURCES[source];
  const dir = sourceCacheDir(cacheDir, source);
  return tilesForBBox(bbox).map(({ lat, lon }) => {
    const file = join(dir, info.fileName(lat, lon));
    const tile = tileName(lat, lon);
    const state = existsSync(file) ? 'cached' : existsSync(join(dir, `${tile}.sea`)) ? 'sea' : existsSync(`${file}.part`) ? 'partial' : 'missing';
    return { tile, lat, lon, file, state };
  });
}

class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    url: string,
  ) {
    super(`HTTP ${status} for ${url}`);
  }
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(t);
      reject(new Error('download cancelled'));
    });
  });
}

async function md5(file: string): Promise<string> {
  const h = createHash('md5');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Checks that a downloaded file is a whole, readable DEM tile; throws DemError otherwise. */
export async function verifyTile(file: string, source: DemSourceId, lat: number, lon: number, label: string): Promise<void> {
  if (source === 'srtm') {
    let bytes: Buffer;
    try {
      bytes = gunzipSync(readFileSync(file));
    } catch (e) {
      throw new DemError(label, `corrupt or truncated gzip data (${e instanceof Error ? e.message : String(e)})`);
    }
    decodeHgt(bytes, lat, lon, label);
    return;
  }
  try {
    const g = await readGeoTiffDem(file);
    if (g.crs !== 'geographic') throw new DemError(label, 'not a geographic DEM');
    const tol = 2 * Math.max(g.dx, g.dy);
    if (Math.abs(g.x0 - lon) > tol || Math.abs(g.y0 - (lat + 1)) > tol)
      throw new DemError(label, `covers (${g.x0.toFixed(3)}, ${g.y0.toFixed(3)}), not tile ${tileName(lat, lon)}`);
  } catch (e) {
    if (e instanceof DemError) throw new DemError(label, e.problem);
    throw e;
  }
}

interface PartMeta {
  url: string;
  etag?: string;
}

/** One download attempt into FILE.part (resuming when possible). Returns bytes received. */
async function downloadOnce(
  url: string,
  part: string,
  signal: AbortSignal | undefined,
  onBytes: (n: number) => void,
): Promise<{ status: 'ok' | 'sea'; etag?: string }> {
  const metaFile = `${part}.json`;
  let have = existsSync(part) ? statSync(part).size : 0;
  let meta: PartMeta | undefined;
  if (have > 0 && existsSync(metaFile)) {
    try {
      meta = JSON.parse(readFileSync(metaFile, 'utf8')) as PartMeta;
    } catch {
      meta = undefined;
    }
  }
  if (!meta || meta.url !== url || !meta.etag) have = 0;
  const headers: Record<string, string> = {};
  if (have > 0 && meta?.etag) {
    headers.Range = `bytes=${have}-`;
    headers['If-Range'] = meta.etag;
  }
  const res = await fetch(url, { headers, signal });
  if (res.status === 404) {
    await res.body?.cancel();
    return { status: 'sea' };
  }
  if (res.status === 416) {
    // Our partial file is no prefix of theirs; start again.
    await res.body?.cancel();
    rmSync(part, { force: true });
    rmSync(metaFile, { force: true });
    throw new HttpStatusError(416, url);
  }
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel();
    throw new HttpStatusError(res.status, url);
  }
  const etag = res.headers.get('etag') ?? undefined;
  const append = res.status === 206;
  if (!append) have = 0;
  let expected: number | undefined;
  const range = res.headers.get('content-range');
  const m = range ? /\/(\d+)$/.exec(range) : null;
  if (m) expected = Number(m[1]);
  else if (res.headers.get('content-length')) expected = have + Number(res.headers.get('content-length'));
  writeFileSync(metaFile, JSON.stringify({ url, etag } satisfies PartMeta));
  const out = createWriteStream(part, { flags: append ? 'a' : 'w' });
  const done = new Promise<void>((resolve, reject) => {
    out.on('finish', resolve);
    out.on('error', reject);
  });
  try {
    if (res.body) {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        onBytes(chunk.length);
      }
    }
  } finally {
    out.end();
    await done;
  }
  const size = statSync(part).size;
  if (expected !== undefined && size !== expected) throw new Error(`connection closed after ${size} of ${expected} bytes`);
  return { status: 'ok', etag };
}

/** Fetches every tile of `bbox` that is not cached yet. Resolves with each tile's outcome. */
export async function fetchDemTiles(opts: FetchOptions): Promise<TileOutcome[]> {
  const info = DEM_SOURCES[opts.source];
  const base = (opts.baseUrl ?? info.baseUrl).replace(/\/+$/, '');
  const dir = sourceCacheDir(opts.cacheDir, opts.source);
  mkdirSync(dir, { recursive: true });
  const tiles = tileCacheState(opts.bbox, opts.source, opts.cacheDir);
  const attempts = opts.attempts ?? 4;
  const backoff = opts.backoffMs ?? 500;
  const outcomes: TileOutcome[] = new Array(tiles.length);
  let bytes = 0;
  let tilesDone = 0;
  const report = (tile?: string): void => opts.onProgress?.({ tilesDone, tilesTotal: tiles.length, bytes, tile });
  report();

  const one = async (idx: number): Promise<void> => {
    const t = tiles[idx];
    const seaFile = join(dir, `${t.tile}.sea`);
    if (t.state === 'cached' || t.state === 'sea') {
      outcomes[idx] = { tile: t.tile, status: t.state, file: t.state === 'sea' ? seaFile : t.file, bytes: 0 };
      tilesDone++;
      report(t.tile);
      return;
    }
    const url = `${base}/${info.urlPath(t.lat, t.lon)}`;
    const part = `${t.file}.part`;
    let lastError: unknown;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (opts.signal?.aborted) throw new Error('download cancelled');
      try {
        const r = await downloadOnce(url, part, opts.signal, (n) => {
          bytes += n;
          report(t.tile);
        });
        if (r.status === 'sea') {
          writeFileSync(seaFile, '');
          rmSync(part, { force: true });
          rmSync(`${part}.json`, { force: true });
          outcomes[idx] = { tile: t.tile, status: 'sea', file: seaFile, bytes: 0 };
          break;
        }
        // S3 gives the MD5 of a single-part object as its ETag.
        const etag = r.etag?.replace(/"/g, '');
        if (etag && /^[0-9a-f]{32}$/i.test(etag)) {
          const sum = await md5(part);
          if (sum !== etag.toLowerCase()) {
            rmSync(part, { force: true });
            rmSync(`${part}.json`, { force: true });
            throw new DemError(url, `checksum mismatch: MD5 ${sum}, server ETag ${etag}`);
          }
        }
        try {
          await verifyTile(part, opts.source, t.lat, t.lon, url);
        } catch (e) {
          rmSync(part, { force: true });
          rmSync(`${part}.json`, { force: true });
          throw e;
        }
        renameSync(part, t.file);
        rmSync(`${part}.json`, { force: true });
        outcomes[idx] = { tile: t.tile, status: 'downloaded', file: t.file, bytes: statSync(t.file).size };
        break;
      } catch (e) {
        lastError = e;
        // Network failures, 5xx/429/416 and checksum mismatches are worth another try; a tile
        // that decodes wrong, or a 4xx, will not get better.
        const retriable =
          e instanceof HttpStatusError
            ? e.status >= 500 || e.status === 416 || e.status === 429
            : !(e instanceof DemError) || /checksum mismatch/.test(e.problem);
        if (!retriable || attempt === attempts || opts.signal?.aborted) {
          if (e instanceof DemError) throw e;
          throw new DemError(
            url,
            `download failed after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${e instanceof Error ? e.message : String(e)}${existsSync(part) ? ' (partial file kept for resume; it is never used as a DEM)' : ''}`,
          );
        }
        await sleep(backoff * 2 ** (attempt - 1), opts.signal);
      }
    }
    if (!outcomes[idx]) throw new DemError(url, `download failed: ${lastError instanceof Error ? lastError.message : String(lastError)}`);
    tilesDone++;
    report(t.tile);
  };

  const concurrency = Math.max(1, opts.concurrency ?? 2);
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, tiles.length) }, async () => {
    while (next < tiles.length) await one(next++);
  });
  await Promise.all(workers);
  return outcomes;
}
