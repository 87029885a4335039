/**
 * `parapet worker`: a BullMQ worker on the `parapet-blocks` queue whose processor is sandboxed
 * (block-processor.js, one child process per concurrency slot). Any number of them, on any
 * number of machines, can serve the same Redis.
 *
 * Locks and stalls: the worker process holds a lock on each block it runs for `lockSec` and
 * renews it every `lockSec`/2; the sandbox keeps the block's computation off the worker's event
 * loop, so renewals are never starved and a short lock is safe. Every `stalledSec` each worker
 * looks for running blocks whose lock has expired (their worker died or lost the network) and
 * puts them back in the queue; a block is then run again from its start, by whichever worker
 * takes it, with the same result. A dead worker's blocks are therefore back in the queue after at
 * most about lockSec + 2·stalledSec (15 + 2·10 = 35 s by default). A block stalling more than
 * `maxStalledCount` times (3) fails.
 */
import { hostname } from 'node:os';
import { Worker } from 'bullmq';
import { workerFile } from '../pipeline/worker-pool.js';
import { BLOCK_QUEUE, type BlockJobData, type BlockJobResult } from './queue-protocol.js';
import { QueueError } from './queue-error.js';
import { checkRedis } from './redis-check.js';
import { parseQueueUrl, redisOptions } from './queue-url.js';

export interface QueueWorkerOptions {
  queue: string;
  /** Blocks run at once, one child process each. */
  concurrency: number;
  /** Lock on a running block, seconds (default 15). */
  lockSec?: number;
  /** Interval of the stalled-block check, seconds (default 10). */
  stalledSec?: number;
  onEvent?: (e: QueueWorkerEvent) => void;
}

export type QueueWorkerEvent =
  | { type: 'completed'; flow: string; block: number; blocks: number; ms: number }
  | { type: 'failed'; flow: string; block: number; blocks: number; reason: string }
  | { type: 'stalled'; jobId: string }
  | { type: 'error'; message: string };

export interface QueueWorker {
  /** `host/pid`, as reported in the submitter's summary. */
  id: string;
  redisVersion: string;
  /** The queue URL, password hidden. */
  url: string;
  /** Stops taking blocks; waits for the running ones unless `force` (those then stall and are retried elsewhere). */
  close(force?: boolean): Promise<void>;
}

export const DEFAULT_LOCK_SEC = 15;
export const DEFAULT_STALLED_SEC = 10;
const MAX_STALLED_COUNT = 3;

export async function startQueueWorker(opts: QueueWorkerOptions): Promise<QueueWorker> {
  const url = parseQueueUrl(opts.queue);
  if (!Number.isInteger(opts.concurrency) || opts.concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${opts.concurrency}`);
  const lockSec = opts.lockSec ?? DEFAULT_LOCK_SEC;
  const stalledSec = opts.stalledSec ?? DEFAULT_STALLED_SEC;
  if (!(lockSec >= 1)) throw new RangeError(`lockSec must be at least 1, got ${lockSec}`);
  if (!(stalledSec >= 1)) throw new RangeError(`stalledSec must be at least 1, got ${stalledSec}`);
  const processor = workerFile('queue/block-processor.js');
  if (!processor) throw new QueueError('the block processor is not built (run `npm run build`)');
  const redisVersion = await checkRedis(url);
  const id = `${hostname()}/${process.pid}`;
  const worker = new Worker<BlockJobData, BlockJobResult>(BLOCK_QUEUE, processor, {
    connection: redisOptions(url, 10_000),
    name: id,
    concurrency: opts.concurrency,
    lockDuration: lockSec * 1000,
    stalledInterval: stalledSec * 1000,
    maxStalledCount: MAX_STALLED_COUNT,
    useWorkerThreads: false,
    workerForkOptions: { env: { ...process.env, PARAPET_QUEUE_URL: opts.queue } },
  });
  const emit = (e: QueueWorkerEvent): void => opts.onEvent?.(e);
  worker.on('completed', (job, r) => emit({ type: 'completed', flow: job.data.flow, block: job.data.block, blocks: job.data.blocks, ms: r.ms }));
  worker.on('failed', (job, err) => {
    if (job) emit({ type: 'failed', flow: job.data.flow, block: job.data.block, blocks: job.data.blocks, reason: err.message });
  });
  worker.on('stalled', (jobId) => emit({ type: 'stalled', jobId }));
  worker.on('error', (err) => emit({ type: 'error', message: err.message }));
  await worker.waitUntilReady();
  return { id, redisVersion, url: url.display, close: (force = false) => worker.close(force) };
}
