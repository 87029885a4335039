/**
 * The submitter's side of a queued run: puts the blocks on the queue as one BullMQ flow (a parent
 * job in `parapet-flows`, one child per block in `parapet-blocks`), follows them through the
 * queue's events, and hands each block's result back strictly in block order (block i once
 * blocks 0 … i are done) — so what the caller merges does not depend on which worker ran which
 * block, or when.
 *
 * Failures: a child failing is retried (3 attempts, 1 s then 2 s backoff); a worker that dies
 * leaves its blocks locked until the lock expires, after which another worker's stalled-job check
 * puts them back in the queue (docs/queue.md). A block failing on every attempt, no block making
 * progress for `idleTimeoutSec`, and cancellation (`signal`) end the run with a QueueError after
 * removing the blocks not yet started, the input and every result from Redis.
 */
import { randomUUID } from 'node:crypto';
import { FlowProducer, Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import {
  BLOCK_QUEUE,
  blockJobId,
  blockOfJobId,
  FLOW_QUEUE,
  inputKey,
  KEEP_SEC,
  packValue,
  QUEUE_PROTOCOL,
  resultKey,
  sha256,
  unpackValue,
  type BlockJobData,
  type BlockJobResult,
  type BlockKind,
  type BlockProgress,
} from './queue-protocol.js';
import { QueueError } from './queue-error.js';
import { checkRedis } from './redis-check.js';
import { redisOptions, type QueueUrl } from './queue-url.js';

export interface FlowBlock {
  /** Kind-specific parameters (JSON). */
  params: unknown;
  /** Units of work, for progress (runs, or draws × runs). */
  weight: number;
}

export interface FlowRunOptions {
  url: QueueUrl;
  kind: BlockKind;
  /** Name of the parent job, e.g. the scenario's. */
  name: string;
  /** The run's input, sent once (structured-clone data). */
  input: unknown;
  blocks: FlowBlock[];
  /**
   * Receives each block's result, strictly in block order: block i as soon as blocks 0 … i are
   * all done, so merging overlaps the workers' computing.
   */
  onResult: (block: number, value: unknown) => void;
  /** Give up when no block has made progress for this long, seconds. */
  idleTimeoutSec: number;
  onProgress?: (done: number, total: number) => void;
  /** Things the user should know while waiting (no worker yet, a block retried). */
  onNotice?: (message: string) => void;
  signal?: AbortSignal;
}

export interface FlowRunStats {
  flow: string;
  blocks: number;
  /** `host/pid` of every worker that delivered a block. */
  workers: string[];
  /** Blocks that went back to the queue after their worker stopped (stalled) or failed. */
  retriedBlocks: number;
  inputBytes: number;
  resultBytes: number;
}

/** Attempts per block before the run fails. */
export const BLOCK_ATTEMPTS = 3;
const POLL_MS = 1000;
const CLEANUP_MS = 5000;

export async function runFlow(opts: FlowRunOptions): Promise<FlowRunStats> {
  const n = opts.blocks.length;
  if (n === 0) throw new RangeError('a queued run needs at least one block');
  await checkRedis(opts.url);
  const connection = redisOptions(opts.url, 10_000);
  const client = new Redis(connection);
  client.on('error', () => {}); // reconnects; requests reject on their own
  const flows = new Queue(FLOW_QUEUE, { connection });
  const blocksQueue = new Queue(BLOCK_QUEUE, { connection });
  const events = new QueueEvents(BLOCK_QUEUE, { connection });
  const producer = new FlowProducer({ connection });
  // Connection errors surface as failed requests and the idle timeout; keep them off stderr.
  flows.on('error', () => {});
  blocksQueue.on('error', () => {});
  events.on('error', () => {});
  producer.on('error', () => {});
  const flow = randomUUID();
  const weights = opts.blocks.map((b) => b.weight);
  const total = weights.reduce((a, b) => a + b, 0);
  const done = new Float64Array(n);
  const retried = new Set<number>();
  let lastActivity = Date.now();
  let wake: (() => void) | undefined;
  const notice = (m: string): void => opts.onNotice?.(m);
  const report = (): void => {
    let d = 0;
    for (let i = 0; i < n; i++) d += done[i];
    opts.onProgress?.(d, total);
  };
  const ours = (jobId: string): number => blockOfJobId(flow, jobId);
  events.on('active', ({ jobId }) => {
    if (ours(jobId) >= 0) lastActivity = Date.now();
  });
  events.on('progress', ({ jobId, data }) => {
    const b = ours(jobId);
    if (b < 0) return;
    lastActivity = Date.now();
    done[b] = Math.min(weights[b], (data as BlockProgress).done ?? 0);
    report();
  });
  /** Return values of the finished blocks not yet handed over, from the completion events. */
  const returned = new Map<number, BlockJobResult>();
  events.on('completed', ({ jobId, returnvalue }) => {
    const b = ours(jobId);
    if (b < 0) return;
    lastActivity = Date.now();
    done[b] = weights[b];
    if (returnvalue && typeof returnvalue === 'object') returned.set(b, returnvalue as unknown as BlockJobResult);
    report();
    wake?.();
  });
  events.on('stalled', ({ jobId }) => {
    const b = ours(jobId);
    if (b < 0) return;
    retried.add(b);
    done[b] = 0;
    notice(`block ${b + 1}/${n}: its worker stopped responding; the block is back in the queue`);
  });
  events.on('failed', ({ jobId, failedReason }) => {
    const b = ours(jobId);
    if (b < 0) return;
    retried.add(b);
    done[b] = 0;
    notice(`block ${b + 1}/${n} failed on a worker: ${failedReason}`);
    wake?.();
  });

  const input = packValue(opts.input);
  const inputSha256 = sha256(input);
  let parent: Job | undefined;
  let finished = false;
  const resultBytes = { n: 0 };
  const workers = new Set<string>();
  let next = 0;
  /** Hands over the results of blocks next, next + 1, … as far as they are done. */
  const drain = async (): Promise<void> => {
    for (let r = returned.get(next); r !== undefined; r = returned.get(next)) {
      returned.delete(next);
      const bytes = await client.getBuffer(r.resultKey);
      if (!bytes)
        throw new QueueError(`the result of block ${next + 1}/${n} is gone from Redis (was the server restarted without persistence, or did it evict keys?)`);
      if (sha256(bytes) !== r.sha256) throw new QueueError(`the result of block ${next + 1}/${n} does not match its SHA-256`);
      resultBytes.n += bytes.length;
      workers.add(r.worker);
      opts.onResult(next, unpackValue<unknown>(bytes));
      await client.del(r.resultKey);
      next++;
    }
  };
  try {
    await events.waitUntilReady();
    await client.set(inputKey(flow), input, 'EX', KEEP_SEC);
    if (opts.signal?.aborted) throw new QueueError('cancelled');
    const connected = await blocksQueue.getWorkersCount().catch(() => -1);
    if (connected === 0)
      notice(`no worker is connected to ${opts.url.display} yet: start \`parapet worker --queue ${opts.url.display}\` on one or more machines`);
    await producer.add({
      name: opts.name,
      queueName: FLOW_QUEUE,
      data: { protocol: QUEUE_PROTOCOL, kind: opts.kind, flow, blocks: n },
      opts: { jobId: flow },
      children: opts.blocks.map((b, i) => ({
        name: opts.kind,
        queueName: BLOCK_QUEUE,
        data: {
          protocol: QUEUE_PROTOCOL,
          kind: opts.kind,
          flow,
          inputKey: inputKey(flow),
          inputSha256,
          block: i,
          blocks: n,
          weight: b.weight,
          params: b.params,
        } satisfies BlockJobData,
        opts: {
          jobId: blockJobId(flow, i),
          attempts: BLOCK_ATTEMPTS,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { age: KEEP_SEC },
          ignoreDependencyOnFailure: true,
        },
      })),
    });
    parent = await Job.fromId(flows, flow);
    if (!parent) throw new Error(`the parent job ${flow} vanished right after it was added`);
    lastActivity = Date.now();
    report();

    for (;;) {
      if (opts.signal?.aborted) throw new QueueError('cancelled');
      await drain();
      const c = await parent.getDependenciesCount();
      if ((c.failed ?? 0) > 0 || (c.ignored ?? 0) > 0) {
        const failures = await parent.getIgnoredChildrenFailures();
        const [key, reason] = Object.entries(failures)[0] ?? ['?', 'unknown'];
        const b = blockOfJobId(flow, key.slice(key.lastIndexOf(':') + 1));
        throw new QueueError(`block ${b + 1}/${n} failed on ${BLOCK_ATTEMPTS} attempts: ${reason}`);
      }
      if (c.processed === n && c.unprocessed === 0) break;
      if (Date.now() - lastActivity > opts.idleTimeoutSec * 1000) {
        throw new QueueError(
          `no block made progress for ${opts.idleTimeoutSec} s (${c.processed} of ${n} done): is a \`parapet worker --queue ${opts.url.display}\` running and connected to the same Redis?`,
        );
      }
      // Until the next poll, a finished or failed block, or a cancel.
      await new Promise<void>((resolve) => {
        const t = setTimeout(() => wake?.(), POLL_MS);
        const onAbort = (): void => wake?.();
        opts.signal?.addEventListener('abort', onAbort, { once: true });
        wake = () => {
          wake = undefined;
          clearTimeout(t);
          opts.signal?.removeEventListener('abort', onAbort);
          resolve();
        };
      });
    }

    // Every block is done. Completion events missed (e.g. while reconnecting) are made up from
    // the parent's record of its children's return values.
    if (next < n) {
      const values = (await parent.getChildrenValues()) as Record<string, BlockJobResult>;
      for (const v of Object.values(values)) if (v.block >= next) returned.set(v.block, v);
      await drain();
      if (next < n) throw new Error(`block ${next + 1}/${n} is done but has no return value`);
    }
    finished = true;
    opts.onProgress?.(total, total);
    return { flow, blocks: n, workers: [...workers].sort(), retriedBlocks: retried.size, inputBytes: input.length, resultBytes: resultBytes.n };
  } catch (e) {
    const removed = await withTimeout(cancelFlow(client, flow, parent, n), CLEANUP_MS).catch(() => undefined);
    if (e instanceof QueueError && e.message === 'cancelled') {
      throw new QueueError(
        `cancelled${removed === undefined ? '' : `: removed ${removed} block${removed === 1 ? '' : 's'} not yet started from the queue; blocks already running finish and are discarded`}`,
      );
    }
    throw e;
  } finally {
    if (finished)
      await withTimeout(
        client.del(inputKey(flow)).then(() => parent?.remove()),
        CLEANUP_MS,
      ).catch(() => undefined);
    await Promise.allSettled([events.close(), producer.close(), flows.close(), blocksQueue.close()]);
    client.disconnect();
  }
}

/**
 * Removes a run from Redis: the input first (a block finishing afterwards then drops its
 * result), the children not yet started, the parent, and the results. Resolves to the number
 * of children removed.
 */
async function cancelFlow(client: Redis, flow: string, parent: Job | undefined, blocks: number): Promise<number> {
  await client.del(inputKey(flow));
  let removed = 0;
  if (parent) {
    const before = await parent.getDependenciesCount({ unprocessed: true });
    await parent.removeUnprocessedChildren();
    const after = await parent.getDependenciesCount({ unprocessed: true });
    removed = (before.unprocessed ?? 0) - (after.unprocessed ?? 0);
    // Running children keep their locks; the parent goes without them.
    await parent.remove({ removeChildren: false }).catch(() => undefined);
  }
  const keys = Array.from({ length: blocks }, (_, i) => resultKey(flow, i));
  for (let i = 0; i < keys.length; i += 1000) await client.del(...keys.slice(i, i + 1000));
  return removed;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, reject) => (t = setTimeout(() => reject(new Error('timeout')), ms)))]).finally(() => clearTimeout(t));
}
