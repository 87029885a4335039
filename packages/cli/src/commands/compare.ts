/** `parapet compare A B [--out DIR] [--json]` — A/B deltas on A's grid. */
import type { Command } from 'commander';
import { closePools, compareScenarios, compareScenariosBands, writeCompareOutputs } from '@parapet/io';
import { catalog, parseIntegerOption, scenario } from '../inputs.js';
import { comparisonDocument } from '../outputs.js';
import { makeProgress } from '../progress.js';
import { compareRaids, raidOutDirs } from '../raids.js';
import { compareReport } from '../report.js';
import { compareBandsReport } from '../bands-report.js';
import { parseValueCase } from './coverage.js';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description("compare the coverage of two scenarios (B against A), on A's region")
    .argument('<a>', 'scenario A (the baseline)')
    .argument('<b>', 'scenario B')
    .option('--out <dir>', 'output folder', 'out/compare')
    .option('--json', 'print the comparison JSON on stdout')
    .option('--values <case>', 'low, nominal or high reading of the sources', 'nominal')
    .option('--no-maps', 'skip the delta map images')
    .option('--runs <n>', "Monte Carlo runs of each scenario's raids, when both have a raids: section", '2000')
    .option('--seed <n>', 'random seed of the raid simulation', '1')
    .option('--no-raids', 'skip the raid simulation')
    .option('--no-bands', 'skip the comparison at the low and high readings of the sources (does the change hold across the spread?)')
    .option('--no-jamming', "leave out the scenarios' stand-off jammers")
    .action(
      async (
        fa: string,
        fb: string,
        opts: { out: string; json?: boolean; values: string; maps: boolean; bands: boolean; raids: boolean; runs: string; seed: string; jamming: boolean },
      ) => {
        const valueCase = parseValueCase(opts.values);
        const runs = parseIntegerOption('--runs', opts.runs, 1, 1_000_000);
        const seed = parseIntegerOption('--seed', opts.seed, 0, 2 ** 32 - 1);
        // An explicit reading of the sources (--values low|high) replaces the bands.
        const withBands = opts.bands && valueCase === 'nominal';
        const cat = catalog();
        const a = scenario(fa, cat);
        const b = scenario(fb, cat);
        const progress = makeProgress();
        try {
          const bands = withBands
            ? await compareScenariosBands(a, b, cat, { jamming: opts.jamming, onProgress: (vc, p, d, t) => progress.update(`${vc} ${p}`, d, t) })
            : undefined;
          const c = bands
            ? bands.cases.nominal
            : await compareScenarios(a, b, cat, { valueCase, jamming: opts.jamming, onProgress: (p, d, t) => progress.update(p, d, t) });
          progress.stop();
          const files = await writeCompareOutputs(c, comparisonDocument(c), opts.out, { maps: opts.maps, onProgress: (d, t) => progress.update('maps', d, t) });
          progress.stop();
          const spread = bands?.layers.map((l) => ({
            threat: l.threatId,
            altitudeM: l.altitudeM,
            deltaEngageKm2: { nominal: Math.round(l.deltaEngageKm2.nominal), min: Math.round(l.deltaEngageKm2.min), max: Math.round(l.deltaEngageKm2.max) },
            verdict: l.verdict,
            places: l.places.map((p) => ({ name: p.name, verdict: p.verdict })),
          }));
          const raids = opts.raids
            ? await compareRaids(a, b, cat, {
                runs,
                seed,
                valueCase,
                jamming: opts.jamming,
                labels: ['A', 'B'],
                outDirs: raidOutDirs(opts.out, ['a', 'b']),
                maps: opts.maps,
                progress,
              })
            : undefined;
          if (raids) files.push(...raids.files);
          if (opts.json)
            process.stdout.write(
              `${JSON.stringify({ ...(comparisonDocument(c) as object), ...(spread ? { acrossSources: spread } : {}), ...(raids ? { raids: raids.comparison } : {}) })}\n`,
            );
          else process.stdout.write(compareReport(c) + (bands ? compareBandsReport(bands) : '') + (raids?.report ?? ''));
          process.stderr.write(`wrote ${files.length} files to ${opts.out}/\n`);
        } finally {
          progress.stop();
          await closePools();
        }
      },
    );
}
