/**
 * `npm run bench`: times the full demo coverage (both Korea scenarios × 3 threats × 3 altitudes)
 * at 1 km resolution, with a per-phase breakdown, and prints one JSON line for docs/performance.md.
 * Usage: node packages/cli/dist/bench/demo-bench.js [--repeat N] [--resolution M]
 */
import { availableParallelism } from 'node:os';
import { clearSiteFrameCache, closePools, compareScenarios, loadCatalog, loadScenario, scenarioGrid, threadCount, type Phase } from '@parapet/io';
import { demoScenarioFiles } from '../commands/demo.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const repeat = Number(args[args.indexOf('--repeat') + 1]) || 3;
  const resIdx = args.indexOf('--resolution');
  const files = demoScenarioFiles();
  const catalog = loadCatalog();
  const a = loadScenario(files.legacy, catalog);
  const b = loadScenario(files.s400, catalog);
  if (resIdx >= 0) {
    a.region.resolutionM = Number(args[resIdx + 1]);
    b.region.resolutionM = a.region.resolutionM;
  }
  const grid = scenarioGrid(a);
  const times: number[] = [];
  const warmTimes: number[] = [];
  for (let i = 0; i < 2 * (repeat + 1); i++) {
    // Even runs are cold (every geodesic frame computed); odd runs reuse the frames, as an
    // interactive session that changes a threat or altitude does.
    const cold = i % 2 === 0;
    if (cold) clearSiteFrameCache();
    const phaseStart = new Map<Phase, number>();
    const phaseMs: Partial<Record<Phase, number>> = {};
    const t0 = performance.now();
    await compareScenarios(a, b, catalog, {
      grid,
      onProgress: (p, d, t) => {
        if (!phaseStart.has(p)) phaseStart.set(p, performance.now());
        if (d === t) phaseMs[p] = (phaseMs[p] ?? 0) + performance.now() - phaseStart.get(p)!;
        if (d === t) phaseStart.delete(p);
      },
    });
    const ms = performance.now() - t0;
    if (i > 1) (cold ? times : warmTimes).push(ms); // the first pair warms up the JIT and the worker pool
    process.stderr.write(
      `run ${i} ${cold ? 'cold' : 'warm'}${i < 2 ? ' (warm-up)' : ''}: ${(ms / 1000).toFixed(2)} s  ${JSON.stringify(Object.fromEntries(Object.entries(phaseMs).map(([k, v]) => [k, Math.round(v)])))}\n`,
    );
  }
  await closePools();
  const median = (xs: number[]): number => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
  const layers = 2 * a.analysis.threats.length * a.analysis.altitudesM.length;
  const result = {
    bench: 'demo-coverage',
    grid: `${grid.width}x${grid.height}`,
    resolutionM: grid.resolutionM,
    sites: a.sites.length + b.sites.length,
    layers,
    threads: threadCount(),
    cores: availableParallelism(),
    coldMedianS: Number((median(times) / 1000).toFixed(3)),
    warmMedianS: Number((median(warmTimes) / 1000).toFixed(3)),
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdout.write(
    `demo coverage (2 scenarios, ${layers} layers, ${grid.width}×${grid.height} cells at ${grid.resolutionM} m): median ${result.coldMedianS} s cold (all geodesic frames computed), ${result.warmMedianS} s with frames cached; ${repeat} runs each on ${result.threads} threads\n`,
  );
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
