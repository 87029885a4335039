/**
 * The WebAssembly horizon sweep must reproduce the TypeScript kernel of core (itself checked
 * against the exact line-of-sight oracle) value for value — this also catches a stale
 * packages/io/wasm/horizon-sweep.wasm after a change to either kernel.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { coneTerrain, fractalTerrain, horizonSweepAll, sweepWedgeCounts, type ElevationGrid, type SweepSetup } from '@parapet/core';
import { closePools, threadCount } from '../pipeline/worker-pool.js';
import { horizonSweepParallel, shareDem } from './terrain-visibility.js';
import { allocSweepMemory, runWasmSweep, wasmSweepModule } from './wasm-sweep.js';

afterAll(closePools);

const A_E = (4 / 3) * 6371008.8;

function compare(dem: ElevationGrid, setup: Omit<SweepSetup, 'dem'>): void {
  const full: SweepSetup = { ...setup, dem };
  const expected = horizonSweepAll(full);
  const mem = allocSweepMemory(dem.width, dem.height, 3);
  expect(mem).toBeDefined();
  if (!mem) return;
  mem.heights.set(dem.heightsM);
  mem.out.fill(NaN);
  const total = sweepWedgeCounts(full).reduce((a, b) => a + b, 0);
  const cuts = [0, Math.floor(total / 3), Math.floor((2 * total) / 3), total];
  for (let c = 0; c < 3; c++) {
    runWasmSweep({
      kind: 'wasm-sweep',
      memory: mem.memory,
      hPtr: mem.hPtr,
      outPtr: mem.outPtr,
      scratchPtr: mem.scratchPtr + c * mem.scratchStride,
      width: dem.width,
      height: dem.height,
      dx: dem.dx,
      dy: dem.dy,
      observerCol: setup.observerCol,
      observerRow: setup.observerRow,
      antennaMslM: setup.antennaMslM,
      earthRadiusM: setup.earthRadiusM,
      maxRangeM: setup.maxRangeM,
      raysPerCell: setup.raysPerCell ?? 1,
      mode: setup.output === 'minVisibleAgl' ? 2 : setup.output === 'minVisibleMsl' ? 1 : 0,
      wedgeStart: cuts[c],
      wedgeEnd: cuts[c + 1],
    });
  }
  let mismatches = 0;
  for (let k = 0; k < expected.length; k++) {
    const a = expected[k];
    const b = mem.out[k];
    if (!(a === b || (a !== a && b !== b))) mismatches++;
  }
  expect(mismatches).toBe(0);
}

describe('WebAssembly horizon sweep', () => {
  it('is built and loads', () => {
    expect(wasmSweepModule(), 'packages/io/wasm/horizon-sweep.wasm missing: npm run build:wasm -w packages/io').toBeDefined();
  });

  it('matches the TypeScript kernel exactly: fractal, all outputs and densities, centred and off-centre observers', () => {
    const dem = fractalTerrain(301, 233, 90, { seed: 5, amplitudeM: 800, wavelengthM: 15_000 });
    for (const output of ['horizon', 'minVisibleMsl', 'minVisibleAgl'] as const) {
      compare(dem, { observerCol: 150, observerRow: 116, antennaMslM: dem.heightsM[116 * 301 + 150] + 30, earthRadiusM: A_E, maxRangeM: 14_000, output });
    }
    compare(dem, { observerCol: 7, observerRow: 220, antennaMslM: 500, earthRadiusM: A_E, maxRangeM: 40_000, raysPerCell: 0.5, output: 'minVisibleMsl' });
    compare(dem, { observerCol: 290, observerRow: 3, antennaMslM: 200, earthRadiusM: A_E, maxRangeM: 9_000, raysPerCell: 2 });
  });

  it('matches on cones with rectangular cells', () => {
    const g = coneTerrain(161, 121, 100, [{ xM: 2000, yM: 500, peakM: 400, radiusM: 1500 }]);
    compare({ ...g, dy: 75 }, { observerCol: 80, observerRow: 60, antennaMslM: 40, earthRadiusM: A_E, maxRangeM: 10_000, output: 'minVisibleAgl' });
  });

  it('over int16 heights (−32768 voids) gives the TypeScript kernel values on the same heights', async () => {
    const f = fractalTerrain(201, 201, 90, { seed: 3, amplitudeM: 600, wavelengthM: 8000 });
    const i16 = Int16Array.from(f.heightsM, (z) => Math.round(z));
    i16[100 * 201 + 140] = -32768;
    const dem = { ...f, heightsM: Float32Array.from(i16, (v) => (v === -32768 ? NaN : v)) };
    const setup = {
      observerCol: 100,
      observerRow: 100,
      antennaMslM: dem.heightsM[100 * 201 + 100] + 30,
      earthRadiusM: A_E,
      maxRangeM: 9000,
      output: 'minVisibleAgl' as const,
    };
    const expected = horizonSweepAll({ ...setup, dem });
    const mem = allocSweepMemory(201, 201, threadCount() * 8, 'i16');
    expect(mem).toBeDefined();
    if (!mem) return;
    mem.heights.set(i16);
    const got = await horizonSweepParallel({ ...setup, dem: { ...shareDem(dem) }, memory: mem });
    expect(Array.from(got)).toEqual(Array.from(expected));
  });

  it('horizonSweepParallel gives the TypeScript kernel values through the worker pool', async () => {
    const dem = fractalTerrain(401, 401, 90, { seed: 9 });
    const setup = {
      observerCol: 200,
      observerRow: 200,
      antennaMslM: dem.heightsM[200 * 401 + 200] + 25,
      earthRadiusM: A_E,
      maxRangeM: 18_000,
      output: 'minVisibleAgl' as const,
    };
    const expected = horizonSweepAll({ ...setup, dem });
    const got = await horizonSweepParallel({ ...setup, dem: shareDem(dem) });
    expect(Array.from(got)).toEqual(Array.from(expected));
  });
});
