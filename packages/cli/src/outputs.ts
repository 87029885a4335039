/** What `coverage`, `compare` and `demo` write into their output folder. */
import { join } from 'node:path';
import type { Catalog } from '@parapet/core';
import { buildCoverageSummary, writeFileAtomic, type CoverageAnalysis, type ScenarioComparison } from '@parapet/io';

export function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Writes summary.json (and maps, GeoJSON) for one analysis; returns the files written. */
export function writeCoverageOutputs(analysis: CoverageAnalysis, catalog: Catalog, scenarioFile: string, outDir: string): string[] {
  const files: string[] = [];
  const summaryFile = join(outDir, 'summary.json');
  writeFileAtomic(summaryFile, `${JSON.stringify(buildCoverageSummary(analysis, catalog, scenarioFile), null, 2)}\n`);
  files.push(summaryFile);
  return files;
}

export function comparisonDocument(c: ScenarioComparison) {
  return {
    parapet: { document: 'coverage-comparison', version: 1 },
    a: c.a.scenario.name,
    b: c.b.scenario.name,
    layers: c.layers.map((l) => ({
      threat: l.threatId,
      altitudeM: l.altitudeM,
      detectAreaKm2: { a: Math.round(l.detectAreaA), b: Math.round(l.detectAreaB), gained: Math.round(l.detect.gainedAreaKm2), lost: Math.round(l.detect.lostAreaKm2) },
      engageAreaKm2: { a: Math.round(l.engageAreaA), b: Math.round(l.engageAreaB), gained: Math.round(l.engage.gainedAreaKm2), lost: Math.round(l.engage.lostAreaKm2) },
      places: l.places,
    })),
  };
}

export function writeCompareOutputs(c: ScenarioComparison, outDir: string): string[] {
  const file = join(outDir, 'compare.json');
  writeFileAtomic(file, `${JSON.stringify(comparisonDocument(c), null, 2)}\n`);
  return [file];
}
