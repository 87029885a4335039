/**
 * `parapet demo` — the embedded default: three hypotheses about North Korea's air defenses —
 * the legacy network; + a Pantsir-S1 battery and EW at Pyongyang (the 2025 reports); + an S-400
 * battalion (the 2024 reports) — for a fighter, a stealth fighter and a cruise missile at 100 m,
 * 1 km and 10 km: what is detected, what is engageable, what is seen but cannot be engaged, with
 * and without a stand-off jammer; legacy vs S-400 across the spread of the public sources; then
 * the notional raids of every hypothesis in a Monte Carlo. Offline, no arguments.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { DEM_SOURCE_IDS, type Scenario } from '@parapet/core';
import {
  closePools,
  defaultDemCacheDir,
  terrainWindow,
  tileCacheState,
  combineBands,
  compareScenariosBands,
  dataDir,
  writeBandOutputs,
  writeCompareOutputs,
  writeCoverageOutputs,
} from '@parapet/io';
import { compareBandsReport } from '../bands-report.js';
import { catalog, parseIntegerOption, scenario } from '../inputs.js';
import { comparisonDocument } from '../outputs.js';
import { makeProgress } from '../progress.js';
import { compareRaids } from '../raids.js';
import { compareReport } from '../report.js';
import { hypothesesCoverage, hypothesesRaidReport, hypothesesRaids, hypothesesReport, type Hypothesis } from '../hypotheses.js';

export function demoScenarioFiles(): { legacy: string; pantsir: string; s400: string } {
  const dir = join(dataDir(), 'scenarios');
  return { legacy: join(dir, 'korea-legacy.yaml'), pantsir: join(dir, 'korea-pantsir-reported.yaml'), s400: join(dir, 'korea-s400-reported.yaml') };
}

/**
 * The first DEM source whose cached tiles cover the whole region (tiles of open sea count), or
 * undefined: the demo then runs on a smooth earth.
 */
