/**
 * `parapet dem fetch --bbox W,S,E,N | --scenario FILE [--source S] [--cache DIR]` — download public
 * DEM tiles into the cache; `parapet dem info [--bbox … | --scenario …]` — what is cached, and what
 * a region needs.
 */
import type { Command } from 'commander';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DEM_SOURCE_IDS, type BBox, type DemSourceId } from '@parapet/core';
import { DEM_SOURCES, defaultDemCacheDir, fetchDemTiles, isDemSourceId, terrainWindow, tileCacheState } from '@parapet/io';
import { UsageError } from '../errors.js';
import { scenario } from '../inputs.js';
import { makeProgress } from '../progress.js';

export function parseBBox(text: string): BBox {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length !== 4 || parts.some((v) => !Number.isFinite(v))) throw new UsageError(`--bbox must be W,S,E,N in degrees, got "${text}"`);
  const [westDeg, southDeg, eastDeg, northDeg] = parts;
  if (southDeg < -90 || northDeg > 90 || westDeg < -180 || eastDeg > 180) throw new UsageError(`--bbox ${text} is outside [-180, 180] × [-90, 90]`);
  if (eastDeg <= westDeg || northDeg <= southDeg) throw new UsageError(`--bbox ${text}: east must exceed west and north must exceed south`);
  const tiles = (Math.ceil(eastDeg) - Math.floor(westDeg)) * (Math.ceil(northDeg) - Math.floor(southDeg));
  if (tiles > 400) throw new UsageError(`--bbox ${text} spans ${tiles} one-degree tiles; fetch at most 400 at a time`);
  return { westDeg, southDeg, eastDeg, northDeg };
}

/** The region of --bbox, or of --scenario (its region grown to hold every site, as coverage reads it). */
function regionOf(opts: { bbox?: string; scenario?: string }): { bbox: BBox; text: string } {
  if (opts.bbox && opts.scenario) throw new UsageError('give either --bbox or --scenario, not both');
  if (opts.bbox) return { bbox: parseBBox(opts.bbox), text: opts.bbox };
  if (opts.scenario) {
    const w = terrainWindow(scenario(opts.scenario));
    const text = [w.westDeg, w.southDeg, w.eastDeg, w.northDeg].map((v) => +v.toFixed(4)).join(',');
    return { bbox: parseBBox(text), text };
  }
  throw new UsageError('give the region as --bbox W,S,E,N or --scenario FILE');
}

function parseSource(s: string): DemSourceId {
  if (!isDemSourceId(s)) throw new UsageError(`--source must be one of ${DEM_SOURCE_IDS.join(', ')}, got "${s}"`);
  return s;
}

function mb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

