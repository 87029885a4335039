/**
 * The raid Monte Carlo of two scenarios side by side, for `compare` and `demo`: both simulated
 * with the same runs and seed, their outputs written, and the comparison with 95% intervals.
 */
import { join } from 'node:path';
import { compareSimSummaries, type Catalog, type Scenario, type SimComparison, type ValueCase } from '@parapet/core';
import { simulateScenario, writeSimulationOutputs, type SimulationResult } from '@parapet/io';
import { raidComparisonReport } from './commands/simulate.js';
import type { Progress } from './progress.js';

export interface RaidComparison {
  a: SimulationResult;
  b: SimulationResult;
  comparison: SimComparison;
  report: string;
  files: string[];
}

export interface RaidComparisonOptions {
  runs: number;
  seed: number;
  valueCase?: ValueCase;
  /** false: leave out the scenarios' stand-off jammers. */
  jamming?: boolean;
  labels: [string, string];
  /** Output folders of A's and B's simulation files. */
  outDirs: [string, string];
  maps?: boolean;
  progress: Progress;
}

/** Simulates both scenarios' raids; undefined when either has none. */
export async function compareRaids(a: Scenario, b: Scenario, catalog: Catalog, opts: RaidComparisonOptions): Promise<RaidComparison | undefined> {
  if (!a.raids?.length || !b.raids?.length) return undefined;
  const results: SimulationResult[] = [];
  const files: string[] = [];
  for (const [i, scen] of [a, b].entries()) {
    const r = await simulateScenario(scen, catalog, {
      runs: opts.runs,
      seed: opts.seed,
      valueCase: opts.valueCase,
      jamming: opts.jamming,
      logRuns: 1,
      onProgress: (d, t) => opts.progress.update(`raids ${opts.labels[i]}`, d, t),
    });
    opts.progress.stop();
    files.push(...writeSimulationOutputs(opts.outDirs[i], scen, r, { svgOnly: opts.maps === false }));
    results.push(r);
  }
  const [ra, rb] = results;
  const report =
    `\nNotional raids, ${opts.runs.toLocaleString('en-US')} Monte Carlo runs each (seed ${opts.seed}); survival with 95% confidence intervals:\n` +
    raidComparisonReport(opts.labels[0], ra.summary, opts.labels[1], rb.summary);
  return { a: ra, b: rb, comparison: compareSimSummaries(ra.summary, rb.summary), report, files };
}

/** Output folders `<out>/<label>/raids`. */
export function raidOutDirs(out: string, labels: [string, string]): [string, string] {
  return [join(out, labels[0], 'raids'), join(out, labels[1], 'raids')];
}
