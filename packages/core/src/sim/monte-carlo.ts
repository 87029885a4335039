/**
 * Monte Carlo on the current thread: runs 0 … n−1 of a seed, then the summary. io's
 * `simulateScenario` spreads the same runs over worker threads with identical results.
 */
import type { SimLogEvent } from './models/log.js';
import type { SimModel } from './prepare.js';
import { runRaidBlock, type RunTable } from './raid-runner.js';
import { summarizeRuns, type SimSummary } from './summary.js';

export interface MonteCarloOptions {
  runs: number;
  seed: number;
  /** Runs whose event logs are kept (default none). */
  logRun?: (run: number) => boolean;
}

export function runMonteCarlo(model: SimModel, opts: MonteCarloOptions): { summary: SimSummary; table: RunTable; logs: Map<number, SimLogEvent[]> } {
  if (!Number.isInteger(opts.runs) || opts.runs < 1) throw new RangeError(`runs must be a positive integer, got ${opts.runs}`);
  const { table, logs } = runRaidBlock(model, { seed: opts.seed, firstRun: 0, runs: opts.runs, logRun: opts.logRun });
  return { summary: summarizeRuns(model, table, opts.seed), table, logs };
}
