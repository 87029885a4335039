/** `parapet validate FILE…` — exit 0 if valid; else one line per problem on stderr and exit 1. */
import type { Command } from 'commander';
import { checkScenarioTerrain, formatProblem, InputError, loadScenario } from '@parapet/io';
import { EXIT_INVALID_INPUT, EXIT_OK } from '../exit-codes.js';
import { catalog } from '../inputs.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('check scenario files (and the headers of the DEM files they name): prints FILE:LINE:COL: PATH: message for every problem')
    .argument('<files...>', 'scenario files (YAML or JSON)')
    .option('--quiet', 'print nothing for valid files')
    .action(async (files: string[], opts: { quiet?: boolean }) => {
      const cat = catalog();
      let code = EXIT_OK;
      for (const file of files) {
        try {
          const s = loadScenario(file, cat);
          await checkScenarioTerrain(s, file);
          if (!opts.quiet)
            process.stderr.write(
              `${file}: valid (${plural(s.sites.length, 'site')}, ${plural(s.analysis.threats.length, 'threat')}, ${plural(s.analysis.altitudesM.length, 'altitude')}${s.raids?.length ? `, ${plural(s.raids.length, 'raid')}` : ''})\n`,
            );
        } catch (e) {
          if (!(e instanceof InputError)) throw e;
          for (const p of e.problems) process.stderr.write(`${formatProblem(p)}\n`);
          code = EXIT_INVALID_INPUT;
        }
      }
      process.exitCode = code;
    });
}
