/**
 * Terrain accuracy end to end, through the scenario path a user takes: a geographic (lon/lat)
 * GeoTIFF DEM named in a scenario, one site, `runCoverage` and the minimum-detectable-altitude
 * GeoTIFF it writes — against the independent exact line-of-sight oracle of
 * core's visibility/geodesic-exact-los.ts (geodesic path through the DEM's own grid, every grid-line
 * crossing, parabolic curvature), and against gdal_viewshed run the way a GDAL user would (the DEM
 * warped to the site's azimuthal-equidistant projection, then `gdal_viewshed -cc 0.75`).
 *
 * The DEM is a rough fractal (Hurst exponent 0.85: octave amplitudes fall by 2^-0.85) at 3″
 * (≈ 90 m) with 1001² nodes; the region grid has 90 m cells. A cell disagrees at h AGL when one
 * side sees a target h above the cell's ground and the other does not.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cellLatDeg,
  cellLonDeg,
  fractalTerrain,
  geodesicInverse,
  makeElevationGrid,
  oracleBilinearAt as bilinearAt,
  oracleMinVisibleMslM,
  type GeoDem,
} from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { readGeoTiffDem } from '../dem/read-geotiff.js';
import { elevationToGeoTiff, writeGeoTiff } from '../dem/write-geotiff.js';
import { runCoverage } from '../pipeline/coverage.js';
import { writeMdaOutputs } from '../pipeline/mda-outputs.js';
import { closePools } from '../pipeline/worker-pool.js';
import { loadScenario } from '../scenario/load-scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'parapet-terrain-accuracy-'));
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await closePools();
});

const ARC3 = 3 / 3600;
const NODES = 1001;
const WEST = 127.0;
const NORTH = 38.4;
const SITE = { lon: 127.4, lat: 38.0 };
const A_E = (4 / 3) * 6371008.8;

function fractalGeoDem(): GeoDem {
  const planar = fractalTerrain(NODES, NODES, 90, { seed: 7, amplitudeM: 1400, wavelengthM: 40_000, octaves: 9, persistence: Math.pow(2, -0.85) });
  return { width: NODES, height: NODES, x0: WEST, y0: NORTH, dx: ARC3, dy: ARC3, heightsM: planar.heightsM };
}

describe('terrain accuracy end to end (scenario → MDA GeoTIFF) against the exact geodesic oracle', () => {
  it('disagrees on at most 0.05% of cells at 100 m and 1000 m AGL, and on at most a tenth of what gdal_viewshed does', async () => {
    const dem = fractalGeoDem();
    const demFile = join(dir, 'dem.tif');
    writeGeoTiff(
      demFile,
      elevationToGeoTiff(
        makeElevationGrid(dem.width, dem.height, { crs: 'geographic', x0: dem.x0, y0: dem.y0, dx: dem.dx, dy: dem.dy }, dem.heightsM),
        'float32',
        4326,
      ),
    );
    const east = WEST + (NODES - 1) * ARC3;
    const south = NORTH - (NODES - 1) * ARC3;
    const pad = 0.025;
    const scenarioFile = join(dir, 'accuracy.yaml');
    writeFileSync(
      scenarioFile,
      `name: terrain accuracy
region: { bbox: [${WEST + pad}, ${south + pad}, ${east - pad}, ${NORTH - pad}], resolutionM: 90 }
terrain: { dem: dem.tif }
sites:
  - { id: ew, system: p-37, lon: ${SITE.lon}, lat: ${SITE.lat}, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [b-1b], altitudesM: [1000] }
`,
    );
    const catalog = loadCatalog();
    const scenario = loadScenario(scenarioFile, catalog);
    const t0 = performance.now();
    const an = await runCoverage(scenario, catalog);
    await writeMdaOutputs(an, dir, { maps: false });
    const tPipeline = performance.now() - t0;
    const mda = await readGeoTiffDem(join(dir, 'mda-b-1b.tif'));
    const grid = an.grid;
    expect(mda.width).toBe(grid.width);
    expect(mda.height).toBe(grid.height);

    const antennaAglM = an.sites[0].radars[0].antennaHeightM;
    const siteGround = bilinearAt(dem, SITE.lon, SITE.lat);
    const site = { lonDeg: SITE.lon, latDeg: SITE.lat, antennaMslM: siteGround + antennaAglM, earthRadiusM: A_E };

    // gdal_viewshed as a GDAL user runs it: the DEM warped to the site's azimuthal-equidistant
    // projection at 90 m (PROJ's ellipsoidal aeqd is geodesic, so x = s·sin α, y = s·cos α), the
    // observer at its centre, -cc 0.75 for the 4/3 earth, heights above ground out.
    const aeqd = `+proj=aeqd +lat_0=${SITE.lat} +lon_0=${SITE.lon} +datum=WGS84 +units=m +no_defs`;
    const warped = join(dir, 'dem-aeqd.tif');
    const w = spawnSync('gdalwarp', ['-q', '-overwrite', '-t_srs', aeqd, '-tr', '90', '90', '-r', 'bilinear', demFile, warped], { encoding: 'utf8' });
    expect(w.status, w.stderr).toBe(0);
    const viewshed = join(dir, 'gdal.tif');
    const v = spawnSync(
      'gdal_viewshed',
      [
        '-q',
        '-ox',
        '0',
        '-oy',
        '0',
        '-oz',
        String(antennaAglM),
        '-tz',
        '0',
        '-cc',
        '0.75',
        '-om',
        'GROUND',
        '-a_nodata',
        '-9999',
        '-f',
        'GTiff',
        warped,
        viewshed,
      ],
      { encoding: 'utf8' },
    );
    expect(v.status, v.stderr).toBe(0);
    const gdal = await readGeoTiffDem(viewshed);
    const gdalAglAt = (lon: number, lat: number): number => {
      const g = geodesicInverse(SITE.lon, SITE.lat, lon, lat);
      const az = (g.azimuthDeg * Math.PI) / 180;
      const col = Math.round((g.distanceM * Math.sin(az) - gdal.x0) / gdal.dx);
      const row = Math.round((gdal.y0 - g.distanceM * Math.cos(az)) / gdal.dy);
      return col >= 0 && row >= 0 && col < gdal.width && row < gdal.height ? gdal.heightsM[row * gdal.width + col] : NaN;
    };

    const bad = { ours100: 0, ours1000: 0, gdal100: 0, gdal1000: 0 };
    let n = 0;
    const t1 = performance.now();
    for (let j = 0; j < grid.height; j++) {
      const lat = cellLatDeg(grid, j);
      for (let i = 0; i < grid.width; i++) {
        const lon = cellLonDeg(grid, i);
        if (geodesicInverse(SITE.lon, SITE.lat, lon, lat).distanceM < 500) continue;
        const ground = bilinearAt(dem, lon, lat);
        const exact = oracleMinVisibleMslM(dem, site, lon, lat);
        const ours = mda.heightsM[j * grid.width + i];
        const theirs = gdalAglAt(lon, lat);
        n++;
        for (const agl of [100, 1000] as const) {
          const target = ground + agl;
          const seenExact = target >= exact;
          if (seenExact !== target >= ours) bad[agl === 100 ? 'ours100' : 'ours1000']++;
          if (seenExact !== theirs <= agl) bad[agl === 100 ? 'gdal100' : 'gdal1000']++;
        }
      }
    }
    const tOracle = performance.now() - t1;
    const pct = (x: number): number => (100 * x) / n;
    console.log(
      `terrain accuracy on ${n} cells (100 m / 1000 m AGL): Parapet vs exact ${pct(bad.ours100).toFixed(3)}% / ${pct(bad.ours1000).toFixed(3)}%; ` +
        `gdal_viewshed vs exact ${pct(bad.gdal100).toFixed(3)}% / ${pct(bad.gdal1000).toFixed(3)}%; pipeline ${(tPipeline / 1000).toFixed(1)} s, oracle ${(tOracle / 1000).toFixed(1)} s`,
    );
    expect(n).toBeGreaterThan(700_000);
    expect(pct(bad.ours100)).toBeLessThanOrEqual(0.05);
    expect(pct(bad.ours1000)).toBeLessThanOrEqual(0.05);
    expect(10 * bad.ours100).toBeLessThanOrEqual(bad.gdal100);
    expect(10 * bad.ours1000).toBeLessThanOrEqual(bad.gdal1000);
  });
});
