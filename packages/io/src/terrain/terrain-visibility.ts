/**
 * Terrain-masked line of sight for a scenario, spread over worker threads: per site and antenna
 * height, the geodesic sweep runs over the geographic DEM's own grid in chunks of rays (core
 * visibility/geodesic-sweep.ts), and the horizon is resampled onto the region grid as minimum
 * visible heights. Every large array lives in a SharedArrayBuffer; workers write disjoint parts of
 * it. The planar sweep (`horizonSweepParallel`) serves planar DEMs and the viewshed benchmark.
 */
import {
  cellLatDeg,
  checkGeodesicSweepSetup,
  checkSweepSetup,
  cellLonDeg,
  elevationAt,
  finishGeodesicSweep,
  geodesicSweepRayCounts,
  geodesicSweepWindow,
  MAX_SWEEP_RANGE_FRACTION,
  sweepWedgeCounts,
  terrainRasterKey,
  TerrainVisibility,
  type ElevationGrid,
  type GeodesicSweepSetup,
  type NodeWindow,
  type RegionGrid,
  type ResampleSpec,
  type ResolvedSite,
  type SiteFrame,
  type SweepSetup,
} from '@parapet/core';
import { poolFor, threadCount } from '../pipeline/worker-pool.js';
import { cachedTerrainRaster } from './terrain-cache.js';
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
  const dem = input.memory
    ? { width: d.width, height: d.height, heightsM: new Float32Array(0), crs: d.crs, x0: d.x0, y0: d.y0, dx: d.dx, dy: d.dy }
    : demFromShared(d);
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

/** One site's geodesic sweep over a shared geographic DEM (window-sized outputs in shared memory). */
export interface GeodesicSweepInput {
  dem: SharedDem;
  siteLonDeg: number;
  siteLatDeg: number;
  antennaMslM: number;
  earthRadiusM: number;
  maxRangeM: number;
  window: NodeWindow;
  /** Also return each node's geodesic range from the site. */
  withRange?: boolean;
}

/**
 * The geodesic sweep (core visibility/geodesic-sweep.ts) of one antenna, in chunks of rays across
 * the worker threads: tan(horizon elevation) per window node (NaN beyond range), and the nodes'
 * ranges if asked. Any split gives the same values.
 */
export async function geodesicSweepParallel(input: GeodesicSweepInput): Promise<Float32Array & { rangeM?: Float32Array }> {
  const setup: GeodesicSweepSetup = { ...input, dem: demFromShared(input.dem) };
  checkGeodesicSweepSetup(setup);
  const { c0, c1, r0, r1 } = input.window;
  const nodes = (c1 - c0 + 1) * (r1 - r0 + 1);
  const out = new SharedArrayBuffer(nodes * 4);
  const horizon: Float32Array & { rangeM?: Float32Array } = new Float32Array(out).fill(NaN);
  const range = input.withRange ? new SharedArrayBuffer(nodes * 4) : undefined;
  if (range) new Float32Array(range).fill(NaN);
  const rays = geodesicSweepRayCounts(setup).reduce((a, b) => a + b, 0);
  const per = Math.ceil(rays / Math.max(1, threadCount() * 8));
  const tasks: TerrainTask[] = [];
  for (let r = 0; r < rays; r += per) tasks.push({ kind: 'geodesic-sweep', ...input, out, range, rayStart: r, rayEnd: Math.min(rays, r + per) });
  await runTasks(tasks);
  finishGeodesicSweep(setup, horizon);
  if (range) horizon.rangeM = new Float32Array(range);
  return horizon;
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
  onProgress?: (done: number, total: number) => void;
  /**
   * What identifies `dem` (its files, fill and window). With it, each site's rasters are kept in
   * the process-wide terrain cache (terrain-cache.ts) and reused by later builds over the same DEM.
   */
  demKey?: string;
}

/** What identifies a region grid in cache keys. */
function gridKey(g: RegionGrid): string {
  return `${g.westDeg},${g.southDeg},${g.eastDeg},${g.northDeg},${g.width}x${g.height}`;
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
  const total = sites.reduce((a, _s, i) => a + 1 + heights[i].length, 0);
  let done = 0;
  const step = (): void => input.onProgress?.(++done, total);
  const rasters = new Map<string, Float32Array>();
  const bands = Math.max(1, threadCount() * 2);

  for (let si = 0; si < sites.length; si++) {
    const site = sites[si];
    const frame = frames[si];
    // No radar below orbit sees farther over the curvature than 0.3·a_e (~2,500 km on a 4/3
    // earth), so a longer instrumented range is clamped there.
    const reachM = Math.min(frame.maxReachM, MAX_SWEEP_RANGE_FRACTION * earthRadiusM);
    const window = geodesicSweepWindow(dem, grid, site.lonDeg, site.latDeg, frame.rangeM, reachM);
    const windowNodes = (window.c1 - window.c0 + 1) * (window.r1 - window.r0 + 1);
    const rangeBuf = shared(frame.rangeM);
    step();
    for (const agl of heights[si]) {
      const antennaMslM = siteGround[si] + agl;
      const compute = async (): Promise<Float32Array> => {
        const horizon = await geodesicSweepParallel({
          dem: source,
          siteLonDeg: site.lonDeg,
          siteLatDeg: site.latDeg,
          antennaMslM,
          earthRadiusM,
          maxRangeM: reachM,
          window,
        });
        const horizonBuf = horizon.buffer as SharedArrayBuffer;
        const outBuf = new SharedArrayBuffer(grid.width * grid.height * 4);
        const rs: ResampleSpec = { x0: dem.x0, y0: dem.y0, dx: dem.dx, dy: dem.dy, window, antennaMslM, earthRadiusM, maxRangeM: reachM };
        const gridRows = Math.ceil(grid.height / bands);
        const tasks: TerrainTask[] = [];
        for (let r = 0; r < grid.height; r += gridRows) {
          tasks.push({
            kind: 'resample',
            grid,
            spec: rs,
            horizon: horizonBuf,
            horizonOffset: 0,
            horizonLength: windowNodes,
            rangeM: rangeBuf,
            ground: groundBuf,
            out: outBuf,
            rowStart: r,
            rowEnd: Math.min(grid.height - 1, r + gridRows - 1),
          });
        }
        await runTasks(tasks);
        return new Float32Array(outBuf);
      };
      const key = input.demKey === undefined ? undefined : `${input.demKey}|${gridKey(grid)}|${site.lonDeg},${site.latDeg}|${reachM}|${agl}|${earthRadiusM}`;
      rasters.set(terrainRasterKey(si, agl), key === undefined ? await compute() : await cachedTerrainRaster(key, compute));
      step();
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
