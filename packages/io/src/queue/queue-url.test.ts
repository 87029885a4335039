import { describe, expect, it } from 'vitest';
import { QueueError } from './queue-error.js';
import { parseQueueUrl, redisOptions } from './queue-url.js';

describe('parseQueueUrl', () => {
  it('reads host, port (default 6379), database, TLS and credentials, and hides the password in messages', () => {
    expect(parseQueueUrl('redis://10.0.0.5:6380')).toMatchObject({ host: '10.0.0.5', port: 6380, db: 0, tls: false, display: 'redis://10.0.0.5:6380' });
    expect(parseQueueUrl('redis://queue.example')).toMatchObject({ host: 'queue.example', port: 6379 });
    expect(parseQueueUrl('redis://[::1]:7000/3')).toMatchObject({ host: '::1', port: 7000, db: 3 });
    const secret = parseQueueUrl('rediss://parapet:s%40cret@queue.example:6390/2');
    expect(secret).toMatchObject({ tls: true, username: 'parapet', password: 's@cret', db: 2 });
    expect(secret.display).toBe('rediss://parapet:***@queue.example:6390/2');
    expect(redisOptions(secret, 5000)).toMatchObject({
      host: 'queue.example',
      port: 6390,
      db: 2,
      password: 's@cret',
      tls: {},
      connectTimeout: 5000,
      maxRetriesPerRequest: null,
    });
  });

  it('refuses what is not a Redis URL, naming the problem', () => {
    const bad: [string, RegExp][] = [
      ['localhost:6379', /unsupported scheme "localhost:"/],
      ['127.0.0.1', /is not a URL/],
      ['http://127.0.0.1:6379', /unsupported scheme "http:"/],
      ['redis://', /has no host/],
      ['redis://127.0.0.1:0', /port must be 1 … 65535/],
      ['redis://127.0.0.1:6379/x', /database number 0 … 15, got "\/x"/],
      ['redis://127.0.0.1:6379/16', /database number 0 … 15/],
      ['redis://127.0.0.1:6379?db=1', /query strings/],
    ];
    for (const [text, message] of bad) {
      expect(() => parseQueueUrl(text), text).toThrow(QueueError);
      expect(() => parseQueueUrl(text), text).toThrow(message);
    }
  });
});
