/**
 * `parapet explain --place` over a scenario with terrain: the line of sight over the place comes
 * from the DEM. A synthetic 1,000 m wall between a site and a place; the expected shadow height is
 * the chord from the antenna over the wall's near top edge (independent of the DEM tracing code),
 * and explain must agree with the coverage pipeline's place scan (placeOutcome) on the same
 * scenario within one 10 m scan step. Requires `npx tsc -b packages/cli` (coverage workers).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { heightOverObstacleM } from '../../io/test/support/synthetic-terrain.js';
import { geodesicInverse, makeElevationGrid, type ExplainNode } from '@parapet/core';
import { closePools, elevationToGeoTiff, loadCatalog, loadScenario, runCoverage, writeGeoTiff } from '@parapet/io';
import { explainFromScenario, formatExplainTree } from '../src/commands/explain.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-explain-terrain-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closePools();
});

const SITE = { lon: 126.5, lat: 37.5 };
const PLACE = { lon: 127.0, lat: 37.5 };
const BASE_M = 50;
const WALL_M = 1000;
const ANTENNA_AGL_M = 20;
// DEM: 0.005° nodes over [126.2, 127.3] × [37.2, 37.8]; base 50 m, a 1,000 m wall three nodes
// wide whose first node is at 126.7° E (≈ 17.7 km east of the site).
const D = 0.005;
const X0 = 126.2;
const Y0 = 37.8;
const W = Math.round(1.1 / D) + 1;
const H = Math.round(0.6 / D) + 1;
const WALL_I0 = Math.round((126.7 - X0) / D);
const WALL_LON = X0 + WALL_I0 * D;

function find(n: ExplainNode, id: string): ExplainNode | undefined {
  if (n.id === id) return n;
  for (const c of n.children) {
    const f = find(c, id);
    if (f) return f;
  }
  return undefined;
}

describe('explain over a place, scenario with terrain', () => {
  const heights = new Float32Array(W * H).fill(BASE_M);
  for (let j = 0; j < H; j++) for (let i = WALL_I0; i < WALL_I0 + 3; i++) heights[j * W + i] = WALL_M;
  writeGeoTiff(
    join(dir, 'wall.tif'),
    elevationToGeoTiff(makeElevationGrid(W, H, { crs: 'geographic', x0: X0, y0: Y0, dx: D, dy: D }, heights), 'float32', 4326),
  );
  const yaml = (terrain: boolean): string => `name: explain terrain test
region: { bbox: [126.3, 37.3, 127.2, 37.7], resolutionM: 2000 }
${terrain ? 'terrain: { dem: wall.tif }\n' : ''}sites:
  - { id: sa2, system: s-75, lon: ${SITE.lon}, lat: ${SITE.lat}, antennaHeightM: ${ANTENNA_AGL_M}, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Town, lon: ${PLACE.lon}, lat: ${PLACE.lat} }
analysis: { threats: [f-16], altitudesM: [1000], altitudeReference: msl }
`;
  const withFile = join(dir, 'with.yaml');
  const withoutFile = join(dir, 'without.yaml');
  writeFileSync(withFile, yaml(true));
  writeFileSync(withoutFile, yaml(false));
  const cat = loadCatalog();
  const opts = (altitudeM: number) => ({ site: 'sa2', threat: 'f-16', altitude: String(altitudeM), place: 'Town', values: 'nominal' });
  // Independent expectation: the chord over the wall's near top edge (same latitude: the geodesic
  // crosses WALL_LON within metres of SITE.lat at these ranges).
  const s = geodesicInverse(SITE.lon, SITE.lat, PLACE.lon, PLACE.lat).distanceM;
  const sw = geodesicInverse(SITE.lon, SITE.lat, WALL_LON, SITE.lat).distanceM;
  const shadowM = heightOverObstacleM(BASE_M + ANTENNA_AGL_M, sw, WALL_M, s);

  it('takes the lowest visible height and both ground elevations from the DEM, and says so', async () => {
    expect(shadowM).toBeGreaterThan(2000); // the wall hides a lot: ≈ 2.4 km at the place
    const tree = await explainFromScenario(withFile, opts(1000), cat);
    const radarId = cat.systems.get('s-75')!.radars[0].id;
    const hVis = find(tree, `place.radar.${radarId}.minVisible`)!;
    expect(Math.abs((hVis.value as number) - shadowM)).toBeLessThan(0.01 * shadowM + 5);
    expect(hVis.label).toMatch(/terrain: DEM \(1 file\)/);
    expect(hVis.formula).toMatch(/DEM/);
    expect(hVis.formula).not.toMatch(/a_e \/ cos/);
    expect(find(tree, 'place.siteGround')!.value).toBeCloseTo(BASE_M, 3);
    expect(find(tree, 'place.ground')!.value).toBeCloseTo(BASE_M, 3);
    expect(formatExplainTree(tree)).toMatch(/line of sight from the DEM/);

    // Without terrain the same node is the smooth-earth formula and sees far lower (≈ 80 m).
    const smooth = await explainFromScenario(withoutFile, opts(1000), cat);
    const hSmooth = find(smooth, `place.radar.${radarId}.minVisible`)!;
    expect(hSmooth.label).toMatch(/smooth 4\/3 earth/);
    expect(hSmooth.value as number).toBeLessThan(200);
    expect(find(smooth, 'place.ground')).toBeUndefined();
  });

  it('not detected below the shadow, detected above it, in step with the coverage place scan', async () => {
    const radarId = cat.systems.get('s-75')!.radars[0].id;
    const detected = async (altitudeM: number): Promise<boolean> =>
      (await explainFromScenario(withFile, opts(altitudeM), cat)).children
        .find((c) => c.id === 'place')!
        .children.find((c) => c.id === `place.radar.${radarId}.detected`)!.value as boolean;
    expect(await detected(Math.floor(0.95 * shadowM - 10))).toBe(false);
    expect(await detected(Math.ceil(1.05 * shadowM + 10))).toBe(true);
    // On the smooth earth the low altitude is detected: the terrain made the difference.
    const smoothTree = await explainFromScenario(withoutFile, opts(Math.floor(0.95 * shadowM - 10)), cat);
    expect(find(smoothTree, `place.radar.${radarId}.detected`)!.value).toBe(true);

    const cov = await runCoverage(loadScenario(withFile, cat), cat);
    const town = cov.runs[0].metrics.places.find((p) => p.name === 'Town')!;
    expect(town.lowestDetectedAltitudeM).not.toBeNull();
    const hVis = find(await explainFromScenario(withFile, opts(1000), cat), `place.radar.${radarId}.minVisible`)!.value as number;
    // The scan reports the first 10 m step at or above the lowest visible height.
    expect(town.lowestDetectedAltitudeM! - hVis).toBeGreaterThanOrEqual(0);
    expect(town.lowestDetectedAltitudeM! - hVis).toBeLessThanOrEqual(10);
    // And explain agrees at the scan's figure and one step below it.
    expect(await detected(town.lowestDetectedAltitudeM!)).toBe(true);
    expect(await detected(town.lowestDetectedAltitudeM! - 10)).toBe(false);
  });
});
