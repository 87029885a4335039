/**
 * The whole analysis on worker threads (the compiled workers in dist/; the test setup builds
 * them): the same seed gives the same document whatever the number of threads.
 */
import { describe, expect, it } from 'vitest';
import { closePools } from '../pipeline/worker-pool.js';
import { sensitivityScenario } from './sensitivity.js';
import { input } from './sensitivity-fixtures.js';

describe('sensitivity on worker threads', () => {
  it('gives the same document with 1 and 2 threads, and reports progress after every block', async () => {
    const saved = process.env.PARAPET_THREADS;
    try {
      process.env.PARAPET_THREADS = '1';
      const one = await sensitivityScenario(input, { blockPoints: 3 });
      process.env.PARAPET_THREADS = '2';
      const two = await sensitivityScenario(input, { blockPoints: 3 });
      expect(one.threads).toBe(1);
      expect(two.threads).toBe(2);
      expect(JSON.stringify(two.document)).toBe(JSON.stringify(one.document));
      const seen: number[] = [];
      await sensitivityScenario(input, { blockPoints: 4, onProgress: (d, t) => seen.push(d, t) });
      expect(seen).toEqual([4, 16, 8, 16, 12, 16, 16, 16]);
    } finally {
      if (saved === undefined) delete process.env.PARAPET_THREADS;
      else process.env.PARAPET_THREADS = saved;
      await closePools();
    }
  });

  it('stops when progress throws (the server cancel)', async () => {
    const saved = process.env.PARAPET_THREADS;
    try {
      process.env.PARAPET_THREADS = '2';
      await expect(
        sensitivityScenario(input, {
          blockPoints: 2,
          onProgress: () => {
            throw new Error('cancelled');
          },
        }),
      ).rejects.toThrow('cancelled');
    } finally {
      if (saved === undefined) delete process.env.PARAPET_THREADS;
      else process.env.PARAPET_THREADS = saved;
      await closePools();
    }
  });
});
