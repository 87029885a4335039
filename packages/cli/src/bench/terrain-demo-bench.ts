/**
 * `npm run bench:terrain`: what a user gets with a DEM in the cache. Fills a DEM cache with
 * synthetic tiles of the real Copernicus GLO-90 size over the Korea demo's terrain window, then
 * times, as a user runs them (child processes of the CLI under /usr/bin/time: wall, CPU of all
 * threads, peak RSS):
 *
 * - `parapet demo` with that cache (it picks the DEM up by itself, demo.ts `cachedDemFor`), and
 *   with an empty cache (smooth earth): the difference is what terrain costs the demo;
 * - `parapet coverage` of korea-s400-reported.yaml with `terrain: {dem: cache}`, and without;
 * - the same coverage in this process through `runCoverageBands`, split by phase (geodesic frames,
 *   terrain, layers) with the terrain cache's hits and misses: the terrain part directly.
 *
 * Tiles: one fractal surface (core `fractalTerrain`, value noise, 9 octaves from a 40 km
 * wavelength, persistence 2^−0.85 i.e. Hurst ≈ 0.85, amplitude 1200 m, sea floor 0 m) over the
 * whole block of 1° tiles at 3″ (90 m), cut into 1201² float32 GeoTIFFs named and placed as
 * `parapet dem fetch` stores Copernicus GLO-90 (DIR/parapet/dem/copernicus-90/), so the tiles
 * join without seams. Every tile is land (a real fetch records open-sea tiles as `.sea` markers,
 * which are cheaper to read) and uncompressed (real COGs are compressed).
 *
 * Usage: node packages/cli/dist/bench/terrain-demo-bench.js [--cache DIR] [--demo-args "…"]
 *   --cache DIR      the XDG cache root the CLI runs with (tiles in DIR/parapet/dem/copernicus-90,
 *                    reused when all are there; kept). Default: a new folder under the system
 *                    temporary directory, removed at the end.
 *   --demo-args "…"  extra arguments of both demo runs, e.g. "--no-maps --runs 200".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fractalTerrain, makeElevationGrid, type BBox, type ValueCase } from '@parapet/core';
import {
  clearTerrainCache,
  closePools,
  DEM_SOURCES,
  elevationToGeoTiff,
  loadCatalog,
  loadScenario,
  runCoverageBands,
  terrainCacheStats,
  terrainWindow,
  threadCount,
  tilesForBBox,
  writeGeoTiff,
  type Phase,
} from '@parapet/io';
import { demoScenarioFiles } from '../commands/demo.js';

const CLI = fileURLToPath(new URL('../../bin/parapet.js', import.meta.url));
/** Intervals per degree of a 3″ tile (1201 nodes per side, edges shared with the neighbours). */
const PER_DEG = 1200;
const TIME = '/usr/bin/time';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function load(): string {
  return loadavg()
    .map((x) => x.toFixed(1))
    .join(' ');
}

/** The smallest box holding the terrain windows of the three demo scenarios. */
function demoTerrainBox(): BBox {
  const catalog = loadCatalog();
  const wins = Object.values(demoScenarioFiles()).map((f) => terrainWindow(loadScenario(f, catalog)));
  return {
    westDeg: Math.min(...wins.map((w) => w.westDeg)),
    southDeg: Math.min(...wins.map((w) => w.southDeg)),
    eastDeg: Math.max(...wins.map((w) => w.eastDeg)),
    northDeg: Math.max(...wins.map((w) => w.northDeg)),
  };
}

interface CacheFill {
  tiles: number;
  seconds: number;
  minM: number;
  maxM: number;
  meanM: number;
  reused: boolean;
}

