/**
 * `parapet simulate FILE --runs N --seed S [--out DIR] [--json]` — Monte Carlo of the scenario's
 * notional raids: survival per group and overall with 95% intervals, leakers, missiles expended
 * per fire unit, first detection, engagement timeline; event logs, plots and a map of a sample
 * run in the output folder.
 */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import {
  compareSimSummaries,
  cookieCutterDetection,
  swerlingDetection,
  type DetectionModel,
  type Difference,
  type Proportion,
  type SimSummary,
} from '@parapet/core';
import { closePools, runSimulationOnQueue, simulateScenario, writeSimulationOutputs, type FlowRunStats } from '@parapet/io';
import { UsageError, UserError } from '../errors.js';
import { catalog, parseIntegerOption, scenario } from '../inputs.js';
import { makeProgress } from '../progress.js';
import { openQueueSession, QUEUE_OPTION, QUEUE_TIMEOUT_OPTION } from '../queue-session.js';
import { formatTable } from '../table.js';
import { parseValueCase } from './coverage.js';

function pct(p: Proportion): string {
  return `${(100 * p.p).toFixed(1)}% [${(100 * p.lo).toFixed(1)}–${(100 * p.hi).toFixed(1)}]`;
}

function minSec(t: number): string {
  const m = Math.floor(t / 60);
  return `${m}:${String(Math.round(t - 60 * m)).padStart(2, '0')}`;
}

/** The terminal report of one simulation. */
export function simulationReport(s: SimSummary): string {
  const lines: string[] = [];
  lines.push(`${s.scenario} — ${s.runs.toLocaleString('en-US')} runs, seed ${s.seed}, ${s.valueCase} values`);
  lines.push('');
  lines.push(
    formatTable(s.groups, [
      { header: 'group', cell: (g) => g.id },
      { header: 'threat', cell: (g) => `${g.count} × ${g.threat}` },
      { header: 'survival (95% CI)', cell: (g) => pct(g.survival), align: 'right' },
      { header: 'survivors/run', cell: (g) => g.survivors.mean.toFixed(2), align: 'right' },
      { header: 'missiles at', cell: (g) => g.missilesFiredAt.mean.toFixed(1), align: 'right' },
      { header: 'detected', cell: (g) => `${(100 * g.firstDetection.detected.p).toFixed(0)}%`, align: 'right' },
      { header: 'first detection', cell: (g) => (g.firstDetection.tSec ? `t+${minSec(g.firstDetection.tSec.p50)}` : '—'), align: 'right' },
      { header: 'warning', cell: (g) => (g.firstDetection.warningSec ? minSec(g.firstDetection.warningSec.p50) : '—'), align: 'right' },
    ]),
  );
  lines.push('');
  lines.push(
    `All raids: ${s.overall.targets} targets, survival ${pct(s.overall.survival)}, leakers ${s.overall.leakers.mean.toFixed(2)} per run ` +
      `[${s.overall.leakers.lo.toFixed(2)}–${s.overall.leakers.hi.toFixed(2)}], P(any leaker) ${pct(s.overall.anyLeaker)}`,
  );
  lines.push('');
  const active = s.fireUnits.filter((f) => f.missilesFired.max > 0);
  if (active.length > 0) {
    lines.push(
      formatTable(active, [
        { header: 'fire unit', cell: (f) => `${f.site} (${f.system})` },
        { header: 'doctrine', cell: (f) => f.doctrine },
        {
          header: 'missiles/run (95% CI)',
          cell: (f) => `${f.missilesFired.mean.toFixed(2)} [${f.missilesFired.lo.toFixed(2)}–${f.missilesFired.hi.toFixed(2)}]`,
          align: 'right',
        },
        { header: 'max', cell: (f) => String(f.missilesFired.max), align: 'right' },
        { header: 'load', cell: (f) => `${f.limits.missilesLoaded}+${f.limits.reserve}`, align: 'right' },
        { header: 'kills/run', cell: (f) => f.kills.mean.toFixed(2), align: 'right' },
      ]),
    );
  } else lines.push('No fire unit fired in any run.');
  const idle = s.fireUnits.length - active.length;
  if (idle > 0) lines.push(`(${idle} fire unit${idle > 1 ? 's' : ''} never fired.)`);
  lines.push('');
  lines.push(`Model: ${s.model.detection}; line of sight: ${s.model.lineOfSight}; tracks ${s.model.track}.`);
  if (s.model.defaulted.length > 0)
    lines.push(
      `Defaults used where the catalog has no value (${s.model.defaulted.length}): ${s.model.defaulted.slice(0, 4).join('; ')}${s.model.defaulted.length > 4 ? '; …' : ''}`,
    );
  lines.push('Notional, educational outcome model from public parameters; see docs/simulation.md for its assumptions and limits.');
  return `${lines.join('\n')}\n`;
}

/**
 * Side-by-side raid outcomes of two scenarios over the same raids (e.g. legacy vs. S-400): survival
 * per group and overall, and the change with its 95% interval (Newcombe's hybrid score interval).
 */
