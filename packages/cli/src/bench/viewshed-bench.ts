/**
 * `npm run bench:viewshed`: Parapet's horizon sweep against GDAL's gdal_viewshed on the same
 * GeoTIFF, in one run. One site at the centre of an 8001×8001, 90 m synthetic fractal DEM
 * (int16, EPSG:32652), 360 km radius, 30 m antenna, 4/3 earth (gdal_viewshed -cc 0.75).
 *
 * Both are timed end to end as a user runs them: read the GeoTIFF, compute the minimum visible
 * height of every cell, write it as a float32 GeoTIFF (gdal_viewshed -om GROUND). Then a sample of
 * cells is checked against the exact line-of-sight oracle (every grid-line crossing) for 100 m and
 * 1000 m targets above ground: each tool's disagreement share, and the median error of its
 * minimum visible height. Prints a table and one JSON line for docs/performance.md.
 *
 * Usage: node packages/cli/dist/bench/viewshed-bench.js [--size 8001] [--cell 90] [--samples 40000]
 *        [--rays-per-cell 1] [--repeat 3] [--dir DIR]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactMinVisibleMslM, fractalTerrain, type ElevationGrid } from '@parapet/core';
import { closePools, elevationToGeoTiff, horizonSweepParallel, readGeoTiffDem, shareDem, threadCount, writeGeoTiff } from '@parapet/io';

const A_E = (4 / 3) * 6371008.8;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function parapetRun(demFile: string, outFile: string, col: number, row: number, maxRangeM: number, raysPerCell: number): Promise<{ ms: number; dem: ElevationGrid; aglM: Float32Array }> {
  const t0 = performance.now();
  const dem = await readGeoTiffDem(demFile, { shared: true });
  const antennaMslM = dem.heightsM[row * dem.width + col] + 30;
  // Same output as gdal_viewshed -om GROUND: minimum visible height above ground, NaN (nodata) outside the radius.
  const aglM = await horizonSweepParallel({ dem: shareDem(dem), observerCol: col, observerRow: row, antennaMslM, earthRadiusM: A_E, maxRangeM, raysPerCell, output: 'minVisibleAgl' });
  writeGeoTiff(outFile, { width: dem.width, height: dem.height, data: aglM, westX: dem.x0 - dem.dx / 2, northY: dem.y0 + dem.dy / 2, pixelX: dem.dx, pixelY: dem.dy, crs: 'planar', epsg: 32652, noData: NaN });
  return { ms: performance.now() - t0, dem, aglM };
}

function gdalRun(demFile: string, outFile: string, xM: number, yM: number, maxRangeM: number): number {
  rmSync(outFile, { force: true });
  const t0 = performance.now();
  const r = spawnSync('gdal_viewshed', ['-q', '-ox', String(xM), '-oy', String(yM), '-oz', '30', '-tz', '0', '-md', String(maxRangeM), '-cc', '0.75', '-om', 'GROUND', '-a_nodata', '-9999', '-f', 'GTiff', demFile, outFile], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`gdal_viewshed failed (${r.status}): ${r.stderr}`);
  return ms;
}

async function main(): Promise<void> {
  const size = arg('size', 8001);
  const cellM = arg('cell', 90);
  const samples = arg('samples', 40_000);
  const repeat = arg('repeat', 3);
  const raysPerCell = arg('rays-per-cell', 1);
  const maxRangeM = arg('radius', 360_000);
  const i = process.argv.indexOf('--dir');
  const dir = i >= 0 ? process.argv[i + 1] : join(tmpdir(), 'parapet-bench-viewshed');
  mkdirSync(dir, { recursive: true });
  const which = spawnSync('gdal_viewshed', ['--version']);
  if (which.error) throw new Error('gdal_viewshed not found: install Debian gdal-bin');
  const gdalVersion = execFileSync('gdalinfo', ['--version'], { encoding: 'utf8' }).trim();

  const demFile = join(dir, `fractal-${size}-${cellM}m.tif`);
  if (!existsSync(demFile)) {
    process.stderr.write(`generating ${size}×${size} synthetic DEM at ${cellM} m …\n`);
    const dem = fractalTerrain(size, size, cellM, { seed: 2024, amplitudeM: 1400, wavelengthM: 60_000, octaves: 9 });
    writeGeoTiff(demFile, elevationToGeoTiff(dem, 'int16', 32652));
  }
  const c = (size - 1) / 2;
  // The synthetic grid is centred on (0, 0) and written with those coordinates (labelled EPSG:32652
  // so that GDAL reads metres); the observer is the centre node, at (0, 0).
  const gdalOut = join(dir, 'gdal-ground.tif');
  const ourOut = join(dir, 'parapet-ground.tif');

  const gdalMs: number[] = [];
  const ourMs: number[] = [];
  let ours: Awaited<ReturnType<typeof parapetRun>> | undefined;
  for (let r = 0; r < repeat; r++) {
    gdalMs.push(gdalRun(demFile, gdalOut, 0, 0, maxRangeM));
    ours = await parapetRun(demFile, ourOut, c, c, maxRangeM, raysPerCell);
    ourMs.push(ours.ms);
    process.stderr.write(`run ${r + 1}/${repeat}: gdal ${gdalMs[r].toFixed(0)} ms, parapet ${ourMs[r].toFixed(0)} ms\n`);
  }
  if (!ours) throw new Error('no run');
  const dem = ours.dem;
  const gdal = (await readGeoTiffDem(gdalOut)).heightsM; // nodata → NaN

  // Sample cells uniformly inside the radius (fixed LCG, same cells every run).
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const antennaMslM = dem.heightsM[c * size + c] + 30;
  const q = { dem, observerCol: c, observerRow: c, antennaMslM, earthRadiusM: A_E };
  const rCells = maxRangeM / cellM;
  let n = 0;
  const dis = { ours100: 0, ours1000: 0, gdal100: 0, gdal1000: 0 };
  const errOurs: number[] = [];
  const errGdal: number[] = [];
  let gdalMissing = 0;
  const t0 = performance.now();
  while (n < samples) {
    const col = c + Math.round((2 * rand() - 1) * rCells);
    const row = c + Math.round((2 * rand() - 1) * rCells);
    const d = Math.hypot(col - c, row - c) * cellM;
    if (d > maxRangeM * 0.999 || d === 0) continue;
    const k = row * size + col;
    const ground = dem.heightsM[k];
    const exact = exactMinVisibleMslM(q, col, row); // MSL
    const exactAgl = Math.max(0, exact - ground);
    const oursAgl = ours.aglM[k];
    const g = gdal[k];
    if (g !== g) gdalMissing++;
    for (const t of [100, 1000] as const) {
      const seen = exactAgl <= t;
      if (oursAgl <= t !== seen) dis[t === 100 ? 'ours100' : 'ours1000']++;
      if ((g === g && g <= t) !== seen) dis[t === 100 ? 'gdal100' : 'gdal1000']++;
    }
    if (Number.isFinite(exactAgl) && exactAgl > 0) {
      errOurs.push(Math.abs(oursAgl - exactAgl));
      if (g === g) errGdal.push(Math.abs(g - exactAgl));
    }
    n++;
  }
  const oracleS = (performance.now() - t0) / 1000;
  const pct = (x: number): number => Number(((100 * x) / n).toFixed(3));
  const gdalBest = Math.min(...gdalMs);
  const ourBest = Math.min(...ourMs);
  const result = {
    bench: 'viewshed',
    dem: `${size}×${size} × ${cellM} m fractal, int16 GeoTIFF (${(statSync(demFile).size / 1e6).toFixed(0)} MB)`,
    radiusKm: maxRangeM / 1000,
    antennaM: 30,
    threads: threadCount(),
    cores: availableParallelism(),
    raysPerCell,
    gdal: gdalVersion,
    gdalMs: Math.round(gdalBest),
    parapetMs: Math.round(ourBest),
    ratio: Number((ourBest / gdalBest).toFixed(3)),
    samples: n,
    disagreePct: { parapet100: pct(dis.ours100), parapet1000: pct(dis.ours1000), gdal100: pct(dis.gdal100), gdal1000: pct(dis.gdal1000) },
    medianHeightErrorM: { parapet: Number(median(errOurs).toFixed(2)), gdal: Number(median(errGdal).toFixed(2)) },
    gdalCellsWithoutValue: gdalMissing,
  };
  process.stdout.write(
    [
      `viewshed: ${result.dem}, ${result.radiusKm} km, 30 m antenna, k = 4/3, ${result.threads} threads`,
      `  wall time (best of ${repeat}): gdal_viewshed ${result.gdalMs} ms, Parapet ${result.parapetMs} ms → ratio ${result.ratio}`,
      `  disagreement with exact LOS on ${n} cells (oracle ${oracleS.toFixed(1)} s):`,
      `    100 m targets:  Parapet ${result.disagreePct.parapet100}%   GDAL ${result.disagreePct.gdal100}%`,
      `    1000 m targets: Parapet ${result.disagreePct.parapet1000}%   GDAL ${result.disagreePct.gdal1000}%`,
      `  median |error| of minimum visible height (cells below some horizon): Parapet ${result.medianHeightErrorM.parapet} m, GDAL ${result.medianHeightErrorM.gdal} m`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
  await closePools();
}

main().catch(async (e) => {
  process.stderr.write(`bench:viewshed failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  await closePools();
  process.exit(1);
});
