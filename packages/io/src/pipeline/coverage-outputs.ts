/**
 * Everything `coverage`, `compare` and `demo` write: per (threat, altitude) a coverage map (SVG +
 * PNG), coverage polygons as GeoJSON, the same with the bands, MDA classes, range rings and sites
 * as KML and KMZ (Google Earth), the summary JSON with provenance and a CSV table; for a
 * comparison, delta maps, delta polygons and the comparison JSON. The texts and images themselves
 * are built by coverage-exports.ts and export/kml-coverage.ts, which the server's downloads share.
 */
import { join } from 'node:path';
import type { Catalog, LayerBands } from '@parapet/core';
import { deltaGeoJson, writeGeoJson } from '../export/geojson.js';
import { coverageKml } from '../export/kml-coverage.js';
import { kmzBytes } from '../export/kmz.js';
import { buildCoverageSummary } from '../export/summary.js';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { renderDeltaMapSvg, siteMarkers } from '../render/coverage-map.js';
import type { CoverageAnalysis } from './coverage.js';
import type { ScenarioComparison } from './compare.js';
import { coverageCsv, coverageFeatures, coverageMapSvg, layerStem, seenNotEngageableMapSvg, sourceCounts } from './coverage-exports.js';
import { minDetectableAltitudes, writeMdaDeltaOutputs, writeMdaOutputs } from './mda-outputs.js';
import { writeMaps, type MapJob } from './write-maps.js';

export interface OutputOptions {
  maps?: boolean;
  /** false: SVG maps only, no PNG rasters. */
  png?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** The analysis' uncertainty bands (runCoverageBands / combineBands), added to coverage.kml. */
  bands?: readonly LayerBands[];
}

/** Writes one analysis's outputs into `outDir`; returns the files written, sorted. */
export async function writeCoverageOutputs(
  analysis: CoverageAnalysis,
  catalog: Catalog,
  scenarioFile: string,
  outDir: string,
  opts: OutputOptions = {},
): Promise<string[]> {
  const files: string[] = [];
  const summary = buildCoverageSummary(analysis, catalog, scenarioFile);
  const summaryFile = join(outDir, 'summary.json');
  writeFileAtomic(summaryFile, `${JSON.stringify(summary, null, 2)}\n`);
  files.push(summaryFile);

  const csvFile = join(outDir, 'results.csv');
  writeFileAtomic(csvFile, coverageCsv(analysis));
  files.push(csvFile);

  const coverage = coverageFeatures(analysis);
  const geoFile = join(outDir, 'coverage.geojson');
  writeGeoJson(geoFile, { type: 'FeatureCollection', features: coverage });
  files.push(geoFile);

  // Google Earth: the same polygons, with the bands, the MDA classes, the rings and the sites' sources.
  const mda = minDetectableAltitudes(analysis);
  const kml = coverageKml({ view: analysis, catalog, bands: opts.bands, mda, coverage });
  const kmlFile = join(outDir, 'coverage.kml');
  const kmzFile = join(outDir, 'coverage.kmz');
  writeFileAtomic(kmlFile, kml);
  writeFileAtomic(kmzFile, kmzBytes(kml));
  files.push(kmlFile, kmzFile);

  if (opts.maps !== false) {
    const sources = sourceCounts(analysis, catalog);
    const jobs: MapJob[] = analysis.runs.map((run) => ({
      basePath: join(outDir, 'maps', layerStem(run.metrics.threatId, run.metrics.altitudeM, run.metrics.altitudeReference)),
      svg: coverageMapSvg(analysis, run, sources),
    }));
    // The stealth question: where the target is seen but no missile can be guided onto it.
    for (const run of analysis.runs) {
      jobs.push({
        basePath: join(outDir, 'maps', `seen-not-engageable-${layerStem(run.metrics.threatId, run.metrics.altitudeM, run.metrics.altitudeReference)}`),
        svg: seenNotEngageableMapSvg(analysis, run, sources),
      });
    }
    files.push(...(await writeMaps(jobs, opts.onProgress, opts)));
  }
  files.push(...(await writeMdaOutputs(analysis, outDir, { ...opts, mda })));
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
    const allSites = [...c.a.sites, ...c.b.sites].filter((s) =>
      seen.has(`${s.id}|${s.lonDeg}|${s.latDeg}`) ? false : (seen.add(`${s.id}|${s.lonDeg}|${s.latDeg}`), true),
    );
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
    files.push(...(await writeMaps(jobs, opts.onProgress, opts)));
  }
  files.push(...(await writeMdaDeltaOutputs(c, outDir, opts)));
  return files.sort();
}
