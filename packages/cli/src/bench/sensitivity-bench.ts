/**
 * `npm run bench:sensitivity`: throughput of the queue against local worker threads, in one run
 * on this machine, for the two kinds of block the queue carries, both on the demo's + S-400
 * scenario:
 * - **sensitivity**: a two-level Monte Carlo (`--group entry`, 2 draws, 100 raid runs per point,
 *   no coverage headlines: 27 design points) on the piscina pool (`sensitivityScenario`, what
 *   `parapet sensitivity` runs without --queue) and through Redis (`runSensitivityOnQueue`);
 *   draws × runs per second, where "draws" counts every design point. One warm-up, one timed run.
 * - **simulation**: raid runs on this thread (runRaidBlock), on the pool (`runSimulationModel`),
 *   and through Redis (`runSimulationOnQueue`); runs/s, median of 3 after a warm-up.
 * Through Redis means 1, 2 and 4 `parapet worker` processes (`--concurrency 1` each) started
 * from the built CLI, against a redis-server this bench starts (or REDIS_URL). Prints the ratios
 * of wall time through the queue over wall time on local threads at equal parallelism, the CPU
 * time of every process involved per run, the submitter's CPU time per block and the bytes sent;
 * checks that every configuration gives the same summary and the same sensitivity document.
 * One JSON line for docs/performance.md.
 * Usage: node packages/cli/dist/bench/sensitivity-bench.js [--runs N] [--seed S]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { effectiveEarthRadiusM, prepareSimulation, runRaidBlock, SmoothEarthVisibility, summarizeRuns, type SimModel } from '@parapet/core';
import {
  closePools,
  defaultQueueBlockRuns,
  loadCatalog,
  loadScenario,
  runSensitivityOnQueue,
  runSimulationModel,
  runSimulationOnQueue,
  sensitivityScenario,
  threadCount,
  type SensitivityInput,
} from '@parapet/io';
import { demoScenarioFiles } from '../commands/demo.js';
import { startRedis } from './redis-server.js';

const bin = fileURLToPath(new URL('../../bin/parapet.js', import.meta.url));

interface Timed {
  wallS: number;
  /** This process (all its threads). */
  cpuS: number;
  /** The other processes measured (workers, their sandboxes, redis-server). */
  otherCpuS: number;
  summary: string;
}

/** Clock ticks of CPU (user + system) of `pid` and all its descendants, from /proc (Linux). */
function cpuTicks(pid: number): number {
  const stat = `/proc/${pid}/stat`;
  if (!existsSync(stat)) return 0;
  const fields = readFileSync(stat, 'utf8')
    .replace(/^.*\) /, '')
    .split(' ');
  let ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  const children = `/proc/${pid}/task/${pid}/children`;
  if (existsSync(children)) for (const c of readFileSync(children, 'utf8').trim().split(/\s+/).filter(Boolean)) ticks += cpuTicks(Number(c));
  return ticks;
}
const TICKS_PER_S = 100;

async function timed(f: () => Promise<string> | string, others: () => number[]): Promise<Timed> {
  const o0 = others().reduce((a, p) => a + cpuTicks(p), 0);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const summary = await f();
  const c = process.cpuUsage(c0);
  const o1 = others().reduce((a, p) => a + cpuTicks(p), 0);
  return { wallS: (performance.now() - t0) / 1000, cpuS: (c.user + c.system) / 1e6, otherCpuS: (o1 - o0) / TICKS_PER_S, summary };
}

/** Warm-up, then one timed run. */
async function once(f: () => Promise<string> | string, others: () => number[] = () => []): Promise<Timed> {
  await f();
  return timed(f, others);
}

/** Warm-up, then the median (by wall time) of 3. */
async function median3(f: () => Promise<string> | string, others: () => number[] = () => []): Promise<Timed> {
  await f();
  const t = [await timed(f, others), await timed(f, others), await timed(f, others)].sort((a, b) => a.wallS - b.wallS);
  return t[1];
}

/** Worker processes running, stopped if the bench is interrupted. */
const spawned = new Set<ChildProcess>();

