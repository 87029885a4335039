/**
 * `parapet sensitivity --queue`: the analysis' design points in blocks on the queue
 * (sensitivity/block.ts is the unit of work), merged by `mergeSensitivityBlocks`, which puts the
 * blocks in point order — the document is byte-identical to a local run with the same seed
 * whatever the split and the workers. Workers need no file: the scenario goes as text and the
 * catalog as its entry files (catalog-files.ts).
 */
import { readFileSync } from 'node:fs';
import { evaluateSensitivityBlock, mergeSensitivityBlocks, splitSensitivityBlocks, type SensitivityBlockResult } from '../sensitivity/block.js';
import { planSensitivity, type SensitivityInput } from '../sensitivity/plan.js';
import type { SensitivityResult } from '../sensitivity/sensitivity.js';
import { materializeCatalog, readCatalogFiles, type CatalogFiles } from './catalog-files.js';
import { parseQueueUrl } from './queue-url.js';
import { runFlow, type FlowBlock, type FlowRunStats } from './run-flow.js';
import type { QueueRunOptions } from './sim-queue.js';

/** What a worker receives once per analysis. */
export interface SensitivityQueueInput {
  /** The analysis with its scenario as text and no catalog folder. */
  analysis: SensitivityInput;
  catalog: CatalogFiles;
}

/** Block parameters: points [firstPoint, firstPoint + points). */
export interface SensitivityBlockParams {
  firstPoint: number;
  points: number;
}

/** Evaluates a block on a worker (block.ts), against the shipped catalog. */
export function runSensitivityBlock(input: SensitivityQueueInput, p: SensitivityBlockParams): SensitivityBlockResult {
  return evaluateSensitivityBlock({ ...input.analysis, catalogDir: materializeCatalog(input.catalog), firstPoint: p.firstPoint, points: p.points });
}

/** Points per block on the queue: about 64 blocks, 1 … 16 points each. */
export function defaultQueueBlockPoints(points: number): number {
  return Math.max(1, Math.min(16, Math.ceil(points / 64)));
}

export async function runSensitivityOnQueue(
  input: SensitivityInput,
  opts: QueueRunOptions & { blockPoints?: number; onProgress?: (donePoints: number, totalPoints: number) => void },
): Promise<SensitivityResult & { queue: FlowRunStats }> {
  const t0 = performance.now();
  const url = typeof opts.queue === 'string' ? parseQueueUrl(opts.queue) : opts.queue;
  const plan = planSensitivity(input);
  const scenario = 'path' in input.scenario ? { text: readFileSync(input.scenario.path, 'utf8'), file: input.scenario.path } : input.scenario;
  const shipped: SensitivityQueueInput = { analysis: { scenario, options: input.options }, catalog: readCatalogFiles(input.catalogDir) };
  const blocks: FlowBlock[] = splitSensitivityBlocks(plan.points, opts.blockPoints ?? defaultQueueBlockPoints(plan.points)).map((b) => ({
    params: b satisfies SensitivityBlockParams,
    weight: b.points,
  }));
  const results: SensitivityBlockResult[] = [];
  const stats = await runFlow({
    url,
    kind: 'sensitivity',
    name: plan.scenario.name,
    input: shipped,
    blocks,
    idleTimeoutSec: opts.idleTimeoutSec ?? 300,
    onProgress: opts.onProgress,
    onNotice: opts.onNotice,
    signal: opts.signal,
    onResult: (_, value) => results.push(value as SensitivityBlockResult),
  });
  const document = mergeSensitivityBlocks(input, results);
  return { plan, document, threads: stats.workers.length, elapsedMs: performance.now() - t0, queue: stats };
}
