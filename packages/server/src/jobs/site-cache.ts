/**
 * What each site contributes to a coverage analysis, kept between jobs in the engine thread so
 * that an edit recomputes only the sites it changed: after a site drag, the moved site's layers,
 * places, minimum detectable altitude and rings; the other sites' parts come from here.
 *
 * A site's entry is found by a key over everything its parts depend on (incremental-coverage.ts
 * builds it: the resolved site, the grid, the frame's reach, the earth radius); inside, each part
 * is keyed by what else it depends on (threat, altitude, reference, jamming, place). Rasters are
 * stored as patches: the bounding box of the cells a site touches, so a short-range site costs
 * little. Least recently used sites leave first beyond `maxBytes`.
 */
import type { PlaceOutcome, RegionGrid, SiteLayerStats } from '@parapet/core';

/** A raster restricted to a box of the grid: columns i0…i0+width−1, rows j0…j0+height−1. */
export interface Patch<T extends Uint8Array | Float32Array> {
  i0: number;
  j0: number;
  /** 0 when no cell is set (then `data` is empty). */
  width: number;
  height: number;
  /** Row-major cells of the box. */
  data: T;
}

/** One site's part of one (threat, altitude) layer: DETECT_BIT | ENGAGE_BIT per cell, and its range extremes. */
export interface SiteLayerPart {
  bits: Patch<Uint8Array>;
  stats: SiteLayerStats;
}

export const DETECT_BIT = 1;
export const ENGAGE_BIT = 2;

export interface SiteEntry {
  /** By threat, altitude, altitude reference and jamming. */
  layers: Map<string, SiteLayerPart>;
  /** The site alone at a place, by place, threat, altitude, reference and jamming (core placeOutcome with this one site). */
  places: Map<string, PlaceOutcome>;
  /** Lowest detectable altitude MSL (+Infinity outside), by threat and jamming. */
  mda: Map<string, Patch<Float32Array>>;
  /** Inside the longest missile range (ENGAGE_BIT) and the longest instrumented range (DETECT_BIT). */
  ring?: Patch<Uint8Array>;
  bytes: number;
  /** False once evicted (a job may still hold it; it no longer counts against the budget). */
  live: boolean;
}

/** The box of the cells of `full` (the grid's n cells) that are not `empty`, copied into a patch. */
function crop<T extends Uint8Array | Float32Array>(grid: RegionGrid, full: T, empty: number, make: (n: number) => T): Patch<T> {
  let i0 = grid.width;
  let i1 = -1;
  let j0 = grid.height;
  let j1 = -1;
  for (let j = 0; j < grid.height; j++) {
    const row = j * grid.width;
    let first = -1;
    let last = -1;
    for (let i = 0; i < grid.width; i++) {
      if (full[row + i] === empty) continue;
      if (first < 0) first = i;
      last = i;
    }
    if (first < 0) continue;
    if (first < i0) i0 = first;
    if (last > i1) i1 = last;
    if (j < j0) j0 = j;
    j1 = j;
  }
  if (i1 < 0) return { i0: 0, j0: 0, width: 0, height: 0, data: make(0) };
  const width = i1 - i0 + 1;
  const height = j1 - j0 + 1;
  const data = make(width * height);
  for (let j = 0; j < height; j++) {
    const from = (j0 + j) * grid.width + i0;
    data.set(full.subarray(from, from + width), j * width);
  }
  return { i0, j0, width, height, data };
}

/** The nonzero cells of a byte raster, as a patch. */
export function cropBytes(grid: RegionGrid, full: Uint8Array): Patch<Uint8Array> {
  return crop(grid, full, 0, (n) => new Uint8Array(n));
}

/** The finite cells of an altitude raster (+Infinity: nothing), as a patch. */
export function cropAltitudes(grid: RegionGrid, full: Float32Array): Patch<Float32Array> {
  return crop(grid, full, Infinity, (n) => new Float32Array(n));
}

/** Rough size of a place outcome, bytes (for the cache's budget). */
const PLACE_BYTES = 512;

export class SiteCache {
  private readonly entries = new Map<string, SiteEntry>();
  private bytes = 0;

  constructor(readonly maxBytes = 384 * 1024 * 1024) {}

  /** The entry of a site key (created empty when new); it becomes the most recently used. */
  entry(key: string): SiteEntry {
    let e = this.entries.get(key);
    if (e) this.entries.delete(key);
    else e = { layers: new Map(), places: new Map(), mda: new Map(), bytes: 0, live: true };
    this.entries.set(key, e);
    return e;
  }

  setLayer(e: SiteEntry, key: string, part: SiteLayerPart): void {
    e.layers.set(key, part);
    this.grow(e, part.bits.data.byteLength);
  }

  setPlace(e: SiteEntry, key: string, outcome: PlaceOutcome): void {
    e.places.set(key, outcome);
    this.grow(e, PLACE_BYTES);
  }

  setMda(e: SiteEntry, key: string, p: Patch<Float32Array>): void {
    e.mda.set(key, p);
    this.grow(e, p.data.byteLength);
  }

  setRing(e: SiteEntry, p: Patch<Uint8Array>): void {
    e.ring = p;
    this.grow(e, p.data.byteLength);
  }

  /** Sites kept and their bytes. */
  stats(): { sites: number; bytes: number } {
    return { sites: this.entries.size, bytes: this.bytes };
  }

  clear(): void {
    for (const e of this.entries.values()) e.live = false;
    this.entries.clear();
    this.bytes = 0;
  }

  /** Counts `bytes` against the entry, then evicts least recently used entries (never `e`) beyond the budget. */
  private grow(e: SiteEntry, bytes: number): void {
    if (!e.live) return;
    e.bytes += bytes;
    this.bytes += bytes;
    for (const [k, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      if (old === e) continue;
      this.entries.delete(k);
      old.live = false;
      this.bytes -= old.bytes;
    }
  }
}
