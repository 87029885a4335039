import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Piscina } from 'piscina';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { buildProject } from './rebuild-dist.js';

// A composite TypeScript project laid out like a package: a kernel constant and a piscina worker
// that returns it. The worker runs compiled JavaScript from dist/, as the io and server workers do.
const dir = mkdtempSync(join(tmpdir(), 'parapet-rebuild-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tsconfig = {
  compilerOptions: {
    composite: true,
    rootDir: 'src',
    outDir: 'dist',
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    types: [],
  },
  include: ['src'],
};
mkdirSync(join(dir, 'src'));
writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
writeFileSync(join(dir, 'src/worker.ts'), "import { K } from './kernel.js';\nexport default function run(): unknown {\n  return K;\n}\n");

let generation = 0;
/** Rewrites the kernel source with a later mtime, as an editor's save does. */
function editKernel(source: string): void {
  const file = join(dir, 'src/kernel.ts');
  writeFileSync(file, source);
  const t = new Date(Date.now() + 2000 * ++generation);
  utimesSync(file, t, t);
}

/** Runs the compiled worker in a fresh worker thread, as poolFor does. */
async function runWorker(): Promise<unknown> {
  const pool = new Piscina({ filename: join(dir, 'dist/worker.js'), maxThreads: 1 });
  try {
    return await pool.run(null);
  } finally {
    await pool.destroy();
  }
}

describe('rebuild-dist (the vitest global setup)', () => {
  it('ran in this test run, on the packages whose dist the workers and the CLI load', () => {
    const r = inject('rebuildDist');
    expect(r?.project).toBe('packages/cli');
    expect(r?.durationMs).toBeGreaterThan(0);
  });

  it('rebuilds dist after a source edit, so a worker thread runs the edited kernel', async () => {
    editKernel('export const K: number = 1;\n');
    const first = buildProject('.', dir);
    expect(first.output).toBe('');
    expect(first.status).toBe(0);
    expect(await runWorker()).toBe(1);

    editKernel('export const K: number = 2;\n');
    expect(buildProject('.', dir).status).toBe(0);
    expect(await runWorker()).toBe(2);
  });

  it('leaves dist alone when nothing changed', () => {
    const out = join(dir, 'dist/kernel.js');
    const before = statSync(out).mtimeMs;
    const r = buildProject('.', dir);
    expect(r.status).toBe(0);
    expect(statSync(out).mtimeMs).toBe(before);
  });

  it('still writes the JavaScript when the edit has a type error, and reports the located error', async () => {
    editKernel("export const K: number = 'three' as unknown as number + 'x';\n");
    const r = buildProject('.', dir);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/src\/kernel\.ts\(1,\d+\): error TS\d+/);
    expect(await runWorker()).toBe('threex');
  });
});
