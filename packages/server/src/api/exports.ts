/**
 * Downloads of a finished coverage job, for the workbench's export buttons:
 *
 *   GET /api/jobs/:id/export/:format[?layer=…]
 *
 * | format  | content                                              | Content-Type                             | per layer |
 * |---------|------------------------------------------------------|------------------------------------------|-----------|
 * | geojson | detection, engagement and overlap polygons           | application/geo+json                     | no        |
 * | kml     | Google Earth document (coverage, seen-not-engageable, bands, MDA, rings, sites with sources) | application/vnd.google-earth.kml+xml | no |
 * | kmz     | the same KML zipped as doc.kml                        | application/vnd.google-earth.kmz         | no        |
 * | csv     | per layer and place: areas, detected, engaged         | text/csv; charset=utf-8; header=present  | no        |
 * | geotiff | `<threat>@<altitudeM>`: coverage classes, uint8; `<threat>@mda`: minimum detectable altitude, float32 m MSL | image/tiff; application=geotiff | yes |
 * | png     | `<threat>@<altitudeM>`: the coverage map (`map=seen-not-engageable`: that map); `<threat>@mda`: the MDA map | image/png | yes |
 *
 * A per-layer format without `layer` gives the job's first layer. Every answer is an attachment
 * with a file name (Content-Disposition). Errors are JSON `{ error }`: 404 unknown job, 409 not
 * finished, 400 unknown format, layer or map, or a job that is not a whole coverage analysis.
 *
 * The bytes come from the writers `parapet coverage` uses (io coverage-exports.ts, kml-coverage.ts,
 * kmz.ts, mda-outputs.ts), fed with the job's result and rasters, so a download equals the CLI's
 * file for the same scenario. Without the DEM's ground raster in the result, a PNG of a terrain
 * scenario has no hillshade. Exports are built on the request thread and the last few are kept.
 */
import { layerBands, type Catalog, type LayerBands } from '@parapet/core';
import {
  coverageClassesGeoTiff,
  coverageCsv,
  coverageFeatures,
  coverageKml,
  coverageMapSvg,
  geoJsonText,
  geoTiffBytes,
  kmzBytes,
  layerStem,
  mdaGeoTiff,
  mdaMapSvg,
  scenarioGrid,
  seenNotEngageableMapSvg,
  sourceCounts,
  svgToPng,
  type CoverageView,
} from '@parapet/io';
import type { Hono } from 'hono';
import type { Job, JobManager } from '../jobs/job-manager.js';
import type { CoverageJson, JobRequest } from '../jobs/job-types.js';

