/**
 * `npm run bench:sim`: Monte Carlo of the demo raids (both Korea scenarios). Reports, per
 * scenario, the end-to-end wall time of 10,000 runs through `simulateScenario` (preparation,
 * worker-pool start, runs, merge, summary) and the kernel's own speed on one thread (runs/s and
 * simulated events/s, wall and CPU time), then checks that 1 thread and the pool give
 * byte-identical summaries. Prints one JSON line per scenario for docs/performance.md.
 * Usage: node packages/cli/dist/bench/sim-bench.js [--runs N] [--seed S]
 */
import { availableParallelism, loadavg } from 'node:os';
import { effectiveEarthRadiusM, prepareSimulation, runRaidBlock, SmoothEarthVisibility } from '@parapet/core';
import { closePools, loadCatalog, loadScenario, simulateScenario, threadCount } from '@parapet/io';
import { demoScenarioFiles } from '../commands/demo.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 10_000;
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 1;
  const files = demoScenarioFiles();
  const catalog = loadCatalog();
  for (const [label, file] of [
    ['legacy', files.legacy],
    ['s400', files.s400],
  ] as const) {
    const scen = loadScenario(file, catalog);
    if (!scen.raids?.length) throw new Error(`${file} has no raids: section`);
    const targets = scen.raids.reduce((a, r) => a + r.groups.reduce((b, g) => b + g.count, 0), 0);

    // Kernel speed on this thread (after a JIT warm-up).
    const vis = new SmoothEarthVisibility(effectiveEarthRadiusM(scen.earth.kFactor), [], scen.earth.kFactor);
    const tp = performance.now();
    const model = prepareSimulation(scen, catalog, vis);
    const prepareMs = performance.now() - tp;
    runRaidBlock(model, { seed, firstRun: 0, runs: 300 });
    const single = Math.min(runs, 3000);
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { table } = runRaidBlock(model, { seed, firstRun: 0, runs: single });
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(c0);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    let events = 0;
    for (let r = 0; r < single; r++) events += table.events[r];

    // End to end on the worker pool: median of 3 (the first also starts the pool).
    const walls: number[] = [];
    const cpus: number[] = [];
    let summaryJson = '';
    for (let i = 0; i < 3; i++) {
      const t = performance.now();
      const cc = process.cpuUsage(); // process-wide: includes the worker threads
      const res = await simulateScenario(scen, catalog, { runs, seed });
      walls.push(performance.now() - t);
      const cu = process.cpuUsage(cc);
      cpus.push((cu.user + cu.system) / 1000);
      summaryJson = JSON.stringify(res.summary);
      process.stderr.write(`${label} ${i}: ${runs} runs in ${((performance.now() - t) / 1000).toFixed(2)} s on ${res.threads} threads\n`);
    }
    await closePools();

    // Same seed on one thread: must be byte-identical.
    const saved = process.env.PARAPET_THREADS;
    process.env.PARAPET_THREADS = '1';
    const one = await simulateScenario(scen, catalog, { runs, seed });
    if (saved === undefined) delete process.env.PARAPET_THREADS;
    else process.env.PARAPET_THREADS = saved;
    const identical = JSON.stringify(one.summary) === summaryJson;

    const sorted = [...walls].sort((a, b) => a - b);
    const result = {
      bench: 'raid-simulation',
      scenario: label,
      targets,
      sites: scen.sites.length,
      runs,
      threads: threadCount(),
      cores: availableParallelism(),
      endToEndMedianS: Number((sorted[1] / 1000).toFixed(3)),
      endToEndRunsPerS: Math.round(runs / (sorted[1] / 1000)),
      endToEndCpuMedianS: Number(([...cpus].sort((a, b) => a - b)[1] / 1000).toFixed(3)),
      loadAverage1Min: Number(loadavg()[0].toFixed(2)),
      prepareS: Number((prepareMs / 1000).toFixed(3)),
      kernel1ThreadRunsPerS: { wall: Math.round(single / (wallMs / 1000)), cpu: Math.round(single / (cpuMs / 1000)) },
      kernel1ThreadEventsPerS: { wall: Math.round(events / (wallMs / 1000)), cpu: Math.round(events / (cpuMs / 1000)) },
      eventsPerRun: Math.round(events / single),
      identicalAcrossThreadCounts: identical,
      node: process.version,
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    process.stdout.write(
      `${label}: ${runs.toLocaleString('en-US')} runs of ${targets} targets in ${result.endToEndMedianS} s end to end on ${result.threads} threads ` +
        `(${result.endToEndCpuMedianS} CPU-s, load average ${result.loadAverage1Min}) ` +
        `(${result.endToEndRunsPerS.toLocaleString('en-US')} runs/s); one thread: ${result.kernel1ThreadRunsPerS.cpu.toLocaleString('en-US')} runs/s, ` +
        `${result.kernel1ThreadEventsPerS.cpu.toLocaleString('en-US')} events/s of CPU time; identical across thread counts: ${identical}\n`,
    );
    if (!identical) process.exitCode = 1;
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
