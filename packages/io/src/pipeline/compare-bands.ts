/**
 * A/B comparison across the sources' spread: the comparison run at the low, nominal and high
 * readings, and for each layer and place whether the change holds under all three
 * (core `holdsAcrossSpread`): "gain", "loss", "no change" or "depends on the sources".
 */
import { bandFigure, holdsAcrossSpread, VALUE_CASES, type BandFigure, type ByCase, type Catalog, type Scenario, type ValueCase } from '@parapet/core';
import { compareScenarios, type ScenarioComparison } from './compare.js';
import type { CoverageOptions, Phase } from './coverage.js';

export interface LayerDeltaBands {
  threatId: string;
  altitudeM: number;
  /** Engaged area B − A, km², by reading. */
  deltaEngageKm2: BandFigure;
  verdict: ReturnType<typeof holdsAcrossSpread>;
  places: {
    name: string;
    engagedA: ByCase<boolean>;
    engagedB: ByCase<boolean>;
    verdict: 'newly engaged under every reading' | 'no longer engaged under any reading' | 'unchanged under every reading' | 'depends on the sources';
  }[];
}

export interface ComparisonBands {
  cases: ByCase<ScenarioComparison>;
  layers: LayerDeltaBands[];
}

/** Area changes smaller than this (km²) count as no change (one 1 km cell and rounding). */
const AREA_TOLERANCE_KM2 = 1;

export async function compareScenariosBands(
  a: Scenario,
  b: Scenario,
  catalog: Catalog,
  opts: Omit<CoverageOptions, 'valueCase' | 'onProgress'> & { onProgress?: (valueCase: ValueCase, phase: Phase, done: number, total: number) => void } = {},
): Promise<ComparisonBands> {
  const cases = {} as ByCase<ScenarioComparison>;
  for (const vc of VALUE_CASES)
    cases[vc] = await compareScenarios(a, b, catalog, { ...opts, valueCase: vc, onProgress: (p, d, t) => opts.onProgress?.(vc, p, d, t) });
  const layers = cases.nominal.layers.map((l, i): LayerDeltaBands => {
    const at = (vc: ValueCase) => cases[vc].layers[i];
    const delta = { low: 0, nominal: 0, high: 0 } as ByCase<number>;
    for (const vc of VALUE_CASES) delta[vc] = at(vc).engageAreaB - at(vc).engageAreaA;
    return {
      threatId: l.threatId,
      altitudeM: l.altitudeM,
      deltaEngageKm2: bandFigure(delta),
      verdict: holdsAcrossSpread(delta, AREA_TOLERANCE_KM2),
      places: l.places.map((p, pi) => {
        const engagedA = {} as ByCase<boolean>;
        const engagedB = {} as ByCase<boolean>;
        for (const vc of VALUE_CASES) {
          engagedA[vc] = at(vc).places[pi].engagedA;
          engagedB[vc] = at(vc).places[pi].engagedB;
        }
        const gained = VALUE_CASES.every((vc) => !engagedA[vc] && engagedB[vc]);
        const lost = VALUE_CASES.every((vc) => engagedA[vc] && !engagedB[vc]);
        const same = VALUE_CASES.every((vc) => engagedA[vc] === engagedB[vc]);
        return {
          name: p.name,
          engagedA,
          engagedB,
          verdict: gained
            ? 'newly engaged under every reading'
            : lost
              ? 'no longer engaged under any reading'
              : same
                ? 'unchanged under every reading'
                : 'depends on the sources',
        };
      }),
    };
  });
  return { cases, layers };
}
