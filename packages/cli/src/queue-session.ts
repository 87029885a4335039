/**
 * What `parapet simulate|sensitivity --queue URL` share: the URL checked and the server reached
 * before any work (a mistake is reported at once, not after a long preparation), Ctrl-C cancelling
 * the queued blocks (a second Ctrl-C exits at once), the queue's notices on stderr, and the
 * closing line's account of the blocks and workers. docs/queue.md.
 */
import { checkRedis, parseQueueUrl, type FlowRunStats, type QueueUrl } from '@parapet/io';
import { parseIntegerOption } from './inputs.js';

export interface QueueSession {
  url: QueueUrl;
  idleTimeoutSec: number;
  signal: AbortSignal;
  onNotice: (message: string) => void;
  /** "in N blocks through URL by K worker processes[, R blocks retried]". */
  describe(stats: FlowRunStats): string;
  dispose(): void;
}

/** Options every queued command has, besides its own block size. */
export const QUEUE_OPTION = [
  '--queue <url>',
  'run the blocks on `parapet worker` processes through Redis (redis://HOST:PORT) instead of local threads; same results (docs/queue.md)',
] as const;
export const QUEUE_TIMEOUT_OPTION = ['--queue-timeout <s>', 'with --queue: give up when no block has made progress for this many seconds', '300'] as const;

export async function openQueueSession(queue: string, queueTimeout: string): Promise<QueueSession> {
  const idleTimeoutSec = parseIntegerOption('--queue-timeout', queueTimeout, 1, 86_400);
  const url = parseQueueUrl(queue);
  await checkRedis(url);
  const abort = new AbortController();
  let interrupts = 0;
  const onSigint = (): void => {
    interrupts++;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\ncancelling: removing the blocks not yet started from the queue (Ctrl-C again to exit at once)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  return {
    url,
    idleTimeoutSec,
    signal: abort.signal,
    onNotice: (m) => process.stderr.write(`${m}\n`),
    describe: (q) => {
      const retried = q.retriedBlocks > 0 ? `, ${q.retriedBlocks} block${q.retriedBlocks > 1 ? 's' : ''} retried` : '';
      return `in ${q.blocks} blocks through ${url.display} by ${q.workers.length} worker process${q.workers.length === 1 ? '' : 'es'}${retried}`;
    },
    dispose: () => process.off('SIGINT', onSigint),
  };
}
