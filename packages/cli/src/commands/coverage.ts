/** `parapet coverage FILE [--out DIR] [--json]` — coverage maps and metrics for one scenario. */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { buildCoverageSummary, closePools, runCoverage, writeCoverageOutputs } from '@parapet/io';
import type { ValueCase } from '@parapet/core';
import { UsageError } from '../errors.js';
import { catalog, scenario } from '../inputs.js';
import { makeProgress } from '../progress.js';
import { coverageReport } from '../report.js';

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
    .action(async (file: string, opts: { out?: string; json?: boolean; values: string; maps: boolean }) => {
      const valueCase = parseValueCase(opts.values);
      const cat = catalog();
      const scen = scenario(file, cat);
      const progress = makeProgress();
      try {
        const analysis = await runCoverage(scen, cat, { valueCase, onProgress: (p, d, t) => progress.update(PHASE_LABEL[p], d, t) });
        progress.stop();
        const outDir = opts.out ?? join('out', basename(file, extname(file)));
        const files = await writeCoverageOutputs(analysis, cat, file, outDir, { maps: opts.maps, onProgress: (d, t) => progress.update('maps     ', d, t) });
        progress.stop();
        if (opts.json) process.stdout.write(`${JSON.stringify(buildCoverageSummary(analysis, cat, file))}\n`);
        else process.stdout.write(coverageReport(analysis));
        process.stderr.write(`wrote ${files.length} files to ${outDir}/ in ${(analysis.elapsedMs / 1000).toFixed(1)} s of analysis\n`);
      } finally {
        progress.stop();
        await closePools();
      }
    });
}
