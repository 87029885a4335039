/**
 * The shared worker pool (piscina) for CPU-heavy kernels. Workers are compiled JavaScript in
 * dist/; when running from TypeScript sources (tests), the dist copy is used if built, else the
 * caller falls back to the main thread. Under vitest the dist copy is current: the global setup
 * (test/rebuild-dist.ts) runs the incremental `tsc -b packages/cli` before the tests.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';

const pools = new Map<string, Piscina>();

/** Path of the compiled worker module `name` (e.g. "pipeline/frame-worker.js"), or undefined. */
export function workerFile(name: string): string | undefined {
  const here = fileURLToPath(new URL(`../${name}`, import.meta.url));
  if (here.endsWith('.js') && existsSync(here) && here.includes('/dist/')) return here;
  const dist = fileURLToPath(new URL(`../../dist/${name}`, import.meta.url));
  return existsSync(dist) ? dist : undefined;
}

/** Number of worker threads to use: PARAPET_THREADS, else the machine's parallelism. */
export function threadCount(): number {
  const env = Number(process.env.PARAPET_THREADS);
  return Number.isInteger(env) && env > 0 ? env : availableParallelism();
}

/** A pool for the worker module, created on first use; undefined when the module is not built. */
export function poolFor(name: string): Piscina | undefined {
  const file = workerFile(name);
  if (!file) return undefined;
  let pool = pools.get(file);
  if (!pool) {
    const n = threadCount();
    // workerData must be an object: the web-worker package (pulled in by geotiff, which a worker
    // loading scenarios imports) reads fields of it in any worker thread and throws on undefined.
    pool = new Piscina({ filename: file, minThreads: 0, maxThreads: n, idleTimeout: 500, workerData: { parapetPoolWorker: true } });
    pools.set(file, pool);
  }
  return pool;
}

/** Closes every pool (end of a CLI run or a test). */
export async function closePools(): Promise<void> {
  const all = [...pools.values()];
  pools.clear();
  await Promise.all(all.map((p) => p.destroy()));
}
