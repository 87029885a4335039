/**
 * `parapet sensitivity FILE [--draws N] [--runs N] [--seed S] [--out DIR] [--json] [--no-jamming] [--queue URL]`
 * — which uncertain source value drives the answer: a two-level Monte Carlo (outer: draws of the
 * catalog values over a Saltelli design; inner: the raid Monte Carlo and the coverage headlines),
 * with the distribution of every headline result across the sources' spread and its attribution
 * to groups of factors by Sobol indices (docs/models/sensitivity.md). Writes sensitivity.json and
 * a tornado chart per headline (SVG and PNG), and the outcome distribution of each raid group.
 */
import type { Command } from 'commander';
import { basename, extname, join } from 'node:path';
import { DISTRIBUTION_SHAPES, GROUP_LEVELS, type DistributionShape, type GroupLevel } from '@parapet/core';
import {
  closePools,
  diceDominated,
  runSensitivityOnQueue,
  sensitivityScenario,
  writeSensitivityOutputs,
  type FlowRunStats,
  type HeadlineJson,
  type SensitivityDocument,
  type SensitivityIndexJson,
} from '@parapet/io';
import { UsageError } from '../errors.js';
import { parseIntegerOption } from '../inputs.js';
import { makeProgress } from '../progress.js';
import { openQueueSession, QUEUE_OPTION, QUEUE_TIMEOUT_OPTION } from '../queue-session.js';
import { formatTable } from '../table.js';

/** Groups listed per headline in the terminal report. */
const TOP_GROUPS = 5;

function inUnit(x: number, unit: HeadlineJson['unit']): string {
  if (unit === '1') return `${(100 * x).toFixed(1)}%`;
  return `${Math.round(x).toLocaleString('en-US')}${unit === 'km2' ? ' km²' : ' m'}`;
}

const idx = (x: number | null): string => (x === null ? '—' : (Math.abs(x) < 0.005 ? 0 : x).toFixed(2));
const withCi = (x: number | null, lo: number | null, hi: number | null): string => (x === null ? '—' : `${idx(x)} [${idx(lo)}, ${idx(hi)}]`);
const signed = (x: number | null): string => (x === null ? '—' : `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(2)}`);

function spread(h: HeadlineJson): string {
  return `${inUnit(h.distribution.p05, h.unit)} – ${inUnit(h.distribution.p95, h.unit)}`;
}

function topDriver(h: HeadlineJson): string {
  const t = h.indices[0];
  return t && t.st !== null ? `${t.label} (ST ${idx(t.st)})` : 'no variance';
}

