/**
 * Runs jobs in worker threads so the server's event loop stays free: one thread per running job,
 * reused for the next one, terminated to cancel. One idle thread is kept warm so that a request
 * after a site drag does not pay for a thread start and module loading.
 *
 * When the compiled worker (dist/jobs/job-worker.js) is missing — tests run from sources before
 * a build — jobs run on the calling thread instead, and cancellation takes effect between phases.
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
  private idle: Worker[] = [];
  private readonly file: string | undefined;
  private closed = false;

  constructor(private readonly opts: { warm?: boolean } = {}) {
    this.file = jobWorkerFile();
    if (this.file && opts.warm !== false) this.idle.push(this.spawn());
  }

  /** True when jobs run in worker threads (the normal, built case). */
  get threaded(): boolean {
    return this.file !== undefined;
  }

  private spawn(): Worker {
    const w = new Worker(this.file!);
    w.unref();
    // An idle worker that dies (it should not) is simply dropped.
    w.on('error', () => (this.idle = this.idle.filter((x) => x !== w)));
    return w;
  }

  run(request: JobRequest, progress: Progress): RunHandle {
    if (this.closed) throw new Error('job runner is closed');
    if (!this.file) return this.runInline(request, progress);
    const worker = this.idle.pop() ?? this.spawn();
    worker.ref();
    let settle!: { resolve: (v: { result: JobResult; rasters: ArrayBuffer }) => void; reject: (e: Error) => void };
    const done = new Promise<{ result: JobResult; rasters: ArrayBuffer }>((resolve, reject) => (settle = { resolve, reject }));
    let finished = false;
    const cleanup = (): void => {
      finished = true;
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
    };
    const onMessage = (m: WorkerMessage): void => {
      if (m.type === 'progress') progress(m.phase, m.done, m.total, m.step);
      else if (m.type === 'done') {
        cleanup();
        this.release(worker);
        settle.resolve({ result: m.result, rasters: m.rasters });
      } else {
        cleanup();
        this.release(worker);
        settle.reject(new Error(m.message));
      }
    };
    const onError = (e: Error): void => {
      cleanup();
      settle.reject(e);
    };
    const onExit = (code: number): void => {
      if (finished) return;
      cleanup();
      settle.reject(new Error(`job worker exited with code ${code}`));
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    worker.postMessage({ type: 'run', request });
    return {
      done,
      cancel: () => {
        if (finished) return;
        cleanup();
        void worker.terminate();
        settle.reject(new CancelledError());
        // Replace the terminated thread so the next job starts warm.
        if (!this.closed && this.opts.warm !== false && this.idle.length === 0) this.idle.push(this.spawn());
      },
    };
  }

  private release(w: Worker): void {
    if (this.closed || this.idle.length >= 1) {
      void w.terminate();
      return;
    }
    w.unref();
    this.idle.push(w);
  }

  private runInline(request: JobRequest, progress: Progress): RunHandle {
    let cancelled = false;
    const done = (async () => {
      await Promise.resolve();
      return computeJob(request, loadCatalog(), (phase, d, t, step) => {
        if (cancelled) throw new CancelledError();
        progress(phase, d, t, step);
      });
    })();
    return {
      done: done.then((r) => {
        if (cancelled) throw new CancelledError();
        return r;
      }),
      cancel: () => (cancelled = true),
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = this.idle;
    this.idle = [];
    await Promise.all(all.map((w) => w.terminate()));
  }
}