function startWorker(url: string): Promise<ChildProcess> {
  const p = spawn(process.execPath, [bin, 'worker', '--queue', url, '--concurrency', '1'], { stdio: ['ignore', 'ignore', 'pipe'] });
  spawned.add(p);
  p.on('exit', () => spawned.delete(p));
  return new Promise((resolve, reject) => {
    let err = '';
    p.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      if (err.includes('serving redis')) resolve(p);
    });
    p.on('exit', (code) => reject(new Error(`parapet worker exited with ${code}: ${err}`)));
  });
}

function stopWorker(p: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    p.removeAllListeners('exit');
    p.on('exit', () => resolve());
    p.kill('SIGTERM');
  });
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const runs = Number(args[args.indexOf('--runs') + 1]) || 2000;
  const seed = args.includes('--seed') ? Number(args[args.indexOf('--seed') + 1]) : 1;
  const catalog = loadCatalog();
  const file = demoScenarioFiles().s400;
  const scen = loadScenario(file, catalog);
  const sensInput: SensitivityInput = { scenario: { path: file }, options: { draws: 2, runs: 100, seed, group: 'entry', coverage: false } };
  let points = 0;
  const sensDoc = async (r: Promise<{ document: unknown; plan: { points: number } }>): Promise<string> => {
    const x = await r;
    points = x.plan.points;
    return JSON.stringify(x.document);
  };
  const model: SimModel = prepareSimulation(scen, catalog, new SmoothEarthVisibility(effectiveEarthRadiusM(scen.earth.kFactor), [], scen.earth.kFactor));
  const blockRuns = defaultQueueBlockRuns(runs);
  const threads = threadCount();
  const say = (m: string): boolean => process.stderr.write(`${m}\n`);

  const sensLocal = await once(() => sensDoc(sensitivityScenario(sensInput)));
  say(`sensitivity, ${threads} threads: ${points} points in ${sensLocal.wallS.toFixed(2)} s`);
  await closePools();
  const one = await median3(() => JSON.stringify(summarizeRuns(model, runRaidBlock(model, { seed, firstRun: 0, runs }).table, seed)));
  say(`local, 1 thread: ${runs} runs in ${one.wallS.toFixed(2)} s`);
  const pool = await median3(async () => JSON.stringify(summarizeRuns(model, (await runSimulationModel(model, { runs, seed, blockRuns })).table, seed)));
  say(`local, ${threads} threads: ${pool.wallS.toFixed(2)} s`);
  await closePools();

  const redis = await startRedis();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      for (const p of spawned) p.kill('SIGKILL');
      void redis.stop().then(() => process.exit(130));
    });
  }
  const queue: Record<number, Timed & { blocks: number; resultBytesPerRun: number; inputBytes: number }> = {};
  const sensQueue: Record<number, Timed> = {};
  try {
    for (const k of [1, 2, 4]) {
      const workers = await Promise.all(Array.from({ length: k }, () => startWorker(redis.url)));
      try {
        let stats = { blocks: 0, resultBytesPerRun: 0, inputBytes: 0 };
        const t = await median3(
          async () => {
            const r = await runSimulationOnQueue(model, { runs, seed, blockRuns, queue: redis.url, idleTimeoutSec: 120 });
            stats = { blocks: r.queue.blocks, resultBytesPerRun: Math.round(r.queue.resultBytes / runs), inputBytes: r.queue.inputBytes };
            return JSON.stringify(summarizeRuns(model, r.table, seed));
          },
          () => [...workers.map((w) => w.pid!), ...(redis.pid ? [redis.pid] : [])],
        );
        queue[k] = { ...t, ...stats };
        say(`queue, ${k} worker process${k > 1 ? 'es' : ''}: ${t.wallS.toFixed(2)} s`);
        sensQueue[k] = await once(
          () => sensDoc(runSensitivityOnQueue(sensInput, { queue: redis.url, idleTimeoutSec: 300 })),
          () => [...workers.map((w) => w.pid!), ...(redis.pid ? [redis.pid] : [])],
        );
        say(`sensitivity through the queue, ${k} worker process${k > 1 ? 'es' : ''}: ${sensQueue[k].wallS.toFixed(2)} s`);
      } finally {
        await Promise.all(workers.map(stopWorker));
      }
    }
  } finally {
    await redis.stop();
  }

  const rps = (t: Timed): number => Math.round(runs / t.wallS);
  const cpuMsPerRun = (t: Timed): number => Number((((t.cpuS + t.otherCpuS) * 1000) / runs).toFixed(3));
  const identical =
    [pool, ...Object.values(queue)].every((t) => t.summary === one.summary) && Object.values(sensQueue).every((t) => t.summary === sensLocal.summary);
  const equal = queue[threads] ?? queue[2];
  const sensEqual = sensQueue[threads] ?? sensQueue[2];
  const dxr = (t: Timed): number => Math.round((points * sensInput.options.runs) / t.wallS);
  const result = {
    bench: 'queue-throughput',
    scenario: 'korea-s400-reported (36 targets, 10 sites)',
    sensitivity: {
      points,
      runsPerPoint: sensInput.options.runs,
      /** Design points × raid runs per second of wall time. */
      drawsTimesRunsPerS: { localThreads: dxr(sensLocal), queue1Worker: dxr(sensQueue[1]), queue2Workers: dxr(sensQueue[2]), queue4Workers: dxr(sensQueue[4]) },
      queueOverLocalNWorkersVsNThreads: Number((sensEqual.wallS / sensLocal.wallS).toFixed(3)),
      cpuSPerPoint: {
        localThreads: Number((sensLocal.cpuS / points).toFixed(3)),
        queue1Worker: Number(((sensQueue[1].cpuS + sensQueue[1].otherCpuS) / points).toFixed(3)),
      },
    },
    runs,
    blockRuns,
    blocks: queue[1].blocks,
    cores: availableParallelism(),
    threads,
    loadAverage1Min: Number(loadavg()[0].toFixed(2)),
    runsPerS: { local1Thread: rps(one), localThreads: rps(pool), queue1Worker: rps(queue[1]), queue2Workers: rps(queue[2]), queue4Workers: rps(queue[4]) },
    /** Wall time through the queue over wall time on local threads, at equal parallelism. */
    queueOverLocal: {
      oneWorkerVsOneThread: Number((queue[1].wallS / one.wallS).toFixed(3)),
      nWorkersVsNThreads: Number((equal.wallS / pool.wallS).toFixed(3)),
    },
    /** CPU time of every process involved (submitter, workers with their sandboxes, redis-server) per run. */
    cpuMsPerRun: {
      local1Thread: cpuMsPerRun(one),
      localThreads: cpuMsPerRun(pool),
      queue1Worker: cpuMsPerRun(queue[1]),
      queue2Workers: cpuMsPerRun(queue[2]),
      queue4Workers: cpuMsPerRun(queue[4]),
    },
    redisCpuCounted: redis.pid !== undefined,
    submitterCpuMsPerBlock: Number(((queue[1].cpuS * 1000) / queue[1].blocks).toFixed(1)),
    inputBytes: queue[1].inputBytes,
    resultBytesPerRun: queue[1].resultBytesPerRun,
    identicalSummaries: identical,
    node: process.version,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
  process.stdout.write(
    `sensitivity, ${points} points × ${sensInput.options.runs} runs: ${result.sensitivity.drawsTimesRunsPerS.localThreads} draws×runs/s on ${threads} threads, ` +
      `${result.sensitivity.drawsTimesRunsPerS.queue1Worker} / ${result.sensitivity.drawsTimesRunsPerS.queue2Workers} / ${result.sensitivity.drawsTimesRunsPerS.queue4Workers} with 1 / 2 / 4 workers ` +
      `(queue over local: ${result.sensitivity.queueOverLocalNWorkersVsNThreads}).\n` +
      `simulation, ${runs.toLocaleString('en-US')} runs in ${result.blocks} blocks: local ${result.runsPerS.local1Thread} runs/s on 1 thread, ${result.runsPerS.localThreads} on ${threads}; ` +
      `queue ${result.runsPerS.queue1Worker} / ${result.runsPerS.queue2Workers} / ${result.runsPerS.queue4Workers} runs/s with 1 / 2 / 4 workers. ` +
      `Queue over local wall time: ${result.queueOverLocal.oneWorkerVsOneThread} (1 worker vs 1 thread), ${result.queueOverLocal.nWorkersVsNThreads} (${threads} workers vs ${threads} threads); ` +
      `CPU per run: ${result.cpuMsPerRun.local1Thread} ms local, ${result.cpuMsPerRun.queue1Worker} ms through the queue (1 worker); identical summaries: ${identical}\n`,
  );
  if (!identical) process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
