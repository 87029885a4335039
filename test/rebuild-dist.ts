/**
 * Vitest global setup: brings every package's dist/ up to date with its sources before the tests
 * run (and again before each re-run in watch mode).
 *
 * Tests import the TypeScript sources (vitest.config.ts maps @parapet/* to src/), but worker
 * threads cannot: the piscina pools of packages/io (pipeline/frame-worker, pipeline/png-worker,
 * sim/sim-worker, the terrain workers) and the server's job worker load compiled JavaScript from
 * dist/ (see workerFile in packages/io/src/pipeline/worker-pool.ts and jobWorkerFile in
 * packages/server/src/jobs/job-runner.ts), and the CLI tests spawn bin/parapet.js, which runs
 * dist/. Without this step an edited kernel would be tested by its new main-thread source and
 * its old worker copy. `tsc -b` is incremental: it rebuilds only the projects whose sources
 * changed since their last build (about 1 s when nothing did).
 *
 * Type errors do not stop the tests: tsc still writes the JavaScript (noEmitOnError is off), so
 * workers run the current source; the errors are printed, and `npm run typecheck` / the build step
 * of `npm test` fail on them.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface BuildResult {
  /** tsc's exit status: 0 when the build (or the up-to-date check) had no errors. */
  status: number;
  /** What tsc printed (its located errors when status ≠ 0). */
  output: string;
  durationMs: number;
}

/** Runs `tsc -b <project>` (incremental build of the project and its references) from `cwd`. */
export function buildProject(project: string, cwd: string = ROOT): BuildResult {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [TSC, '-b', project], { cwd, encoding: 'utf8' });
  if (r.error) throw new Error(`could not run tsc -b ${project}: ${r.error.message}`);
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}`.trim(), durationMs: performance.now() - t0 };
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The global setup's last build: `inject('rebuildDist')` in a test. */
    rebuildDist: { project: string; status: number; durationMs: number };
  }
}

function rebuild(project: TestProject): void {
  const r = buildProject('packages/cli');
  if (r.status !== 0) {
    process.stderr.write(`\nrebuild-dist: tsc -b packages/cli reported errors (dist/ was still written; workers run the current source):\n${r.output}\n\n`);
  }
  project.provide('rebuildDist', { project: 'packages/cli', status: r.status, durationMs: r.durationMs });
}

export function setup(project: TestProject): void {
  rebuild(project);
  project.onTestsRerun(() => rebuild(project));
}
