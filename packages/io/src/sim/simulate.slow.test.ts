/**
 * The Monte Carlo on worker threads (loaded from dist/: run `npx tsc -b packages/cli` first):
 * the same seed gives byte-identical results whatever the number of threads; outputs are written
 * and well-formed; raid problems in a scenario file are reported with FILE:LINE:COL.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRidgeTiles } from '../../test/support/synthetic-terrain.js';
import { testCatalog, testScenario } from '../../../core/src/sim/sim-fixtures.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { loadScenario, parseScenarioText } from '../scenario/load-scenario.js';
import { closePools, workerFile } from '../pipeline/worker-pool.js';
import { simulateScenario } from './simulate.js';
import { writeSimulationOutputs } from './write-sim-outputs.js';

const cat = testCatalog({ pk: 0.4, targetChannels: 2, missileChannels: 3, launchers: 2, missilesPerLauncher: 3, reloadTimeSec: 90 });
const scen = testScenario({ count: 8, spacingSec: 6, doctrine: { salvo: 2 }, reserveMissiles: 6 });

async function withThreads<T>(n: number, f: () => Promise<T>): Promise<T> {
  const saved = process.env.PARAPET_THREADS;
  process.env.PARAPET_THREADS = String(n);
  try {
    return await f();
  } finally {
    await closePools();
    if (saved === undefined) delete process.env.PARAPET_THREADS;
    else process.env.PARAPET_THREADS = saved;
  }
}

afterAll(closePools);

describe('simulateScenario', () => {
  it('gives byte-identical summaries, run tables and logs on 1, 2 and 3 threads', async () => {
    expect(workerFile('sim/sim-worker.js'), 'build first: npx tsc -b packages/cli').toBeDefined();
    const opts = { runs: 600, seed: 2024, logRuns: 5, blockRuns: 37 };
    const one = await withThreads(1, () => simulateScenario(scen, cat, opts));
    const two = await withThreads(2, () => simulateScenario(scen, cat, opts));
    const three = await withThreads(3, () => simulateScenario(scen, cat, opts));
    expect([one.threads, two.threads, three.threads]).toEqual([1, 2, 3]);
    for (const other of [two, three]) {
      expect(JSON.stringify(other.summary)).toBe(JSON.stringify(one.summary));
      expect(Buffer.from(other.table.killedAtSec.buffer).equals(Buffer.from(one.table.killedAtSec.buffer))).toBe(true);
      expect(Buffer.from(other.table.fired.buffer).equals(Buffer.from(one.table.fired.buffer))).toBe(true);
      expect(JSON.stringify([...other.logs])).toBe(JSON.stringify([...one.logs]));
    }
    // The case is not trivial: missiles fly and some targets survive.
    expect(one.summary.overall.survival.p).toBeGreaterThan(0);
    expect(one.summary.overall.survival.p).toBeLessThan(1);
  });

  it('writes the summary, run table, JSON Lines logs, plots (SVG + PNG) and the run map', async () => {
    const res = await withThreads(1, () => simulateScenario(scen, cat, { runs: 50, seed: 1, logRuns: 3 }));
    const dir = mkdtempSync(join(tmpdir(), 'parapet-sim-'));
    writeSimulationOutputs(dir, scen, res);
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8'));
    expect(summary.runs).toBe(50);
    expect(readFileSync(join(dir, 'runs.csv'), 'utf8').trim().split('\n')).toHaveLength(51);
    const logs = readdirSync(join(dir, 'events')).sort();
    expect(logs).toEqual(['run-000000.jsonl', 'run-000001.jsonl', 'run-000002.jsonl']);
    const lines = readFileSync(join(dir, 'events', logs[0]), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ type: 'run', run: 0, seed: 1 });
    expect(lines.some((e) => e.type === 'launch')).toBe(true);
    for (const name of ['survival', 'missiles', 'timeline', 'map-run-000000']) {
      expect(readFileSync(join(dir, `${name}.svg`), 'utf8')).toMatch(/^<\?xml[\s\S]*<\/svg>\n$/);
      expect(
        readFileSync(join(dir, `${name}.png`))
          .subarray(1, 4)
          .toString(),
      ).toBe('PNG');
    }
    expect(readFileSync(join(dir, 'map-run-000000.svg'), 'utf8')).toContain('id="parapet-raid-run"');
  });
});

describe('raid problems in a scenario file', () => {
  it('are reported at their line and column', () => {
    const text = `name: t
region: { bbox: [125, 35, 129, 39] }
sites:
  - { id: sam, system: test-sam, lon: 127, lat: 37, status: hypothetical, sources: [{ title: "Parapet estimate: t" }] }
analysis: { threats: [test-jet], altitudesM: [1000] }
raids:
  - id: r
    groups:
      - id: g
        threat: test-jets
        count: 2
        route:
          - { lon: 127, lat: 36, altitudeM: 100 }
          - { lon: 127, lat: 38, altitudeM: 100 }
`;
    const r = parseScenarioText(text, 'raid.yaml', cat);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toEqual([
      { file: 'raid.yaml', line: 10, col: 17, path: 'raids[0].groups[0].threat', message: 'unknown threat "test-jets" (did you mean "test-jet"?)' },
    ]);
  });
});

describe('raids over terrain', () => {
  const yaml = (terrain: string): string => `name: raid behind a ridge
region: { bbox: [126.2, 37.1, 127.8, 37.9], resolutionM: 2000 }
${terrain}sites:
  - { id: sa2, system: s-75, lon: 126.5, lat: 37.5, status: hypothetical, sources: [{ title: "Parapet estimate: test site" }] }
analysis: { threats: [f-16], altitudesM: [300], altitudeReference: agl }
raids:
  - id: low
    groups:
      - id: low-flight
        threat: f-16
        count: 2
        altitudeReference: agl
        route:
          - { lon: 127.3, lat: 37.15, altitudeM: 300 }
          - { lon: 127.3, lat: 37.85, altitudeM: 300 }
`;

  it('a low route hidden behind a ridge is never detected with the DEM, always without it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-simterrain-'));
    writeRidgeTiles(join(dir, 'tiles'));
    writeFileSync(join(dir, 'with.yaml'), yaml('terrain:\n  dem: tiles\n'));
    writeFileSync(join(dir, 'without.yaml'), yaml(''));
    const catalog = loadCatalog();
    const opts = { runs: 100, seed: 3 };
    const withDem = await withThreads(2, () => simulateScenario(loadScenario(join(dir, 'with.yaml'), catalog), catalog, opts));
    const smooth = await withThreads(2, () => simulateScenario(loadScenario(join(dir, 'without.yaml'), catalog), catalog, opts));
    expect(withDem.model.visibilityLabel).toMatch(/^terrain: .*grid cell/);
    expect(withDem.summary.groups[0].firstDetection.detected.p).toBe(0);
    expect(smooth.summary.groups[0].firstDetection.detected.p).toBe(1);
  });
});
