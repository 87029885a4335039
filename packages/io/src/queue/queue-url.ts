/**
 * The `--queue` URL: `redis://[USER:PASSWORD@]HOST[:PORT][/DB]`, or `rediss://…` for Redis over
 * TLS (the scheme ioredis and redis-cli accept). Parsed once, before anything connects, so a typo
 * is reported as such rather than as a connection timeout.
 */
import type { RedisOptions } from 'ioredis';
import { QueueError } from './queue-error.js';

export interface QueueUrl {
  /** The URL with its password replaced by `***`, for messages. */
  display: string;
  host: string;
  port: number;
  db: number;
  tls: boolean;
  username?: string;
  password?: string;
}

/** Parses and checks a queue URL; throws QueueError naming what is wrong. */
export function parseQueueUrl(text: string): QueueUrl {
  const usage = 'expected redis://HOST:PORT (or rediss://, optionally with USER:PASSWORD@ and /DB)';
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new QueueError(`--queue "${text}" is not a URL; ${usage}`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new QueueError(`--queue "${text}": unsupported scheme "${u.protocol}"; ${usage}`);
  if (u.hostname === '') throw new QueueError(`--queue "${text}" has no host; ${usage}`);
  if (u.search !== '' || u.hash !== '') throw new QueueError(`--queue "${text}": query strings and fragments are not supported; ${usage}`);
  const port = u.port === '' ? 6379 : Number(u.port);
  if (!(Number.isInteger(port) && port >= 1 && port <= 65535)) throw new QueueError(`--queue "${text}": port must be 1 … 65535`);
  const path = u.pathname.replace(/^\//, '');
  const db = path === '' ? 0 : Number(path);
  if (!/^\d*$/.test(path) || !(Number.isInteger(db) && db >= 0 && db <= 15))
    throw new QueueError(`--queue "${text}": the path must be a database number 0 … 15, got "/${path}"`);
  const host = u.hostname.replace(/^\[(.*)\]$/, '$1');
  const password = u.password === '' ? undefined : decodeURIComponent(u.password);
  const username = u.username === '' ? undefined : decodeURIComponent(u.username);
  const shown = new URL(u.href);
  if (password !== undefined) shown.password = '***';
  return { display: shown.href.replace(/\/$/, ''), host, port, db, tls: u.protocol === 'rediss:', username, password };
}

/**
 * ioredis options for BullMQ's connections: they reconnect on their own when the server goes away
 * and back (`maxRetriesPerRequest: null`, which BullMQ requires for its blocking connections).
 */
export function redisOptions(q: QueueUrl, connectTimeoutMs: number): RedisOptions {
  return {
    host: q.host,
    port: q.port,
    db: q.db,
    username: q.username,
    password: q.password,
    tls: q.tls ? {} : undefined,
    connectTimeout: connectTimeoutMs,
    maxRetriesPerRequest: null,
  };
}
