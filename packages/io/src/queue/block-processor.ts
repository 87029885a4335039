/**
 * The BullMQ sandboxed processor of `parapet worker`: BullMQ forks one child process per
 * concurrency slot and runs this module's default export there for each block, so a block that
 * crashes or exhausts memory takes down its child, not the worker (the block is then retried).
 *
 * For each block: fetch the run's input by key (once per child: it is kept by SHA-256), check its
 * hash, run the block, store the result under its key and return the key. The Redis URL comes
 * from the worker process (PARAPET_QUEUE_URL). A child whose worker died (IPC disconnected) exits
 * at its next progress report instead of finishing a block that another worker will redo.
 */
import { hostname } from 'node:os';
import { UnrecoverableError, type SandboxedJob } from 'bullmq';
import { Redis } from 'ioredis';
import type { SimModel } from '@parapet/core';
import {
  packValue,
  QUEUE_PROTOCOL,
  resultKey,
  sha256,
  unpackValue,
  KEEP_SEC,
  type BlockJobData,
  type BlockJobResult,
  type BlockKind,
  type BlockProgress,
} from './queue-protocol.js';
import { parseQueueUrl, redisOptions } from './queue-url.js';
import { runSensitivityBlock, type SensitivityBlockParams, type SensitivityQueueInput } from './sensitivity-queue.js';
import { runSimBlock, type SimBlockParams } from './sim-block.js';

type RunKind = (input: unknown, params: unknown, onProgress: (done: number) => Promise<void>) => Promise<unknown>;

const kinds: Record<BlockKind, RunKind> = {
  sim: (input, params, onProgress) => runSimBlock(input as SimModel, params as SimBlockParams, onProgress),
  sensitivity: async (input, params) => runSensitivityBlock(input as SensitivityQueueInput, params as SensitivityBlockParams),
};

let client: Redis | undefined;
function redis(): Redis {
  if (!client) {
    const url = process.env.PARAPET_QUEUE_URL;
    if (!url) throw new UnrecoverableError('PARAPET_QUEUE_URL is not set: blocks are run by `parapet worker --queue URL`');
    client = new Redis(redisOptions(parseQueueUrl(url), 10_000));
    client.on('error', () => {}); // ioredis reconnects; a request that fails rejects on its own
  }
  return client;
}

/** Inputs by SHA-256; the two most recent are kept (a worker usually serves one run at a time). */
const inputs = new Map<string, unknown>();
const KEEP_INPUTS = 2;

async function inputOf(d: BlockJobData): Promise<unknown> {
  const cached = inputs.get(d.inputSha256);
  if (cached !== undefined) return cached;
  const bytes = await redis().getBuffer(d.inputKey);
  if (!bytes) throw new UnrecoverableError(`the input of run ${d.flow} is gone from Redis (the run was cancelled or expired)`);
  const got = sha256(bytes);
  if (got !== d.inputSha256) throw new UnrecoverableError(`the input of run ${d.flow} has SHA-256 ${got}, the job expects ${d.inputSha256}`);
  const value = unpackValue<unknown>(bytes);
  inputs.set(d.inputSha256, value);
  while (inputs.size > KEEP_INPUTS) inputs.delete(inputs.keys().next().value as string);
  return value;
}

// Orphaned (the worker was killed): leave — on the IPC channel's close, on a timer, at every
// progress report, and on the first failed write to the dead channel (BullMQ's child would
// otherwise report that failure over the same channel, fail again, and spin forever).
const workerPid = process.ppid;
const orphaned = (): boolean => !process.connected || process.ppid !== workerPid;
process.once('disconnect', () => process.exit(0));
process.prependListener('uncaughtException', () => {
  if (orphaned()) process.exit(0);
});
setInterval(() => {
  if (orphaned()) process.exit(0);
}, 500).unref();

export default async function processBlock(job: SandboxedJob<BlockJobData, BlockJobResult>): Promise<BlockJobResult> {
  const d = job.data;
  if (d.protocol !== QUEUE_PROTOCOL)
    throw new UnrecoverableError(
      `block of protocol ${d.protocol}, this worker speaks ${QUEUE_PROTOCOL}: run the same Parapet version on the submitter and the workers`,
    );
  const run = kinds[d.kind] as RunKind | undefined;
  if (!run) throw new UnrecoverableError(`this worker cannot run blocks of kind "${d.kind}": run the same Parapet version on the submitter and the workers`);
  const t0 = performance.now();
  const input = await inputOf(d);
  const value = await run(input, d.params, async (done) => {
    if (orphaned()) process.exit(0);
    await job.updateProgress({ done } satisfies BlockProgress);
  });
  const packed = packValue(value);
  const key = resultKey(d.flow, d.block);
  const r = redis();
  await r.set(key, packed, 'EX', KEEP_SEC);
  // The submitter removes the input before the results: a block finishing after a cancel
  // removes its own result.
  if ((await r.exists(d.inputKey)) === 0) await r.del(key);
  return {
    block: d.block,
    resultKey: key,
    sha256: sha256(packed),
    bytes: packed.length,
    worker: `${hostname()}/${process.ppid}`,
    ms: Math.round(performance.now() - t0),
  };
}
