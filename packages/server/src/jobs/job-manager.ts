/**
 * Jobs by content: a job's id is a hash of what it computes (kind, scenario contents, value
 * case), so asking twice for the same analysis returns the same job — running, or finished and
 * cached. Finished results are kept in a small LRU; cancelled and failed jobs are forgotten so a
 * later request runs afresh. One job runs at a time (on the engine thread); the rest wait in order.
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
    const keys = Object.keys(x as object).filter((k) => (x as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

export function jobId(req: JobRequest, salt = ''): string {
  return createHash('sha256').update(salt).update(canonical(req)).digest('hex').slice(0, 20);
}

export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private running = 0;
  readonly runner: JobRunner;

  constructor(private readonly opts: { keepFinished?: number; salt?: string; warm?: boolean } = {}) {
    this.runner = new JobRunner({ warm: opts.warm });
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
    const events = new EventEmitter();
    events.setMaxListeners(100);
    const job: Job = { id, kind: req.kind, status: 'queued', request: req, createdAt: Date.now(), last: { type: 'progress', phase: 'queued', done: 0, total: 1 }, events };
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
    const limit = 1; // one engine thread; see job-runner.ts
    while (this.running < limit && this.queue.length > 0) {
      const job = this.queue.shift()!;
      this.start(job);
    }
  }

  private emit(job: Job, ev: JobEvent): void {
    job.last = ev;
    job.events.emit('event', ev);
  }

  private start(job: Job): void {
    this.running++;
    job.status = 'running';
    this.emit(job, { type: 'progress', phase: 'starting', done: 0, total: 1 });
    const handle = this.runner.run(job.request, (phase, done, total, step) => this.emit(job, { type: 'progress', phase, done, total, step }));
    job.handle = handle;
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
    for (const j of [...this.jobs.values()]) this.cancel(j.id);
    await this.runner.close();
  }
}
