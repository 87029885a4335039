/**
 * `parapet simulate --queue` and `parapet worker` against a real Redis (support/redis-server.ts):
 * the queued run's outputs equal the local run's byte for byte, also when a worker is killed in
 * the middle of a block; bad URLs, an unreachable server, no worker and Ctrl-C end with exit 1
 * and leave nothing of the run in Redis. Requires the build (`npm run build`; `npm test` does it).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runFlow, parseQueueUrl, QueueError } from '@parapet/io';
import { freePort, startRedis, type TestRedis } from '../src/bench/redis-server.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const scenario = join(root, 'data/scenarios/korea-s400-reported.yaml');
const RUNS = '600';
/** One S-75 site and four F-16s: with --group entry and 3 draws, 1 + 3·(2 + 2) = 13 points, seconds of work. */
const smallRaid = `name: small raid
region: { bbox: [125.0, 37.0, 127.5, 39.5], resolutionM: 3000 }
sites:
  - { id: sa2-kaesong, system: s-75, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [5000] }
raids:
  - id: strike
    groups:
      - id: vipers
        threat: f-16
        count: 4
        spacingSec: 20
        route:
          - { lon: 127.0, lat: 37.3, altitudeM: 6000 }
          - { lon: 126.5, lat: 38.6, altitudeM: 6000 }
`;
const SEED = '7';

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Starts the CLI; `done` resolves when it exits. */
function start(args: string[], env: NodeJS.ProcessEnv = {}, cwd = root): { proc: ChildProcess; done: Promise<Ran>; stderr: () => string } {
  const proc = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  proc.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Ran>((resolve) => proc.on('close', (code) => resolve({ code, stdout, stderr })));
  return { proc, done, stderr: () => stderr };
}

async function until(what: string, test: () => boolean, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  while (!test()) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Worker processes not yet exited: killed after each test, so a failed test leaves none behind for the next. */
const running = new Set<ChildProcess>();

/**
 * A `parapet worker` process, ready to take blocks. It runs in an empty folder with PARAPET_DATA
 * pointing to an empty folder: no scenario, catalog or other data file of the submitter's is
 * within its reach, as on another machine.
 */
async function worker(url: string): Promise<ReturnType<typeof start>> {
  const empty = mkdtempSync(join(tmpdir(), 'parapet-worker-'));
  const w = start(['worker', '--queue', url, '--concurrency', '1', '--lock-sec', '2', '--stalled-sec', '1'], { PARAPET_DATA: empty }, empty);
  running.add(w.proc);
  void w.done.then(() => running.delete(w.proc));
  await until('the worker to connect', () => w.stderr().includes('serving redis'));
  return w;
}

async function stop(w: ReturnType<typeof start>): Promise<Ran> {
  if (w.proc.exitCode === null && w.proc.signalCode === null) w.proc.kill('SIGTERM');
  return w.done;
}

/** Child process ids of `pid` (Linux /proc). */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
}

/** Whether a process runs (a zombie waiting to be reaped does not). */
function alive(pid: number): boolean {
  if (!existsSync(`/proc/${pid}/stat`)) return false;
  return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '')[0] !== 'Z';
}

/** Every file under `dir`, by relative path. */
function tree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return out;
}

function expectSameTree(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [k, v] of a) expect(b.get(k)!.equals(v), `${k} differs`).toBe(true);
}

/** What a run left in Redis: Parapet's keys and BullMQ jobs of the block queue. */
async function leftovers(url: string): Promise<{ keys: string[]; jobs: number }> {
  const r = new Redis(url);
  try {
    const keys = await r.keys('parapet:*');
    let jobs = 0;
    for (const list of ['wait', 'active', 'paused']) jobs += await r.llen(`bull:parapet-blocks:${list}`);
    for (const set of ['delayed', 'prioritized', 'waiting-children']) jobs += await r.zcard(`bull:parapet-blocks:${set}`);
    jobs += await r.zcard('bull:parapet-flows:waiting-children');
    jobs += await r.llen('bull:parapet-flows:wait');
    return { keys, jobs };
  } finally {
    r.disconnect();
  }
}

