/**
 * Runs jobs in a worker thread so the server's event loop stays free. One long-lived worker runs
 * the jobs one after another: the io pipeline keeps its caches there (site frames, the frame
 * worker pool), so a re-run after a small edit only recomputes what changed. Its own heavy
 * parts already spread across cores in worker threads.
 *
 * Cancel sets a shared flag that the worker checks at every progress report; a worker that has
 * not stopped within `cancelGraceMs` is terminated and replaced (losing its caches).
 *
 * When the compiled worker (dist/jobs/job-worker.js) is missing — tests run from sources before
 * a build — jobs run on the calling thread instead, with the same cooperative cancel. Under vitest
 * it is current: the global setup (test/rebuild-dist.ts) runs `tsc -b packages/cli` first.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadCatalog } from '@parapet/io';
import { computeJob } from './compute.js';
import type { JobPhase, JobRequest, JobResult, WorkerMessage } from './job-types.js';

export interface RunHandle {
  done: Promise<{ result: JobResult; rasters: ArrayBuffer }>;
  cancel(): void;
}

export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('cancelled');
  }
}

export type Progress = (phase: JobPhase, done: number, total: number, step?: string) => void;

/** Path of the compiled job worker, or undefined when running from TypeScript sources unbuilt. */
export function jobWorkerFile(): string | undefined {
  const here = fileURLToPath(new URL('./job-worker.js', import.meta.url));
  if (here.includes('/dist/') && existsSync(here)) return here;
  const dist = fileURLToPath(new URL('../../dist/jobs/job-worker.js', import.meta.url));
  return existsSync(dist) ? dist : undefined;
}

export class JobRunner {
  private worker: Worker | undefined;
  private busy = false;
  private readonly file: string | undefined;
  private closed = false;
  private readonly cancelGraceMs: number;

  constructor(opts: { warm?: boolean; cancelGraceMs?: number } = {}) {
    this.file = jobWorkerFile();
    this.cancelGraceMs = opts.cancelGraceMs ?? 10_000;
    if (this.file && opts.warm !== false) this.worker = this.spawn();
  }

  /** True when jobs run in a worker thread (the normal, built case). */
  get threaded(): boolean {
    return this.file !== undefined;
  }

  private spawn(): Worker {
    // workerData must be an object: the web-worker package (pulled in by geotiff) reads fields of
    // it when loaded in any worker thread, and throws on undefined.
    const w = new Worker(this.file!, { workerData: { parapetJobWorker: true } });
    w.unref();
    w.on('error', () => {
      if (this.worker === w) this.worker = undefined;
    });
    w.on('exit', () => {
      if (this.worker === w) this.worker = undefined;
    });
    return w;
  }

  /** Runs one job; the caller (JobManager) runs at most one at a time. */
  run(request: JobRequest, progress: Progress): RunHandle {
    if (this.closed) throw new Error('job runner is closed');
    if (this.busy) throw new Error('job runner is busy (one job at a time)');
    const cancelFlag = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancelFlag);
    if (!this.file) return this.runInline(request, progress, flag);
    this.worker ??= this.spawn();
    const worker = this.worker;
    this.busy = true;
    worker.ref();
    let settle!: { resolve: (v: { result: JobResult; rasters: ArrayBuffer }) => void; reject: (e: Error) => void };
    const done = new Promise<{ result: JobResult; rasters: ArrayBuffer }>((resolve, reject) => (settle = { resolve, reject }));
    let finished = false;
    let killTimer: NodeJS.Timeout | undefined;
    const finish = (): void => {
      finished = true;
      this.busy = false;
      clearTimeout(killTimer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      worker.unref();
    };
    const onMessage = (m: WorkerMessage): void => {
      if (m.type === 'progress') {
        if (Atomics.load(flag, 0) === 0) progress(m.phase, m.done, m.total, m.step);
        return;
      }
      finish();
      if (m.type === 'done') settle.resolve({ result: m.result, rasters: m.rasters });
      else if (m.type === 'cancelled') settle.reject(new CancelledError());
      else settle.reject(new Error(m.message));
    };
    const onError = (e: Error): void => {
      finish();
      settle.reject(e);
    };
    const onExit = (code: number): void => {
      if (finished) return;
      finish();
      settle.reject(Atomics.load(flag, 0) !== 0 ? new CancelledError() : new Error(`job worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'run', request, cancelFlag });
    return {
      done,
      cancel: () => {
        if (finished || Atomics.load(flag, 0) !== 0) return;
        Atomics.store(flag, 0, 1);
        killTimer = setTimeout(() => {
          if (finished) return;
          if (this.worker === worker) this.worker = undefined;
          void worker.terminate();
        }, this.cancelGraceMs);
        killTimer.unref();
      },
    };
  }

  private runInline(request: JobRequest, progress: Progress, flag: Int32Array): RunHandle {
    this.busy = true;
    const done = (async () => {
      try {
        await Promise.resolve();
        const r = await computeJob(request, loadCatalog(), (phase, d, t, step) => {
          if (Atomics.load(flag, 0) !== 0) throw new CancelledError();
          progress(phase, d, t, step);
        });
        if (Atomics.load(flag, 0) !== 0) throw new CancelledError();
        return r;
      } finally {
        this.busy = false;
      }
    })();
    return { done, cancel: () => Atomics.store(flag, 0, 1) };
  }

  async close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = undefined;
    await w?.terminate();
  }
}