export const EXPORT_FORMATS = ['geojson', 'kml', 'kmz', 'csv', 'geotiff', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const CONTENT_TYPE: Record<ExportFormat, string> = {
  geojson: 'application/geo+json',
  kml: 'application/vnd.google-earth.kml+xml; charset=utf-8',
  kmz: 'application/vnd.google-earth.kmz',
  csv: 'text/csv; charset=utf-8; header=present',
  geotiff: 'image/tiff; application=geotiff',
  png: 'image/png',
};

const PER_LAYER = new Set<ExportFormat>(['geotiff', 'png']);
const PNG_MAPS = ['coverage', 'seen-not-engageable'] as const;

/** Exports kept, most recent last (a job's id names its content, so a kept export stays right). */
const KEEP = 8;

class ExportError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

/** The job's analysis in the shape the io writers take, rebuilt from its result and rasters. */
interface JobAnalysis {
  view: CoverageView;
  bands?: LayerBands[];
  mda: { threatId: string; mslM: Float32Array }[];
}

function jobAnalysis(req: Extract<JobRequest, { kind: 'coverage' }>, cov: CoverageJson, rasters: Uint8Array): JobAnalysis {
  const grid = scenarioGrid(req.scenario);
  if (grid.width !== cov.grid.width || grid.height !== cov.grid.height)
    throw new Error(`the job's grid (${cov.grid.width}×${cov.grid.height}) is not its scenario's (${grid.width}×${grid.height})`);
  const n = grid.width * grid.height;
  const counts = (offset: number) => rasters.subarray(offset, offset + n);
  const runs = cov.runs.map((r) => ({
    metrics: r.metrics,
    layer: {
      threatId: r.threatId,
      altitudeM: r.altitudeM,
      altitudeReference: r.metrics.altitudeReference,
      detectCount: counts(r.detectOffset),
      engageCount: counts(r.engageOffset),
    },
  }));
  // Bands as the CLI draws them: only around the nominal reading.
  const bands =
    req.valueCase === 'nominal' && cov.runs.every((r) => r.low && r.high)
      ? cov.runs.map((r) =>
          layerBands(
            grid,
            r.threatId,
            r.altitudeM,
            { low: counts(r.low!.detectOffset), nominal: counts(r.detectOffset), high: counts(r.high!.detectOffset) },
            { low: counts(r.low!.engageOffset), nominal: counts(r.engageOffset), high: counts(r.high!.engageOffset) },
          ),
        )
      : undefined;
  const mda = cov.mda.map((m) => ({ threatId: m.threatId, mslM: new Float32Array(rasters.slice(m.offset, m.offset + 4 * n).buffer) }));
  const view: CoverageView = {
    scenario: req.scenario,
    valueCase: cov.valueCase,
    grid,
    sites: cov.sites,
    threats: cov.threats,
    runs,
    jamming: cov.jammers.length > 0 ? { standOff: cov.jammers } : undefined,
    visibility: { label: cov.visibilityLabel, groundMslM: () => undefined },
  };
  return { view, bands, mda };
}

/** A file-name part from a scenario name: lower-case ASCII letters, digits and hyphens. */
function slug(name: string): string {
  const s = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'scenario';
}

interface Built {
  file: string;
  bytes: Uint8Array | string;
}

function build(a: JobAnalysis, catalog: Catalog, format: ExportFormat, layer: string | undefined, map: string | undefined): Built {
  const { view } = a;
  const base = slug(view.scenario.name);
  if (!PER_LAYER.has(format) && layer !== undefined)
    throw new ExportError(400, `layer applies to ${[...PER_LAYER].join(' and ')} only; ${format} holds every layer`);
  if (format !== 'png' && map !== undefined) throw new ExportError(400, 'map applies to png only');
  switch (format) {
    case 'geojson':
      return { file: `${base}-coverage.geojson`, bytes: geoJsonText({ type: 'FeatureCollection', features: coverageFeatures(view) }) };
    case 'kml':
      return { file: `${base}-coverage.kml`, bytes: coverageKml({ view, catalog, bands: a.bands, mda: a.mda }) };
    case 'kmz':
      return { file: `${base}-coverage.kmz`, bytes: kmzBytes(coverageKml({ view, catalog, bands: a.bands, mda: a.mda })) };
    case 'csv':
      return { file: `${base}-results.csv`, bytes: coverageCsv(view) };
  }
  const choices = [...view.runs.map((r) => `${r.layer.threatId}@${r.layer.altitudeM}`), ...a.mda.map((m) => `${m.threatId}@mda`)];
  const key = layer ?? choices[0];
  const at = key.lastIndexOf('@');
  const threatId = key.slice(0, at);
  const what = key.slice(at + 1);
  const run = what === 'mda' ? undefined : view.runs.find((r) => r.layer.threatId === threatId && String(r.layer.altitudeM) === what);
  const mda = what === 'mda' ? a.mda.find((m) => m.threatId === threatId) : undefined;
  if (at < 0 || (!run && !mda)) throw new ExportError(400, `unknown layer ${JSON.stringify(key)}: this job has ${choices.join(', ')}`);
  if (map !== undefined && !(PNG_MAPS as readonly string[]).includes(map))
    throw new ExportError(400, `map must be one of ${PNG_MAPS.join(', ')}, got ${JSON.stringify(map)}`);
  if (mda && map !== undefined && map !== 'coverage') throw new ExportError(400, `map=${map} is drawn for a <threat>@<altitude> layer, not ${key}`);
  if (format === 'geotiff') {
    if (mda) return { file: `${base}-mda-${threatId}.tif`, bytes: geoTiffBytes(mdaGeoTiff(view.grid, mda.mslM)) };
    return {
      file: `${base}-${layerStem(threatId, run!.layer.altitudeM, run!.layer.altitudeReference)}.tif`,
      bytes: geoTiffBytes(coverageClassesGeoTiff(view.grid, run!)),
    };
  }
  if (mda) return { file: `${base}-mda-${threatId}.png`, bytes: svgToPng(mdaMapSvg(view, view.threats.find((t) => t.id === threatId)!, mda.mslM)) };
  const sources = sourceCounts(view, catalog);
  const stem = layerStem(threatId, run!.layer.altitudeM, run!.layer.altitudeReference);
  if (map === 'seen-not-engageable') return { file: `${base}-seen-not-engageable-${stem}.png`, bytes: svgToPng(seenNotEngageableMapSvg(view, run!, sources)) };
  return { file: `${base}-${stem}.png`, bytes: svgToPng(coverageMapSvg(view, run!, sources)) };
}

function finishedCoverage(job: Job | undefined, id: string) {
  if (!job) throw new ExportError(404, `no job ${id} (finished jobs are kept for a while, then forgotten: submit again)`);
  if (job.status !== 'done' || !job.result || !job.rasters) throw new ExportError(409, `job ${job.id} is ${job.status}: exports are made of a finished job`);
  if (job.request.kind !== 'coverage' || job.result.kind !== 'coverage') {
    throw new ExportError(400, `job ${job.id} is a ${job.result.kind} job: exports are made of a whole coverage analysis (POST /api/coverage without focus)`);
  }
  return { request: job.request, coverage: job.result.coverage, rasters: job.rasters };
}

/** Adds GET /api/jobs/:id/export/:format to `app`. */
export function registerExports(app: Hono, deps: { jobs: JobManager; catalog: Catalog }): void {
  const kept = new Map<string, Built>();
  app.get('/api/jobs/:id/export/:format', (c) => {
    try {
      const id = c.req.param('id');
      const format = c.req.param('format');
      if (!(EXPORT_FORMATS as readonly string[]).includes(format))
        throw new ExportError(400, `unknown export format ${JSON.stringify(format)}: one of ${EXPORT_FORMATS.join(', ')}`);
      const job = finishedCoverage(deps.jobs.get(id), id);
      const layer = c.req.query('layer');
      const map = c.req.query('map');
      const key = JSON.stringify([id, format, layer, map]);
      let built = kept.get(key);
      if (built) kept.delete(key);
      else built = build(jobAnalysis(job.request, job.coverage, job.rasters), deps.catalog, format as ExportFormat, layer, map);
      kept.set(key, built);
      while (kept.size > KEEP) kept.delete(kept.keys().next().value!);
      const body = typeof built.bytes === 'string' ? built.bytes : (built.bytes as Uint8Array<ArrayBuffer>);
      return c.body(body, 200, {
        'Content-Type': CONTENT_TYPE[format as ExportFormat],
        'Content-Disposition': `attachment; filename="${built.file}"`,
        'Cache-Control': 'private, max-age=3600',
      });
    } catch (e) {
      if (e instanceof ExportError) return c.json({ error: e.message }, e.status);
      throw e;
    }
  });
}
