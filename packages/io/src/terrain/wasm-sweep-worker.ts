/** Worker for the WebAssembly horizon sweep alone: imports nothing heavy, so threads start fast. */
import { runWasmSweep, type WasmSweepTask } from './wasm-sweep.js';

export default function run(task: WasmSweepTask): number {
  return runWasmSweep(task);
}
