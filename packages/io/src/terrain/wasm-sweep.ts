/**
 * The WebAssembly horizon sweep (packages/io/assembly/horizon-sweep.ts, built to
 * packages/io/wasm/horizon-sweep.wasm): loading, shared memory layout, and one call over a wedge
 * range. Every thread instantiates the module over the same shared WebAssembly.Memory, which
 * holds the heights, the output and one scratch slot per task. PARAPET_KERNEL=js turns it off
 * (the TypeScript kernel in core is then used, with identical results).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM_FILE = fileURLToPath(new URL('../../wasm/horizon-sweep.wasm', import.meta.url));

/** The parts of the WebAssembly JS API used here (the io build has no DOM/wasm lib types). */
export interface WasmMemory {
  readonly buffer: SharedArrayBuffer;
}
type WasmModule = object;
interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (module: WasmModule, imports: object) => { exports: unknown };
  Memory: new (descriptor: { initial: number; maximum: number; shared: boolean }) => WasmMemory;
}
const WA = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
const PAGE = 65536;
const MAX_BYTES = 4 * 1024 * 1024 * 1024 - PAGE;

interface SweepExports {
  sweep(
    hPtr: number,
    outPtr: number,
    scratchPtr: number,
    width: number,
    height: number,
    dx: number,
    dy: number,
    observerCol: number,
    observerRow: number,
    antennaMslM: number,
    earthRadiusM: number,
    maxRangeM: number,
    raysPerCell: number,
    mode: number,
    wedgeStart: number,
    wedgeEnd: number,
  ): void;
  scratchBytes(nMax: number): number;
  sweepI16: SweepExports['sweep'];
}

let compiled: WasmModule | null | undefined;

/** The compiled module, or undefined when it is missing, disabled or this engine lacks threads. */
export function wasmSweepModule(): WasmModule | undefined {
  if (compiled === undefined) {
    compiled = null;
    if (process.env.PARAPET_KERNEL !== 'js' && existsSync(WASM_FILE)) {
      try {
        compiled = new WA.Module(readFileSync(WASM_FILE));
      } catch {
        compiled = null;
      }
    }
  }
  return compiled ?? undefined;
}

export function instantiateSweep(memory: WasmMemory): SweepExports {
  const mod = wasmSweepModule();
  if (!mod) throw new Error('the WebAssembly horizon sweep is not available');
  const inst = new WA.Instance(mod, {
    env: {
      memory,
      abort: () => {
        throw new Error('horizon sweep (wasm) aborted');
      },
    },
  });
  return inst.exports as unknown as SweepExports;
}

/** A shared memory laid out for one sweep: heights, output, and `slots` scratch areas. */
export interface SweepMemory {
  memory: WasmMemory;
  width: number;
  height: number;
  /** float32 heights with NaN voids, or int16 heights with −32768 voids. */
  heightType: 'f32' | 'i16';
  hPtr: number;
  outPtr: number;
  scratchPtr: number;
  scratchStride: number;
  slots: number;
  /** Views on the memory: write the DEM into `heights`; the result appears in `out`. */
  heights: Float32Array | Int16Array;
  out: Float32Array;
}

const align = (n: number): number => Math.ceil(n / 64) * 64;

/** Allocates the memory for a width × height grid; undefined if it would exceed 4 GiB or wasm is off. */
export function allocSweepMemory(width: number, height: number, slots: number, heightType: 'f32' | 'i16' = 'f32'): SweepMemory | undefined {
  if (!wasmSweepModule()) return undefined;
  const n = width * height;
  const nMax = Math.max(width, height);
  // scratchBytes is a pure function of nMax; evaluate it with a throwaway one-page memory.
  const probe = instantiateSweep(new WA.Memory({ initial: 1, maximum: 1, shared: true }));
  const scratchStride = align(probe.scratchBytes(nMax));
  const hPtr = PAGE;
  const outPtr = hPtr + align(n * (heightType === 'i16' ? 2 : 4));
  const scratchPtr = outPtr + align(n * 4);
  const total = scratchPtr + slots * scratchStride;
  if (total > MAX_BYTES) return undefined;
  const pages = Math.ceil(total / PAGE);
  const memory = new WA.Memory({ initial: pages, maximum: pages, shared: true });
  return {
    memory,
    width,
    height,
    heightType,
    hPtr,
    outPtr,
    scratchPtr,
    scratchStride,
    slots,
    heights: heightType === 'i16' ? new Int16Array(memory.buffer, hPtr, n) : new Float32Array(memory.buffer, hPtr, n),
    out: new Float32Array(memory.buffer, outPtr, n),
  };
}

export interface WasmSweepTask {
  kind: 'wasm-sweep';
  memory: WasmMemory;
  hPtr: number;
  outPtr: number;
  scratchPtr: number;
  width: number;
  height: number;
  dx: number;
  dy: number;
  observerCol: number;
  observerRow: number;
  antennaMslM: number;
  earthRadiusM: number;
  maxRangeM: number;
  raysPerCell: number;
  mode: 0 | 1 | 2;
  /** Heights are int16 (−32768 voids) rather than float32. */
  i16?: boolean;
  wedgeStart: number;
  wedgeEnd: number;
}

export function runWasmSweep(t: WasmSweepTask): number {
  const ex = instantiateSweep(t.memory);
  (t.i16 ? ex.sweepI16 : ex.sweep)(
    t.hPtr,
    t.outPtr,
    t.scratchPtr,
    t.width,
    t.height,
    t.dx,
    t.dy,
    t.observerCol,
    t.observerRow,
    t.antennaMslM,
    t.earthRadiusM,
    t.maxRangeM,
    t.raysPerCell,
    t.mode,
    t.wedgeStart,
    t.wedgeEnd,
  );
  return t.wedgeEnd - t.wedgeStart;
}
