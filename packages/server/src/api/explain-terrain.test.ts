/**
 * POST /api/explain over a scenario with terrain, whose relative `terrain.dem` names a file in the
 * workspace folder (not the server's working directory): the derivation over a place takes its
 * line of sight from that DEM. Expected shadow height: the chord from the antenna over the top of
 * a synthetic 1,000 m wall (independent of the DEM tracing code).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { heightOverObstacleM } from '../../../io/test/support/synthetic-terrain.js';
import { geodesicInverse, makeElevationGrid, type ExplainNode } from '@parapet/core';
import { elevationToGeoTiff, loadCatalog, writeGeoTiff } from '@parapet/io';
import { startServer, type RunningServer } from '../server.js';
import type { Explanation } from '../explain/explain.js';

const SITE = { lon: 126.5, lat: 37.5 };
const PLACE = { lon: 127.0, lat: 37.5 };
const ANTENNA_AGL_M = 20;
const DEM_NAME = 'explain-wall-dem.tif';

function find(n: ExplainNode, id: string): ExplainNode | undefined {
  if (n.id === id) return n;
  for (const c of n.children) {
    const f = find(c, id);
    if (f) return f;
  }
  return undefined;
}

const scenarioText = (dem: string): string => `name: explain terrain API test
region: { bbox: [126.3, 37.3, 127.2, 37.7], resolutionM: 2000 }
terrain: { dem: ${dem} }
sites:
  - { id: sa2, system: s-75, lon: ${SITE.lon}, lat: ${SITE.lat}, antennaHeightM: ${ANTENNA_AGL_M}, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Town, lon: ${PLACE.lon}, lat: ${PLACE.lat} }
analysis: { threats: [f-16], altitudesM: [1000] }
`;

let server: RunningServer;
let ws: string;
const post = (path: string, body: unknown) =>
  fetch(new URL(path, server.url), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

beforeAll(async () => {
  ws = mkdtempSync(join(tmpdir(), 'parapet-ws-explain-'));
  // Sea-level DEM over [126.2, 127.3] × [37.2, 37.8] at 0.005°, with a 1,000 m wall three nodes wide from 126.7° E.
  const d = 0.005;
  const w = Math.round(1.1 / d) + 1;
  const h = Math.round(0.6 / d) + 1;
  const heights = new Float32Array(w * h);
  const i0 = Math.round((126.7 - 126.2) / d);
  for (let j = 0; j < h; j++) for (let i = i0; i < i0 + 3; i++) heights[j * w + i] = 1000;
  writeGeoTiff(
    join(ws, DEM_NAME),
    elevationToGeoTiff(makeElevationGrid(w, h, { crs: 'geographic', x0: 126.2, y0: 37.8, dx: d, dy: d }, heights), 'float32', 4326),
  );
  server = await startServer({ port: 0, workspaceDir: ws, webDir: null });
});

afterAll(async () => {
  await server.close();
  rmSync(ws, { recursive: true, force: true });
});

describe('POST /api/explain with terrain', () => {
  it('reads a relative terrain.dem from the workspace folder, not the working directory', async () => {
    expect(existsSync(join(process.cwd(), DEM_NAME))).toBe(false);
    const ok = await post('/api/explain', { text: scenarioText(DEM_NAME), file: 'wall.yaml', subject: { kind: 'site', id: 'sa2' } });
    expect(ok.status).toBe(200);
    const missing = await post('/api/explain', { text: scenarioText('no-such.tif'), file: 'wall.yaml', subject: { kind: 'site', id: 'sa2' } });
    expect(missing.status).toBe(422);
    expect(((await missing.json()) as { error: string }).error).toContain(join(ws, 'no-such.tif'));
  });

  it('derives the line of sight over a place from the DEM', async () => {
    const res = await post('/api/explain', {
      text: scenarioText(DEM_NAME),
      file: 'wall.yaml',
      subject: { kind: 'place', name: 'Town' },
      threatId: 'f-16',
      altitudeM: 1500,
    });
    expect(res.status).toBe(200);
    const e = (await res.json()) as Explanation;
    const tree = e.trees![0].tree;
    const radarId = loadCatalog().systems.get('s-75')!.radars[0].id;
    const hVis = find(tree, `place.radar.${radarId}.minVisible`)!;
    const s = geodesicInverse(SITE.lon, SITE.lat, PLACE.lon, PLACE.lat).distanceM;
    const sw = geodesicInverse(SITE.lon, SITE.lat, 126.7, SITE.lat).distanceM;
    const shadowM = heightOverObstacleM(ANTENNA_AGL_M, sw, 1000, s);
    expect(hVis.label).toMatch(/terrain: DEM \(1 file\)/);
    expect(Math.abs((hVis.value as number) - shadowM)).toBeLessThan(0.01 * shadowM + 5);
    // 1,500 m is above the smooth-earth horizon there but inside the wall's shadow (≈ 2.5 km).
    expect(find(tree, `place.radar.${radarId}.detected`)!.value).toBe(false);
    expect(e.sections[0].rows[0].note).toMatch(/over the scenario's DEM/);
    expect(e.sections[0].rows[0].formula).toContain(`${(hVis.value as number).toFixed(0)} m`);
  });
});
