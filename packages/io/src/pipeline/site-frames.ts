/**
 * Site frames for every site (geodesic range and azimuth to every cell), spread across worker
 * threads in row bands; results land in shared buffers, so nothing is copied back.
 */
import { fillSiteFrameRows, reachWindow, type RegionGrid, type SiteFrame } from '@parapet/core';
import type { FrameTask } from './frame-worker.js';
import { poolFor, threadCount } from './worker-pool.js';

export interface FrameRequest {
  lonDeg: number;
  latDeg: number;
  maxReachM: number;
}

/** Below this many geodesics the main thread is faster than starting workers. */
const MIN_PARALLEL_CELLS = 40_000;

function sharedFrame(grid: RegionGrid, req: FrameRequest): { frame: SiteFrame; rangeBuffer: SharedArrayBuffer; azimuthBuffer: SharedArrayBuffer } {
  const n = grid.width * grid.height;
  const rangeBuffer = new SharedArrayBuffer(n * 4);
  const azimuthBuffer = new SharedArrayBuffer(n * 4);
  const frame: SiteFrame = {
    siteLonDeg: req.lonDeg,
    siteLatDeg: req.latDeg,
    maxReachM: req.maxReachM,
    rangeM: new Float32Array(rangeBuffer).fill(Infinity),
    azimuthRad: new Float32Array(azimuthBuffer).fill(NaN),
  };
  return { frame, rangeBuffer, azimuthBuffer };
}

/**
 * Frames already computed, by grid and site: a scenario edit that moves one site, or a comparison
 * whose scenarios share sites, recomputes only what changed. Least recently used first out.
 */
const cache = new Map<string, SiteFrame>();
/** Cached frames kept at most (each is 8 bytes a cell). */
const CACHE_MAX_BYTES = 1 << 30;

/** Forgets every cached frame (benchmarks use it to time cold runs). */
export function clearSiteFrameCache(): void {
  cache.clear();
}

function cacheKey(grid: RegionGrid, r: FrameRequest): string {
  return [grid.westDeg, grid.southDeg, grid.eastDeg, grid.northDeg, grid.width, grid.height, r.lonDeg, r.latDeg, r.maxReachM].join('|');
}

function remember(key: string, frame: SiteFrame): void {
  cache.set(key, frame);
  let bytes = 0;
  for (const f of cache.values()) bytes += f.rangeM.byteLength * 2;
  for (const k of cache.keys()) {
    if (bytes <= CACHE_MAX_BYTES) break;
    bytes -= cache.get(k)!.rangeM.byteLength * 2;
    cache.delete(k);
  }
}

/** Frames for every request, from the cache where possible; the rest computed in worker threads. */
export async function computeSiteFrames(
  grid: RegionGrid,
  requests: readonly FrameRequest[],
  onProgress?: (done: number, total: number) => void,
): Promise<SiteFrame[]> {
  const keys = requests.map((r) => cacheKey(grid, r));
  const missing = new Map<string, FrameRequest>();
  requests.forEach((r, i) => {
    const hit = cache.get(keys[i]);
    if (hit) {
      cache.delete(keys[i]);
      cache.set(keys[i], hit); // most recently used
    } else missing.set(keys[i], r);
  });
  const fresh = await computeUncached(grid, [...missing.values()], onProgress);
  [...missing.keys()].forEach((k, i) => remember(k, fresh[i]));
  return keys.map((k) => cache.get(k) ?? fresh[[...missing.keys()].indexOf(k)]);
}

async function computeUncached(grid: RegionGrid, requests: readonly FrameRequest[], onProgress?: (done: number, total: number) => void): Promise<SiteFrame[]> {
  const prepared = requests.map((r) => sharedFrame(grid, r));
  const bands: { site: number; rowStart: number; rowEnd: number; cells: number }[] = [];
  const threads = threadCount();
  prepared.forEach((p, site) => {
    const w = reachWindow(grid, p.frame.siteLonDeg, p.frame.siteLatDeg, p.frame.maxReachM);
    const rows = Math.max(0, w.j1 - w.j0 + 1);
    const cols = Math.max(0, w.i1 - w.i0 + 1);
    const nb = rows * cols > MIN_PARALLEL_CELLS ? threads * 2 : 1;
    const per = Math.ceil(rows / nb);
    for (let b = 0; b < nb && rows > 0; b++) {
      const rowStart = w.j0 + b * per;
      const rowEnd = Math.min(w.j1, rowStart + per - 1);
      if (rowStart <= rowEnd) bands.push({ site, rowStart, rowEnd, cells: (rowEnd - rowStart + 1) * cols });
    }
  });
  const totalCells = bands.reduce((a, b) => a + b.cells, 0);
  const pool = totalCells > MIN_PARALLEL_CELLS && threads > 1 ? poolFor('pipeline/frame-worker.js') : undefined;
  let done = 0;
  if (!pool) {
    for (const b of bands) {
      fillSiteFrameRows(grid, prepared[b.site].frame, b.rowStart, b.rowEnd);
      done += b.cells;
      onProgress?.(done, totalCells);
    }
  } else {
    await Promise.all(
      bands.map(async (b) => {
        const p = prepared[b.site];
        const task: FrameTask = {
          grid,
          siteLonDeg: p.frame.siteLonDeg,
          siteLatDeg: p.frame.siteLatDeg,
          maxReachM: p.frame.maxReachM,
          rangeBuffer: p.rangeBuffer,
          azimuthBuffer: p.azimuthBuffer,
          rowStart: b.rowStart,
          rowEnd: b.rowEnd,
        };
        await pool.run(task);
        done += b.cells;
        onProgress?.(done, totalCells);
      }),
    );
  }
  return prepared.map((p) => p.frame);
}
