/**
 * Terrain-masked line of sight for a scenario, spread over worker threads: per site, the DEM is
 * resampled into the site's azimuthal-equidistant frame, the horizon sweep runs in wedge chunks
 * for each antenna height, and the horizon is resampled onto the region grid as minimum visible
 * heights. Every large array lives in a SharedArrayBuffer; workers write disjoint parts of it.
 */
import {
  aeqdGrid,
  aeqdSpecFor,
  cellLatDeg,
  checkSweepSetup,
  cellLonDeg,
  elevationAt,
  MAX_SWEEP_RANGE_FRACTION,
  sweepWedgeCounts,
  terrainRasterKey,
  TerrainVisibility,
  type AeqdExtent,
  type ElevationGrid,
  type RegionGrid,
  type ResampleSpec,
  type ResolvedSite,
  type SiteFrame,
  type SweepSetup,
} from '@parapet/core';
import { poolFor, threadCount } from '../pipeline/worker-pool.js';
import { demFromShared, runTerrainTask, type SharedDem, type SweepParams, type TerrainTask } from './sweep-worker.js';
import { allocSweepMemory, type SweepMemory } from './wasm-sweep.js';

const WORKER = 'terrain/sweep-worker.js';

/** Runs tasks on the worker pool when it is built and useful, else on this thread. */
async function runTasks(tasks: TerrainTask[], onDone?: () => void, worker: string = WORKER): Promise<void> {
  const pool = threadCount() > 1 && tasks.length > 1 ? poolFor(worker) : undefined;
  if (!pool) {
    for (const t of tasks) {
      runTerrainTask(t);
      onDone?.();
    }
    return;
  }
  await Promise.all(
    tasks.map(async (t) => {
      await pool.run(t);
      onDone?.();
    }),
  );
}

/** A DEM in shared memory (copied once unless it already is). */
export function shareDem(dem: ElevationGrid): SharedDem {
  let buffer: SharedArrayBuffer;
  let byteOffset = 0;
  if (dem.heightsM.buffer instanceof SharedArrayBuffer) {
    buffer = dem.heightsM.buffer;
    byteOffset = dem.heightsM.byteOffset;
  } else {
    buffer = new SharedArrayBuffer(dem.heightsM.byteLength);
    new Float32Array(buffer).set(dem.heightsM);
  }
  return { buffer, byteOffset, width: dem.width, height: dem.height, crs: dem.crs, x0: dem.x0, y0: dem.y0, dx: dem.dx, dy: dem.dy };
}

function shared(a: Float32Array): SharedArrayBuffer {
  if (a.buffer instanceof SharedArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) return a.buffer;
  const b = new SharedArrayBuffer(a.byteLength);
  new Float32Array(b).set(a);
  return b;
}

/** A sweep to run across the worker threads; `raysPerCell` defaults as in the kernel. */
export type ParallelSweepInput = Omit<SweepParams, 'raysPerCell'> & { raysPerCell?: number };

function sweepTasks(input: ParallelSweepInput, out: SharedArrayBuffer): TerrainTask[] {
  const setup: SweepSetup = { ...input, dem: demFromShared(input.dem) };
  const total = sweepWedgeCounts(setup).reduce((a, b) => a + b, 0);
  const chunks = Math.max(1, Math.min(total, threadCount() * 8));
  const per = Math.ceil(total / chunks);
  const tasks: TerrainTask[] = [];
  for (let w = 0; w < total; w += per) {
    tasks.push({ kind: 'sweep', ...input, raysPerCell: input.raysPerCell ?? 1, out, wedgeStart: w, wedgeEnd: Math.min(total, w + per) });
  }
  return tasks;
}

/**
 * The horizon sweep of one observer over a planar DEM, split into wedge chunks across threads.
 * Returns tan(horizon elevation) per node — or, with output 'minVisibleMsl'/'minVisibleAgl', the
 * lowest visible height MSL/above ground — NaN beyond `maxRangeM`, in shared memory. Runs the
 * WebAssembly kernel when it is available (pass `memory` from allocSweepMemory with the heights
 * already in it to save a copy), else the TypeScript kernel of core; both give the same values.
 */
