/**
 * `parapet report FILE [B] [--out DIR] [--runs N] [--seed S] [--no-pdf] [--no-jamming]` — one
 * self-contained HTML report of a scenario (or of B against A) with its maps, tables, method,
 * catalog values and references, and its PDF printed by headless Chromium (io/report).
 * Not to be confused with ../report.ts, the terminal tables of `coverage` and `compare`.
 */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import {
  ChromiumNotFoundError,
  closePools,
  findChromium,
  readScenarioFile,
  REPORT_DEFAULT_RUNS,
  reportCommand,
  writeReport,
  type ReportScenario,
} from '@parapet/io';
import type { Catalog } from '@parapet/core';
import { UserError } from '../errors.js';
import { catalog, parseIntegerOption, scenario } from '../inputs.js';
import { makeProgress } from '../progress.js';

interface ReportOptions {
  out?: string;
  runs: string;
  seed: string;
  pdf: boolean;
  jamming: boolean;
}

const stem = (f: string): string => basename(f, extname(f));

function input(file: string, cat: Catalog): ReportScenario {
  const s = scenario(file, cat);
  return { file, text: readScenarioFile(file), scenario: s };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description(
      'a self-contained HTML report and its PDF: the question, scenarios and sources, maps, tables with their range over the sources, raids, method, catalog values, references',
    )
    .argument('<file>', 'scenario file (YAML or JSON); A when B is given')
    .argument('[b]', "a second scenario: the report compares B against A (on A's region)")
    .option('--out <dir>', 'output folder (default: out/report/<file name>, or out/report/<B>-vs-<A>)')
    .option('--runs <n>', "Monte Carlo runs of each scenario's raids", String(REPORT_DEFAULT_RUNS))
    .option('--seed <n>', 'random seed of the raid simulation', '1')
    .option('--no-pdf', 'write the HTML only (the PDF needs Chromium)')
    .option('--no-jamming', "leave out the scenarios' stand-off jammers")
    .action(async (file: string, fileB: string | undefined, opts: ReportOptions) => {
      const runs = parseIntegerOption('--runs', opts.runs, 1, 1_000_000);
      const seed = parseIntegerOption('--seed', opts.seed, 0, 2 ** 32 - 1);
      let chromium: string | undefined;
      if (opts.pdf) {
        try {
          chromium = findChromium();
        } catch (e) {
          if (e instanceof ChromiumNotFoundError) throw new UserError(`${e.message}, or skip it with --no-pdf`);
          throw e;
        }
      }
      const cat = catalog();
      const a = input(file, cat);
      const b = fileB === undefined ? undefined : input(fileB, cat);
      const outDir = opts.out ?? join('out', 'report', b ? `${stem(fileB!)}-vs-${stem(file)}` : stem(file));
      const command = reportCommand({ a: file, b: fileB, outDir, runs, seed, pdf: opts.pdf, jamming: opts.jamming });
      const progress = makeProgress();
      try {
        const r = await writeReport({
          a,
          b,
          catalog: cat,
          outDir,
          runs,
          seed,
          jamming: opts.jamming,
          pdf: opts.pdf,
          chromium,
          command,
          onProgress: (step, d, t) => progress.update(step.padEnd(24), d, t),
        });
        progress.stop();
        const pdf = r.pdf ? ` and ${r.pdf} (${r.pages} pages, ${r.pdfBytes!.toLocaleString('en-US')} bytes)` : '';
        process.stdout.write(
          `${r.html} (${r.htmlBytes.toLocaleString('en-US')} bytes: ${r.figures} figures, ${r.tables} tables, ${r.references} references)${pdf}\n`,
        );
        process.stderr.write(`wrote the report of "${r.title}" to ${outDir}/ (its data in ${r.dataDir}/) in ${(r.elapsedMs / 1000).toFixed(1)} s\n`);
      } finally {
        progress.stop();
        await closePools();
      }
    });
}
