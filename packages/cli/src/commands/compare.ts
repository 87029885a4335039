/** `parapet compare A B [--out DIR] [--json]` — A/B deltas on A's grid. */
import type { Command } from 'commander';
import { closePools, compareScenarios, writeCompareOutputs } from '@parapet/io';
import { catalog, scenario } from '../inputs.js';
import { comparisonDocument } from '../outputs.js';
import { makeProgress } from '../progress.js';
import { compareReport } from '../report.js';
import { parseValueCase } from './coverage.js';

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description('compare the coverage of two scenarios (B against A), on A\'s region')
    .argument('<a>', 'scenario A (the baseline)')
    .argument('<b>', 'scenario B')
    .option('--out <dir>', 'output folder', 'out/compare')
    .option('--json', 'print the comparison JSON on stdout')
    .option('--values <case>', 'low, nominal or high reading of the sources', 'nominal')
    .option('--no-maps', 'skip the delta map images')
    .action(async (fa: string, fb: string, opts: { out: string; json?: boolean; values: string; maps: boolean }) => {
      const valueCase = parseValueCase(opts.values);
      const cat = catalog();
      const a = scenario(fa, cat);
      const b = scenario(fb, cat);
      const progress = makeProgress();
      try {
        const c = await compareScenarios(a, b, cat, { valueCase, onProgress: (p, d, t) => progress.update(p, d, t) });
        progress.stop();
        const files = await writeCompareOutputs(c, comparisonDocument(c), opts.out, { maps: opts.maps, onProgress: (d, t) => progress.update('maps', d, t) });
        progress.stop();
        if (opts.json) process.stdout.write(`${JSON.stringify(comparisonDocument(c))}\n`);
        else process.stdout.write(compareReport(c));
        process.stderr.write(`wrote ${files.length} files to ${opts.out}/\n`);
      } finally {
        progress.stop();
        await closePools();
      }
    });
}
