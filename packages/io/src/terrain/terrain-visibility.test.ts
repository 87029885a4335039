import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { A_E_43, heightOverObstacleM, writeRidgeTiles } from '../../test/support/synthetic-terrain.js';
import {
  computeSiteFrame,
  geodesicInverse,
  makeElevationGrid,
  makeRegionGrid,
  minVisibleHeightSmoothM,
  resolveSites,
  type ElevationGrid,
  type ResolvedSite,
} from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { InputError } from '../problems.js';
import { runCoverage } from '../pipeline/coverage.js';
import { closePools } from '../pipeline/worker-pool.js';
import { loadScenario } from '../scenario/load-scenario.js';
import { clearTerrainCache, terrainCacheStats } from './terrain-cache.js';
import { buildTerrainVisibility } from './terrain-visibility.js';

const A_E = A_E_43;
const dir = mkdtempSync(join(tmpdir(), 'parapet-terrain-test-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closePools();
});

const SITE = { lon: 127.0, lat: 37.5 };
const WALL_LON = 127.3;

function site(antennaHeightM: number): ResolvedSite {
  return {
    id: 'radar',
    systemId: 'test',
    systemName: 'test',
    lonDeg: SITE.lon,
    latDeg: SITE.lat,
    status: 'hypothetical',
    radars: [
      {
        id: 'r',
        name: 'r',
        role: 'acquisition',
        antennaHeightM,
        instrumentedRangeM: 150_000,
        refRangeM: 150_000,
        refRcsM2: 1,
        maxAltitudeM: 30_000,
      } as ResolvedSite['radars'][number],
    ],
    missiles: [],
  };
}

/** A 15″ geographic DEM over [126, 36.5]–[128.5, 38.5]: sea level, plus a 500 m wall 3 nodes wide at WALL_LON if asked. */
function geoDem(wall: boolean): ElevationGrid {
  const d = 15 / 3600;
  const w = Math.round(2.5 / d) + 1;
  const h = Math.round(2 / d) + 1;
  const g = makeElevationGrid(w, h, { crs: 'geographic', x0: 126, y0: 38.5, dx: d, dy: d });
  if (wall) {
    const i0 = Math.round((WALL_LON - 126) / d);
    for (let j = 0; j < h; j++) for (let i = i0; i < i0 + 3; i++) g.heightsM[j * w + i] = 500;
  }
  return g;
}

describe('buildTerrainVisibility', () => {
  const grid = makeRegionGrid({ westDeg: 126.2, southDeg: 36.8, eastDeg: 128.2, northDeg: 38.2 }, 2000);
  const frame = computeSiteFrame(grid, SITE.lon, SITE.lat, 150_000);

  it('over a sea-level DEM matches the smooth-earth horizon', async () => {
    const vis = await buildTerrainVisibility({ grid, sites: [site(30)], frames: [frame], earthRadiusM: A_E, dem: geoDem(false), label: 'flat' });
    const r = vis.minVisibleMslM(0, 30);
    let checked = 0;
    let worst = 0;
    for (let k = 0; k < r.length; k++) {
      const s = frame.rangeM[k];
      if (!(s <= 150_000) || s < 5000) continue;
      const expected = minVisibleHeightSmoothM(s, 30, A_E);
      worst = Math.max(worst, Math.abs(r[k] - expected) - 0.002 * expected);
      checked++;
    }
    expect(checked).toBeGreaterThan(5000);
    expect(worst).toBeLessThan(1); // within 0.2% + 1 m everywhere
    expect(vis.siteGroundMslM(0)).toBe(0);
  });

  it('a reach beyond the planar frame (a 3,000 km instrumented range) is clamped, not refused: the same answer inside the region', async () => {
    const far = computeSiteFrame(grid, SITE.lon, SITE.lat, 3_000_000);
    const a = await buildTerrainVisibility({ grid, sites: [site(30)], frames: [far], earthRadiusM: A_E, dem: geoDem(false), label: 'flat' });
    const b = await buildTerrainVisibility({ grid, sites: [site(30)], frames: [frame], earthRadiusM: A_E, dem: geoDem(false), label: 'flat' });
    const ra = a.minVisibleMslM(0, 30);
    const rb = b.minVisibleMslM(0, 30);
    let same = 0;
    for (let k = 0; k < ra.length; k++) {
      if (!(frame.rangeM[k] <= 150_000)) continue;
      expect(Math.abs(ra[k] - rb[k])).toBeLessThan(0.002 * rb[k] + 1);
      same++;
    }
    expect(same).toBeGreaterThan(5000);
  });

  it('a 500 m wall hides what lies behind it, by the chord over its top, and nothing else', async () => {
    const vis = await buildTerrainVisibility({ grid, sites: [site(30)], frames: [frame], earthRadiusM: A_E, dem: geoDem(true), label: 'wall' });
    const r = vis.minVisibleMslM(0, 30);
    const j = Math.round((grid.northDeg - SITE.lat) / grid.dLatDeg - 0.5);
    let east = 0;
    for (let i = 0; i < grid.width; i++) {
      const k = j * grid.width + i;
      const lon = grid.westDeg + (i + 0.5) * grid.dLonDeg;
      const lat = grid.northDeg - (j + 0.5) * grid.dLatDeg;
      const s = frame.rangeM[k];
      if (!(s <= 150_000)) continue;
      if (lon > WALL_LON + 0.05) {
        // The wall's near edge along this path: where the geodesic reaches WALL_LON.
        const sw = geodesicInverse(SITE.lon, SITE.lat, WALL_LON, SITE.lat + ((lat - SITE.lat) * (WALL_LON - SITE.lon)) / (lon - SITE.lon)).distanceM;
        const expected = heightOverObstacleM(30, sw, 500, s);
        expect(Math.abs(r[k] - expected), `cell ${i} at ${(s / 1000).toFixed(1)} km`).toBeLessThan(0.02 * expected + 5);
        east++;
      } else if (lon < SITE.lon) {
        expect(Math.abs(r[k] - minVisibleHeightSmoothM(s, 30, A_E))).toBeLessThan(0.002 * r[k] + 1);
      }
    }
    expect(east).toBeGreaterThan(20);
    // Places: the point query traces the geodesic through the DEM itself and agrees with the grid.
    const i = Math.round((127.8 - grid.westDeg) / grid.dLonDeg - 0.5);
    const lon = grid.westDeg + (i + 0.5) * grid.dLonDeg;
    const lat = grid.northDeg - (j + 0.5) * grid.dLatDeg;
    const g = geodesicInverse(SITE.lon, SITE.lat, lon, lat);
    const point = vis.pointMinVisibleMslM(0, 30, lon, lat, g.distanceM, (g.azimuthDeg * Math.PI) / 180);
    expect(Math.abs(point - r[j * grid.width + i])).toBeLessThan(0.02 * point);
  });
});

