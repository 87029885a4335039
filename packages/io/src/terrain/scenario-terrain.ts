/**
 * A scenario's `terrain:` section → an open DEM and a terrain VisibilityProvider. The DEM path is
 * resolved against the scenario file when it is loaded (resolveTerrainPath), so every later step
 * (coverage, compare, demo, server) sees an absolute path; `dem: cache` means the `parapet dem
 * fetch` cache.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { BBox, DemSourceId, Scenario, TerrainConfig, TerrainVisibility } from '@parapet/core';
import { InputError } from '../problems.js';
import { parseLocated } from '../yaml/located-document.js';
import { DemError } from '../dem/dem-error.js';
import { DemMosaic } from '../dem/mosaic.js';
import { DEM_SOURCES, defaultDemCacheDir } from '../dem/sources.js';
import type { VisibilityContext } from '../pipeline/coverage.js';
import { cachedTerrainDem } from './terrain-cache.js';
import { buildTerrainVisibility } from './terrain-visibility.js';

/** Largest DEM window read for a scenario (nodes); finer data is decimated to fit (~190 MB). */
export const MAX_SCENARIO_DEM_NODES = 48_000_000;

/**
 * Makes `scenario.terrain.dem` absolute (relative to the scenario file) and checks it exists;
 * throws InputError located at terrain.dem otherwise. `text` is the file's text, for the location.
 */
export function resolveTerrainPath(scenario: Scenario, file: string, text: string): void {
  const t = scenario.terrain;
  if (!t || t.dem === 'cache') return;
  const abs = isAbsolute(t.dem) ? t.dem : resolve(dirname(file), t.dem);
  if (!existsSync(abs)) {
    const at = parseLocated(text).locate(['terrain', 'dem']);
    throw new InputError([
      { file, ...at, path: 'terrain.dem', message: `no such DEM file or folder: ${abs} (see docs/terrain.md, or use dem: cache after \`parapet dem fetch\`)` },
    ]);
  }
  t.dem = abs;
}

/** The cache folder for `dem: cache`: the named source, else copernicus-90, else any cached source. */
export function cacheSourceDir(cacheDir: string, source?: DemSourceId): { dir: string; source: DemSourceId } {
  const order: DemSourceId[] = source ? [source] : ['copernicus-90', 'copernicus-30', 'srtm'];
  for (const s of order) {
    const dir = join(cacheDir, s);
    if (existsSync(dir) && readdirSync(dir).some((n) => !n.endsWith('.part') && !n.endsWith('.json'))) return { dir, source: s };
  }
  throw new DemError(
    cacheDir,
    `no DEM tiles cached${source ? ` for ${source}` : ''}: run \`parapet dem fetch --scenario FILE${source ? ` --source ${source}` : ''}\` first (docs/terrain.md)`,
  );
}

/** Opens the DEM a scenario's terrain section names. */
export async function openTerrainDem(t: TerrainConfig, cacheDir: string = defaultDemCacheDir()): Promise<DemMosaic> {
  if (t.dem === 'cache') {
    const { dir, source } = cacheSourceDir(cacheDir, t.source);
    return DemMosaic.open([dir], { fill: t.fill, title: DEM_SOURCES[source].title });
  }
  return DemMosaic.open([t.dem], { fill: t.fill });
}

/**
 * What `coverage` would find wrong with a scenario's DEM, found without reading a pixel: the path
 * opens, every file's header is sound (dimensions, strips or tiles inside the file, SRTM sizes) and
 * the files cover the terrain window. Throws InputError located at `terrain.dem` in `file`.
 */
export async function checkScenarioTerrain(scenario: Scenario, file: string, cacheDir?: string): Promise<void> {
  const t = scenario.terrain;
  if (!t) return;
  try {
    const mosaic = await openTerrainDem(t, cacheDir);
    const window = terrainWindow(scenario);
    const missing = mosaic.missingTiles(window);
    if (missing.length > 0)
      throw new DemError(
        t.dem,
        `the DEM does not cover the region and sites: no data for tile${missing.length === 1 ? '' : 's'} ${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ` and ${missing.length - 8} more` : ''} (see parapet dem fetch --scenario ${file})`,
      );
    mosaic.checkTiles(window);
  } catch (e) {
    if (!(e instanceof DemError)) throw e;
    let at = { line: 1, col: 1 };
    try {
      at = parseLocated(readFileSync(file, 'utf8')).locate(['terrain', 'dem']);
    } catch {
      // The scenario was read a moment ago; if it cannot be re-read, point at its start.
    }
    throw new InputError([{ file, ...at, path: 'terrain.dem', message: e.message }]);
  }
}

/** The region box grown to hold every site, padded by 0.02°. */
export function terrainWindow(scenario: Scenario): BBox {
  const [w, s, e, n] = scenario.region.bbox;
  let westDeg = w;
  let southDeg = s;
  let eastDeg = e;
  let northDeg = n;
  for (const site of scenario.sites) {
    westDeg = Math.min(westDeg, site.lon);
    eastDeg = Math.max(eastDeg, site.lon);
    southDeg = Math.min(southDeg, site.lat);
    northDeg = Math.max(northDeg, site.lat);
  }
  const pad = 0.02;
  return { westDeg: westDeg - pad, southDeg: southDeg - pad, eastDeg: eastDeg + pad, northDeg: northDeg + pad };
}

/**
 * Nodes of a lattice `spacingM` apart over the box: the DEM is read no finer than that (finer
 * terrain than a quarter of a 1 km region cell changes the map little and costs the square of the
 * ratio in time).
 */
function nodesAtSpacing(b: BBox, spacingM: number): number {
  const midLat = ((b.southDeg + b.northDeg) / 2) * (Math.PI / 180);
  const widthM = (b.eastDeg - b.westDeg) * 111_320 * Math.cos(midLat);
  const heightM = (b.northDeg - b.southDeg) * 110_574;
  return Math.max(4, Math.ceil(widthM / spacingM + 1) * Math.ceil(heightM / spacingM + 1));
}

/** Terrain line of sight for a scenario with a `terrain:` section (used by runCoverage). */
export async function scenarioTerrainVisibility(ctx: VisibilityContext, cacheDir?: string): Promise<TerrainVisibility> {
  const t = ctx.scenario.terrain;
  if (!t) throw new Error('scenarioTerrainVisibility: the scenario has no terrain section');
  const mosaic = await openTerrainDem(t, cacheDir);
  const window = terrainWindow(ctx.scenario);
  const maxNodes = Math.min(MAX_SCENARIO_DEM_NODES, nodesAtSpacing(window, t.resolutionM ?? ctx.grid.resolutionM / 4));
  // The files' sizes and times are part of the key: an edited or re-fetched DEM is read again.
  const demKey = JSON.stringify([t.dem, t.source ?? null, t.fill ?? null, cacheDir ?? null, mosaic.label, mosaic.fingerprint(), window, maxNodes]);
  const dem = await cachedTerrainDem(demKey, () => mosaic.readWindow(window, { maxNodes }));
  const arcsec = Math.round(dem.dy * 3600 * 10) / 10;
  return buildTerrainVisibility({
    grid: ctx.grid,
    sites: ctx.sites,
    frames: ctx.frames,
    earthRadiusM: ctx.earthRadiusM,
    dem,
    label: `terrain: ${mosaic.label}, ${arcsec}″, k = ${ctx.scenario.earth.kFactor.toFixed(3)}`,
    demKey,
    onProgress: ctx.onProgress,
  });
}
