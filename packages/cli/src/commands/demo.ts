/**
 * `parapet demo` — the embedded default: North Korea's legacy air defenses against the same plus a
 * reported S-400 battalion at Pyongyang, for a fighter, a stealth fighter and a cruise missile at
 * 100 m, 1 km and 10 km. Offline, no arguments.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { closePools, compareScenarios, dataDir, writeCompareOutputs, writeCoverageOutputs } from '@parapet/io';
import { catalog, scenario } from '../inputs.js';
import { comparisonDocument } from '../outputs.js';
import { makeProgress } from '../progress.js';
import { compareReport } from '../report.js';

export function demoScenarioFiles(): { legacy: string; s400: string } {
  const dir = join(dataDir(), 'scenarios');
  return { legacy: join(dir, 'korea-legacy.yaml'), s400: join(dir, 'korea-s400-reported.yaml') };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('Korea: legacy North Korean air defenses vs. the same plus a reported S-400 battalion (offline)')
    .option('--out <dir>', 'output folder', 'out/demo')
    .action(async (opts: { out: string }) => {
      const files = demoScenarioFiles();
      const cat = catalog();
      const legacy = scenario(files.legacy, cat);
      const s400 = scenario(files.s400, cat);
      const progress = makeProgress();
      process.stderr.write(`Parapet demo: ${legacy.name}\n         vs. ${s400.name}\n`);
      try {
        const c = await compareScenarios(legacy, s400, cat, { onProgress: (p, d, t) => progress.update(p, d, t) });
        progress.stop();
        const onProgress = (d: number, t: number): void => progress.update('maps', d, t);
        const written = [
          ...(await writeCoverageOutputs(c.a, cat, files.legacy, join(opts.out, 'legacy'), { onProgress })),
          ...(await writeCoverageOutputs(c.b, cat, files.s400, join(opts.out, 's400'), { onProgress })),
          ...(await writeCompareOutputs(c, comparisonDocument(c), opts.out, { onProgress })),
        ];
        progress.stop();
        process.stdout.write(compareReport(c));
        process.stdout.write(`\nNotional analysis from public information; positions are city-level. See 'parapet catalog' for every source.\n`);
        process.stderr.write(`wrote ${written.length} files to ${opts.out}/\n`);
      } finally {
        progress.stop();
        await closePools();
      }
    });
}
