/**
 * `npm run bench:viewshed:geo`: line of sight over a geographic (longitude/latitude) DEM, as
 * scenarios use — Parapet's geodesic sweep against what a GDAL user must do with such a DEM
 * (gdalwarp to the site's azimuthal-equidistant projection, then gdal_viewshed -cc 0.75), in one run.
 * One site at the centre of a synthetic fractal DEM at 3″ (Hurst 0.85, float32 GeoTIFF), 30 m
 * antenna, 4/3 earth. Both are timed end to end: read the GeoTIFF, compute the minimum visible
 * height above ground of every node within the radius, write it as a GeoTIFF. Then a sample of
 * nodes is checked against the exact geodesic oracle (core visibility/geodesic-exact-los.ts) for
 * 100 m and 1000 m targets above ground.
 *
 * Usage: node packages/cli/dist/bench/geo-viewshed-bench.js [--size 4001] [--radius 150000]
 *        [--samples 20000] [--repeat 3] [--dir DIR]
 */
import { numberArg, timedSpawn } from './bench-util.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  fractalTerrain,
  geodesicInverse,
  makeElevationGrid,
  minVisibleFromHorizonM,
  oracleBilinearAt,
  oracleMinVisibleMslM,
  type ElevationGrid,
} from '@parapet/core';
import { closePools, elevationToGeoTiff, geodesicSweepParallel, readGeoTiffDem, shareDem, threadCount, writeGeoTiff } from '@parapet/io';

const A_E = (4 / 3) * 6371008.8;
const ARC3 = 3 / 3600;
const SITE = { lon: 127.5, lat: 37.5 };

async function parapetRun(demFile: string, outFile: string, radiusM: number): Promise<{ ms: number; cpuMs: number; agl: Float32Array; dem: ElevationGrid }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const dem = await readGeoTiffDem(demFile, { shared: true });
  const col = (SITE.lon - dem.x0) / dem.dx;
  const row = (dem.y0 - SITE.lat) / dem.dy;
  const ground = oracleBilinearAt(dem, SITE.lon, SITE.lat);
  const antennaMslM = ground + 30;
  const window = { c0: 0, c1: dem.width - 1, r0: 0, r1: dem.height - 1 };
  const horizon = await geodesicSweepParallel({
    dem: shareDem(dem),
    siteLonDeg: SITE.lon,
    siteLatDeg: SITE.lat,
    antennaMslM,
    earthRadiusM: A_E,
    maxRangeM: radiusM,
    window,
    withRange: true,
  });
  const range = horizon.rangeM!;
  const agl = new Float32Array(horizon.length);
  const h = dem.heightsM;
  for (let k = 0; k < agl.length; k++) {
    const s = range[k];
    if (!(s <= radiusM)) {
      agl[k] = Math.hypot((k % dem.width) - col, Math.floor(k / dem.width) - row) < 2 ? 0 : NaN;
      continue;
    }
    agl[k] = Math.max(0, minVisibleFromHorizonM(horizon[k], s, antennaMslM, A_E) - h[k]);
  }
  writeGeoTiff(outFile, {
    width: dem.width,
    height: dem.height,
    data: agl,
    westX: dem.x0 - dem.dx / 2,
    northY: dem.y0 + dem.dy / 2,
    pixelX: dem.dx,
    pixelY: dem.dy,
    crs: 'geographic',
    noData: NaN,
  });
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpuMs: (cpu.user + cpu.system) / 1000, agl, dem };
}

function gdalRun(demFile: string, dir: string, radiusM: number): { ms: number; cpuMs: number; out: string } {
  const warped = join(dir, 'gdal-aeqd.tif');
  const out = join(dir, 'gdal-ground.tif');
  rmSync(warped, { force: true });
  rmSync(out, { force: true });
  const aeqd = `+proj=aeqd +lat_0=${SITE.lat} +lon_0=${SITE.lon} +datum=WGS84 +units=m +no_defs`;
  const w = timedSpawn('gdalwarp', [
    '-q',
    '-t_srs',
    aeqd,
    '-tr',
    '90',
    '90',
    '-r',
    'bilinear',
    '-te',
    String(-radiusM),
    String(-radiusM),
    String(radiusM),
    String(radiusM),
    demFile,
    warped,
  ]);
  const v = timedSpawn('gdal_viewshed', [
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
    String(radiusM),
    '-cc',
    '0.75',
    '-om',
    'GROUND',
    '-a_nodata',
    '-9999',
    '-f',
    'GTiff',
    warped,
    out,
  ]);
  return { ms: w.ms + v.ms, cpuMs: w.cpuMs + v.cpuMs, out };
}

