/**
 * Minimum-detectable-altitude outputs: per threat, the lowest altitude at which some radar detects
 * it over each cell (core/visibility/min-detectable-altitude.ts) as a classed map (SVG + PNG) and a
 * float32 GeoTIFF (NaN where nothing detects at any altitude); for a comparison, the per-cell change
 * B − A as a diverging map.
 */
import { join } from 'node:path';
import { altitudeDeltaM, minDetectableAltitude, type MinDetectableAltitude, type RegionGrid, type ThreatParams } from '@parapet/core';
import { writeGeoTiff, type GeoTiffRaster } from '../dem/write-geotiff.js';
import { renderRasterMapSvg, siteMarkers } from '../render/coverage-map.js';
import type { CoverageAnalysis } from './coverage.js';
import type { ScenarioComparison } from './compare.js';
import type { CoverageView } from './coverage-exports.js';
import { writeMaps, type MapJob } from './write-maps.js';

/** Class boundaries of the map, metres MSL: the altitudes analysts ask about. */
export const MDA_BREAKS_M = [0, 100, 300, 500, 1000, 2000, 3000, 5000, 10_000, 20_000] as const;
/** Class boundaries of the delta map, metres (negative: B detects lower). */
export const MDA_DELTA_BREAKS_M = [-5000, -2000, -1000, -500, -200, -50, 50, 200, 500, 1000, 2000, 5000] as const;

const fmtAlt = (v: number): string => (Math.abs(v) >= 1000 ? `${v / 1000} km` : `${v} m`);

/** The map of every threat of an analysis. */
export function minDetectableAltitudes(a: CoverageAnalysis): MinDetectableAltitude[] {
  return a.threats.map((threat) =>
    minDetectableAltitude({ grid: a.grid, sites: a.sites, frames: a.frames, visibility: a.visibility, threat, jamming: a.jamming }),
  );
}

function frameOf(a: CoverageView) {
  const markers = siteMarkers(a.sites, { rings: 'none' });
  return {
    grid: a.grid,
    sites: markers.sites,
    places: a.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat })),
    reliefElevationM: a.visibility.groundMslM(),
  };
}

/** A threat's minimum detectable altitude (m MSL) as a float32 GeoTIFF raster, NaN where nothing detects at any altitude (mda-<threat>.tif). */
export function mdaGeoTiff(grid: RegionGrid, values: Float32Array): GeoTiffRaster {
  const data = new Float32Array(values.length);
  for (let k = 0; k < values.length; k++) data[k] = Number.isFinite(values[k]) ? values[k] : NaN;
  return {
    width: grid.width,
    height: grid.height,
    data,
    westX: grid.westDeg,
    northY: grid.northDeg,
    pixelX: grid.dLonDeg,
    pixelY: grid.dLatDeg,
    crs: 'geographic',
    noData: NaN,
  };
}

/** The classed map of a threat's minimum detectable altitude (maps/mda-<threat>.svg). */
export function mdaMapSvg(a: CoverageView, threat: ThreatParams, mslM: Float32Array): string {
  return renderRasterMapSvg({
    ...frameOf(a),
    title: `Minimum detectable altitude — ${threat.name}`,
    subtitle: a.scenario.name,
    values: mslM,
    domain: [0, 20_000],
    breaks: MDA_BREAKS_M,
    ramp: 'viridis',
    outOfRange: 'clamp',
    valueLabel: 'Lowest altitude detected (MSL)',
    ticks: [0, 500, 2000, 5000, 20_000],
    format: fmtAlt,
    captionLines: [
      `Per cell, the lowest altitude at which some radar of the scenario detects a ${threat.name} (RCS ${threat.rcsM2} m²): in line of sight, within its detection range, below its altitude limit.`,
      `Line of sight: ${a.visibility.label}. Sources at their ${a.valueCase} values.`,
      'Uncoloured: not detected at any altitude. Site positions are city-level and notional.',
    ],
  });
}

/**
 * Writes mda-<threat>.tif and the maps; `opts.mda` passes maps already computed
 * (`minDetectableAltitudes(a)`) so they are not computed twice.
 */
export async function writeMdaOutputs(
  a: CoverageAnalysis,
  outDir: string,
  opts: {
    maps?: boolean;
    png?: boolean;
    onProgress?: (done: number, total: number) => void;
    mda?: readonly Pick<MinDetectableAltitude, 'threatId' | 'mslM'>[];
  } = {},
): Promise<string[]> {
  const files: string[] = [];
  const jobs: MapJob[] = [];
  for (const m of opts.mda ?? minDetectableAltitudes(a)) {
    const threat = a.threats.find((t) => t.id === m.threatId)!;
    const tif = join(outDir, `mda-${m.threatId}.tif`);
    writeGeoTiff(tif, mdaGeoTiff(a.grid, m.mslM));
    files.push(tif);
    if (opts.maps === false) continue;
    jobs.push({ basePath: join(outDir, 'maps', `mda-${m.threatId}`), svg: mdaMapSvg(a, threat, m.mslM) });
  }
  files.push(...(await writeMaps(jobs, opts.onProgress, opts)));
  return files.sort();
}

export async function writeMdaDeltaOutputs(
  c: ScenarioComparison,
  outDir: string,
  opts: { maps?: boolean; png?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<string[]> {
  if (opts.maps === false) return [];
  const mdaA = minDetectableAltitudes(c.a);
  const mdaB = minDetectableAltitudes(c.b);
  const jobs: MapJob[] = [];
  mdaA.forEach((ma, i) => {
    const mb = mdaB.find((m) => m.threatId === ma.threatId);
    if (!mb) return;
    const threat = c.a.threats[i];
    const delta = altitudeDeltaM(ma.mslM, mb.mslM);
    // Cells detected in one scenario only (±Infinity) are drawn as the largest change.
    let newly = 0;
    for (let k = 0; k < delta.length; k++) {
      if (delta[k] === -Infinity) {
        newly++;
        delta[k] = MDA_DELTA_BREAKS_M[0];
      } else if (delta[k] === Infinity) delta[k] = MDA_DELTA_BREAKS_M[MDA_DELTA_BREAKS_M.length - 1];
    }
    jobs.push({
      basePath: join(outDir, 'maps', `delta-mda-${ma.threatId}`),
      svg: renderRasterMapSvg({
        ...frameOf(c.b),
        title: `Change in minimum detectable altitude — ${threat.name}`,
        subtitle: `A: ${c.a.scenario.name}  →  B: ${c.b.scenario.name}`,
        values: delta,
        domain: [-5000, 5000],
        breaks: MDA_DELTA_BREAKS_M,
        ramp: 'RdYlGn',
        reverse: true,
        outOfRange: 'clamp',
        valueLabel: 'B − A (negative: B detects lower)',
        ticks: [-5000, -1000, 0, 1000, 5000],
        format: fmtAlt,
        captionLines: [
          `Per cell, the lowest detectable altitude in B minus that in A; cells detected only in B count as the largest decrease (${Math.round((newly * c.a.grid.resolutionM ** 2) / 1e6).toLocaleString('en-US')} km² about).`,
          `Line of sight: ${c.a.visibility.label}. Site positions are city-level and notional.`,
        ],
      }),
    });
  });
  return writeMaps(jobs, opts.onProgress, opts);
}