export function raidComparisonReport(aName: string, a: SimSummary, bName: string, b: SimSummary): string {
  const c = compareSimSummaries(a, b);
  const pp = (d: Difference): string => {
    const f = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
    return `${f(d.d)} [${f(d.lo)}, ${f(d.hi)}] pts`;
  };
  const rows = [
    ...c.groups.map((g) => ({
      label: `${g.id} (${a.groups.find((x) => x.id === g.id)!.count} × ${a.groups.find((x) => x.id === g.id)!.threat})`,
      s: g.survival,
    })),
    { label: 'all raids', s: c.overall.survival },
  ];
  const table = formatTable(rows, [
    { header: 'raid group', cell: (r) => r.label },
    { header: `survival: ${aName}`, cell: (r) => pct(r.s.a), align: 'right' },
    { header: `survival: ${bName}`, cell: (r) => pct(r.s.b), align: 'right' },
    { header: 'change (95% CI)', cell: (r) => pp(r.s.change), align: 'right' },
  ]);
  return `${table}\nLeakers per run: ${aName} ${a.overall.leakers.mean.toFixed(2)}, ${bName} ${b.overall.leakers.mean.toFixed(2)} (${a.runs.toLocaleString('en-US')} runs each, seed ${a.seed}).\n`;
}

export function parseDetection(v: string): DetectionModel {
  if (v === 'swerling') return swerlingDetection();
  if (v === 'cookie-cutter') return cookieCutterDetection;
  throw new UsageError(`--detection must be swerling or cookie-cutter, got "${v}"`);
}

export function registerSimulate(program: Command): void {
  program
    .command('simulate')
    .description("Monte Carlo of the scenario's notional raids: survival, leakers, missiles expended, with 95% intervals")
    .argument('<file>', 'scenario file (YAML or JSON) with a raids: section')
    .option('--runs <n>', 'number of Monte Carlo runs', '1000')
    .option('--seed <s>', 'random seed (integer 0 … 4294967295); the same seed gives the same results', '1')
    .option('--out <dir>', 'output folder (default: out/<scenario file name>/simulation)')
    .option('--json', 'print the summary JSON on stdout (progress and logs go to stderr)')
    .option('--values <case>', 'read the sources at their low (coverage-minimising), nominal or high values', 'nominal')
    .option('--log-runs <n>', 'write the event logs of the first n runs', '10')
    .option('--detection <model>', "per-scan Pd: swerling (from each radar's calibration) or cookie-cutter (Pd = 1 inside the range)", 'swerling')
    .option('--no-jamming', "leave out the scenario's stand-off jammers")
    .option(...QUEUE_OPTION)
    .option('--block-runs <n>', 'runs per block (default: local ≈ runs/(8·threads), at least 100; --queue ≈ runs/64, 250 … 10,000)')
    .option(...QUEUE_TIMEOUT_OPTION)
    .action(
      async (
        file: string,
        opts: {
          runs: string;
          seed: string;
          out?: string;
          json?: boolean;
          values: string;
          logRuns: string;
          detection: string;
          jamming: boolean;
          queue?: string;
          blockRuns?: string;
          queueTimeout: string;
        },
      ) => {
        const runs = parseIntegerOption('--runs', opts.runs, 1, 10_000_000);
        const seed = parseIntegerOption('--seed', opts.seed, 0, 4294967295);
        const logRuns = parseIntegerOption('--log-runs', opts.logRuns, 0, 100_000);
        const valueCase = parseValueCase(opts.values);
        const detection = parseDetection(opts.detection);
        const cat = catalog();
        const scen = scenario(file, cat);
        if (!scen.raids || scen.raids.length === 0) throw new UserError(`${file} has no raids: section to simulate (see docs/simulation.md for the format)`);
        const blockRuns = opts.blockRuns === undefined ? undefined : parseIntegerOption('--block-runs', opts.blockRuns, 1, 10_000_000);
        const queue = opts.queue === undefined ? undefined : await openQueueSession(opts.queue, opts.queueTimeout);
        let queued: FlowRunStats | undefined;
        const progress = makeProgress();
        try {
          const result = await simulateScenario(scen, cat, {
            runs,
            seed,
            valueCase,
            detection,
            jamming: opts.jamming,
            logRuns: Math.min(logRuns, runs),
            blockRuns,
            onProgress: (d, t) => progress.update(queue ? 'runs (queue)' : 'runs', d, t),
            runModel: queue
              ? async (model, o) => {
                  const r = await runSimulationOnQueue(model, {
                    ...o,
                    queue: queue.url,
                    idleTimeoutSec: queue.idleTimeoutSec,
                    signal: queue.signal,
                    onNotice: queue.onNotice,
                  });
                  queued = r.queue;
                  return r;
                }
              : undefined,
          });
          progress.stop();
          const outDir = opts.out ?? join('out', basename(file, extname(file)), 'simulation');
          const files = writeSimulationOutputs(outDir, scen, result);
          if (opts.json) process.stdout.write(`${JSON.stringify(result.summary)}\n`);
          else process.stdout.write(simulationReport(result.summary));
          const evPerSec = result.summary.events.total / (result.runMs / 1000);
          const where = queue && queued ? queue.describe(queued) : `on ${result.threads} thread${result.threads > 1 ? 's' : ''}`;
          process.stderr.write(
            `wrote ${files.length} files to ${outDir}/; prepared in ${(result.prepareMs / 1000).toFixed(2)} s, ${runs.toLocaleString('en-US')} runs in ${(result.runMs / 1000).toFixed(2)} s ${where} (${Math.round(evPerSec).toLocaleString('en-US')} events/s)\n`,
          );
        } finally {
          progress.stop();
          queue?.dispose();
          await closePools();
        }
      },
    );
}
