/**
 * Pd maps: for every (threat, altitude) layer of an analysis, the highest single-scan probability
 * of detection any radar achieves over each cell (core/coverage/pd-layer.ts), drawn with a
 * classed colour bar (0.1 / 0.5 / 0.9 / 0.99) as `maps/pd-<threat>-<alt>m-<ref>.svg|png`.
 */
import { join } from 'node:path';
import { computePdLayer } from '@parapet/core';
import { renderRasterMapSvg, siteMarkers } from '../render/coverage-map.js';
import type { CoverageAnalysis } from './coverage.js';
import { layerStem } from './coverage-exports.js';
import { writeMaps, type MapJob } from './write-maps.js';

export async function writePdMaps(analysis: CoverageAnalysis, outDir: string, onProgress?: (done: number, total: number) => void): Promise<string[]> {
  const markers = siteMarkers(analysis.sites, { rings: 'detect' });
  const pdThreshold = analysis.scenario.analysis.pd ?? 0.5;
  const jobs: MapJob[] = analysis.runs.map((run) => {
    const m = run.metrics;
    const threat = analysis.threats.find((t) => t.id === m.threatId)!;
    const values = computePdLayer({
      grid: analysis.grid,
      sites: analysis.sites,
      frames: analysis.frames,
      visibility: analysis.visibility,
      threat,
      altitudeM: m.altitudeM,
      altitudeReference: m.altitudeReference,
    });
    for (let k = 0; k < values.length; k++) if (values[k] < 0.01) values[k] = NaN;
    return {
      basePath: join(outDir, 'maps', `pd-${layerStem(m.threatId, m.altitudeM, m.altitudeReference)}`),
      svg: renderRasterMapSvg({
        grid: analysis.grid,
        sites: markers.sites,
        rings: markers.rings,
        places: analysis.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat })),
        reliefElevationM: analysis.visibility.groundMslM(),
        title: `Probability of detection — ${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`,
        subtitle: analysis.scenario.name,
        values,
        domain: [0, 1],
        breaks: [0.01, 0.1, 0.5, 0.9, 0.99, 1.0000001],
        ticks: [0.01, 0.1, 0.5, 0.9, 0.99],
        format: (v) => (v > 1 ? '1' : `${v}`),
        ramp: 'Blues',
        valueLabel: 'Single-scan Pd, best radar',
        captionLines: [
          `Highest single-scan probability of detection of any radar, ${analysis.valueCase} catalog values; in line of sight, below the radar ceiling, within the instrumented range.`,
          `Coverage maps count a radar as detecting where Pd ≥ ${pdThreshold} (analysis.pd). Model: docs/models/pd-swerling.md; ${analysis.visibility.label}.`,
        ],
      }),
    };
  });
  return writeMaps(jobs, onProgress);
}