/** The terminal report of a sensitivity analysis. */
export function sensitivityReport(doc: SensitivityDocument): string {
  const lines: string[] = [];
  const k = doc.groups.length;
  lines.push(doc.scenario);
  lines.push(
    `Sensitivity to the sources' spread: ${doc.draws} draws × (${k} groups + 2) + nominal = ${doc.evaluations.toLocaleString('en-US')} model runs` +
      `${doc.headlines.some((h) => h.kind === 'survival') ? `, ${doc.runs} raid runs each` : ''}, seed ${doc.seed}; ${doc.lineOfSight}${doc.jamming ? '' : '; stand-off jammers off'}.`,
  );
  lines.push(
    `${doc.factors.length} uncertain factors in ${k} groups (--group ${doc.group}); ${doc.distribution} distributions${doc.only ? `; only ${doc.only.join(', ')} drawn` : ''}.`,
  );
  const survival = doc.headlines.filter((h) => h.kind === 'survival');
  if (survival.length > 0) {
    lines.push('');
    lines.push('Raid survival across the sources’ spread (share of members reaching their final waypoint):');
    lines.push(
      formatTable(survival, [
        { header: 'raid group', cell: (h) => h.label.replace(/ survival /, ' ') },
        { header: 'nominal', cell: (h) => inUnit(h.nominal, h.unit), align: 'right' },
        { header: 'mean', cell: (h) => inUnit(h.distribution.mean, h.unit), align: 'right' },
        { header: 'p05 – p95', cell: spread, align: 'right' },
        { header: 'dice SE', cell: (h) => (h.diceSe === undefined ? '—' : inUnit(h.diceSe, '1')), align: 'right' },
        {
          header: 'dice share',
          cell: (h) =>
            h.noiseShare === undefined || h.noiseShare === null ? '—' : h.noiseShare < 0.005 ? '<1%' : `${Math.round(100 * Math.min(1, h.noiseShare))}%`,
          align: 'right',
        },
      ]),
    );
    lines.push('');
    lines.push('What drives it — Sobol indices with 95% bootstrap intervals (S1: alone; ST: alone and in interactions;');
    lines.push('corr: + when the result grows as the sources are read in the defense’s favour):');
    for (const h of survival) {
      lines.push('');
      lines.push(`${h.label}${h.sumS1 === null ? '' : ` — ΣS1 = ${idx(h.sumS1)}`}`);
      const rows = h.indices.filter((x) => x.st !== null).slice(0, TOP_GROUPS);
      if (rows.length === 0) {
        lines.push('  does not move across the draws: nothing to attribute');
        continue;
      }
      if (diceDominated(h)) {
        lines.push(
          `  varies little across the draws (SD ${inUnit(h.distribution.sd, h.unit)}), and the dice make ${Math.round(100 * Math.min(1, h.noiseShare ?? 0))}% of that: no attribution to the sources (more --runs would sharpen it)`,
        );
        continue;
      }
      const t = formatTable<SensitivityIndexJson>(rows, [
        { header: 'group', cell: (x) => x.label },
        { header: 'S1 [95% CI]', cell: (x) => withCi(x.s1, x.s1Lo, x.s1Hi), align: 'right' },
        { header: 'ST [95% CI]', cell: (x) => withCi(x.st, x.stLo, x.stHi), align: 'right' },
        { header: 'corr', cell: (x) => signed(x.corr), align: 'right' },
      ]);
      lines.push(...t.split('\n').map((l) => `  ${l}`));
    }
    const halfWidths = survival.flatMap((h) => h.indices.slice(0, 3).flatMap((x) => (x.stLo !== null && x.stHi !== null ? [(x.stHi - x.stLo) / 2] : [])));
    if (halfWidths.length > 0) {
      const mean = halfWidths.reduce((a, b) => a + b, 0) / halfWidths.length;
      lines.push('');
      lines.push(
        `Estimator noise: the leading groups' ST intervals span ±${mean.toFixed(2)} on average with ${doc.draws} draws; they narrow as 1/√N (--draws, or --group entry for fewer groups).`,
      );
    }
  }
  const coverage = doc.headlines.filter((h) => h.kind !== 'survival');
  if (coverage.length > 0) {
    lines.push('');
    lines.push('Coverage across the sources’ spread (smooth earth; 40,000 m = not engaged below the scan ceiling):');
    lines.push(
      formatTable(coverage, [
        { header: 'headline', cell: (h) => h.label },
        { header: 'nominal', cell: (h) => inUnit(h.nominal, h.unit), align: 'right' },
        { header: 'p05 – p95', cell: spread, align: 'right' },
        { header: 'top driver', cell: topDriver },
      ]),
    );
  }
  lines.push('');
  lines.push('Notional, educational model from public parameters; docs/models/sensitivity.md gives the method and its limits.');
  return `${lines.join('\n')}\n`;
}

function parseChoice<T extends string>(name: string, v: string, choices: readonly T[]): T {
  if (!(choices as readonly string[]).includes(v)) throw new UsageError(`${name} must be one of ${choices.join(', ')}, got "${v}"`);
  return v as T;
}