describe('scenarios with terrain', () => {
  const scenarioYaml = (terrain: string): string => `name: terrain test
region:
  bbox: [126.2, 37.1, 127.8, 37.9]
  resolutionM: 2000
${terrain}sites:
  - id: sa2
    system: s-75
    lon: 126.5
    lat: 37.5
    status: hypothetical
    sources:
      - title: "Parapet estimate: test site"
analysis:
  threats: [f-16]
  altitudesM: [300]
  altitudeReference: agl
`;

  it('resolves dem relative to the scenario file and masks coverage behind the ridge', async () => {
    writeRidgeTiles(join(dir, 'scen', 'tiles'));
    const withFile = join(dir, 'scen', 'with.yaml');
    const withoutFile = join(dir, 'scen', 'without.yaml');
    writeFileSync(withFile, scenarioYaml('terrain:\n  dem: tiles\n'));
    writeFileSync(withoutFile, scenarioYaml(''));
    const catalog = loadCatalog();
    const a = await runCoverage(loadScenario(withFile, catalog), catalog);
    const b = await runCoverage(loadScenario(withoutFile, catalog), catalog);
    expect(a.visibility.label).toMatch(/^terrain: DEM \(2 files\)/);
    const detA = a.runs[0].metrics.detectAreaKm2;
    const detB = b.runs[0].metrics.detectAreaKm2;
    // West of the ridge is seen as on a smooth earth; east of it (beyond ~22 km) a 300 m target is hidden.
    expect(detA).toBeLessThan(0.8 * detB);
    expect(detA).toBeGreaterThan(0.2 * detB);
    const grid = a.grid;
    const j = Math.floor(grid.height / 2);
    const col = (lon: number): number => Math.floor((lon - grid.westDeg) / grid.dLonDeg);
    expect(a.runs[0].layer.detectCount[j * grid.width + col(127.0)]).toBe(0);
    expect(b.runs[0].layer.detectCount[j * grid.width + col(127.0)]).toBe(1);
    expect(a.runs[0].layer.detectCount[j * grid.width + col(126.3)]).toBe(1);
  });

  it('sweeps each site once: the low, nominal and high readings and a second run reuse it, with the same answer', async () => {
    writeRidgeTiles(join(dir, 'cache', 'tiles'));
    const file = join(dir, 'cache', 'bands.yaml');
    writeFileSync(file, scenarioYaml('terrain:\n  dem: tiles\n'));
    const catalog = loadCatalog();
    clearTerrainCache();
    const scenario = loadScenario(file, catalog);
    const heights = new Set(resolveSites(scenario, catalog, 'nominal')[0].radars.map((r) => r.antennaHeightM));
    const first = await runCoverage(scenario, catalog, { valueCase: 'nominal' });
    expect(terrainCacheStats()).toMatchObject({ rasterMisses: heights.size, rasterHits: 0, demMisses: 1 });
    await runCoverage(loadScenario(file, catalog), catalog, { valueCase: 'low' });
    await runCoverage(loadScenario(file, catalog), catalog, { valueCase: 'high' });
    const again = await runCoverage(loadScenario(file, catalog), catalog, { valueCase: 'nominal' });
    const stats = terrainCacheStats();
    expect(stats.demMisses).toBe(1);
    // Antenna heights can differ by reading; each distinct height is swept once.
    const all = new Set((['low', 'nominal', 'high'] as const).flatMap((vc) => resolveSites(scenario, catalog, vc)[0].radars.map((r) => r.antennaHeightM)));
    expect(stats.rasterMisses).toBe(all.size);
    expect(again.runs[0].layer.detectCount).toEqual(first.runs[0].layer.detectCount);
    // An edited DEM is read again.
    writeRidgeTiles(join(dir, 'cache', 'tiles'));
    await runCoverage(loadScenario(file, catalog), catalog);
    expect(terrainCacheStats().demMisses).toBe(2);
  });

  it('reports a missing DEM at its line and column', () => {
    const f = join(dir, 'scen', 'missing.yaml');
    writeFileSync(f, scenarioYaml('terrain:\n  dem: no-such-folder\n'));
    try {
      loadScenario(f, loadCatalog());
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).message).toMatch(/missing\.yaml:6:8: terrain\.dem: no such DEM file or folder/);
    }
  });
});
