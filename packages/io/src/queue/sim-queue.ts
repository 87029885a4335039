/**
 * `parapet simulate --queue`: the runs of a prepared raid model as blocks on the queue, merged
 * into one run table by run number. Each run's random stream is the one a local run gives it
 * (`streamStates(seed, 0, runs)`), and `summarizeRuns` reads the table in run order, so the
 * summary, the runs table and the event logs are byte-identical to a local run with the same
 * seed whatever the block size, the number of workers and the order blocks finished in.
 */
import { mergeRunTable, newRunTable, STREAM_STATE_WORDS, streamStates, type RunTable, type SimLogEvent, type SimModel } from '@parapet/core';
import { int32ToBase64 } from './queue-protocol.js';
import { runFlow, type FlowBlock, type FlowRunStats } from './run-flow.js';
import type { SimBlockParams, SimBlockResult } from './sim-block.js';
import { parseQueueUrl, type QueueUrl } from './queue-url.js';

export interface QueueRunOptions {
  /** `redis://HOST:PORT`, as text or parsed. */
  queue: string | QueueUrl;
  /** Units of work per block (default: see `defaultQueueBlockRuns`). */
  blockRuns?: number;
  /** Seconds without progress before giving up (default 300). */
  idleTimeoutSec?: number;
  onNotice?: (message: string) => void;
  signal?: AbortSignal;
}

/**
 * Runs per block on the queue: about 64 blocks (enough for 16 worker processes to share four
 * each), at least 250 runs (≈0.2 s of the demo raids, so a block costs far more than its trip
 * through Redis), at most 10,000.
 */
export function defaultQueueBlockRuns(runs: number): number {
  return Math.min(10_000, Math.max(250, Math.ceil(runs / 64)));
}

export async function runSimulationOnQueue(
  model: SimModel,
  opts: { runs: number; seed: number; logRuns?: number; onProgress?: (doneRuns: number, totalRuns: number) => void } & QueueRunOptions,
): Promise<{ table: RunTable; logs: Map<number, SimLogEvent[]>; threads: number; queue: FlowRunStats }> {
  const { runs, seed } = opts;
  if (!Number.isInteger(runs) || runs < 1) throw new RangeError(`runs must be a positive integer, got ${runs}`);
  const url = typeof opts.queue === 'string' ? parseQueueUrl(opts.queue) : opts.queue;
  const logRuns = opts.logRuns ?? 0;
  const block = opts.blockRuns ?? defaultQueueBlockRuns(runs);
  if (!Number.isInteger(block) || block < 1) throw new RangeError(`blockRuns must be a positive integer, got ${block}`);
  const states = streamStates(seed, 0, runs);
  const blocks: FlowBlock[] = [];
  for (let first = 0; first < runs; first += block) {
    const n = Math.min(block, runs - first);
    const params: SimBlockParams = {
      seed,
      firstRun: first,
      runs: n,
      logRuns,
      states: int32ToBase64(states.subarray(first * STREAM_STATE_WORDS, (first + n) * STREAM_STATE_WORDS)),
    };
    blocks.push({ params, weight: n });
  }
  const table = newRunTable(model, 0, runs);
  const logs = new Map<number, SimLogEvent[]>();
  const stats = await runFlow({
    url,
    kind: 'sim',
    name: model.scenarioName,
    input: model,
    blocks,
    idleTimeoutSec: opts.idleTimeoutSec ?? 300,
    onProgress: opts.onProgress,
    onNotice: opts.onNotice,
    signal: opts.signal,
    onResult: (_, value) => {
      const r = value as SimBlockResult;
      mergeRunTable(table, r.table);
      for (const [k, v] of r.logs) logs.set(k, v);
    },
  });
  return { table, logs, threads: stats.workers.length, queue: stats };
}
