/**
 * `parapet worker --queue redis://HOST:PORT [--concurrency N]` — serves the blocks that
 * `parapet simulate|sensitivity --queue` put on the queue, on this machine, until Ctrl-C (or SIGTERM): the
 * first stops taking blocks and lets the running ones finish; a second leaves at once (the
 * running blocks go back to the queue when their locks expire). See docs/queue.md.
 */
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import { DEFAULT_LOCK_SEC, DEFAULT_STALLED_SEC, startQueueWorker } from '@parapet/io';
import { parseIntegerOption } from '../inputs.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('run the blocks that parapet simulate|sensitivity --queue put on the queue, on this machine, in sandboxed processes')
    .requiredOption('--queue <url>', 'the Redis server of the queue, redis://HOST:PORT')
    .option('--concurrency <n>', 'blocks run at once, one process each (default: the number of cores)')
    .option('--lock-sec <s>', 'lock on a running block, renewed every half of it', String(DEFAULT_LOCK_SEC))
    .option('--stalled-sec <s>', 'how often to look for blocks whose worker died and put them back in the queue', String(DEFAULT_STALLED_SEC))
    .action(async (opts: { queue: string; concurrency?: string; lockSec: string; stalledSec: string }) => {
      const concurrency = opts.concurrency === undefined ? availableParallelism() : parseIntegerOption('--concurrency', opts.concurrency, 1, 256);
      const lockSec = parseIntegerOption('--lock-sec', opts.lockSec, 1, 3600);
      const stalledSec = parseIntegerOption('--stalled-sec', opts.stalledSec, 1, 3600);
      const say = (m: string): boolean => process.stderr.write(`${m}\n`);
      const worker = await startQueueWorker({
        queue: opts.queue,
        concurrency,
        lockSec,
        stalledSec,
        onEvent: (e) => {
          if (e.type === 'completed') say(`block ${e.block + 1}/${e.blocks} of run ${e.flow.slice(0, 8)} done in ${(e.ms / 1000).toFixed(2)} s`);
          else if (e.type === 'failed') say(`block ${e.block + 1}/${e.blocks} of run ${e.flow.slice(0, 8)} failed: ${e.reason}`);
          else if (e.type === 'stalled') say(`block job ${e.jobId}: its worker stopped; put back in the queue`);
          else say(`queue: ${e.message}`);
        },
      });
      say(
        `parapet worker ${worker.id}: serving redis ${worker.redisVersion} at ${worker.url} with ${concurrency} sandboxed process${concurrency > 1 ? 'es' : ''} ` +
          `(lock ${lockSec} s, stalled check every ${stalledSec} s); Ctrl-C stops after the running blocks`,
      );
      await new Promise<void>((resolve) => {
        let stopping = false;
        const stop = (): void => {
          if (!stopping) {
            stopping = true;
            say('finishing the running blocks (Ctrl-C again to leave now; they then go back to the queue)');
            void worker.close().then(resolve);
          } else {
            say('leaving now');
            void worker.close(true).then(resolve);
          }
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
