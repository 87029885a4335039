/**
 * The job worker thread ("engine"): loads the catalog once, then runs one job per 'run' message,
 * posting progress and the result (rasters transferred, not copied). It lives as long as the
 * server so that the io pipeline's caches (site frames, worker pool) carry over from one job to
 * the next: after a site drag, only the moved site's frame is recomputed.
 *
 * Cancelling is cooperative: the server sets a flag in shared memory, and the next progress
 * report (after every frame band and every layer) throws. The flag is read with Atomics, so it
 * is seen even while the layers run synchronously and no message can be received.
 */
import { parentPort } from 'node:worker_threads';
import { loadCatalog } from '@parapet/io';
import { computeJob } from './compute.js';
import type { JobRequest, WorkerMessage } from './job-types.js';

const port = parentPort;
if (!port) throw new Error('job-worker.js must run in a worker thread');

class Cancelled extends Error {}

port.on('message', (msg: { type: 'run'; request: JobRequest; cancelFlag: SharedArrayBuffer }) => {
  if (msg.type !== 'run') return;
  const flag = new Int32Array(msg.cancelFlag);
  void (async () => {
    try {
      const catalog = loadCatalog();
      const { result, rasters } = await computeJob(msg.request, catalog, (phase, done, total, step) => {
        if (Atomics.load(flag, 0) !== 0) throw new Cancelled();
        port.postMessage({ type: 'progress', phase, done, total, step } satisfies WorkerMessage);
      });
      if (Atomics.load(flag, 0) !== 0) throw new Cancelled();
      port.postMessage({ type: 'done', result, rasters } satisfies WorkerMessage, [rasters]);
    } catch (e) {
      if (e instanceof Cancelled) port.postMessage({ type: 'cancelled' } satisfies WorkerMessage);
      else port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    }
  })();
});
