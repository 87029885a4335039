/**
 * Test tiers, by file name (so a new file lands in the right tier without editing this list):
 * - unit: every `*.test.ts` that is neither slow nor browser — pure and quick (`npm run test:unit`).
 * - slow: `*.slow.test.ts` — real terrain, GDAL, spawned processes, long simulations.
 * - browser: `*.browser.test.ts` — Chromium against the built workbench (needs `npm run build`).
 * `npm test` builds, then runs all three. A test file that takes more than a second or two, spawns
 * a process or needs an external tool belongs in slow.
 *
 * Before any test, test/rebuild-dist.ts runs `tsc -b packages/cli` so the worker threads and the
 * spawned CLI, which run compiled dist/, run the current sources.
 */
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (p: string): string => fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url));

const ALL = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const SLOW = ALL.map((p) => p.replace('*.test.ts', '*.slow.test.ts'));
const BROWSER = ALL.map((p) => p.replace('*.test.ts', '*.browser.test.ts'));

/** Options every tier shares (projects do not inherit the root's resolve and test options). */
const shared = {
  resolve: {
    alias: {
      '@parapet/core': src('core'),
      '@parapet/io': src('io'),
      '@parapet/server': src('server'),
    },
  },
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
  },
};

/** A tier; `groupOrder` runs the tiers one after another (unit first), each with its own worker count. */
const tier = (name: string, groupOrder: number, include: string[], exclude: string[] = [], more: { isolate?: boolean; maxWorkers?: string } = {}) => ({
  ...shared,
  test: { ...shared.test, ...more, name, include, exclude: [...configDefaults.exclude, ...exclude], sequence: { groupOrder } },
});

export default defineConfig({
  test: {
    globalSetup: ['test/rebuild-dist.ts'],
    // The unit tier runs a file per core (vitest's default leaves one core free, which here is half
    // the machine) and shares one module graph per worker process (isolate: false): importing the
    // packages' sources again for every file was half of its CPU time. Its tests must leave no
    // state behind (restore process.env, close what they open). The slow and browser tiers keep
    // the defaults: their tests spawn processes and threads of their own.
    projects: [tier('unit', 0, ALL, [...SLOW, ...BROWSER], { isolate: false, maxWorkers: '100%' }), tier('slow', 1, SLOW), tier('browser', 2, BROWSER)],
  },
});