export async function horizonSweepParallel(input: ParallelSweepInput & { memory?: SweepMemory }): Promise<Float32Array> {
  // With `memory`, the heights are read from it (input.dem gives only the grid's geometry).
  const d = input.dem;
  const dem = input.memory ? { width: d.width, height: d.height, heightsM: new Float32Array(0), crs: d.crs, x0: d.x0, y0: d.y0, dx: d.dx, dy: d.dy } : demFromShared(d);
  const setup: SweepSetup = { ...input, dem };
  checkSweepSetup(setup);
  const total = sweepWedgeCounts(setup).reduce((a, b) => a + b, 0);
  const chunks = Math.max(1, Math.min(total, threadCount() * 8));
  const per = Math.ceil(total / chunks);
  const mem = input.memory ?? allocSweepMemory(input.dem.width, input.dem.height, chunks);
  if (mem && mem.slots >= chunks && mem.width === input.dem.width && mem.height === input.dem.height) {
    if (!input.memory) (mem.heights as Float32Array).set(new Float32Array(input.dem.buffer, input.dem.byteOffset ?? 0, input.dem.width * input.dem.height));
    // The kernel writes every node within range; only the rest needs NaN (same predicate).
    fillBeyondRange(mem.out, input.dem.width, input.dem.height, input.observerCol, input.observerRow, input.dem.dx, input.dem.dy, input.maxRangeM);
    const mode = input.output === 'minVisibleAgl' ? 2 : input.output === 'minVisibleMsl' ? 1 : 0;
    const tasks: TerrainTask[] = [];
    for (let w = 0, slot = 0; w < total; w += per, slot++) {
      tasks.push({
        kind: 'wasm-sweep',
        memory: mem.memory,
        hPtr: mem.hPtr,
        outPtr: mem.outPtr,
        scratchPtr: mem.scratchPtr + slot * mem.scratchStride,
        width: input.dem.width,
        height: input.dem.height,
        dx: input.dem.dx,
        dy: input.dem.dy,
        observerCol: input.observerCol,
        observerRow: input.observerRow,
        antennaMslM: input.antennaMslM,
        earthRadiusM: input.earthRadiusM,
        maxRangeM: input.maxRangeM,
        raysPerCell: input.raysPerCell ?? 1,
        mode,
        i16: mem.heightType === 'i16',
        wedgeStart: w,
        wedgeEnd: Math.min(total, w + per),
      });
    }
    await runTasks(tasks, undefined, 'terrain/wasm-sweep-worker.js');
    return mem.out;
  }
  const out = new SharedArrayBuffer(input.dem.width * input.dem.height * 4);
  new Float32Array(out).fill(NaN);
  await runTasks(sweepTasks(input, out));
  return new Float32Array(out);
}

/**
 * Sets to NaN every node of a width × height grid whose distance from (col, row) exceeds
 * `maxRangeM` by the sweep's own test (Δcol²·dx² + Δrow²·dy² > maxRange²).
 */
export function fillBeyondRange(out: Float32Array, width: number, height: number, col: number, row: number, dx: number, dy: number, maxRangeM: number): void {
  const r2 = maxRangeM * maxRangeM;
  const dx2 = dx * dx;
  for (let j = 0; j < height; j++) {
    const dj = j - row;
    const vv = dj * dj * dy * dy;
    const k = j * width;
    if (vv > r2) {
      out.fill(NaN, k, k + width);
      continue;
    }
    let i0 = 0;
    while (i0 < col && (col - i0) * (col - i0) * dx2 + vv > r2) i0++;
    out.fill(NaN, k, k + i0);
    let i1 = width - 1;
    while (i1 > col && (i1 - col) * (i1 - col) * dx2 + vv > r2) i1--;
    out.fill(NaN, k + i1 + 1, k + width);
  }
}

export interface TerrainBuildInput {
  grid: RegionGrid;
  sites: readonly ResolvedSite[];
  frames: readonly SiteFrame[];
  earthRadiusM: number;
  /** Geographic DEM covering the region and every site. */
  dem: ElevationGrid;
  /** Caption, e.g. "terrain: Copernicus GLO-90 (4 tiles)". */
  label: string;
  /**
   * AEQD node spacing, metres (default: the DEM's spacing at each site, but at least a quarter of
   * the region grid's resolution — finer terrain than that changes a 1 km map little and costs
   * the square of the ratio in time).
   */
  cellM?: number;
  raysPerCell?: number;
  onProgress?: (done: number, total: number) => void;
}

function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  return { lat: 111_132.954 - 559.822 * Math.cos((2 * latDeg * Math.PI) / 180), lon: 111_412.84 * Math.cos((latDeg * Math.PI) / 180) };
}

/** Box (site AEQD frame, metres) of the region cells within the frame's reach, grown by `padM`. */
export function frameExtent(frame: SiteFrame, padM: number): AeqdExtent {
  let minXM = 0;
  let maxXM = 0;
  let minYM = 0;
  let maxYM = 0;
  const r = frame.rangeM;
  const az = frame.azimuthRad;
  for (let k = 0; k < r.length; k++) {
    const s = r[k];
    if (!(s <= frame.maxReachM)) continue;
    const x = s * Math.sin(az[k]);
    const y = s * Math.cos(az[k]);
    if (x < minXM) minXM = x;
    if (x > maxXM) maxXM = x;
    if (y < minYM) minYM = y;
    if (y > maxYM) maxYM = y;
  }
  return { minXM: minXM - padM, maxXM: maxXM + padM, minYM: minYM - padM, maxYM: maxYM + padM };
}

/** Ground MSL at every region cell centre, bilinear from the DEM. */
export function regionGround(grid: RegionGrid, dem: ElevationGrid): Float32Array {
  const out = new Float32Array(grid.width * grid.height);
  for (let j = 0; j < grid.height; j++) {
    const lat = cellLatDeg(grid, j);
    for (let i = 0; i < grid.width; i++) out[j * grid.width + i] = elevationAt(dem, cellLonDeg(grid, i), lat);
  }
  return out;
}