// Each test starts several CLI processes; on a loaded 2-core machine that takes a while.
describe('parapet simulate|sensitivity --queue with parapet worker processes', { timeout: 300_000 }, () => {
  let redis: TestRedis;
  let localOut: string;
  let local: Ran;

  beforeAll(async () => {
    redis = await startRedis();
    localOut = mkdtempSync(join(tmpdir(), 'parapet-queue-local-'));
    local = await start(['simulate', scenario, '--runs', RUNS, '--seed', SEED, '--json', '--out', localOut], { PARAPET_THREADS: '2' }).done;
    expect(local.code, local.stderr).toBe(0);
  }, 300_000);
  afterEach(() => {
    for (const p of running) p.kill('SIGKILL');
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('two workers give the local run byte for byte (summary, runs table, event logs, plots)', async () => {
    const workers = [await worker(redis.url), await worker(redis.url)];
    try {
      const out = mkdtempSync(join(tmpdir(), 'parapet-queue-'));
      // 12 blocks of 50 runs; the local run used 6 blocks of 100 on 2 threads.
      const q = await start(['simulate', scenario, '--runs', RUNS, '--seed', SEED, '--json', '--out', out, '--queue', redis.url, '--block-runs', '50']).done;
      expect(q.code, q.stderr).toBe(0);
      expect(q.stderr).toContain('in 12 blocks through');
      expect(q.stderr).toContain('by 2 worker processes');
      expect(q.stdout).toBe(local.stdout);
      expectSameTree(tree(localOut), tree(out));
      expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
    } finally {
      for (const w of workers) expect((await stop(w)).code).toBe(0);
    }
  });

  it('a worker killed (SIGKILL) in the middle of a block: the block is retried, the result complete and identical', async () => {
    const doomed = await worker(redis.url);
    const survivor = await worker(redis.url);
    try {
      const out = mkdtempSync(join(tmpdir(), 'parapet-queue-kill-'));
      const q = start(['simulate', scenario, '--runs', RUNS, '--seed', SEED, '--json', '--out', out, '--queue', redis.url, '--block-runs', '50']);
      // When a worker reports a block done it already holds the next one (BullMQ moves the next
      // job to active in the same step), so killing it now leaves a block half run.
      await until('the first block of the doomed worker', () => doomed.stderr().includes(' done in '));
      const sandboxes = childrenOf(doomed.proc.pid!);
      expect(sandboxes.length).toBe(1);
      doomed.proc.kill('SIGKILL');
      const r = await q.done;
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toMatch(/its worker stopped responding; the block is back in the queue/);
      expect(r.stderr).toMatch(/\d+ blocks? retried/);
      expect(r.stdout).toBe(local.stdout);
      expectSameTree(tree(localOut), tree(out));
      expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
      // The killed worker's block process noticed and left (it does not finish the block).
      await until('the orphaned block process to exit', () => sandboxes.every((p) => !alive(p)), 10_000);
    } finally {
      await stop(doomed);
      expect((await stop(survivor)).code).toBe(0);
    }
  });

  it('sensitivity: two workers give the local document and charts byte for byte', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-queue-sens-'));
    const file = join(dir, 'raid.yaml');
    writeFileSync(file, smallRaid);
    const args = ['sensitivity', file, '--draws', '3', '--runs', '40', '--group', 'entry', '--no-coverage', '--seed', '3', '--json'];
    const localSens = mkdtempSync(join(tmpdir(), 'parapet-queue-sens-local-'));
    const l = await start([...args, '--out', localSens], { PARAPET_THREADS: '2' }).done;
    expect(l.code, l.stderr).toBe(0);
    const workers = [await worker(redis.url), await worker(redis.url)];
    try {
      const out = mkdtempSync(join(tmpdir(), 'parapet-queue-sens-q-'));
      const q = await start([...args, '--out', out, '--queue', redis.url]).done;
      expect(q.code, q.stderr).toBe(0);
      expect(q.stderr).toMatch(/model runs in [\d.]+ s in \d+ blocks through .* by 2 worker processes/);
      expect(JSON.parse(q.stdout).parapet.document).toBe('sensitivity');
      expect(q.stdout).toBe(l.stdout);
      expectSameTree(tree(localSens), tree(out));
      expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
    } finally {
      for (const w of workers) expect((await stop(w)).code).toBe(0);
    }
  });

  it('a block failing on every attempt ends the run with its reason and removes it from Redis', async () => {
    const w = await worker(redis.url);
    try {
      // Stream states for 0 runs in a block of 10: the worker's runSimBlock refuses it.
      const run = runFlow({
        url: parseQueueUrl(redis.url),
        kind: 'sim',
        name: 'bad block',
        input: {},
        blocks: [{ params: { seed: 1, firstRun: 0, runs: 10, logRuns: 0, states: '' }, weight: 10 }],
        idleTimeoutSec: 60,
        onResult: () => {},
      });
      await expect(run).rejects.toThrow(QueueError);
      await expect(run).rejects.toThrow(/block 1\/1 failed on 3 attempts: .*carries stream states for 0 runs/);
      expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
    } finally {
      await stop(w);
    }
  });

  it('without a worker: gives up after --queue-timeout (exit 1) and removes its blocks', async () => {
    const r = await start([
      'simulate',
      scenario,
      '--runs',
      '200',
      '--queue',
      redis.url,
      '--queue-timeout',
      '2',
      '--out',
      mkdtempSync(join(tmpdir(), 'parapet-queue-idle-')),
    ]).done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`no worker is connected to ${redis.url} yet`);
    expect(r.stderr).toContain('parapet: no block made progress for 2 s (0 of 1 done)');
    expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
  });

  it('Ctrl-C (SIGINT) cancels: removes the blocks not yet started and exits 1', async () => {
    const q = start([
      'simulate',
      scenario,
      '--runs',
      '1000',
      '--block-runs',
      '100',
      '--queue',
      redis.url,
      '--out',
      mkdtempSync(join(tmpdir(), 'parapet-queue-cancel-')),
    ]);
    await until('the run to be queued', () => q.stderr().includes('no worker is connected'));
    q.proc.kill('SIGINT');
    const r = await q.done;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('parapet: cancelled: removed 10 blocks not yet started from the queue');
    expect(await leftovers(redis.url)).toEqual({ keys: [], jobs: 0 });
  });

  it('a bad URL and an unreachable server are clear errors (exit 1), for simulate and worker', async () => {
    const closed = `redis://127.0.0.1:${await freePort()}`;
    const cases: [string[], RegExp][] = [
      [['simulate', scenario, '--runs', '10', '--queue', 'http://127.0.0.1:6379'], /--queue "http:\/\/127\.0\.0\.1:6379": unsupported scheme "http:"/],
      [['simulate', scenario, '--runs', '10', '--queue', 'redis://127.0.0.1:99999'], /not a URL|port must be/],
      [['simulate', scenario, '--runs', '10', '--queue', closed], new RegExp(`cannot use Redis at ${closed}: .*ECONNREFUSED`)],
      [['worker', '--queue', closed], new RegExp(`cannot use Redis at ${closed}: .*ECONNREFUSED`)],
      [['worker', '--queue', 'redis:///0'], /has no host/],
    ];
    const ran = await Promise.all(cases.map(([args]) => start(args).done));
    cases.forEach(([args, message], i) => {
      expect(ran[i].code, args.join(' ')).toBe(1);
      expect(ran[i].stderr).toMatch(message);
      expect(ran[i].stderr).not.toMatch(/internal error|at .*\.js:\d+/);
    });
  });
});