export function cachedDemFor(scen: Scenario, cacheDir: string = defaultDemCacheDir()): (typeof DEM_SOURCE_IDS)[number] | undefined {
  const window = terrainWindow(scen);
  return DEM_SOURCE_IDS.find((src) => tileCacheState(window, src, cacheDir).every((t) => t.state === 'cached' || t.state === 'sea'));
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Korea: legacy North Korean air defenses, + a reported Pantsir-S1, + a reported S-400 battalion (offline)')
    .option('--out <dir>', 'output folder', 'out/demo')
    .option('--runs <n>', 'Monte Carlo runs of each raid', '2000')
    .option('--seed <n>', 'random seed of the raid simulation', '1')
    .option('--no-maps', 'skip the map images')
    .action(async (opts: { out: string; runs: string; seed: string; maps: boolean }) => {
      const runs = parseIntegerOption('--runs', opts.runs, 1, 1_000_000);
      const seed = parseIntegerOption('--seed', opts.seed, 0, 2 ** 32 - 1);
      const files = demoScenarioFiles();
      const cat = catalog();
      const legacy = scenario(files.legacy, cat);
      const pantsir = scenario(files.pantsir, cat);
      const s400 = scenario(files.s400, cat);
      const dem = legacy.terrain ? undefined : cachedDemFor(legacy);
      if (dem) for (const s of [legacy, pantsir, s400]) s.terrain = { dem: 'cache', source: dem, fill: 'interpolate' };
      const progress = makeProgress();
      process.stderr.write(`Parapet demo: ${legacy.name}\n         vs. ${pantsir.name}\n         vs. ${s400.name}\n`);
      const hyps: Hypothesis[] = [
        { label: 'legacy', scenario: legacy },
        { label: '+ Pantsir-S1', scenario: pantsir },
        { label: '+ S-400', scenario: s400 },
      ];
      try {
        // The legacy → S-400 comparison across the sources' spread, without the jammer (the baseline maps).
        const bands = await compareScenariosBands(legacy, s400, cat, { jamming: false, onProgress: (vc, p, d, t) => progress.update(`${vc} ${p}`, d, t) });
        const c = bands.cases.nominal;
        const hypCov = await hypothesesCoverage(
          hyps,
          cat,
          progress,
          new Map([
            [legacy, c.a],
            [s400, c.b],
          ]),
        );
        progress.stop();
        const onProgress = (d: number, t: number): void => progress.update('maps', d, t);
        const maps = opts.maps;
        const legacyBands = combineBands({ low: bands.cases.low.a, nominal: c.a, high: bands.cases.high.a });
        const s400Bands = combineBands({ low: bands.cases.low.b, nominal: c.b, high: bands.cases.high.b });
        const written = [
          ...(await writeCoverageOutputs(c.a, cat, files.legacy, join(opts.out, 'legacy'), { maps, onProgress, bands: legacyBands.layers })),
          ...(await writeBandOutputs({ ...legacyBands, elapsedMs: 0 }, cat, join(opts.out, 'legacy'), { maps, onProgress })),
          ...(await writeCoverageOutputs(c.b, cat, files.s400, join(opts.out, 's400'), { maps, onProgress, bands: s400Bands.layers })),
          ...(await writeBandOutputs({ ...s400Bands, elapsedMs: 0 }, cat, join(opts.out, 's400'), { maps, onProgress })),
          ...(await writeCompareOutputs(c, comparisonDocument(c), opts.out, { maps, onProgress })),
          ...(await writeCoverageOutputs(hypCov[1].clean, cat, files.pantsir, join(opts.out, 'pantsir'), { maps, onProgress })),
          // With the stand-off jammer: tables, JSON (burn-through ranges) and polygons; the maps are the unjammed ones.
          ...(await writeCoverageOutputs(hypCov[0].analysis, cat, files.legacy, join(opts.out, 'legacy-jammed'), { maps: false })),
          ...(await writeCoverageOutputs(hypCov[1].analysis, cat, files.pantsir, join(opts.out, 'pantsir-jammed'), { maps: false })),
          ...(await writeCoverageOutputs(hypCov[2].analysis, cat, files.s400, join(opts.out, 's400-jammed'), { maps: false })),
        ];
        progress.stop();
        process.stdout.write(hypothesesReport(hypCov));
        process.stdout.write(`\nLegacy vs + S-400 (no jammer):\n`);
        process.stdout.write(compareReport(c));
        process.stdout.write(compareBandsReport(bands));

        const raids = await compareRaids(legacy, s400, cat, {
          runs,
          seed,
          jamming: false,
          labels: ['legacy', '+ S-400'],
          outDirs: [join(opts.out, 'legacy', 'raids'), join(opts.out, 's400', 'raids')],
          maps,
          progress,
        });
        if (raids) {
          written.push(...raids.files);
          process.stdout.write(raids.report);
        }
        const known = new Map(
          raids
            ? [
                [legacy, raids.a.summary],
                [s400, raids.b.summary],
              ]
            : [],
        );
        process.stdout.write(hypothesesRaidReport(await hypothesesRaids(hyps, cat, { runs, seed, progress, known })));
        const win = terrainWindow(s400);
        const tiles = (Math.ceil(win.eastDeg) - Math.floor(win.westDeg)) * (Math.ceil(win.northDeg) - Math.floor(win.southDeg));
        process.stdout.write(
          `\nNotional analysis from public information; positions are city-level. Line of sight: ${c.a.visibility.label}.\n` +
            (legacy.terrain
              ? ''
              : `No DEM in the cache covers the region, so terrain is not masked. To add one (${tiles} one-degree tiles, Copernicus GLO-90):\n  npx parapet dem fetch --scenario ${files.s400}\nthen run the demo again; it picks the DEM up from the cache (see docs/terrain.md).\n`) +
            `Every value's sources: 'parapet catalog show ID'. Maps and JSON: ${opts.out}/\n` +
            `To explore both scenarios on a map, drag sites and compare: npx parapet serve\n`,
        );
        process.stderr.write(`wrote ${written.length} files to ${opts.out}/\n`);
      } finally {
        progress.stop();
        await closePools();
      }
    });
}
