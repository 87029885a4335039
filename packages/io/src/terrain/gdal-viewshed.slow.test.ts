/**
 * Parapet's horizon sweep, GDAL's gdal_viewshed (Debian gdal-bin; -cc 0.75 is the 4/3 earth) and
 * the exact line-of-sight oracle on the same synthetic DEM, written as a GeoTIFF. gdal_viewshed
 * is required: CI installs gdal-bin, so its absence fails the test instead of skipping it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { exactMinVisibleMslM, fractalTerrain, horizonSweepAll } from '@parapet/core';
import { readGeoTiffDem } from '../dem/read-geotiff.js';
import { elevationToGeoTiff, writeGeoTiff } from '../dem/write-geotiff.js';

const A_E = (4 / 3) * 6371008.8;
const dir = mkdtempSync(join(tmpdir(), 'parapet-gdal-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('agreement with gdal_viewshed and the exact oracle', () => {
  it('gdal_viewshed is installed (Debian gdal-bin)', () => {
    const r = spawnSync('gdal_viewshed', ['--help'], { encoding: 'utf8' });
    expect(r.error, 'gdal_viewshed not found: apt-get install gdal-bin').toBeUndefined();
  });

  it('on a 90 m fractal DEM out to 40 km: Parapet ≤ 0.2% disagreement with exact LOS and no worse than GDAL', async () => {
    const size = 801;
    const c = 400;
    const maxRangeM = 36_000;
    const dem = fractalTerrain(size, size, 90, { seed: 11, amplitudeM: 700, wavelengthM: 20_000, octaves: 7 });
    const file = join(dir, 'dem.tif');
    writeGeoTiff(file, elevationToGeoTiff(dem, 'int16', 32652));
    // What both tools read: the int16 heights.
    const read = await readGeoTiffDem(file);
    const out = join(dir, 'gdal.tif');
    const r = spawnSync(
      'gdal_viewshed',
      [
        '-q',
        '-ox',
        '0',
        '-oy',
        '0',
        '-oz',
        '30',
        '-tz',
        '0',
        '-md',
        String(maxRangeM),
        '-cc',
        '0.75',
        '-om',
        'GROUND',
        '-a_nodata',
        '-9999',
        '-f',
        'GTiff',
        file,
        out,
      ],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
    const gdal = (await readGeoTiffDem(out)).heightsM;

    const antennaMslM = read.heightsM[c * size + c] + 30;
    const ours = horizonSweepAll({ dem: read, observerCol: c, observerRow: c, antennaMslM, earthRadiusM: A_E, maxRangeM, output: 'minVisibleMsl' });
    const q = { dem: read, observerCol: c, observerRow: c, antennaMslM, earthRadiusM: A_E };
    const bad = { ours100: 0, ours1000: 0, gdal100: 0, gdal1000: 0, tools100: 0 };
    let n = 0;
    for (let j = 0; j < size; j += 2) {
      for (let i = 0; i < size; i += 2) {
        const d = Math.hypot(i - c, j - c) * 90;
        if (d === 0 || d > maxRangeM * 0.99) continue;
        const k = j * size + i;
        const ground = read.heightsM[k];
        const exact = Math.max(0, exactMinVisibleMslM(q, i, j) - ground);
        const mine = Math.max(0, ours[k] - ground);
        const theirs = gdal[k];
        n++;
        for (const t of [100, 1000]) {
          const seen = exact <= t;
          if (mine <= t !== seen) bad[t === 100 ? 'ours100' : 'ours1000']++;
          if (!(theirs <= t) !== !seen) bad[t === 100 ? 'gdal100' : 'gdal1000']++;
        }
        if (mine <= 100 !== theirs <= 100) bad.tools100++;
      }
    }
    const pct = (x: number): number => (100 * x) / n;
    console.log(
      `gdal_viewshed agreement on ${n} cells: Parapet vs exact ${pct(bad.ours100).toFixed(3)}% / ${pct(bad.ours1000).toFixed(3)}% (100 m / 1000 m targets); ` +
        `GDAL vs exact ${pct(bad.gdal100).toFixed(3)}% / ${pct(bad.gdal1000).toFixed(3)}%; Parapet vs GDAL ${pct(bad.tools100).toFixed(3)}% (100 m)`,
    );
    expect(n).toBeGreaterThan(30_000);
    expect(pct(bad.ours100)).toBeLessThanOrEqual(0.2);
    expect(pct(bad.ours1000)).toBeLessThanOrEqual(0.2);
    expect(bad.ours100 + bad.ours1000).toBeLessThanOrEqual(bad.gdal100 + bad.gdal1000);
    // The two tools agree on all but a few percent of cells (same DEM, observer, earth model):
    // a wrong observer, unit or -cc would break this.
    expect(pct(bad.tools100)).toBeLessThan(3);
  });
});
