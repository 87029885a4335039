/**
 * What goes over the queue between `parapet simulate|sensitivity --queue` (the submitter) and
 * `parapet worker` processes, wherever they run:
 *
 * - one **input** per run of the command, stored once under `parapet:input:<flow>`: the prepared,
 *   self-contained model (for a simulation: the `SimModel` with its route, Pd and time-of-flight
 *   tables, terrain already applied), so a worker needs no scenario, catalog or DEM file. Children
 *   carry its key and SHA-256; a worker fetches it once, checks the hash and keeps it in memory.
 * - one **child job** per block in the BullMQ queue `parapet-blocks`, a child of the run's parent
 *   job in `parapet-flows` (a BullMQ flow): the block's number and its parameters (first run, run
 *   count, seed, the random-stream states of its runs).
 * - one **result** per block, written by the worker under `parapet:result:<flow>:<block>`; the
 *   job's return value names it with its SHA-256. The submitter reads the results in block order.
 *
 * Inputs and results are `v8.serialize` (structured clone: typed arrays and NaN kept exactly)
 * compressed with raw deflate; byte order is the machine's (little-endian on x86-64 and ARM64).
 * Submitter and workers must run the same Parapet build: the protocol number is checked, the
 * model's code is not.
 */
import { createHash } from 'node:crypto';
import { deserialize, serialize } from 'node:v8';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** Bumped whenever job data, inputs or results change shape. */
export const QUEUE_PROTOCOL = 1;
/** The queue `parapet worker` takes blocks from. */
export const BLOCK_QUEUE = 'parapet-blocks';
/** The queue holding each run's parent job (never processed: the submitter merges). */
export const FLOW_QUEUE = 'parapet-flows';
/** Inputs and results expire after a week if their submitter died without removing them. */
export const KEEP_SEC = 7 * 24 * 3600;

export function inputKey(flow: string): string {
  return `parapet:input:${flow}`;
}
export function resultKey(flow: string, block: number): string {
  return `parapet:result:${flow}:${block}`;
}
/** Job id of block `block` of `flow` (BullMQ ids must not contain ':'). */
export function blockJobId(flow: string, block: number): string {
  return `${flow}.${block}`;
}
/** The block number of a job id of `flow`, or −1 when the job belongs to another run. */
export function blockOfJobId(flow: string, jobId: string): number {
  if (!jobId.startsWith(`${flow}.`)) return -1;
  const n = Number(jobId.slice(flow.length + 1));
  return Number.isInteger(n) && n >= 0 ? n : -1;
}

/** The kinds of block a worker knows how to run. */
export type BlockKind = 'sim' | 'sensitivity';

export interface BlockJobData {
  protocol: number;
  kind: BlockKind;
  flow: string;
  inputKey: string;
  inputSha256: string;
  block: number;
  blocks: number;
  /** Units of work in the block (runs, or draws × runs), for progress. */
  weight: number;
  /** Kind-specific, JSON. */
  params: unknown;
}

/** A block's job return value (small: the result itself is in Redis under `resultKey`). */
export interface BlockJobResult {
  block: number;
  resultKey: string;
  sha256: string;
  bytes: number;
  /** `host/pid` of the `parapet worker` process that ran it. */
  worker: string;
  ms: number;
}

/** Progress a worker reports while running a block. */
export interface BlockProgress {
  done: number;
}

export function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** Structured-clone bytes of `value`, deflated (level 1: fast, ≈3× smaller on the run tables). */
export function packValue(value: unknown): Buffer {
  return deflateRawSync(serialize(value), { level: 1 });
}

export function unpackValue<T>(b: Uint8Array): T {
  return deserialize(inflateRawSync(b)) as T;
}

/** Int32 words as base64 (stream states in job data) and back, independent of Buffer pooling. */
export function int32ToBase64(a: Int32Array): string {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');
}
export function base64ToInt32(s: string): Int32Array {
  const b = Buffer.from(s, 'base64');
  if (b.length % 4 !== 0) throw new RangeError(`stream states: ${b.length} bytes is not a whole number of 32-bit words`);
  const out = new Int32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
