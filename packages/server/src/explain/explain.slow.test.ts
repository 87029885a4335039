/**
 * `parapet explain --json` (the built CLI, spawned) and the workbench's POST /api/explain (a
 * running server) answer the same question with the same numbers, field by field: one code path
 * (core explain/explain-scenario.ts, the DEM read by server/explain/explain.ts explainTerrain).
 * Scenarios: the bundled S-400 one on the smooth earth, and one with a DEM, analysis.pd 0.9 (the
 * threshold the 176 km vs 109 km disagreement came from), a stand-off jammer and a
 * self-protection jammer.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findNode, makeElevationGrid, type ExplainNode } from '@parapet/core';
import { elevationToGeoTiff, writeGeoTiff } from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';
import type { Explanation } from './explain.js';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const S400 = join(root, 'data/scenarios/korea-s400-reported.yaml');
const execFileAsync = promisify(execFile);

const terrainScenario = `name: explain CLI = API
region: { bbox: [126.3, 37.3, 127.4, 37.9], resolutionM: 2000 }
terrain: { dem: hill.tif }
sites:
  - { id: sa2, system: s-75, lon: 126.5, lat: 37.5, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: s400, system: s-400, lon: 126.6, lat: 37.7, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Town, lon: 127.0, lat: 37.55 }
jammers:
  - { id: growler, jammer: ea-18g-class, lon: 127.3, lat: 37.8, altitudeM: 9000, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [1000], pd: 0.9, selfProtectionJammer: spj-fighter-class }
`;

let server: RunningServer;
let dir: string;

/** The CLI's tree (spawned without blocking: the server runs in this process). */
async function cliTree(file: string, args: string[]): Promise<ExplainNode> {
  const { stdout } = await execFileAsync(process.execPath, [bin, 'explain', file, ...args, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as ExplainNode;
}

async function api(file: string, body: Record<string, unknown>): Promise<Explanation> {
  const res = await fetch(new URL('/api/explain', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: readFileSync(file, 'utf8'), file, valueCase: 'nominal', ...body }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Explanation;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'parapet-explain-same-'));
  // A 700 m Gaussian hill between the sites and the town, sea level elsewhere, 0.005° grid.
  const d = 0.005;
  const w = Math.round(1.3 / d) + 1;
  const h = Math.round(0.8 / d) + 1;
  const heights = new Float32Array(w * h);
  for (let j = 0; j < h; j++)
    for (let i = 0; i < w; i++) heights[j * w + i] = 700 * Math.exp(-(((126.2 + i * d - 126.8) / 0.04) ** 2 + ((38.0 - j * d - 37.55) / 0.08) ** 2));
  writeGeoTiff(
    join(dir, 'hill.tif'),
    elevationToGeoTiff(makeElevationGrid(w, h, { crs: 'geographic', x0: 126.2, y0: 38.0, dx: d, dy: d }, heights), 'float32', 4326),
  );
  writeFileSync(join(dir, 'terrain.yaml'), terrainScenario);
  server = await startServer({ port: 0, workspaceDir: dir, webDir: null });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('parapet explain and /api/explain', () => {
  it('give the same tree for a site (smooth earth, bundled scenario)', async () => {
    const cli = await cliTree(S400, ['--site', 's400-pyongyang', '--threat', 'f-35a', '--altitude', '10000']);
    const e = await api(S400, { subject: { kind: 'site', id: 's400-pyongyang' }, threatId: 'f-35a', altitudeM: 10000 });
    expect(e.trees).toHaveLength(1);
    expect(e.trees![0].tree).toEqual(cli);
  });

  it('give the same trees over a place (smooth earth), for each of the three nearest sites', async () => {
    const e = await api(S400, { subject: { kind: 'place', name: 'Seoul' }, threatId: 'f-16', altitudeM: 1000 });
    expect(e.trees).toHaveLength(3);
    for (const t of e.trees!) expect(t.tree).toEqual(await cliTree(S400, ['--site', t.siteId, '--threat', 'f-16', '--altitude', '1000', '--place', 'Seoul']));
  });

  it('give the same tree with terrain, analysis.pd 0.9 and jammers, for every site over the place', async () => {
    const file = join(dir, 'terrain.yaml');
    const e = await api(file, { subject: { kind: 'place', name: 'Town' }, threatId: 'f-16', altitudeM: 1500 });
    expect(e.trees!.map((t) => t.siteId).sort()).toEqual(['s400', 'sa2']);
    for (const t of e.trees!) {
      const cli = await cliTree(file, ['--site', t.siteId, '--threat', 'f-16', '--altitude', '1500', '--place', 'Town']);
      expect(t.tree).toEqual(cli);
      // The DEM, the threshold and the jamming are really in it.
      expect(findNode(cli, 'place.siteGround')).toBeDefined();
      expect(findNode(cli, 'analysis.pd')!.value).toBe(0.9);
    }
    const s400 = await cliTree(file, ['--site', 's400', '--threat', 'f-16', '--altitude', '1500']);
    expect(JSON.stringify(s400)).toContain('.burnThrough');
  });

  it('show in the panel rows the detection range and horizon of the tree (one number each)', async () => {
    const file = join(dir, 'terrain.yaml');
    const e = await api(file, { subject: { kind: 'site', id: 'sa2' }, threatId: 'f-16', altitudeM: 1500 });
    const tree = await cliTree(file, ['--site', 'sa2', '--threat', 'f-16', '--altitude', '1500']);
    expect(e.trees![0].tree).toEqual(tree);
    const rows = e.sections.flatMap((s) => s.rows);
    for (const n of tree.children.filter((c) => c.id.startsWith('radar.') && c.id.endsWith('.groundRangeAtAltitude'))) {
      const id = n.id.split('.')[1];
      const range = findNode(tree, `radar.${id}.range`)!.value as number;
      const horizon = findNode(tree, `radar.${id}.horizon`)!.value as number;
      expect(
        rows.some((r) => r.label.startsWith('Detection range against the') && r.value === `${(range / 1000).toFixed(1)} km`),
        `row for radar ${id}: ${(range / 1000).toFixed(1)} km`,
      ).toBe(true);
      expect(rows.some((r) => r.label.startsWith('Radar horizon') && r.value === `${(horizon / 1000).toFixed(1)} km`)).toBe(true);
    }
  });
});
