/**
 * Everything `coverage`, `compare` and `demo` write: per (threat, altitude) a coverage map (SVG +
 * PNG), coverage polygons as GeoJSON, the summary JSON with provenance and a CSV table; for a
 * comparison, delta maps, delta polygons and the comparison JSON.
 */
import { join } from 'node:path';
import { detectedNotEngagedMask, type Catalog } from '@parapet/core';
import { writeCsv } from '../export/csv.js';
import { coverageGeoJson, deltaGeoJson, writeGeoJson } from '../export/geojson.js';
import { buildCoverageSummary, confidenceTotals, scenarioProvenance } from '../export/summary.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { coverageCaptionLines, renderCategoricalMapSvg, renderCoverageMapSvg, renderDeltaMapSvg, siteMarkers, type CategoryStyle } from '../render/coverage-map.js';
import type { CoverageAnalysis } from './coverage.js';
import type { ScenarioComparison } from './compare.js';
import { writeMdaDeltaOutputs, writeMdaOutputs } from './mda-outputs.js';
import { writeMaps, type MapJob } from './write-maps.js';

/** File-name stem of a layer: `f-16-1000m-msl`. */
export function layerStem(threatId: string, altitudeM: number, ref: string): string {
  return `${threatId}-${altitudeM}m-${ref}`;
}

function sourceCounts(analysis: CoverageAnalysis, catalog: Catalog) {
  const t = confidenceTotals(scenarioProvenance(analysis, catalog));
  return { values: t.high + t.medium + t.low, high: t.high, medium: t.medium, low: t.low };
}

function frame(analysis: CoverageAnalysis) {
  const markers = siteMarkers(analysis.sites, { rings: 'engage' });
  return {
    grid: analysis.grid,
    sites: markers.sites,
    rings: markers.rings,
    places: analysis.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat })),
    reliefElevationM: analysis.visibility.groundMslM(),
  };
}

const terrainLabel = (a: CoverageAnalysis): string | undefined => (a.visibility.groundMslM() ? a.visibility.label : undefined);

/** Palette of the seen-but-not-engageable maps. */
export const SEEN_NOT_ENGAGEABLE_PALETTE: readonly CategoryStyle[] = [
  { value: 1, color: '#b0179b', opacity: 0.55, label: 'Detected, no missile can engage' },
  { value: 2, color: '#6b6b6b', opacity: 0.3, label: 'Engageable' },
];

/** What a map assumes of aspect and jamming, in one caption sentence. */
function assumptionLine(a: CoverageAnalysis): string {
  const jam = a.jamming ? `stand-off jamming by ${(a.scenario.jammers ?? []).map((j) => j.id).join(', ')}` : 'no jamming';
  return `Aspect: ${a.scenario.analysis.aspect ?? 'front'} to every radar; ${jam}.`;
}

export interface OutputOptions {
  maps?: boolean;
  onProgress?: (done: number, total: number) => void;
}