/** Writes the synthetic GLO-90 tiles over `box` into `demDir` (kept if all are there already). */
function fillDemCache(demDir: string, box: BBox): CacheFill {
  const info = DEM_SOURCES['copernicus-90'];
  const tiles = tilesForBBox(box);
  if (tiles.every((t) => existsSync(join(demDir, info.fileName(t.lat, t.lon)))))
    return { tiles: tiles.length, seconds: 0, minM: NaN, maxM: NaN, meanM: NaN, reused: true };
  mkdirSync(demDir, { recursive: true });
  const t0 = performance.now();
  const lat0 = Math.min(...tiles.map((t) => t.lat));
  const lat1 = Math.max(...tiles.map((t) => t.lat));
  const lon0 = Math.min(...tiles.map((t) => t.lon));
  const lon1 = Math.max(...tiles.map((t) => t.lon));
  const cols = (lon1 - lon0 + 1) * PER_DEG + 1;
  const rows = (lat1 - lat0 + 1) * PER_DEG + 1;
  process.stderr.write(`generating a ${cols}×${rows} fractal surface (${tiles.length} tiles of 1201², 3″) …\n`);
  const all = fractalTerrain(cols, rows, 90, { seed: 2026, amplitudeM: 1200, wavelengthM: 40_000, octaves: 9, persistence: 2 ** -0.85 }).heightsM;
  let minM = Infinity;
  let maxM = -Infinity;
  let sum = 0;
  for (const z of all) {
    if (z < minM) minM = z;
    if (z > maxM) maxM = z;
    sum += z;
  }
  const n = PER_DEG + 1;
  for (const { lat, lon } of tiles) {
    // Row 0 of the surface is the north edge (lat1 + 1), column 0 the west edge (lon0).
    const c0 = (lon - lon0) * PER_DEG;
    const r0 = (lat1 - lat) * PER_DEG;
    const h = new Float32Array(n * n);
    for (let j = 0; j < n; j++) h.set(all.subarray((r0 + j) * cols + c0, (r0 + j) * cols + c0 + n), j * n);
    const tile = makeElevationGrid(n, n, { crs: 'geographic', x0: lon, y0: lat + 1, dx: 1 / PER_DEG, dy: 1 / PER_DEG }, h);
    writeGeoTiff(join(demDir, info.fileName(lat, lon)), elevationToGeoTiff(tile, 'float32'));
  }
  return { tiles: tiles.length, seconds: (performance.now() - t0) / 1000, minM, maxM, meanM: sum / all.length, reused: false };
}

interface Timed {
  wallS: number;
  cpuS: number;
  maxRssMb: number;
  stdout: string;
}

/** Runs the CLI with `args` under /usr/bin/time with XDG_CACHE_HOME = `xdg`. */
function runCli(args: string[], xdg: string): Timed {
  const r = spawnSync(TIME, ['-f', 'PARAPET_TIME %e %U %S %M', process.execPath, CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, XDG_CACHE_HOME: xdg },
    maxBuffer: 256 * 1024 * 1024,
  });
  const m = /PARAPET_TIME ([\d.]+) ([\d.]+) ([\d.]+) (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !m) throw new Error(`parapet ${args.join(' ')} failed (exit ${r.status}):\n${r.stderr}`);
  return { wallS: Number(m[1]), cpuS: Number(m[2]) + Number(m[3]), maxRssMb: Number(m[4]) / 1024, stdout: r.stdout };
}

/** Throws unless the run's report names the line of sight it was asked for. */
function expectLineOfSight(what: string, t: Timed, terrain: boolean): void {
  const saysTerrain = /terrain: Copernicus DEM GLO-90/.test(t.stdout);
  if (saysTerrain !== terrain)
    throw new Error(`${what}: expected ${terrain ? 'terrain' : 'smooth-earth'} line of sight, the report says otherwise:\n${t.stdout.slice(-2000)}`);
}

interface PhaseSplit {
  totalS: number;
  byPhase: Record<Phase, number>;
  terrainByCase: Record<ValueCase, number>;
  stats: ReturnType<typeof terrainCacheStats>;
}

/**
 * The coverage bands of `file` in this process, each interval between progress reports charged
 * to the phase of the report that ends it (so the DEM read before the first sweep counts as terrain).
 */
async function coverageByPhase(file: string): Promise<PhaseSplit> {
  const catalog = loadCatalog();
  const scen = loadScenario(file, catalog);
  clearTerrainCache();
  const byPhase: Record<Phase, number> = { frames: 0, terrain: 0, layers: 0 };
  const terrainByCase: Record<ValueCase, number> = { low: 0, nominal: 0, high: 0 };
  const t0 = performance.now();
  let last = t0;
  await runCoverageBands(scen, catalog, {
    onProgress: (vc, phase) => {
      const now = performance.now();
      byPhase[phase] += (now - last) / 1000;
      if (phase === 'terrain') terrainByCase[vc] += (now - last) / 1000;
      last = now;
    },
  });
  return { totalS: (performance.now() - t0) / 1000, byPhase, terrainByCase, stats: terrainCacheStats() };
}

