/**
 * The computations behind a report, by the same functions as `parapet coverage` and `parapet
 * compare`: coverage at the low, nominal and high readings of the sources (runCoverageBands; for
 * two scenarios compareScenariosBands, both on A's grid, whose three readings also give each
 * scenario's bands), the raids by simulateScenario, and every map written by the same writers
 * (SVG only: the report inlines them). The files land in `dataDir`, beside the report.
 */
import { join } from 'node:path';
import { compareSimSummaries, type Catalog, type Scenario, type SimComparison } from '@parapet/core';
import { combineBands, runCoverageBands, type CoverageBandsAnalysis } from '../pipeline/coverage-bands.js';
import { compareScenariosBands, type ComparisonBands } from '../pipeline/compare-bands.js';
import { writeBandOutputs } from '../pipeline/band-outputs.js';
import { writeCompareOutputs, writeCoverageOutputs } from '../pipeline/coverage-outputs.js';
import { simulateScenario, type SimulationResult } from '../sim/simulate.js';
import { writeSimulationOutputs } from '../sim/write-sim-outputs.js';

/** A scenario as the report reads it: its file name (as shown), its text (hashed) and the parse. */
export interface ReportScenario {
  file: string;
  text: string;
  scenario: Scenario;
}

export interface ScenarioPart {
  /** "A" / "B" in a comparison; undefined for a single scenario. */
  label: 'A' | 'B' | undefined;
  input: ReportScenario;
  bands: CoverageBandsAnalysis;
  /** Folder of this scenario's outputs (maps/, summary.json, …). */
  dataDir: string;
  sim?: SimulationResult;
}

export interface ReportAnalysis {
  parts: ScenarioPart[];
  comparison?: ComparisonBands;
  /** Folder of the comparison's outputs (delta maps). */
  compareDir?: string;
  simComparison?: SimComparison;
  runs: number;
  seed: number;
  jamming: boolean;
  elapsedMs: number;
}

export interface ReportAnalysisOptions {
  /** Where the maps and data files go. */
  dataDir: string;
  runs: number;
  seed: number;
  /** false: leave out the scenarios' stand-off jammers. */
  jamming?: boolean;
  onProgress?: (step: string, done: number, total: number) => void;
}

/** The comparison document of a report (compare.json in the comparison's folder). */
function comparisonDoc(c: ComparisonBands) {
  const n = c.cases.nominal;
  return {
    parapet: { document: 'report-comparison', version: 1 },
    a: n.a.scenario.name,
    b: n.b.scenario.name,
    layers: c.layers.map((l, i) => ({
      threat: l.threatId,
      altitudeM: l.altitudeM,
      engageAreaKm2: {
        a: Math.round(n.layers[i].engageAreaA),
        b: Math.round(n.layers[i].engageAreaB),
        gained: Math.round(n.layers[i].engage.gainedAreaKm2),
        lost: Math.round(n.layers[i].engage.lostAreaKm2),
      },
      deltaEngageKm2: { nominal: Math.round(l.deltaEngageKm2.nominal), min: Math.round(l.deltaEngageKm2.min), max: Math.round(l.deltaEngageKm2.max) },
      verdict: l.verdict,
      places: l.places.map((p) => ({ name: p.name, verdict: p.verdict })),
    })),
  };
}

export async function runReportAnalysis(
  a: ReportScenario,
  b: ReportScenario | undefined,
  catalog: Catalog,
  opts: ReportAnalysisOptions,
): Promise<ReportAnalysis> {
  const t0 = performance.now();
  const jamming = opts.jamming !== false;
  const step = (label: string) => (d: number, t: number) => opts.onProgress?.(label, d, t);
  const parts: ScenarioPart[] = [];
  let comparison: ComparisonBands | undefined;
  let compareDir: string | undefined;
  if (b) {
    comparison = await compareScenariosBands(a.scenario, b.scenario, catalog, {
      jamming,
      onProgress: (vc, p, d, t) => opts.onProgress?.(`coverage ${vc} ${p}`, d, t),
    });
    const c = comparison.cases;
    parts.push({
      label: 'A',
      input: a,
      dataDir: join(opts.dataDir, 'a'),
      bands: { ...combineBands({ low: c.low.a, nominal: c.nominal.a, high: c.high.a }), elapsedMs: 0 },
    });
    parts.push({
      label: 'B',
      input: b,
      dataDir: join(opts.dataDir, 'b'),
      bands: { ...combineBands({ low: c.low.b, nominal: c.nominal.b, high: c.high.b }), elapsedMs: 0 },
    });
    compareDir = join(opts.dataDir, 'compare');
  } else {
    const bands = await runCoverageBands(a.scenario, catalog, { jamming, onProgress: (vc, p, d, t) => opts.onProgress?.(`coverage ${vc} ${p}`, d, t) });
    parts.push({ label: undefined, input: a, dataDir: opts.dataDir, bands });
  }
  for (const part of parts) {
    const tag = part.label ? ` ${part.label}` : '';
    const nominal = part.bands.cases.nominal;
    await writeCoverageOutputs(nominal, catalog, part.input.file, part.dataDir, { png: false, bands: part.bands.layers, onProgress: step(`maps${tag}`) });
    await writeBandOutputs(part.bands, catalog, part.dataDir, { png: false, onProgress: step(`band maps${tag}`) });
  }
  if (comparison && compareDir)
    await writeCompareOutputs(comparison.cases.nominal, comparisonDoc(comparison), compareDir, { png: false, onProgress: step('delta maps') });
  // Raids: each scenario that has them, the same runs and seed (as `parapet compare` does).
  for (const part of parts) {
    if (!part.input.scenario.raids?.length) continue;
    const tag = part.label ? ` ${part.label}` : '';
    part.sim = await simulateScenario(part.input.scenario, catalog, { runs: opts.runs, seed: opts.seed, jamming, logRuns: 1, onProgress: step(`raids${tag}`) });
    writeSimulationOutputs(join(part.dataDir, 'raids'), part.input.scenario, part.sim, { svgOnly: true });
  }
  const simComparison = parts.length === 2 && parts[0].sim && parts[1].sim ? compareSimSummaries(parts[0].sim.summary, parts[1].sim.summary) : undefined;
  return { parts, comparison, compareDir, simComparison, runs: opts.runs, seed: opts.seed, jamming, elapsedMs: performance.now() - t0 };
}
