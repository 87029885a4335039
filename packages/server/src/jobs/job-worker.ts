/**
 * A job worker thread: loads the catalog once, then runs one job per 'run' message, posting
 * progress and the result (rasters transferred, not copied). The server terminates the thread to
 * cancel a job, so nothing here needs to check for cancellation.
 */
import { parentPort } from 'node:worker_threads';
import { closePools, loadCatalog } from '@parapet/io';
import { computeJob } from './compute.js';
import type { JobRequest, WorkerMessage } from './job-types.js';

const port = parentPort;
if (!port) throw new Error('job-worker.js must run in a worker thread');

port.on('message', (msg: { type: 'run'; request: JobRequest }) => {
  if (msg.type !== 'run') return;
  void (async () => {
    try {
      const catalog = loadCatalog();
      const { result, rasters } = await computeJob(msg.request, catalog, (phase, done, total, step) => {
        port.postMessage({ type: 'progress', phase, done, total, step } satisfies WorkerMessage);
      });
      port.postMessage({ type: 'done', result, rasters } satisfies WorkerMessage, [rasters]);
    } catch (e) {
      port.postMessage({ type: 'error', message: e instanceof Error ? e.message : String(e) } satisfies WorkerMessage);
    } finally {
      // Frame threads idle out on their own; closing here keeps an idle worker from holding them.
      await closePools();
    }
  })();
});
