/**
 * A block of raid runs as it travels over the queue: its parameters (JSON job data) and how a
 * worker runs it. The block's runs use the random-stream states the submitter computed for them
 * (`streamStates(seed, 0, runs)`, sliced), exactly as a worker thread does in a local run, so each
 * run's outcome is the same wherever it ran and the merged table does not depend on the split.
 */
import { mergeRunTable, newRunTable, runRaidBlock, STREAM_STATE_WORDS, type RunTable, type SimLogEvent, type SimModel } from '@parapet/core';
import { base64ToInt32 } from './queue-protocol.js';

export interface SimBlockParams {
  seed: number;
  firstRun: number;
  runs: number;
  /** Event logs are kept for runs < logRuns. */
  logRuns: number;
  /** Stream states of the block's runs, base64 of Int32 words (4 per run). */
  states: string;
}

export interface SimBlockResult {
  table: RunTable;
  logs: [number, SimLogEvent[]][];
}

/** Progress is reported about ten times per block. */
const PROGRESS_STEPS = 10;

/**
 * Runs the block in about ten slices, awaiting `onProgress(runsDone)` after each (this is where a
 * sandboxed worker reports progress and notices that its parent has gone).
 */
export async function runSimBlock(model: SimModel, p: SimBlockParams, onProgress: (runsDone: number) => Promise<void>): Promise<SimBlockResult> {
  const states = base64ToInt32(p.states);
  if (states.length !== p.runs * STREAM_STATE_WORDS)
    throw new RangeError(`block of ${p.runs} runs carries stream states for ${states.length / STREAM_STATE_WORDS} runs`);
  const table = newRunTable(model, p.firstRun, p.runs);
  const logs: [number, SimLogEvent[]][] = [];
  const slice = Math.max(1, Math.ceil(p.runs / PROGRESS_STEPS));
  for (let r = 0; r < p.runs; r += slice) {
    const n = Math.min(slice, p.runs - r);
    const part = runRaidBlock(model, {
      seed: p.seed,
      firstRun: p.firstRun + r,
      runs: n,
      states: states.subarray(r * STREAM_STATE_WORDS, (r + n) * STREAM_STATE_WORDS),
      logRun: (x) => x < p.logRuns,
    });
    mergeRunTable(table, part.table);
    logs.push(...part.logs);
    await onProgress(r + n);
  }
  return { table, logs };
}
