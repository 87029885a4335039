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
 *        [--rays-per-cell 1,0.5] [--repeat 3] [--radius 360000] [--dir DIR (default /dev/shm/…)]
 */
import { numberArg, timedSpawn } from './bench-util.js';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { exactMinVisibleMslM, fractalTerrain, type ElevationGrid } from '@parapet/core';
import {
  allocSweepMemory,
  closePools,
  elevationToGeoTiff,
  horizonSweepParallel,
  readGeoTiffDem,
  readGeoTiffInt16Into,
  shareDem,
  threadCount,
  writeGeoTiff,
  type SweepMemory,
} from '@parapet/io';

const A_E = (4 / 3) * 6371008.8;

interface OurRun {
  ms: number;
  cpuMs: number;
  phases: string;
  dem: ElevationGrid;
  aglM: Float32Array;
}

async function parapetRun(demFile: string, outFile: string, col: number, row: number, maxRangeM: number, raysPerCell: number): Promise<OurRun> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // The int16 heights go straight from the file into the sweep's shared WebAssembly memory;
  // without WebAssembly, the TypeScript kernel runs on float32 heights in shared memory.
  let memory: SweepMemory | undefined;
  const chunks = threadCount() * 8;
  const raw = await readGeoTiffInt16Into(demFile, (w, h) => {
    memory = allocSweepMemory(w, h, chunks, 'i16');
    return memory?.heights as Int16Array | undefined;
  });
  const t1 = performance.now();
  let aglM: Float32Array;
  let dem: ElevationGrid;
  if (raw && memory) {
    const geometry = { buffer: new SharedArrayBuffer(4), width: raw.width, height: raw.height, crs: raw.crs, x0: raw.x0, y0: raw.y0, dx: raw.dx, dy: raw.dy };
    const antennaMslM = raw.heights[row * raw.width + col] + 30;
    aglM = await horizonSweepParallel({
      dem: geometry,
      memory,
      observerCol: col,
      observerRow: row,
      antennaMslM,
      earthRadiusM: A_E,
      maxRangeM,
      raysPerCell,
      output: 'minVisibleAgl',
    });
    // Geometry now; the float32 heights for the accuracy check are filled in after the timing.
    dem = { width: raw.width, height: raw.height, crs: raw.crs, x0: raw.x0, y0: raw.y0, dx: raw.dx, dy: raw.dy, heightsM: new Float32Array(0) };
  } else {
    dem = await readGeoTiffDem(demFile, { shared: true });
    const antennaMslM = dem.heightsM[row * dem.width + col] + 30;
    aglM = await horizonSweepParallel({
      dem: shareDem(dem),
      observerCol: col,
      observerRow: row,
      antennaMslM,
      earthRadiusM: A_E,
      maxRangeM,
      raysPerCell,
      output: 'minVisibleAgl',
    });
  }
  const t2 = performance.now();
  writeGeoTiff(outFile, {
    width: dem.width,
    height: dem.height,
    data: aglM,
    westX: dem.x0 - dem.dx / 2,
    northY: dem.y0 + dem.dy / 2,
    pixelX: dem.dx,
    pixelY: dem.dy,
    crs: 'planar',
    epsg: 32652,
    noData: NaN,
  });
  const t3 = performance.now();
  const cpu = process.cpuUsage(cpu0); // all threads of this process, workers included
  if (raw) dem.heightsM = Float32Array.from(raw.heights, (v) => (v === -32768 ? NaN : v));
  return {
    ms: t3 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    phases: `read ${(t1 - t0).toFixed(0)}, sweep ${(t2 - t1).toFixed(0)}, write ${(t3 - t2).toFixed(0)} ms`,
    dem,
    aglM,
  };
}

