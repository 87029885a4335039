/** `parapet coverage FILE [--out DIR] [--json]` — coverage maps and metrics for one scenario. */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import {
  bandsSummary,
  buildCoverageSummary,
  closePools,
  runCoverage,
  runCoverageBands,
  writeBandOutputs,
  writeCoverageOutputs,
  writePdMaps,
} from '@parapet/io';
import { ASPECTS, type ValueCase } from '@parapet/core';
import { UsageError } from '../errors.js';
import { catalog, scenario } from '../inputs.js';
import { makeProgress } from '../progress.js';
import { coverageReport } from '../report.js';
import { bandsReport } from '../bands-report.js';

const PHASE_LABEL = { frames: 'geodesics', terrain: 'terrain  ', layers: 'coverage ' } as const;

export function parseValueCase(v: string): ValueCase {
  if (v === 'low' || v === 'nominal' || v === 'high') return v;
  throw new UsageError(`--values must be low, nominal or high, got "${v}"`);
}

export function registerCoverage(program: Command): void {
  program
    .command('coverage')
    .description('coverage maps and metrics for a scenario')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--out <dir>', 'output folder (default: out/<scenario file name>)')
    .option('--json', 'print the summary JSON on stdout (progress and logs go to stderr)')
    .option('--values <case>', 'read the sources at their low (coverage-minimising), nominal or high values', 'nominal')
    .option('--no-maps', 'skip the map images (JSON, CSV and GeoJSON only)')
    .option(
      '--no-bands',
      'skip the uncertainty bands (by default the analysis also runs at the low and high readings of the sources: band maps, uncertainty.json, ranges)',
    )
    .option('--pd-maps', 'also draw maps of the best single-scan Pd over each cell')
    .option('--no-jamming', "leave out the scenario's stand-off jammers")
    .option('--aspect <aspect>', "aspect assumed to every radar: front, side or rear (default: the scenario's analysis.aspect, else front)")
    .action(
      async (
        file: string,
        opts: { out?: string; json?: boolean; values: string; maps: boolean; bands: boolean; pdMaps?: boolean; jamming: boolean; aspect?: string },
      ) => {
        const valueCase = parseValueCase(opts.values);
        // An explicit reading of the sources (--values low|high) replaces the bands.
        const withBands = opts.bands && valueCase === 'nominal';
        const cat = catalog();
        const scen = scenario(file, cat);
        if (opts.aspect !== undefined) {
          if (!(ASPECTS as readonly string[]).includes(opts.aspect))
            throw new UsageError(`--aspect must be one of ${ASPECTS.join(', ')}, got "${opts.aspect}"`);
          scen.analysis.aspect = opts.aspect as (typeof ASPECTS)[number];
        }
        const progress = makeProgress();
        try {
          const bands = withBands
            ? await runCoverageBands(scen, cat, {
                jamming: opts.jamming,
                onProgress: (vc, p, d, t) => progress.update(`${vc.padEnd(7)} ${PHASE_LABEL[p]}`, d, t),
              })
            : undefined;
          const analysis = bands
            ? bands.cases.nominal
            : await runCoverage(scen, cat, { valueCase, jamming: opts.jamming, onProgress: (p, d, t) => progress.update(PHASE_LABEL[p], d, t) });
          progress.stop();
          const outDir = opts.out ?? join('out', basename(file, extname(file)));
          const files = await writeCoverageOutputs(analysis, cat, file, outDir, {
            maps: opts.maps,
            bands: bands?.layers,
            onProgress: (d, t) => progress.update('maps     ', d, t),
          });
          if (opts.pdMaps) files.push(...(await writePdMaps(analysis, outDir, (d, t) => progress.update('Pd maps  ', d, t))));
          if (bands) files.push(...(await writeBandOutputs(bands, cat, outDir, { maps: opts.maps, onProgress: (d, t) => progress.update('band maps', d, t) })));
          progress.stop();
          if (opts.json)
            process.stdout.write(
              `${JSON.stringify({ ...buildCoverageSummary(analysis, cat, file), ...(bands ? { uncertainty: bandsSummary(bands) } : {}) })}\n`,
            );
          else process.stdout.write(coverageReport(analysis) + (bands ? bandsReport(bands) : ''));
          process.stderr.write(`wrote ${files.length} files to ${outDir}/ in ${(analysis.elapsedMs / 1000).toFixed(1)} s of analysis\n`);
        } finally {
          progress.stop();
          await closePools();
        }
      },
    );
}