/** Writes one analysis's outputs into `outDir`; returns the files written, sorted. */
export async function writeCoverageOutputs(analysis: CoverageAnalysis, catalog: Catalog, scenarioFile: string, outDir: string, opts: OutputOptions = {}): Promise<string[]> {
  const files: string[] = [];
  const summary = buildCoverageSummary(analysis, catalog, scenarioFile);
  const summaryFile = join(outDir, 'summary.json');
  writeFileAtomic(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  files.push(summaryFile);

  const csvFile = join(outDir, 'results.csv');
  const rows = summary.results.flatMap((r) =>
    r.places.map((p) => [r.threat, r.altitudeM, r.altitudeReference, r.detectAreaKm2, r.engageAreaKm2, r.engageRingAreaKm2, p.name, p.detected, p.engaged, p.lowestEngagedAltitudeM ?? '']),
  );
  writeCsv(csvFile, ['threat', 'altitude_m', 'altitude_ref', 'detect_area_km2', 'engage_area_km2', 'engage_ring_area_km2', 'place', 'detected', 'engaged', 'lowest_engaged_altitude_m'], rows);
  files.push(csvFile);

  const features = analysis.runs.flatMap((run) =>
    coverageGeoJson({
      grid: analysis.grid,
      detectCount: run.layer.detectCount,
      engageCount: run.layer.engageCount,
      threatId: run.metrics.threatId,
      threatName: run.metrics.threatName,
      altitudeM: run.metrics.altitudeM,
      altitudeReference: run.metrics.altitudeReference,
      properties: { scenario: analysis.scenario.name, valueCase: analysis.valueCase },
    }).features,
  );
  const geoFile = join(outDir, 'coverage.geojson');
  writeGeoJson(geoFile, { type: 'FeatureCollection', features });
  files.push(geoFile);

  if (opts.maps !== false) {
    const base = frame(analysis);
    const sources = sourceCounts(analysis, catalog);
    const jobs: MapJob[] = analysis.runs.map((run) => {
      const m = run.metrics;
      return {
        basePath: join(outDir, 'maps', layerStem(m.threatId, m.altitudeM, m.altitudeReference)),
        svg: renderCoverageMapSvg({
          ...base,
          title: `Coverage — ${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`,
          subtitle: analysis.scenario.name,
          detectCount: run.layer.detectCount,
          engageCount: run.layer.engageCount,
          captionLines: [
            ...coverageCaptionLines({ scenarioName: analysis.scenario.name, threatName: m.threatName, altitudeM: m.altitudeM, altitudeReference: m.altitudeReference, kFactor: analysis.scenario.earth.kFactor, terrain: terrainLabel(analysis), sources, valueCase: analysis.valueCase }),
            `Engaged ${Math.round(m.engageAreaKm2).toLocaleString('en-US')} km² of a ${Math.round(m.engageRingAreaKm2).toLocaleString('en-US')} km² range-ring area (${Math.round(m.engageRingFraction * 100)}%). ${assumptionLine(analysis)}`,
          ],
        }),
      };
    });
    // The stealth question: where the target is seen but no missile can be guided onto it.
    for (const run of analysis.runs) {
      const m = run.metrics;
      const seen = detectedNotEngagedMask(run.layer);
      const classes = new Uint8Array(seen.length);
      for (let k = 0; k < seen.length; k++) classes[k] = seen[k] ? 1 : run.layer.engageCount[k] > 0 ? 2 : 0;
      jobs.push({
        basePath: join(outDir, 'maps', `seen-not-engageable-${layerStem(m.threatId, m.altitudeM, m.altitudeReference)}`),
        svg: renderCategoricalMapSvg({
          ...base,
          title: `Seen but not engageable — ${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`,
          subtitle: analysis.scenario.name,
          classes,
          palette: SEEN_NOT_ENGAGEABLE_PALETTE,
          legendTitle: 'Detected vs engageable',
          captionLines: [
            ...coverageCaptionLines({ scenarioName: analysis.scenario.name, threatName: m.threatName, altitudeM: m.altitudeM, altitudeReference: m.altitudeReference, kFactor: analysis.scenario.earth.kFactor, terrain: terrainLabel(analysis), sources, valueCase: analysis.valueCase }),
            `Seen by some radar but out of reach of every missile's guidance: ${Math.round(m.detectedNotEngagedAreaKm2).toLocaleString('en-US')} km²; engageable ${Math.round(m.engageAreaKm2).toLocaleString('en-US')} km². ${assumptionLine(analysis)}`,
          ],
        }),
      });
    }
    files.push(...(await writeMaps(jobs, opts.onProgress)));
  }
  files.push(...(await writeMdaOutputs(analysis, outDir, opts)));
  return files.sort();
}

/** Writes a comparison's outputs (delta maps, delta polygons, compare.json) into `outDir`. */
export async function writeCompareOutputs(c: ScenarioComparison, comparisonDoc: unknown, outDir: string, opts: OutputOptions = {}): Promise<string[]> {
  const files: string[] = [];
  const docFile = join(outDir, 'compare.json');
  writeFileAtomic(docFile, `${JSON.stringify(comparisonDoc, null, 2)}\n`);
  files.push(docFile);
  const features = c.layers.flatMap((l) => deltaGeoJson(c.a.grid, l.engage.delta, { threat: l.threatId, altitudeM: l.altitudeM, coverage: 'engage' }).features);
  const geoFile = join(outDir, 'delta.geojson');
  writeGeoJson(geoFile, { type: 'FeatureCollection', features });
  files.push(geoFile);
  if (opts.maps !== false) {
    // Sites of both scenarios, each once (B's new sites are the ones that matter).
    const seen = new Set<string>();
    const allSites = [...c.a.sites, ...c.b.sites].filter((s) => (seen.has(`${s.id}|${s.lonDeg}|${s.latDeg}`) ? false : (seen.add(`${s.id}|${s.lonDeg}|${s.latDeg}`), true)));
    const markers = siteMarkers(allSites, { rings: 'engage' });
    const places = c.a.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat }));
    const jobs: MapJob[] = c.layers.map((l) => {
      const ref = c.a.runs.find((r) => r.metrics.threatId === l.threatId && r.metrics.altitudeM === l.altitudeM)!.metrics.altitudeReference;
      return {
        basePath: join(outDir, 'maps', `delta-${layerStem(l.threatId, l.altitudeM, ref)}`),
        svg: renderDeltaMapSvg({
          grid: c.a.grid,
          sites: markers.sites,
          rings: markers.rings,
          places,
          reliefElevationM: c.a.visibility.groundMslM(),
          title: `Engagement coverage gained and lost — ${l.threatName} at ${l.altitudeM.toLocaleString('en-US')} m ${ref.toUpperCase()}`,
          subtitle: `A: ${c.a.scenario.name}  →  B: ${c.b.scenario.name}`,
          delta: l.engage.delta,
          before: c.a.runs.find((r) => r.metrics.threatId === l.threatId && r.metrics.altitudeM === l.altitudeM)!.layer.engageCount,
          labelA: 'A',
          labelB: 'B',
          captionLines: [
            `A: ${c.a.scenario.name}.`,
            `B: ${c.b.scenario.name}.`,
            `Engaged area ${Math.round(l.engageAreaA).toLocaleString('en-US')} → ${Math.round(l.engageAreaB).toLocaleString('en-US')} km²: gained ${Math.round(l.engage.gainedAreaKm2).toLocaleString('en-US')}, lost ${Math.round(l.engage.lostAreaKm2).toLocaleString('en-US')} km².`,
            `Earth model: ${c.a.visibility.label}. Site positions are city-level and notional.`,
          ],
        }),
      };
    });
    files.push(...(await writeMaps(jobs, opts.onProgress)));
  }
  files.push(...(await writeMdaDeltaOutputs(c, outDir, opts)));
  return files.sort();
}
