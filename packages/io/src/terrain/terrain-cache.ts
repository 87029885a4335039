/**
 * Terrain line of sight computed once and reused: a scenario's DEM window, and each site's
 * minimum-visible-height raster (per antenna height), are kept for the life of the process, keyed
 * by everything they depend on — the DEM (path, source, fill, window, spacing), the region grid, the
 * site's position and reach, the antenna height and the effective earth radius. The low, nominal and
 * high readings of the sources, the jammed and unjammed layers, every threat and altitude, and
 * hypotheses that share a site therefore share one sweep. Least recently used entries are dropped
 * beyond a byte budget.
 */
import type { ElevationGrid } from '@parapet/core';

/** Bytes of rasters and DEMs kept (default 1.5 GB; PARAPET_TERRAIN_CACHE_MB overrides, 0 disables). */
function budgetBytes(): number {
  const mb = Number(process.env.PARAPET_TERRAIN_CACHE_MB ?? 1536);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : 0;
}

class ByteLru<V> {
  private readonly map = new Map<string, { value: V; bytes: number }>();
  private total = 0;
  hits = 0;
  misses = 0;

  constructor(private readonly size: (v: V) => number) {}

  get(key: string): V | undefined {
    const e = this.map.get(key);
    if (!e) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  set(key: string, value: V): void {
    const budget = budgetBytes();
    const bytes = this.size(value);
    if (bytes > budget) return;
    const old = this.map.get(key);
    if (old) {
      this.total -= old.bytes;
      this.map.delete(key);
    }
    this.map.set(key, { value, bytes });
    this.total += bytes;
    for (const [k, e] of this.map) {
      if (this.total <= budget) break;
      this.map.delete(k);
      this.total -= e.bytes;
    }
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
    this.hits = 0;
    this.misses = 0;
  }
}

const rasters = new ByteLru<Float32Array>((r) => r.byteLength);
const dems = new ByteLru<ElevationGrid>((d) => d.heightsM.byteLength);

/** The cached raster under `key`, or computes, keeps and returns it. */
export async function cachedTerrainRaster(key: string, compute: () => Promise<Float32Array>): Promise<Float32Array> {
  const hit = rasters.get(key);
  if (hit) return hit;
  const r = await compute();
  rasters.set(key, r);
  return r;
}

/** The cached DEM window under `key`, or reads, keeps and returns it. */
export async function cachedTerrainDem(key: string, read: () => Promise<ElevationGrid>): Promise<ElevationGrid> {
  const hit = dems.get(key);
  if (hit) return hit;
  const d = await read();
  dems.set(key, d);
  return d;
}

/** Hits and misses of the raster cache since the last clear (for tests and benchmarks). */
export function terrainCacheStats(): { rasterHits: number; rasterMisses: number; demHits: number; demMisses: number } {
  return { rasterHits: rasters.hits, rasterMisses: rasters.misses, demHits: dems.hits, demMisses: dems.misses };
}

export function clearTerrainCache(): void {
  rasters.clear();
  dems.clear();
}
