/**
 * Uncertainty bands of a coverage analysis: runs it at the catalog's low, nominal and high
 * readings (coverage-minimising, nominal, coverage-maximising ends of every sourced spread) on
 * the same grid and combines each (threat, altitude) layer into three-tone masks and
 * "nominal (min–max)" area figures (core/coverage/uncertainty-bands.ts).
 */
import { bandFigure, layerBands, VALUE_CASES, type BandFigure, type ByCase, type Catalog, type LayerBands, type Scenario, type ValueCase } from '@parapet/core';
import { runCoverage, scenarioGrid, type CoverageAnalysis, type CoverageOptions, type Phase } from './coverage.js';

export interface CoverageBandsAnalysis {
  /** The three full analyses, by reading. */
  cases: ByCase<CoverageAnalysis>;
  /** One entry per (threat, altitude), in the nominal analysis' order. */
  layers: LayerBands[];
  /** Per layer and place: engaged under how many readings (0–3), by place name. */
  places: { threatId: string; altitudeM: number; engagedUnder: Record<string, ValueCase[]>; lowestEngagedAltitudeM: Record<string, BandFigure | null> }[];
  elapsedMs: number;
}

/**
 * Runs the analysis three times (low, nominal, high) and combines the layers.
 * `onProgress` receives the reading being run as a prefix of the phase.
 */
export async function runCoverageBands(
  scenario: Scenario,
  catalog: Catalog,
  opts: Omit<CoverageOptions, 'valueCase' | 'onProgress'> & { onProgress?: (valueCase: ValueCase, phase: Phase, done: number, total: number) => void } = {},
): Promise<CoverageBandsAnalysis> {
  const t0 = performance.now();
  const grid = opts.grid ?? scenarioGrid(scenario);
  const cases = {} as ByCase<CoverageAnalysis>;
  for (const vc of VALUE_CASES) {
    cases[vc] = await runCoverage(scenario, catalog, { ...opts, grid, valueCase: vc, onProgress: (p, d, t) => opts.onProgress?.(vc, p, d, t) });
  }
  return { ...combineBands(cases), elapsedMs: performance.now() - t0 };
}

/** Combines three analyses of one scenario (same grid, same layers) into bands. */
export function combineBands(cases: ByCase<CoverageAnalysis>): Omit<CoverageBandsAnalysis, 'elapsedMs'> {
  const grid = cases.nominal.grid;
  const layers: LayerBands[] = [];
  const places: CoverageBandsAnalysis['places'] = [];
  cases.nominal.runs.forEach((run, i) => {
    const pick = (vc: ValueCase) => cases[vc].runs[i];
    const { threatId, altitudeM } = run.layer;
    for (const vc of VALUE_CASES) {
      const l = pick(vc).layer;
      if (l.threatId !== threatId || l.altitudeM !== altitudeM) throw new Error('coverage runs of the three readings are not in the same order');
    }
    layers.push(
      layerBands(
        grid,
        threatId,
        altitudeM,
        { low: pick('low').layer.detectCount, nominal: run.layer.detectCount, high: pick('high').layer.detectCount },
        { low: pick('low').layer.engageCount, nominal: run.layer.engageCount, high: pick('high').layer.engageCount },
      ),
    );
    const engagedUnder: Record<string, ValueCase[]> = {};
    const lowest: Record<string, BandFigure | null> = {};
    run.metrics.places.forEach((p, pi) => {
      engagedUnder[p.name] = VALUE_CASES.filter((vc) => pick(vc).metrics.places[pi].engaged);
      const alts = VALUE_CASES.map((vc) => pick(vc).metrics.places[pi].lowestEngagedAltitudeM);
      lowest[p.name] = alts.every((x) => x !== null) ? bandFigure({ low: alts[0]!, nominal: alts[1]!, high: alts[2]! }) : null;
    });
    places.push({ threatId, altitudeM, engagedUnder, lowestEngagedAltitudeM: lowest });
  });
  return { cases, layers, places };
}
