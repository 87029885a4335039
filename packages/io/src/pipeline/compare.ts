/**
 * A/B comparison of two scenarios: both analysed on A's grid, then per (threat, altitude) present
 * in both, the change in detected and engaged area, the gained/lost cells, and what changed at
 * each place of interest.
 */
import { maskDelta, type Catalog, type MaskDelta, type Scenario } from '@parapet/core';
import { runCoverage, scenarioGrid, type CoverageAnalysis, type CoverageOptions } from './coverage.js';

export interface PlaceDelta {
  name: string;
  engagedA: boolean;
  engagedB: boolean;
  detectedA: boolean;
  detectedB: boolean;
  lowestEngagedAltitudeA: number | null;
  lowestEngagedAltitudeB: number | null;
}

export interface LayerDelta {
  threatId: string;
  threatName: string;
  altitudeM: number;
  detectAreaA: number;
  detectAreaB: number;
  engageAreaA: number;
  engageAreaB: number;
  detect: MaskDelta;
  engage: MaskDelta;
  places: PlaceDelta[];
}

export interface ScenarioComparison {
  a: CoverageAnalysis;
  b: CoverageAnalysis;
  layers: LayerDelta[];
}

export async function compareScenarios(a: Scenario, b: Scenario, catalog: Catalog, opts: CoverageOptions = {}): Promise<ScenarioComparison> {
  const grid = opts.grid ?? scenarioGrid(a);
  const ra = await runCoverage(a, catalog, { ...opts, grid });
  const rb = await runCoverage(b, catalog, { ...opts, grid });
  const layers: LayerDelta[] = [];
  for (const runA of ra.runs) {
    const runB = rb.runs.find(
      (r) =>
        r.metrics.threatId === runA.metrics.threatId &&
        r.metrics.altitudeM === runA.metrics.altitudeM &&
        r.metrics.altitudeReference === runA.metrics.altitudeReference,
    );
    if (!runB) continue;
    const places: PlaceDelta[] = [];
    for (const pa of runA.metrics.places) {
      const pb = runB.metrics.places.find((p) => p.name === pa.name);
      if (!pb) continue;
      places.push({
        name: pa.name,
        engagedA: pa.engaged,
        engagedB: pb.engaged,
        detectedA: pa.detected,
        detectedB: pb.detected,
        lowestEngagedAltitudeA: pa.lowestEngagedAltitudeM,
        lowestEngagedAltitudeB: pb.lowestEngagedAltitudeM,
      });
    }
    layers.push({
      threatId: runA.metrics.threatId,
      threatName: runA.metrics.threatName,
      altitudeM: runA.metrics.altitudeM,
      detectAreaA: runA.metrics.detectAreaKm2,
      detectAreaB: runB.metrics.detectAreaKm2,
      engageAreaA: runA.metrics.engageAreaKm2,
      engageAreaB: runB.metrics.engageAreaKm2,
      detect: maskDelta(grid, runA.layer.detectCount, runB.layer.detectCount),
      engage: maskDelta(grid, runA.layer.engageCount, runB.layer.engageCount),
      places,
    });
  }
  return { a: ra, b: rb, layers };
}
