/**
 * A few of the corrupt-DEM corpus's cases (packages/io/src/dem/dem-corpus.slow.test.ts) through the
 * built CLI, as a user meets them: `parapet validate` and `parapet coverage` exit 1 with one line
 * naming the file — no stack trace, no hang, no memory blow-up (512 MB heap).
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { makeElevationGrid } from '@parapet/core';
import { elevationToGeoTiff, geoTiffBytes } from '@parapet/io';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const work = mkdtempSync(join(tmpdir(), 'parapet-dem-corpus-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function parapet(args: string[]): Promise<{ code: number | string; stderr: string; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve) => {
    execFile(process.execPath, ['--max-old-space-size=512', bin, ...args], { cwd: work, timeout: 60_000, killSignal: 'SIGKILL' }, (err, _stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? (err as { signal?: string }).signal ?? 'error') : 0, stderr, ms: performance.now() - t0 });
    });
  });
}

function scenario(name: string, dem: string, west: boolean): string {
  const f = join(work, `${name}.yaml`);
  writeFileSync(
    f,
    `name: ${name}
region: { bbox: [${west ? '126.1, 37.1, 126.9, 37.9' : '126.6, 37.1, 127.4, 37.9'}], resolutionM: 4000 }
terrain: { dem: ${JSON.stringify(dem)} }
sites:
  - { id: a, system: s-75, lon: ${west ? 126.5 : 127.0}, lat: 37.5, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [300] }
`,
  );
  return f;
}

describe('corrupt DEMs through the CLI', () => {
  const N = 121;
  const D = 1 / 120;
  const good = Buffer.from(
    geoTiffBytes(
      elevationToGeoTiff(makeElevationGrid(N, N, { crs: 'geographic', x0: 126.5, y0: 38, dx: D, dy: D }, new Float32Array(N * N).fill(50)), 'int16', 4326),
    ),
  );
  const cases: { name: string; west: boolean; make: (p: string) => string }[] = [
    { name: 'fifo', west: false, make: (p) => (execFileSync('mkfifo', [`${p}.tif`]), `${p}.tif`) },
    { name: 'truncated', west: false, make: (p) => (writeFileSync(`${p}.tif`, good.subarray(0, good.length - 1)), `${p}.tif`) },
    {
      name: 'gzip-bomb',
      west: true,
      make: (p) => {
        mkdirSync(p);
        writeFileSync(join(p, 'N37E126.hgt.gz'), gzipSync(Buffer.alloc(300 * 1024 * 1024)));
        return p;
      },
    },
    { name: 'not-a-tiff', west: false, make: (p) => (writeFileSync(`${p}.tif`, 'not a tiff\n'.repeat(50)), `${p}.tif`) },
  ];

  for (const c of cases) {
    it(`${c.name}: validate and coverage exit 1 with one line naming the file`, async () => {
      const dem = c.make(join(work, c.name));
      const file = scenario(c.name, dem, c.west);
      for (const args of [
        ['validate', file],
        ['coverage', file, '--out', join(work, `out-${c.name}`)],
      ]) {
        const r = await parapet(args);
        expect(r.code, `${args[0]}: ${r.stderr}`).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines.length, r.stderr).toBe(1);
        expect(lines[0]).toContain(dem);
        expect(r.stderr).not.toMatch(/\n\s+at /);
        expect(r.ms).toBeLessThan(60_000);
      }
    });
  }

  it('a good DEM validates (the cases fail for their corruption, not the scenario)', async () => {
    const f = join(work, 'good.tif');
    writeFileSync(f, good);
    const r = await parapet(['validate', scenario('good', f, false)]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(f).length).toBe(good.length);
  });
});