function row(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

async function main(): Promise<void> {
  if (!existsSync(TIME)) throw new Error(`${TIME} is needed for the child processes' CPU time and peak memory (Debian package "time")`);
  const given = option('cache');
  const xdg = given ?? mkdtempSync(join(tmpdir(), 'parapet-terrain-bench-'));
  const demoExtra = (option('demo-args') ?? '').split(/\s+/).filter((a) => a.length > 0);
  const work = mkdtempSync(join(tmpdir(), 'parapet-terrain-bench-out-'));
  const empty = join(work, 'empty-cache');
  mkdirSync(empty);
  const loads: string[] = [load()];
  try {
    const box = demoTerrainBox();
    const fill = fillDemCache(join(xdg, 'parapet', 'dem', 'copernicus-90'), box);
    process.stderr.write(
      fill.reused
        ? `reusing ${fill.tiles} tiles in ${xdg}\n`
        : `wrote ${fill.tiles} tiles in ${fill.seconds.toFixed(1)} s to ${xdg} (heights ${fill.minM.toFixed(0)}–${fill.maxM.toFixed(0)} m, mean ${fill.meanM.toFixed(0)} m)\n`,
    );

    // The S-400 scenario with terrain from the cache, as a user would add it (docs/terrain.md).
    const s400 = demoScenarioFiles().s400;
    const s400Terrain = join(work, 'korea-s400-terrain.yaml');
    writeFileSync(s400Terrain, `${readFileSync(s400, 'utf8')}\nterrain:\n  dem: cache\n  source: copernicus-90\n  fill: interpolate\n`);

    const results: { what: string; t: Timed }[] = [];
    const run = (what: string, args: string[], cache: string, terrain: boolean): Timed => {
      process.stderr.write(`${what} … (load ${load()})\n`);
      const t = runCli(args, cache);
      expectLineOfSight(what, t, terrain);
      loads.push(load());
      results.push({ what, t });
      process.stderr.write(`  ${t.wallS.toFixed(1)} s wall, ${t.cpuS.toFixed(1)} s CPU, ${t.maxRssMb.toFixed(0)} MB peak RSS\n`);
      return t;
    };
    const demoArgs = (out: string): string[] => ['demo', '--out', join(work, out), ...demoExtra];
    const demoLabel = ['demo', ...demoExtra].join(' ');
    const demoDem = run(`${demoLabel} with DEM`, demoArgs('demo-dem'), xdg, true);
    const demoSmooth = run(`${demoLabel} smooth earth`, demoArgs('demo-smooth'), empty, false);
    const covDem = run('coverage korea-s400 with DEM', ['coverage', s400Terrain, '--out', join(work, 'cov-dem')], xdg, true);
    const covSmooth = run('coverage korea-s400 smooth earth', ['coverage', s400, '--out', join(work, 'cov-smooth')], xdg, false);

    process.stderr.write(`coverage bands of korea-s400 with DEM in this process, by phase … (load ${load()})\n`);
    process.env.XDG_CACHE_HOME = xdg;
    const split = await coverageByPhase(s400Terrain);
    loads.push(load());
    await closePools();

    const w = [36, 9, 9, 10];
    const lines = [
      '',
      `Terrain benchmark: synthetic fractal DEM of the real size (${fill.tiles} × 1° tiles at 3″, 1201² float32), ${threadCount()} threads on ${availableParallelism()} cores, Node ${process.version}`,
      row(['run', 'wall s', 'CPU s', 'peak MB'], w),
      ...results.map(({ what, t }) => row([what, t.wallS.toFixed(1), t.cpuS.toFixed(1), t.maxRssMb.toFixed(0)], w)),
      row(
        [
          'terrain adds to the demo',
          (demoDem.wallS - demoSmooth.wallS).toFixed(1),
          (demoDem.cpuS - demoSmooth.cpuS).toFixed(1),
          (demoDem.maxRssMb - demoSmooth.maxRssMb).toFixed(0),
        ],
        w,
      ),
      row(
        [
          'terrain adds to coverage',
          (covDem.wallS - covSmooth.wallS).toFixed(1),
          (covDem.cpuS - covSmooth.cpuS).toFixed(1),
          (covDem.maxRssMb - covSmooth.maxRssMb).toFixed(0),
        ],
        w,
      ),
      `coverage bands in process: ${split.totalS.toFixed(1)} s = frames ${split.byPhase.frames.toFixed(1)} + terrain ${split.byPhase.terrain.toFixed(1)} (low ${split.terrainByCase.low.toFixed(1)}, nominal ${split.terrainByCase.nominal.toFixed(1)}, high ${split.terrainByCase.high.toFixed(1)}) + layers ${split.byPhase.layers.toFixed(1)} s; site rasters swept ${split.stats.rasterMisses}, reused ${split.stats.rasterHits}; DEM windows read ${split.stats.demMisses}, reused ${split.stats.demHits}`,
      `load average (1, 5, 15 min) at start and after each run: ${loads.join(' | ')}`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    process.stdout.write(
      `${JSON.stringify({
        bench: 'terrain-demo',
        tiles: fill.tiles,
        runs: results.map(({ what, t }) => ({ what, wallS: t.wallS, cpuS: Number(t.cpuS.toFixed(1)), maxRssMb: Math.round(t.maxRssMb) })),
        coverageByPhaseS: {
          total: Number(split.totalS.toFixed(2)),
          ...Object.fromEntries(Object.entries(split.byPhase).map(([k, v]) => [k, Number(v.toFixed(2))])),
        },
        terrainCache: split.stats,
        threads: threadCount(),
        cores: availableParallelism(),
        loads,
        node: process.version,
      })}\n`,
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
    if (!given) rmSync(xdg, { recursive: true, force: true });
  }
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exitCode = 1;
});