export function registerSensitivity(program: Command): void {
  program
    .command('sensitivity')
    .description('which uncertain source value drives the answer: outcome distributions across the sources’ spread and Sobol attribution')
    .argument('<file>', 'scenario file (YAML or JSON)')
    .option('--draws <n>', 'independent draws of the sources per Saltelli matrix (default: as many as fit about 512 model runs, at least 8)')
    .option('--runs <n>', 'raid Monte Carlo runs at every draw', '100')
    .option('--seed <s>', 'random seed (integer 0 … 4294967295); the same seed gives the same results', '1')
    .option('--out <dir>', 'output folder (default: out/<scenario file name>/sensitivity)')
    .option('--json', 'print the sensitivity JSON on stdout (progress and logs go to stderr)')
    .option('--no-jamming', "leave out the scenario's stand-off jammers")
    .option('--group <level>', `attribute the variance to each factor, each part of a catalog entry, or each entry (${GROUP_LEVELS.join(', ')})`, 'part')
    .option('--only <ids>', 'draw only these catalog entries (comma-separated ids, e.g. s-400,f-35a); the others stay at their nominal values')
    .option('--distribution <shape>', `distribution of every value between its low and high (${DISTRIBUTION_SHAPES.join(', ')})`, 'triangular')
    .option('--no-coverage', 'raid survival only: skip the coverage headlines (engaged areas, lowest engaged altitudes)')
    .option(...QUEUE_OPTION)
    .option(...QUEUE_TIMEOUT_OPTION)
    .action(
      async (
        file: string,
        opts: {
          draws?: string;
          runs: string;
          seed: string;
          out?: string;
          json?: boolean;
          jamming: boolean;
          group: string;
          only?: string;
          distribution: string;
          coverage: boolean;
          queue?: string;
          queueTimeout: string;
        },
      ) => {
        const draws = opts.draws === undefined ? undefined : parseIntegerOption('--draws', opts.draws, 2, 100_000);
        const runs = parseIntegerOption('--runs', opts.runs, 1, 1_000_000);
        const seed = parseIntegerOption('--seed', opts.seed, 0, 4294967295);
        const group = parseChoice<GroupLevel>('--group', opts.group, GROUP_LEVELS);
        const distribution = parseChoice<DistributionShape>('--distribution', opts.distribution, DISTRIBUTION_SHAPES);
        const only =
          opts.only === undefined
            ? undefined
            : opts.only
                .split(',')
                .map((s) => s.trim())
                .filter((s) => s.length > 0);
        if (only !== undefined && only.length === 0) throw new UsageError('--only needs at least one catalog id');
        const queue = opts.queue === undefined ? undefined : await openQueueSession(opts.queue, opts.queueTimeout);
        let queued: FlowRunStats | undefined;
        const progress = makeProgress();
        try {
          const input = { scenario: { path: file }, options: { draws, runs, seed, group, distribution, only, jamming: opts.jamming, coverage: opts.coverage } };
          const onProgress = (d: number, t: number): void => progress.update(queue ? 'draws (queue)' : 'draws', d, t);
          const result = queue
            ? await runSensitivityOnQueue(input, {
                queue: queue.url,
                idleTimeoutSec: queue.idleTimeoutSec,
                signal: queue.signal,
                onNotice: queue.onNotice,
                onProgress,
              }).then((r) => {
                queued = r.queue;
                return r;
              })
            : await sensitivityScenario(input, { onProgress });
          progress.stop();
          const outDir = opts.out ?? join('out', basename(file, extname(file)), 'sensitivity');
          const files = writeSensitivityOutputs(outDir, result.document);
          if (opts.json) process.stdout.write(`${JSON.stringify(result.document)}\n`);
          else process.stdout.write(sensitivityReport(result.document));
          const where = queue && queued ? queue.describe(queued) : `on ${result.threads} thread${result.threads > 1 ? 's' : ''}`;
          process.stderr.write(
            `wrote ${files.length} files to ${outDir}/; ${result.document.evaluations.toLocaleString('en-US')} model runs in ${(result.elapsedMs / 1000).toFixed(1)} s ${where}\n`,
          );
        } finally {
          progress.stop();
          queue?.dispose();
          await closePools();
        }
      },
    );
}
