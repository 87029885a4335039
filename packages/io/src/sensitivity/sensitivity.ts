/**
 * Two-level Monte Carlo of a scenario: the outer loop draws the sources' uncertain values over a
 * Saltelli design (plan.ts), the inner loop runs the raid Monte Carlo and the coverage headlines
 * at every draw (evaluate-point.ts); the result attributes each headline's spread to the groups
 * of factors (document.ts). Blocks of design points go to worker threads (block.ts, the same unit
 * a job queue would distribute) and are merged in point order, so the same seed gives a
 * byte-identical document with any number of threads (PARAPET_THREADS).
 */
import { setMaxListeners } from 'node:events';
import { poolFor, threadCount } from '../pipeline/worker-pool.js';
import { evaluatePoints, orderedValues, splitSensitivityBlocks, type SensitivityBlockJob, type SensitivityBlockResult } from './block.js';
import { sensitivityDocument, type SensitivityDocument } from './document.js';
import { pointContext } from './evaluate-point.js';
import { planSensitivity, type SensitivityInput, type SensitivityPlan } from './plan.js';

export interface SensitivityRunOptions {
  /** Design points per block (default: about 6 blocks per thread, at most 16 points). */
  blockPoints?: number;
  /** Called after every block; a throw stops the analysis (the server's cancel). */
  onProgress?: (donePoints: number, totalPoints: number) => void;
}

export interface SensitivityResult {
  plan: SensitivityPlan;
  document: SensitivityDocument;
  threads: number;
  elapsedMs: number;
}

/** Runs a whole sensitivity analysis on this machine. */
export async function sensitivityScenario(input: SensitivityInput, opts: SensitivityRunOptions = {}): Promise<SensitivityResult> {
  const t0 = performance.now();
  const plan = planSensitivity(input);
  const threads = threadCount();
  const blockPoints = opts.blockPoints ?? Math.max(1, Math.min(16, Math.ceil(plan.points / (threads * 6))));
  const blocks = splitSensitivityBlocks(plan.points, blockPoints);
  const pool = threads > 1 && blocks.length > 1 ? poolFor('sensitivity/sensitivity-worker.js') : undefined;
  const results: SensitivityBlockResult[] = [];
  let done = 0;
  if (!pool) {
    const ctx = pointContext(plan);
    for (const b of blocks) {
      results.push({ firstPoint: b.firstPoint, values: evaluatePoints(ctx, b.firstPoint, b.points) });
      done += b.points;
      opts.onProgress?.(done, plan.points);
      // Let progress, messages and cancels through between blocks.
      await new Promise((resolve) => setImmediate(resolve));
    }
  } else {
    const abort = new AbortController();
    // Every queued block listens to the one signal.
    setMaxListeners(blocks.length + 1, abort.signal);
    try {
      await Promise.all(
        blocks.map(async (b) => {
          const job: SensitivityBlockJob = { ...input, ...b };
          const r = (await pool.run(job, { signal: abort.signal })) as SensitivityBlockResult;
          results.push(r);
          done += b.points;
          opts.onProgress?.(done, plan.points);
        }),
      );
    } catch (e) {
      abort.abort();
      throw e;
    }
  }
  const document = sensitivityDocument(plan, orderedValues(plan, results));
  return { plan, document, threads: pool ? threads : 1, elapsedMs: performance.now() - t0 };
}