export function registerDem(program: Command): void {
  const cmd = program.command('dem').description('elevation data: fetch public DEM tiles into the cache, show what is cached');
  cmd
    .command('fetch')
    .description('download the DEM tiles covering a region (Copernicus GLO-90/GLO-30 or SRTM)')
    .option('--bbox <W,S,E,N>', 'region in degrees')
    .option('--scenario <file>', "instead of --bbox: the region a scenario's coverage reads (its region and sites)")
    .option('--source <source>', `tile source: ${DEM_SOURCE_IDS.join(', ')}`, 'copernicus-90')
    .option('--cache <dir>', 'cache folder (default $XDG_CACHE_HOME/parapet/dem)')
    .option('--base-url <url>', 'fetch from this mirror instead of the public bucket (same layout)')
    .option('--json', 'print the outcome as JSON on stdout')
    .action(async (opts: { bbox?: string; scenario?: string; source: string; cache?: string; baseUrl?: string; json?: boolean }) => {
      const { bbox, text } = regionOf(opts);
      const source = parseSource(opts.source);
      const cacheDir = opts.cache ?? defaultDemCacheDir();
      const progress = makeProgress();
      const controller = new AbortController();
      const onSigint = (): void => controller.abort();
      process.once('SIGINT', onSigint);
      try {
        const outcomes = await fetchDemTiles({
          bbox,
          source,
          cacheDir,
          baseUrl: opts.baseUrl,
          signal: controller.signal,
          onProgress: (p) => progress.update(`tiles (${mb(p.bytes)})`, p.tilesDone, p.tilesTotal),
        });
        progress.stop();
        const count = (s: string): number => outcomes.filter((o) => o.status === s).length;
        if (opts.json) {
          process.stdout.write(`${JSON.stringify({ source, cacheDir: join(cacheDir, source), tiles: outcomes })}\n`);
        } else {
          process.stdout.write(
            `${DEM_SOURCES[source].title}: ${outcomes.length} tile${outcomes.length === 1 ? '' : 's'} for [${text}] — ` +
              `${count('downloaded')} downloaded (${mb(outcomes.reduce((a, o) => a + o.bytes, 0))}), ${count('cached')} already cached, ${count('sea')} open sea\n` +
              `cache: ${join(cacheDir, source)}\n` +
              `use it with   terrain: { dem: cache${source === 'copernicus-90' ? '' : `, source: ${source}`} }   in a scenario\n` +
              `data: ${DEM_SOURCES[source].attribution}\n`,
          );
        }
      } finally {
        progress.stop();
        process.removeListener('SIGINT', onSigint);
      }
    });
  cmd
    .command('info')
    .description('what is in the DEM cache, and which tiles a region needs')
    .option('--bbox <W,S,E,N>', 'region in degrees: list its tiles and whether each is cached')
    .option('--scenario <file>', "instead of --bbox: the region a scenario's coverage reads")
    .option('--source <source>', `with a region, the tile source: ${DEM_SOURCE_IDS.join(', ')}`, 'copernicus-90')
    .option('--cache <dir>', 'cache folder (default $XDG_CACHE_HOME/parapet/dem)')
    .option('--json', 'print JSON on stdout')
    .action((opts: { bbox?: string; scenario?: string; source: string; cache?: string; json?: boolean }) => {
      const cacheDir = opts.cache ?? defaultDemCacheDir();
      const sources = DEM_SOURCE_IDS.map((id) => {
        const dir = join(cacheDir, id);
        const names = existsSync(dir) ? readdirSync(dir) : [];
        const tiles = names.filter((n) => /\.(tif|hgt\.gz|hgt)$/i.test(n));
        return {
          id,
          title: DEM_SOURCES[id].title,
          dir,
          tiles: tiles.length,
          sea: names.filter((n) => n.endsWith('.sea')).length,
          partial: names.filter((n) => n.endsWith('.part')).length,
          bytes: tiles.reduce((a, n) => a + statSync(join(dir, n)).size, 0),
        };
      });
      const r = opts.bbox || opts.scenario ? regionOf(opts) : undefined;
      const region = r ? tileCacheState(r.bbox, parseSource(opts.source), cacheDir).map(({ tile, state, file }) => ({ tile, state, file })) : undefined;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ cacheDir, sources, region })}\n`);
        return;
      }
      const lines = [`DEM cache: ${cacheDir}`];
      for (const s of sources)
        lines.push(
          `  ${s.id.padEnd(14)} ${String(s.tiles).padStart(4)} tiles  ${mb(s.bytes).padStart(10)}  ${s.sea} sea${s.partial ? `, ${s.partial} partial download${s.partial === 1 ? '' : 's'}` : ''}`,
        );
      if (region && r) {
        const missing = region.filter((t) => t.state === 'missing' || t.state === 'partial');
        lines.push(`region [${r.text}] with ${opts.source}: ${region.length} tiles, ${region.length - missing.length} available, ${missing.length} to fetch`);
        for (const t of region) lines.push(`  ${t.tile}  ${t.state}`);
        if (missing.length) lines.push(`fetch them with: parapet dem fetch --bbox ${r.text} --source ${opts.source}`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
