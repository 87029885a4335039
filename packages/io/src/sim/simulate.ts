/**
 * Monte Carlo of a scenario's raids, spread over worker threads: the model is prepared once on
 * this thread (geometry, line of sight — terrain when the scenario has a DEM — Pd and
 * time-of-flight tables), its arrays are placed in
 * shared memory, and blocks of runs go to the workers with the random-stream states of their
 * runs. Outcomes are merged by run number, so the same seed gives byte-identical results with
 * any number of threads (PARAPET_THREADS).
 */
import {
  effectiveEarthRadiusM,
  GridSampledVisibility,
  resolveSites,
  siteMaxReachM,
  mergeRunTable,
  newRunTable,
  prepareSimulation,
  runRaidBlock,
  SmoothEarthVisibility,
  STREAM_STATE_WORDS,
  streamStates,
  summarizeRuns,
  type Catalog,
  type DetectionModel,
  type RunTable,
  type Scenario,
  type SimLogEvent,
  type SimModel,
  type SimSummary,
  type ValueCase,
  type VisibilityProvider,
} from '@parapet/core';
import type { SimTask, SimTaskResult } from './sim-worker.js';
import { scenarioGrid } from '../pipeline/coverage.js';
import { computeSiteFrames } from '../pipeline/site-frames.js';
import { poolFor, threadCount } from '../pipeline/worker-pool.js';
import { scenarioTerrainVisibility } from '../terrain/scenario-terrain.js';

export interface SimulateOptions {
  runs: number;
  seed: number;
  valueCase?: ValueCase;
  /** Line of sight and ground; default: smooth earth with the scenario's k factor. */
  visibility?: VisibilityProvider;
  /** Per-scan Pd model; default: Swerling Pd from each radar's calibration (core). */
  detection?: DetectionModel;
  /** false: leave out the scenario's stand-off jammers (default: they act when the scenario has any). */
  jamming?: boolean;
  /** Keep the event logs of runs 0 … logRuns−1 (default 0). */
  logRuns?: number;
  /** Runs per worker task (default: about 8 tasks per thread, at least 100 runs). */
  blockRuns?: number;
  onProgress?: (doneRuns: number, totalRuns: number) => void;
  /**
   * Runs the prepared model (default `runSimulationModel`, worker threads); `parapet simulate
   * --queue` passes `runSimulationOnQueue` (queue/sim-queue.ts). `threads` is then the number of
   * worker processes that delivered blocks.
   */
  runModel?: (
    model: SimModel,
    opts: Pick<SimulateOptions, 'runs' | 'seed' | 'logRuns' | 'blockRuns' | 'onProgress'>,
  ) => Promise<{ table: RunTable; logs: Map<number, SimLogEvent[]>; threads: number }>;
  /** Progress of the line-of-sight preparation of a scenario with terrain. */
  onPhase?: (phase: 'frames' | 'terrain', done: number, total: number) => void;
}

export interface SimulationResult {
  model: SimModel;
  summary: SimSummary;
  table: RunTable;
  /** Event logs by run number. */
  logs: Map<number, SimLogEvent[]>;
  threads: number;
  prepareMs: number;
  runMs: number;
}

/** Copies every typed array of the model into shared memory (workers then read without copies). */
function shareModel(model: SimModel): SimModel {
  const share = <T extends Float32Array | Float64Array | Int32Array | Int8Array>(a: T): T => {
    const Ctor = a.constructor as new (b: SharedArrayBuffer) => T;
    const out = new Ctor(new SharedArrayBuffer(a.byteLength));
    out.set(a as never);
    return out;
  };
  return {
    ...model,
    groups: model.groups.map((g) => ({ ...g, lonDeg: share(g.lonDeg), latDeg: share(g.latDeg), altMslM: share(g.altMslM), groundMslM: share(g.groundMslM) })),
    targetGroup: share(model.targetGroup),
    targetMember: share(model.targetMember),
    targetStartSec: share(model.targetStartSec),
    pd: model.pd.map(share),
    pdFirst: share(model.pdFirst),
    pdLast: share(model.pdLast),
    tofSec: model.tofSec.map(share),
    tofMissile: model.tofMissile.map(share),
    nextShot: model.nextShot.map(share),
  };
}

