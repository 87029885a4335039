/**
 * Fails fast, with a message a user can act on, when the Redis server behind a `--queue` URL
 * cannot be used: nothing listening, a host that does not answer within the timeout, a wrong
 * password, or a server older than BullMQ's minimum (Redis 5.0). BullMQ's own connections retry
 * forever, which is right for a running worker but leaves a typo hanging.
 */
import { Redis } from 'ioredis';
import { QueueError } from './queue-error.js';
import { redisOptions, type QueueUrl } from './queue-url.js';

/** BullMQ 5 needs Redis ≥ 5.0 (streams, ZPOPMIN). */
const MIN_REDIS_MAJOR = 5;

/** Connects once without retries, checks the server, and disconnects; resolves to its version. */
export async function checkRedis(q: QueueUrl, timeoutMs = 5000): Promise<string> {
  const client = new Redis({ ...redisOptions(q, timeoutMs), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  let lastError: Error | undefined;
  client.on('error', (e: Error) => {
    lastError = e;
  });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const info = await Promise.race([client.connect().then(() => client.info('server')), timeout]);
    const version = /redis_version:(\S+)/.exec(info)?.[1] ?? '';
    const major = Number(version.split('.')[0]);
    if (!(major >= MIN_REDIS_MAJOR))
      throw new QueueError(`Redis at ${q.display} is version ${version || 'unknown'}; BullMQ needs Redis ${MIN_REDIS_MAJOR}.0 or newer`);
    return version;
  } catch (e) {
    if (e instanceof QueueError) throw e;
    const why = (e instanceof Error && e.message !== 'Connection is closed.' ? e.message : undefined) ?? lastError?.message ?? String(e);
    const hint = /WRONGPASS|NOAUTH|NOPERM/.test(why)
      ? 'check the user and password in the URL'
      : /Protocol error/.test(why)
        ? 'something other than Redis answers there'
        : 'is redis-server running there and reachable from this machine?';
    throw new QueueError(`cannot use Redis at ${q.display}: ${why} (${hint})`);
  } finally {
    clearTimeout(timer);
    client.disconnect();
  }
}
