/**
 * Jobs by content: a job's id is a hash of what it computes (kind, scenario contents, value
 * case), so asking twice for the same analysis returns the same job — running, or finished and
 * cached. Finished results are kept in a small LRU; cancelled and failed jobs are forgotten so a
 * later request runs afresh.
 *
 * At most `concurrency` jobs (default 2) run at once, each on its own engine thread (a pool of
 * runners; the first is warm and always preferred, so one-at-a-time use keeps its caches); the
 * rest wait in order in a queue of at most `maxQueued` (default 50). Beyond that, submit throws
 * QueueFullError (the API answers 429).
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { CancelledError, JobRunner, type RunHandle } from './job-runner.js';
import type { JobPhase, JobRequest, JobResult } from './job-types.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'error' | 'cancelled';

export interface JobEvent {
  type: 'progress' | 'done' | 'error' | 'cancelled';
  phase?: JobPhase;
  step?: string;
  done?: number;
  total?: number;
  message?: string;
}

export interface Job {
  id: string;
  kind: JobRequest['kind'];
  status: JobStatus;
  request: JobRequest;
  createdAt: number;
  finishedAt?: number;
  last: JobEvent;
  result?: JobResult;
  rasters?: Uint8Array;
  error?: string;
  events: EventEmitter;
  handle?: RunHandle;
}

/** Canonical JSON (sorted keys), so that key order in a request does not change the hash. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const keys = Object.keys(x as object)
      .filter((k) => (x as Record<string, unknown>)[k] !== undefined)
      .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

/** The queue is full: try again later (HTTP 429). */
export class QueueFullError extends Error {
  override name = 'QueueFullError';
}

export interface JobManagerOptions {
  keepFinished?: number;
  salt?: string;
  warm?: boolean;
  /** Jobs running at once (default 2). */
  concurrency?: number;
  /** Jobs waiting at most (default 50); more are refused with QueueFullError. */
  maxQueued?: number;
}

export interface JobStats {
  running: number;
  queued: number;
  /** The most jobs ever running at once. */
  peakRunning: number;
  concurrency: number;
  maxQueued: number;
}

export function jobId(req: JobRequest, salt = ''): string {
  return createHash('sha256').update(salt).update(canonical(req)).digest('hex').slice(0, 20);
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  private peakRunning = 0;
  private readonly runners: JobRunner[];
  private readonly idle: boolean[];
  readonly concurrency: number;
  readonly maxQueued: number;

  constructor(private readonly opts: JobManagerOptions = {}) {
    this.concurrency = Math.max(1, Math.floor(opts.concurrency ?? 2));
    this.maxQueued = Math.max(0, Math.floor(opts.maxQueued ?? 50));
    // Only the first runner is warmed; the others spawn their worker when first needed.
    this.runners = Array.from({ length: this.concurrency }, (_, i) => new JobRunner({ warm: i === 0 ? opts.warm : false }));
    this.idle = this.runners.map(() => true);
  }

  /** The first engine runner (whether jobs run threaded). */
  get runner(): JobRunner {
    return this.runners[0];
  }

  stats(): JobStats {
    return { running: this.running, queued: this.queue.length, peakRunning: this.peakRunning, concurrency: this.concurrency, maxQueued: this.maxQueued };
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }

  /** The job computing `req`: an existing one (cached or in flight), else a new queued one. */
  submit(req: JobRequest): { job: Job; cached: boolean } {
    const id = jobId(req, this.opts.salt);
    const existing = this.jobs.get(id);
    if (existing && (existing.status === 'done' || existing.status === 'running' || existing.status === 'queued')) {
      // Refresh its place in the LRU.
      this.jobs.delete(id);
      this.jobs.set(id, existing);
      return { job: existing, cached: existing.status === 'done' };
    }
    if (this.running >= this.concurrency && this.queue.length >= this.maxQueued) {
      throw new QueueFullError(
        `too many jobs: ${this.running} running and ${this.queue.length} waiting (at most ${this.maxQueued}); try again when some have finished`,
      );
    }
    const events = new EventEmitter();
    events.setMaxListeners(100);
    const job: Job = {
      id,
      kind: req.kind,
      status: 'queued',
      request: req,
      createdAt: Date.now(),
      last: { type: 'progress', phase: 'queued', done: 0, total: 1 },
      events,
    };
    this.jobs.set(id, job);
    this.queue.push(job);
    this.pump();
    return { job, cached: false };
  }

  cancel(id: string): boolean {
    const job = this.jobs.get(id);
    if (!job || (job.status !== 'queued' && job.status !== 'running')) return false;
    if (job.status === 'queued') {
      const i = this.queue.indexOf(job);
      if (i >= 0) this.queue.splice(i, 1);
      this.finish(job, 'cancelled', { type: 'cancelled' });
    } else job.handle?.cancel();
    return true;
  }

  private pump(): void {
    while (this.running < this.concurrency && this.queue.length > 0) {
      const slot = this.idle.indexOf(true);
      if (slot < 0) return;
      const job = this.queue.shift()!;
      this.start(job, slot);
    }
  }

  private emit(job: Job, ev: JobEvent): void {
    job.last = ev;
    job.events.emit('event', ev);
  }

  private start(job: Job, slot: number): void {
    this.running++;
    this.peakRunning = Math.max(this.peakRunning, this.running);
    this.idle[slot] = false;
    job.status = 'running';
    this.emit(job, { type: 'progress', phase: 'starting', done: 0, total: 1 });
    let handle: RunHandle;
    try {
      handle = this.runners[slot].run(job.request, (phase, done, total, step) => this.emit(job, { type: 'progress', phase, done, total, step }));
    } catch (e) {
      this.idle[slot] = true;
      job.error = e instanceof Error ? e.message : String(e);
      this.finish(job, 'error', { type: 'error', message: job.error });
      return;
    }
    job.handle = handle;
    const free = (): void => {
      this.idle[slot] = true;
    };
    handle.done.then(free, free);
    handle.done.then(
      ({ result, rasters }) => {
        job.result = result;
        job.rasters = new Uint8Array(rasters);
        this.finish(job, 'done', { type: 'done' });
      },
      (e: unknown) => {
        if (e instanceof CancelledError) this.finish(job, 'cancelled', { type: 'cancelled' });
        else {
          job.error = e instanceof Error ? e.message : String(e);
          this.finish(job, 'error', { type: 'error', message: job.error });
        }
      },
    );
  }

  private finish(job: Job, status: JobStatus, ev: JobEvent): void {
    const wasRunning = job.status === 'running';
    job.status = status;
    job.finishedAt = Date.now();
    job.handle = undefined;
    this.emit(job, ev);
    if (status !== 'done') this.jobs.delete(job.id);
    if (wasRunning) {
      this.running--;
      this.pump();
    }
    this.evict();
  }

  private evict(): void {
    const keep = this.opts.keepFinished ?? 16;
    const finished = [...this.jobs.values()].filter((j) => j.status === 'done');
    for (let i = 0; i < finished.length - keep; i++) this.jobs.delete(finished[i].id);
  }

  async close(): Promise<void> {
    this.queue.length = 0;
    for (const j of [...this.jobs.values()]) this.cancel(j.id);
    await Promise.all(this.runners.map((r) => r.close()));
  }
}
