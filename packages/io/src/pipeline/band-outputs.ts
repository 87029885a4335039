/**
 * Outputs of an uncertainty-band analysis: `uncertainty.json` (every area figure as nominal with
 * its min–max over the low/nominal/high readings, per-place outcomes by reading) and three-tone
 * maps `maps/bands-<threat>-<alt>m-<ref>.svg|png` (engaged under every reading / at the nominal
 * reading / under some reading only).
 */
import { join } from 'node:path';
import { BAND_TONE, formatBand, type BandFigure, type Catalog } from '@parapet/core';
import { writeFileAtomic } from '../fs/atomic-write.js';
import { coverageCaptionLines, renderCategoricalMapSvg, siteMarkers, type CategoryStyle } from '../render/coverage-map.js';
import { confidenceTotals, scenarioProvenance } from '../export/summary.js';
import type { CoverageBandsAnalysis } from './coverage-bands.js';
import { layerStem } from './coverage-exports.js';
import { writeMaps, type MapJob } from './write-maps.js';

export const BAND_PALETTE: readonly CategoryStyle[] = [
  { value: BAND_TONE.every, color: '#a50f15', opacity: 0.62, label: 'Engaged under every source reading (low, nominal, high)' },
  { value: BAND_TONE.nominal, color: '#ef3b2c', opacity: 0.45, label: 'Engaged at the nominal values, not at the low reading' },
  { value: BAND_TONE.some, color: '#fc9272', opacity: 0.35, label: 'Engaged only under the generous (high) reading' },
];

const r0 = (f: BandFigure) => ({
  nominal: Math.round(f.nominal),
  min: Math.round(f.min),
  max: Math.round(f.max),
  low: Math.round(f.byCase.low),
  high: Math.round(f.byCase.high),
});

/** The JSON document of the bands (also embedded by `coverage --bands --json` under `uncertainty`). */
export function bandsSummary(b: CoverageBandsAnalysis) {
  return {
    method: 'three readings of every sourced spread: low = coverage-minimising end, high = coverage-maximising end (docs/models/uncertainty.md)',
    layers: b.layers.map((l, i) => {
      const p = b.places[i];
      return {
        threat: l.threatId,
        altitudeM: l.altitudeM,
        engageAreaKm2: r0(l.engageAreaKm2),
        detectAreaKm2: r0(l.detectAreaKm2),
        engageEveryReadingKm2: Math.round(l.engageEveryKm2),
        engageSomeReadingKm2: Math.round(l.engageSomeKm2),
        text: `engaged area ${formatBand(l.engageAreaKm2, 'km²')}`,
        places: Object.entries(p.engagedUnder).map(([name, readings]) => ({
          name,
          engagedUnder: readings,
          verdict:
            readings.length === 3
              ? 'engaged under every reading'
              : readings.length === 0
                ? 'not engaged under any reading'
                : `engaged only under: ${readings.join(', ')}`,
          lowestEngagedAltitudeM: p.lowestEngagedAltitudeM[name] ? r0(p.lowestEngagedAltitudeM[name]!) : null,
        })),
      };
    }),
  };
}

/** Writes uncertainty.json and the band maps; returns the files written. */
export async function writeBandOutputs(
  b: CoverageBandsAnalysis,
  catalog: Catalog,
  outDir: string,
  opts: { maps?: boolean; png?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<string[]> {
  const files: string[] = [];
  const file = join(outDir, 'uncertainty.json');
  writeFileAtomic(file, `${JSON.stringify(bandsSummary(b), null, 2)}\n`);
  files.push(file);
  if (opts.maps === false) return files;
  const a = b.cases.nominal;
  const markers = siteMarkers(a.sites, { rings: 'engage' });
  const t = confidenceTotals(scenarioProvenance(a, catalog));
  const sources = { values: t.high + t.medium + t.low, high: t.high, medium: t.medium, low: t.low };
  const jobs: MapJob[] = b.layers.map((l, i) => {
    const m = a.runs[i].metrics;
    return {
      basePath: join(outDir, 'maps', `bands-${layerStem(m.threatId, m.altitudeM, m.altitudeReference)}`),
      svg: renderCategoricalMapSvg({
        grid: a.grid,
        sites: markers.sites,
        rings: markers.rings,
        places: a.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat })),
        reliefElevationM: a.visibility.groundMslM(),
        title: `Uncertainty — ${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`,
        subtitle: a.scenario.name,
        classes: l.engageTones,
        palette: BAND_PALETTE,
        legendTitle: 'Engagement across the sources',
        alwaysListed: BAND_PALETTE.map((c) => c.value),
        captionLines: [
          ...coverageCaptionLines({
            scenarioName: a.scenario.name,
            threatName: m.threatName,
            altitudeM: m.altitudeM,
            altitudeReference: m.altitudeReference,
            kFactor: a.scenario.earth.kFactor,
            sources,
          }),
          `Engaged area ${formatBand(l.engageAreaKm2, 'km²')}: nominal, with the range over the low and high readings of the sources.`,
        ],
      }),
    };
  });
  files.push(...(await writeMaps(jobs, opts.onProgress, opts)));
  return files;
}
