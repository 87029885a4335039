/**
 * Worker for the terrain kernels: runs a range of rays of the geodesic sweep over a geographic DEM
 * (or of wedges of the planar sweep), or resamples a band of region rows — always reading and
 * writing shared buffers, so nothing large crosses threads.
 */
import {
  geodesicSweep,
  horizonSweep,
  makeElevationGrid,
  makeGeodesicSweepScratch,
  makeSweepScratch,
  resampleHorizonRows,
  type ElevationCrs,
  type GeodesicSweepSetup,
  type NodeWindow,
  type RegionGrid,
  type ResampleSpec,
  type SweepSetup,
} from '@parapet/core';
import { runWasmSweep, type WasmSweepTask } from './wasm-sweep.js';

export interface SharedDem {
  buffer: SharedArrayBuffer;
  /** Where the heights start in `buffer` (bytes; default 0). */
  byteOffset?: number;
  width: number;
  height: number;
  crs: ElevationCrs;
  x0: number;
  y0: number;
  dx: number;
  dy: number;
}

/** What one horizon sweep needs; shared by the parallel driver and its tasks. */
export interface SweepParams {
  dem: SharedDem;
  observerCol: number;
  observerRow: number;
  antennaMslM: number;
  earthRadiusM: number;
  maxRangeM: number;
  raysPerCell: number;
  output?: 'horizon' | 'minVisibleMsl' | 'minVisibleAgl';
}

export interface SweepTask extends SweepParams {
  kind: 'sweep';
  out: SharedArrayBuffer;
  wedgeStart: number;
  wedgeEnd: number;
}

/** Rays [rayStart, rayEnd) of one site's geodesic sweep; `out` is window-sized. */
export interface GeodesicSweepTask {
  kind: 'geodesic-sweep';
  dem: SharedDem;
  siteLonDeg: number;
  siteLatDeg: number;
  antennaMslM: number;
  earthRadiusM: number;
  maxRangeM: number;
  window: NodeWindow;
  out: SharedArrayBuffer;
  /** Window-sized node ranges, if wanted. */
  range?: SharedArrayBuffer;
  rayStart: number;
  rayEnd: number;
}

export interface ResampleTask {
  kind: 'resample';
  grid: RegionGrid;
  spec: ResampleSpec;
  horizon: SharedArrayBuffer;
  /** Byte offset and length (values) of the horizon raster in `horizon`. */
  horizonOffset: number;
  horizonLength: number;
  rangeM: SharedArrayBuffer;
  ground: SharedArrayBuffer | null;
  out: SharedArrayBuffer;
  rowStart: number;
  rowEnd: number;
}

export type TerrainTask = SweepTask | GeodesicSweepTask | ResampleTask | WasmSweepTask;

export function demFromShared(d: SharedDem): ReturnType<typeof makeElevationGrid> {
  return makeElevationGrid(
    d.width,
    d.height,
    { crs: d.crs, x0: d.x0, y0: d.y0, dx: d.dx, dy: d.dy },
    new Float32Array(d.buffer, d.byteOffset ?? 0, d.width * d.height),
  );
}

export function runTerrainTask(task: TerrainTask): number {
  if (task.kind === 'wasm-sweep') return runWasmSweep(task);
  if (task.kind === 'sweep') {
    const setup: SweepSetup = {
      dem: demFromShared(task.dem),
      observerCol: task.observerCol,
      observerRow: task.observerRow,
      antennaMslM: task.antennaMslM,
      earthRadiusM: task.earthRadiusM,
      maxRangeM: task.maxRangeM,
      raysPerCell: task.raysPerCell,
      output: task.output,
    };
    horizonSweep(setup, new Float32Array(task.out), task.wedgeStart, task.wedgeEnd, makeSweepScratch(setup));
    return task.wedgeEnd - task.wedgeStart;
  }
  if (task.kind === 'geodesic-sweep') {
    const setup: GeodesicSweepSetup = { ...task, dem: demFromShared(task.dem) };
    geodesicSweep(
      setup,
      new Float32Array(task.out),
      task.rayStart,
      task.rayEnd,
      makeGeodesicSweepScratch(setup),
      task.range ? new Float32Array(task.range) : undefined,
    );
    return task.rayEnd - task.rayStart;
  }
  resampleHorizonRows(
    task.grid,
    task.spec,
    new Float32Array(task.horizon, task.horizonOffset, task.horizonLength),
    new Float32Array(task.rangeM),
    task.ground ? new Float32Array(task.ground) : undefined,
    new Float32Array(task.out),
    task.rowStart,
    task.rowEnd,
  );
  return task.rowEnd - task.rowStart + 1;
}

export default runTerrainTask;