/** Runs gdal_viewshed under /usr/bin/time; wall and CPU (user + system) milliseconds. */
function gdalRun(demFile: string, outFile: string, xM: number, yM: number, maxRangeM: number): { ms: number; cpuMs: number } {
  rmSync(outFile, { force: true });
  const args = [
    '-q',
    '-ox',
    String(xM),
    '-oy',
    String(yM),
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
    demFile,
    outFile,
  ];
  return timedSpawn('gdal_viewshed', args);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  const size = numberArg('size', 8001);
  const cellM = numberArg('cell', 90);
  const samples = numberArg('samples', 40_000);
  const repeat = numberArg('repeat', 3);
  const ri = process.argv.indexOf('--rays-per-cell');
  const densities = (ri >= 0 ? process.argv[ri + 1] : '1,0.5').split(',').map(Number);
  const maxRangeM = numberArg('radius', 360_000);
  const i = process.argv.indexOf('--dir');
  // Files live in RAM (/dev/shm) when it exists, so that disk write-back does not time either tool.
  const dir = i >= 0 ? process.argv[i + 1] : join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'parapet-bench-viewshed');
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

  // Interleaved runs (GDAL, then each density), so that load on a shared machine hits all alike.
  const gdalRuns: { ms: number; cpuMs: number }[] = [];
  const ourRuns = densities.map(() => [] as OurRun[]);
  const outputs: Float32Array[] = densities.map(() => new Float32Array(0));
  let dem: ElevationGrid | undefined;
  for (let r = 0; r < repeat; r++) {
    const g = gdalRun(demFile, gdalOut, 0, 0, maxRangeM);
    gdalRuns.push(g);
    const parts = [`gdal ${g.ms.toFixed(0)} ms (cpu ${g.cpuMs.toFixed(0)})`];
    for (let d = 0; d < densities.length; d++) {
      const o = await parapetRun(demFile, ourOut, c, c, maxRangeM, densities[d]);
      ourRuns[d].push({ ...o, aglM: new Float32Array(0) });
      outputs[d] = o.aglM;
      dem = o.dem;
      parts.push(`parapet×${densities[d]} ${o.ms.toFixed(0)} ms (cpu ${o.cpuMs.toFixed(0)}; ${o.phases})`);
    }
    process.stderr.write(`run ${r + 1}/${repeat}: ${parts.join(', ')}\n`);
  }
  if (!dem) throw new Error('no run');
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
  const tools = [{ name: 'GDAL', data: gdal }, ...densities.map((d, k) => ({ name: `Parapet ×${d}`, data: outputs[k] }))];
  const dis100 = tools.map(() => 0);
  const dis1000 = tools.map(() => 0);
  const err = tools.map(() => [] as number[]);
  const t0 = performance.now();
  while (n < samples) {
    const col = c + Math.round((2 * rand() - 1) * rCells);
    const row = c + Math.round((2 * rand() - 1) * rCells);
    const d = Math.hypot(col - c, row - c) * cellM;
    if (d > maxRangeM * 0.999 || d === 0) continue;
    const k = row * size + col;
    const exactAgl = Math.max(0, exactMinVisibleMslM(q, col, row) - dem.heightsM[k]);
    tools.forEach((t, ti) => {
      const v = t.data[k];
      if (v <= 100 !== exactAgl <= 100) dis100[ti]++;
      if (v <= 1000 !== exactAgl <= 1000) dis1000[ti]++;
      if (Number.isFinite(exactAgl) && exactAgl > 0 && v === v) err[ti].push(Math.abs(v - exactAgl));
    });
    n++;
  }
  const oracleS = (performance.now() - t0) / 1000;
  const pct = (x: number): number => Number(((100 * x) / n).toFixed(4));
  const best = (xs: number[]): number => Math.min(...xs);
  const gdalMs = best(gdalRuns.map((g) => g.ms));
  const gdalCpu = best(gdalRuns.map((g) => g.cpuMs));
  const result = {
    bench: 'viewshed',
    dem: `${size}×${size} × ${cellM} m fractal, int16 GeoTIFF (${(statSync(demFile).size / 1e6).toFixed(0)} MB)`,
    radiusKm: maxRangeM / 1000,
    antennaM: 30,
    threads: threadCount(),
    cores: availableParallelism(),
    gdal: gdalVersion,
    samples: n,
    gdalMs: Math.round(gdalMs),
    gdalCpuMs: Math.round(gdalCpu),
    gdalDisagreePct: { t100: pct(dis100[0]), t1000: pct(dis1000[0]) },
    gdalMedianErrorM: Number(median(err[0]).toFixed(2)),
    parapet: densities.map((d, k) => ({
      raysPerCell: d,
      ms: Math.round(best(ourRuns[k].map((o) => o.ms))),
      cpuMs: Math.round(best(ourRuns[k].map((o) => o.cpuMs))),
      ratio: Number((best(ourRuns[k].map((o) => o.ms)) / gdalMs).toFixed(3)),
      cpuRatio: Number((best(ourRuns[k].map((o) => o.cpuMs)) / gdalCpu).toFixed(3)),
      disagreePct: { t100: pct(dis100[k + 1]), t1000: pct(dis1000[k + 1]) },
      medianErrorM: Number(median(err[k + 1]).toFixed(3)),
    })),
  };
  const lines = [
    `viewshed: ${result.dem}, ${result.radiusKm} km, 30 m antenna, k = 4/3, ${result.threads} threads on ${result.cores} cores; ${result.gdal}`,
    `  best of ${repeat} (wall; CPU = user + system, all threads):`,
    `    gdal_viewshed          ${String(result.gdalMs).padStart(6)} ms   CPU ${String(result.gdalCpuMs).padStart(6)} ms`,
    ...result.parapet.map(
      (p) =>
        `    Parapet raysPerCell ${String(p.raysPerCell).padEnd(4)}${String(p.ms).padStart(6)} ms   CPU ${String(p.cpuMs).padStart(6)} ms   → ratio ${p.ratio} (CPU ${p.cpuRatio})`,
    ),
    `  disagreement with exact line of sight on ${n} sampled cells (oracle ${oracleS.toFixed(1)} s), 100 m / 1000 m targets above ground:`,
    `    GDAL                   ${result.gdalDisagreePct.t100}% / ${result.gdalDisagreePct.t1000}%   median |error| of min visible height ${result.gdalMedianErrorM} m`,
    ...result.parapet.map(
      (p) => `    Parapet raysPerCell ${String(p.raysPerCell).padEnd(4)}${p.disagreePct.t100}% / ${p.disagreePct.t1000}%   median |error| ${p.medianErrorM} m`,
    ),
    JSON.stringify(result),
    '',
  ];
  process.stdout.write(lines.join('\n'));
  await closePools();
}

main().catch(async (e) => {
  process.stderr.write(`bench:viewshed failed: ${e instanceof Error ? e.stack : String(e)}\n`);
  await closePools();
  process.exit(1);
});
