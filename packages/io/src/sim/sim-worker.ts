/** Worker: runs one block of raid replications and returns their outcomes (and requested logs). */
import { runRaidBlock, type RunTable, type SimLogEvent, type SimModel } from '@parapet/core';

export interface SimTask {
  model: SimModel;
  seed: number;
  firstRun: number;
  runs: number;
  /** Stream states of the block's runs (4 words per run). */
  states: Int32Array;
  /** Logs are kept for runs < logRuns. */
  logRuns: number;
}

export interface SimTaskResult {
  table: RunTable;
  logs: [number, SimLogEvent[]][];
}

export default function runSimTask(task: SimTask): SimTaskResult {
  const { table, logs } = runRaidBlock(task.model, {
    seed: task.seed,
    firstRun: task.firstRun,
    runs: task.runs,
    states: task.states,
    logRun: (r) => r < task.logRuns,
  });
  return { table, logs: [...logs] };
}