/** Builds the terrain VisibilityProvider for a scenario's sites over `dem`. */
export async function buildTerrainVisibility(input: TerrainBuildInput): Promise<TerrainVisibility> {
  const { grid, sites, frames, earthRadiusM, dem } = input;
  if (dem.crs !== 'geographic') throw new TypeError('buildTerrainVisibility needs a geographic (longitude/latitude) DEM');
  const source = shareDem(dem);
  const groundBuf = new SharedArrayBuffer(grid.width * grid.height * 4);
  const ground = new Float32Array(groundBuf);
  ground.set(regionGround(grid, dem));
  const siteGround: number[] = [];
  for (const s of sites) {
    const g = elevationAt(dem, s.lonDeg, s.latDeg);
    if (g !== g) throw new RangeError(`site ${s.id} (${s.lonDeg}, ${s.latDeg}) lies outside the DEM or on a void`);
    siteGround.push(g);
  }
  const heights = sites.map((s) => [...new Set(s.radars.map((r) => r.antennaHeightM))]);
  const total = sites.reduce((a, _s, i) => a + 1 + 2 * heights[i].length, 0);
  let done = 0;
  const step = (): void => input.onProgress?.(++done, total);
  const rasters = new Map<string, Float32Array>();
  const bands = Math.max(1, threadCount() * 2);

  for (let si = 0; si < sites.length; si++) {
    const site = sites[si];
    const frame = frames[si];
    const mpd = metresPerDegree(site.latDeg);
    const cellM = input.cellM ?? Math.max(10, Math.min(dem.dy * mpd.lat, dem.dx * mpd.lon), grid.resolutionM / 4);
    // The site frame only needs to hold the region cells within reach (and the paths to them,
    // which lie in the same box): often far less than the full square of the reach.
    // The sweep's planar site frame holds to 0.3·a_e (~2,500 km on a 4/3 earth); nothing below
    // orbit is seen farther over the curvature, so the reach is clamped there.
    const sweepReachM = Math.min(frame.maxReachM, MAX_SWEEP_RANGE_FRACTION * earthRadiusM);
    const spec = aeqdSpecFor(site.lonDeg, site.latDeg, sweepReachM, cellM, frameExtent(frame, 2 * cellM));
    const width = spec.west + spec.east + 1;
    const height = spec.north + spec.south + 1;
    const aeqdBuf = new SharedArrayBuffer(width * height * 4);
    const rowsPer = Math.ceil(height / bands);
    const aeqdTasks: TerrainTask[] = [];
    for (let r = 0; r < height; r += rowsPer) aeqdTasks.push({ kind: 'aeqd', source, spec, out: aeqdBuf, rowStart: r, rowEnd: Math.min(height - 1, r + rowsPer - 1) });
    await runTasks(aeqdTasks);
    step();
    const g = aeqdGrid(spec, new Float32Array(aeqdBuf));
    const siteDem: SharedDem = { buffer: aeqdBuf, width, height, crs: 'planar', x0: g.x0, y0: g.y0, dx: g.dx, dy: g.dy };
    const rangeBuf = shared(frame.rangeM);
    const azBuf = shared(frame.azimuthRad);
    for (const agl of heights[si]) {
      const antennaMslM = siteGround[si] + agl;
      const horizon = await horizonSweepParallel({
        dem: siteDem,
        observerCol: spec.west,
        observerRow: spec.north,
        antennaMslM,
        earthRadiusM,
        maxRangeM: sweepReachM,
        raysPerCell: input.raysPerCell,
      });
      step();
      const outBuf = new SharedArrayBuffer(grid.width * grid.height * 4);
      const rs: ResampleSpec = { cellM: spec.cellM, width, height, west: spec.west, north: spec.north, antennaMslM, earthRadiusM, maxRangeM: sweepReachM };
      const gridRows = Math.ceil(grid.height / bands);
      const tasks: TerrainTask[] = [];
      for (let r = 0; r < grid.height; r += gridRows) {
        tasks.push({ kind: 'resample', grid, spec: rs, horizon: horizon.buffer as SharedArrayBuffer, horizonOffset: horizon.byteOffset, horizonLength: horizon.length, rangeM: rangeBuf, azimuthRad: azBuf, ground: groundBuf, out: outBuf, rowStart: r, rowEnd: Math.min(grid.height - 1, r + gridRows - 1) });
      }
      await runTasks(tasks);
      step();
      rasters.set(terrainRasterKey(si, agl), new Float32Array(outBuf));
    }
  }
  return new TerrainVisibility({
    label: input.label,
    earthRadiusM,
    dem,
    sites: sites.map((s) => ({ lonDeg: s.lonDeg, latDeg: s.latDeg })),
    siteGroundMslM: siteGround,
    groundMslM: ground,
    minVisibleMslM: rasters,
  });
}