async function main(): Promise<void> {
  const size = numberArg('size', 4001);
  const radiusM = numberArg('radius', 150_000);
  const samples = numberArg('samples', 20_000);
  const repeat = numberArg('repeat', 3);
  const di = process.argv.indexOf('--dir');
  const dir = di >= 0 ? process.argv[di + 1] : join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'parapet-bench-geo-viewshed');
  mkdirSync(dir, { recursive: true });
  if (spawnSync('gdal_viewshed', ['--version']).error) throw new Error('gdal_viewshed not found: install Debian gdal-bin');
  const gdalVersion = execFileSync('gdalinfo', ['--version'], { encoding: 'utf8' }).trim();
  const demFile = join(dir, `geo-fractal-${size}.tif`);
  if (!existsSync(demFile)) {
    process.stderr.write(`generating a ${size}² 3″ fractal DEM …\n`);
    const planar = fractalTerrain(size, size, 90, { seed: 2024, amplitudeM: 1400, wavelengthM: 60_000, octaves: 10, persistence: 2 ** -0.85 });
    const half = ((size - 1) / 2) * ARC3;
    writeGeoTiff(
      demFile,
      elevationToGeoTiff(
        makeElevationGrid(size, size, { crs: 'geographic', x0: SITE.lon - half, y0: SITE.lat + half, dx: ARC3, dy: ARC3 }, planar.heightsM),
        'float32',
        4326,
      ),
    );
  }
  const ourOut = join(dir, 'parapet-ground.tif');
  const gdalRuns: { ms: number; cpuMs: number }[] = [];
  const ourRuns: { ms: number; cpuMs: number }[] = [];
  let ours: Awaited<ReturnType<typeof parapetRun>> | undefined;
  let gdalOut = '';
  for (let r = 0; r < repeat; r++) {
    const g = gdalRun(demFile, dir, radiusM);
    gdalRuns.push(g);
    gdalOut = g.out;
    ours = await parapetRun(demFile, ourOut, radiusM);
    ourRuns.push({ ms: ours.ms, cpuMs: ours.cpuMs });
    process.stderr.write(
      `run ${r + 1}/${repeat}: gdalwarp + gdal_viewshed ${g.ms.toFixed(0)} ms (cpu ${g.cpuMs.toFixed(0)}), Parapet ${ours.ms.toFixed(0)} ms (cpu ${ours.cpuMs.toFixed(0)})\n`,
    );
  }
  if (!ours) throw new Error('no run');
  const gdal = await readGeoTiffDem(gdalOut);
  const dem = ours.dem;
  const site = { lonDeg: SITE.lon, latDeg: SITE.lat, antennaMslM: oracleBilinearAt(dem, SITE.lon, SITE.lat) + 30, earthRadiusM: A_E };
  let seed = 12345;
  const rand = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 4294967296;
  };
  const bad = { ours100: 0, ours1000: 0, gdal100: 0, gdal1000: 0 };
  let n = 0;
  const t0 = performance.now();
  while (n < samples) {
    const i = Math.floor(rand() * dem.width);
    const j = Math.floor(rand() * dem.height);
    const lon = dem.x0 + i * dem.dx;
    const lat = dem.y0 - j * dem.dy;
    const g = geodesicInverse(SITE.lon, SITE.lat, lon, lat);
    if (g.distanceM > radiusM * 0.98 || g.distanceM < 1000) continue;
    const ground = dem.heightsM[j * dem.width + i];
    const exactAgl = Math.max(0, oracleMinVisibleMslM(dem, site, lon, lat) - ground);
    const az = (g.azimuthDeg * Math.PI) / 180;
    const gc = Math.round((g.distanceM * Math.sin(az) - gdal.x0) / gdal.dx);
    const gr = Math.round((gdal.y0 - g.distanceM * Math.cos(az)) / gdal.dy);
    const theirs = gc >= 0 && gr >= 0 && gc < gdal.width && gr < gdal.height ? gdal.heightsM[gr * gdal.width + gc] : NaN;
    const mine = ours.agl[j * dem.width + i];
    for (const t of [100, 1000] as const) {
      if (mine <= t !== exactAgl <= t) bad[t === 100 ? 'ours100' : 'ours1000']++;
      if (theirs <= t !== exactAgl <= t) bad[t === 100 ? 'gdal100' : 'gdal1000']++;
    }
    n++;
  }
  const oracleS = (performance.now() - t0) / 1000;
  const best = (xs: number[]): number => Math.min(...xs);
  const pct = (x: number): number => Number(((100 * x) / n).toFixed(3));
  const result = {
    bench: 'viewshed-geographic',
    dem: `${size}² × 3″ fractal (Hurst 0.85), float32 GeoTIFF`,
    radiusKm: radiusM / 1000,
    threads: threadCount(),
    cores: availableParallelism(),
    gdal: gdalVersion,
    gdalMs: Math.round(best(gdalRuns.map((g) => g.ms))),
    gdalCpuMs: Math.round(best(gdalRuns.map((g) => g.cpuMs))),
    parapetMs: Math.round(best(ourRuns.map((o) => o.ms))),
    parapetCpuMs: Math.round(best(ourRuns.map((o) => o.cpuMs))),
    ratio: Number((best(ourRuns.map((o) => o.ms)) / best(gdalRuns.map((g) => g.ms))).toFixed(2)),
    samples: n,
    disagreePct: { parapet: { t100: pct(bad.ours100), t1000: pct(bad.ours1000) }, gdal: { t100: pct(bad.gdal100), t1000: pct(bad.gdal1000) } },
  };
  process.stdout.write(
    [
      `viewshed over a geographic DEM: ${result.dem}, ${result.radiusKm} km, 30 m antenna, k = 4/3, ${result.threads} threads on ${result.cores} cores; ${result.gdal}`,
      `  best of ${repeat} (wall; CPU = user + system):`,
      `    gdalwarp + gdal_viewshed ${String(result.gdalMs).padStart(6)} ms   CPU ${String(result.gdalCpuMs).padStart(6)} ms`,
      `    Parapet geodesic sweep   ${String(result.parapetMs).padStart(6)} ms   CPU ${String(result.parapetCpuMs).padStart(6)} ms   → ratio ${result.ratio}`,
      `  disagreement with the exact geodesic oracle on ${n} sampled nodes (oracle ${oracleS.toFixed(1)} s), 100 m / 1000 m above ground:`,
      `    gdal                     ${result.disagreePct.gdal.t100}% / ${result.disagreePct.gdal.t1000}%`,
      `    Parapet                  ${result.disagreePct.parapet.t100}% / ${result.disagreePct.parapet.t1000}%`,
      JSON.stringify(result),
      '',
    ].join('\n'),
  );
  await closePools();
}

main().catch(async (e) => {
  process.stderr.write(`bench:viewshed:geo failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  await closePools();
  process.exit(1);
});
