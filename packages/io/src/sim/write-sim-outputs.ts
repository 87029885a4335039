/**
 * What `parapet simulate` writes into its output folder:
 *   summary.json            the aggregated statistics (SimSummary) with 95% intervals
 *   runs.csv                one row per run: survivors per group, missiles fired per fire unit
 *   events/run-NNNNNN.jsonl the event log of each logged run (JSON Lines)
 *   survival.svg/.png       survivors per run, per group and overall
 *   missiles.svg/.png       missiles expended per fire unit
 *   timeline.svg/.png       launches and kills over time
 *   map-run-NNNNNN.svg/.png tracks and engagements of the first logged run
 */
import { join } from 'node:path';
import type { Scenario, SimLogEvent, SimModel, SimSummary, RunTable } from '@parapet/core';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { writeSvgAndPng } from '../render/svg-to-png.js';
import { missilesPlotSvg, survivalPlotSvg, timelinePlotSvg } from './sim-plots.js';
import { trackMapSvg } from './track-map.js';

/** The event log of a run as JSON Lines. */
export function eventLogJsonl(log: readonly SimLogEvent[]): string {
  let out = '';
  for (const e of log) out += `${JSON.stringify(e)}\n`;
  return out;
}

/** One row per run: survivors per group and missiles fired per fire unit. */
export function runsCsv(model: SimModel, table: RunTable): string {
  const T = table.targets;
  const F = table.fireUnits;
  const head = ['run', ...model.groups.map((g) => `survivors_${g.id}`), ...model.fireUnits.map((f) => `fired_${f.siteId}`), 'events'];
  const lines = [head.join(',')];
  for (let r = 0; r < table.runs; r++) {
    const row: (number | string)[] = [table.firstRun + r];
    for (const g of model.groups) {
      let s = 0;
      for (let k = 0; k < g.count; k++) if (Number.isNaN(table.killedAtSec[r * T + g.firstTarget + k])) s++;
      row.push(s);
    }
    for (let f = 0; f < F; f++) row.push(table.fired[r * F + f]);
    row.push(table.events[r]);
    lines.push(row.join(','));
  }
  return `${lines.join('\n')}\n`;
}

export interface SimOutputOptions {
  /** Skip the PNG copies of the figures (SVG only). */
  svgOnly?: boolean;
}

/** Writes every output of a simulation into `outDir`; returns the files written. */
export function writeSimulationOutputs(
  outDir: string,
  scenario: Scenario,
  result: { model: SimModel; summary: SimSummary; table: RunTable; logs: Map<number, SimLogEvent[]> },
  opts: SimOutputOptions = {},
): string[] {
  const files: string[] = [];
  const put = (name: string, data: string): void => {
    const f = join(outDir, name);
    writeFileAtomic(f, data);
    files.push(f);
  };
  const figure = (name: string, svg: string): void => {
    if (opts.svgOnly) put(`${name}.svg`, svg);
    else {
      const w = writeSvgAndPng(join(outDir, name), svg);
      files.push(w.svgPath, w.pngPath);
    }
  };
  put('summary.json', `${JSON.stringify(result.summary, null, 2)}\n`);
  put('runs.csv', runsCsv(result.model, result.table));
  for (const [run, log] of result.logs) put(join('events', `run-${String(run).padStart(6, '0')}.jsonl`), eventLogJsonl(log));
  figure('survival', survivalPlotSvg(result.summary));
  figure('missiles', missilesPlotSvg(result.summary));
  figure('timeline', timelinePlotSvg(result.summary));
  const first = [...result.logs.keys()].sort((a, b) => a - b)[0];
  if (first !== undefined)
    figure(`map-run-${String(first).padStart(6, '0')}`, trackMapSvg(result.model, first, result.logs.get(first)!, { places: scenario.places }));
  return files;
}