/** Runs a prepared model: runs 0 … n−1 of `seed`, on worker threads when there are several. */
export async function runSimulationModel(
  model: SimModel,
  opts: Pick<SimulateOptions, 'runs' | 'seed' | 'logRuns' | 'blockRuns' | 'onProgress'>,
): Promise<{ table: RunTable; logs: Map<number, SimLogEvent[]>; threads: number }> {
  const { runs, seed } = opts;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const logRuns = opts.logRuns ?? 0;
  const threads = threadCount();
  const states = streamStates(seed, 0, runs);
  const pool = threads > 1 && runs >= 200 ? poolFor('sim/sim-worker.js') : undefined;
  const block = opts.blockRuns ?? Math.max(100, Math.ceil(runs / (threads * 8)));
  const table = newRunTable(model, 0, runs);
  const logs = new Map<number, SimLogEvent[]>();
  let done = 0;
  if (!pool) {
    for (let first = 0; first < runs; first += block) {
      const n = Math.min(block, runs - first);
      const r = runRaidBlock(model, {
        seed,
        firstRun: first,
        runs: n,
        states: states.slice(first * STREAM_STATE_WORDS, (first + n) * STREAM_STATE_WORDS),
        logRun: (x) => x < logRuns,
      });
      mergeRunTable(table, r.table);
      for (const [k, v] of r.logs) logs.set(k, v);
      done += n;
      opts.onProgress?.(done, runs);
    }
    return { table, logs, threads: 1 };
  }
  const shared = shareModel(model);
  const tasks: Promise<void>[] = [];
  for (let first = 0; first < runs; first += block) {
    const n = Math.min(block, runs - first);
    const task: SimTask = {
      model: shared,
      seed,
      firstRun: first,
      runs: n,
      states: states.slice(first * STREAM_STATE_WORDS, (first + n) * STREAM_STATE_WORDS),
      logRuns,
    };
    tasks.push(
      (pool.run(task) as Promise<SimTaskResult>).then((r) => {
        mergeRunTable(table, r.table);
        for (const [k, v] of r.logs) logs.set(k, v);
        done += n;
        opts.onProgress?.(done, runs);
      }),
    );
  }
  await Promise.all(tasks);
  // Logs in run order whatever order the blocks finished in.
  const ordered = new Map([...logs].sort((a, b) => a[0] - b[0]));
  return { table, logs: ordered, threads };
}

/**
 * Terrain line of sight for a scenario with a `terrain:` section, built as the coverage pipeline
 * builds it (site frames, horizon sweeps on the region grid); route points take the value of
 * their grid cell (GridSampledVisibility), the value the coverage maps show there.
 */
async function terrainForRaids(scenario: Scenario, catalog: Catalog, opts: SimulateOptions): Promise<VisibilityProvider> {
  const grid = scenarioGrid(scenario);
  const sites = resolveSites(scenario, catalog, opts.valueCase ?? 'nominal');
  const earthRadiusM = effectiveEarthRadiusM(scenario.earth.kFactor);
  const frames = await computeSiteFrames(
    grid,
    sites.map((s) => ({ lonDeg: s.lonDeg, latDeg: s.latDeg, maxReachM: siteMaxReachM(s) })),
    (d, t) => opts.onPhase?.('frames', d, t),
  );
  const terrain = await scenarioTerrainVisibility({ scenario, grid, sites, frames, earthRadiusM, onProgress: (d, t) => opts.onPhase?.('terrain', d, t) });
  return new GridSampledVisibility(terrain, grid);
}

/**
 * What happens to the scenario's raids: `runs` replications from `seed`, summarised with 95%
 * intervals. The function the CLI (`parapet simulate`, `parapet demo`) and the server call.
 */
export async function simulateScenario(scenario: Scenario, catalog: Catalog, opts: SimulateOptions): Promise<SimulationResult> {
  const t0 = performance.now();
  const visibility =
    opts.visibility ??
    (scenario.terrain
      ? await terrainForRaids(scenario, catalog, opts)
      : new SmoothEarthVisibility(effectiveEarthRadiusM(scenario.earth.kFactor), [], scenario.earth.kFactor));
  const model = prepareSimulation(scenario, catalog, visibility, { valueCase: opts.valueCase, detection: opts.detection, jamming: opts.jamming });
  const t1 = performance.now();
  const { table, logs, threads } = await (opts.runModel ?? runSimulationModel)(model, opts);
  const summary = summarizeRuns(model, table, opts.seed);
  return { model, summary, table, logs, threads, prepareMs: t1 - t0, runMs: performance.now() - t1 };
}
