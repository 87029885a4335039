/**
 * The exports of one coverage analysis as text, bytes and SVG, before anything is written: the
 * coverage polygons (GeoJSON features), the results table (CSV), the coverage and
 * seen-but-not-engageable maps (SVG, rasterised to PNG by the caller), and a layer's coverage
 * classes as a GeoTIFF raster. `parapet coverage` writes them to files (coverage-outputs.ts); the
 * workbench server builds the same from a finished job (server api/exports.ts), so a download
 * and the CLI's file come from one function.
 *
 * A `CoverageView` is the part of a `CoverageAnalysis` these need; a `CoverageAnalysis` is one.
 */
import {
  detectedNotEngagedMask,
  type Catalog,
  type CoverageLayer,
  type JammingInput,
  type LayerMetrics,
  type RegionGrid,
  type ResolvedSite,
  type Scenario,
  type ThreatParams,
  type ValueCase,
  type VisibilityProvider,
} from '@parapet/core';
import type { Feature, MultiPolygon } from 'geojson';
import type { GeoTiffRaster } from '../dem/write-geotiff.js';
import { toCsv } from '../export/csv.js';
import { coverageGeoJson, type CoverageFeatureProperties } from '../export/geojson.js';
import { confidenceTotals, scenarioProvenance } from '../export/summary.js';
import {
  coverageCaptionLines,
  coverageClasses,
  renderCategoricalMapSvg,
  renderCoverageMapSvg,
  siteMarkers,
  type CategoryStyle,
} from '../render/coverage-map.js';

/** One (threat, altitude) layer: its counts per cell and its metrics (a core CoverageRun is one). */
export interface CoverageViewRun {
  layer: Pick<CoverageLayer, 'threatId' | 'altitudeM' | 'altitudeReference' | 'detectCount' | 'engageCount'>;
  metrics: LayerMetrics;
}

export interface CoverageView {
  scenario: Scenario;
  valueCase: ValueCase;
  grid: RegionGrid;
  sites: readonly ResolvedSite[];
  threats: readonly ThreatParams[];
  runs: readonly CoverageViewRun[];
  /** The stand-off jammers acting in `runs` (undefined: none). */
  jamming: JammingInput | undefined;
  /** Line of sight: its caption label, and the ground elevation per cell for relief (undefined: none). */
  visibility: Pick<VisibilityProvider, 'label' | 'groundMslM'>;
}

/** File-name stem of a layer: `f-16-1000m-msl`. */
export function layerStem(threatId: string, altitudeM: number, ref: string): string {
  return `${threatId}-${altitudeM}m-${ref}`;
}

/** Palette of the seen-but-not-engageable maps. */
export const SEEN_NOT_ENGAGEABLE_PALETTE: readonly CategoryStyle[] = [
  { value: 1, color: '#b0179b', opacity: 0.55, label: 'Detected, no missile can engage' },
  { value: 2, color: '#6b6b6b', opacity: 0.3, label: 'Engageable' },
];

/** Catalog values behind an analysis, by confidence (for map captions). */
export function sourceCounts(view: Pick<CoverageView, 'scenario'>, catalog: Catalog) {
  const t = confidenceTotals(scenarioProvenance(view, catalog));
  return { values: t.high + t.medium + t.low, high: t.high, medium: t.medium, low: t.low };
}

/** Detection, engagement and overlap polygons of every layer: the features of coverage.geojson. */
export function coverageFeatures(view: CoverageView): Feature<MultiPolygon, CoverageFeatureProperties>[] {
  return view.runs.flatMap(
    (run) =>
      coverageGeoJson({
        grid: view.grid,
        detectCount: run.layer.detectCount,
        engageCount: run.layer.engageCount,
        threatId: run.metrics.threatId,
        threatName: run.metrics.threatName,
        altitudeM: run.metrics.altitudeM,
        altitudeReference: run.metrics.altitudeReference,
        properties: { scenario: view.scenario.name, valueCase: view.valueCase },
      }).features,
  );
}

/** results.csv: per layer and place, the areas (km², rounded) and whether the place is detected and engaged. */
export function coverageCsv(view: Pick<CoverageView, 'runs'>): string {
  const rows = view.runs.flatMap(({ metrics: m }) =>
    m.places.map((p) => [
      m.threatId,
      m.altitudeM,
      m.altitudeReference,
      Math.round(m.detectAreaKm2),
      Math.round(m.engageAreaKm2),
      Math.round(m.engageRingAreaKm2),
      p.name,
      p.detected,
      p.engaged,
      p.lowestEngagedAltitudeM ?? '',
    ]),
  );
  return toCsv(
    [
      'threat',
      'altitude_m',
      'altitude_ref',
      'detect_area_km2',
      'engage_area_km2',
      'engage_ring_area_km2',
      'place',
      'detected',
      'engaged',
      'lowest_engaged_altitude_m',
    ],
    rows,
  );
}

/** Per cell: 1 seen by some radar but engageable by no missile, 2 engageable, 0 neither. */
export function seenNotEngageableClasses(run: CoverageViewRun): Uint8Array {
  const seen = detectedNotEngagedMask(run.layer);
  const classes = new Uint8Array(seen.length);
  for (let k = 0; k < seen.length; k++) classes[k] = seen[k] ? 1 : run.layer.engageCount[k] > 0 ? 2 : 0;
  return classes;
}

function frame(view: CoverageView) {
  const markers = siteMarkers(view.sites, { rings: 'engage' });
  return {
    grid: view.grid,
    sites: markers.sites,
    rings: markers.rings,
    places: view.scenario.places.map((p) => ({ name: p.name, lonDeg: p.lon, latDeg: p.lat })),
    reliefElevationM: view.visibility.groundMslM(),
  };
}

/** The DEM's label for captions when the analysis ran on terrain (undefined: smooth earth). */
const terrainLabel = (v: CoverageView): string | undefined => (v.visibility.groundMslM() || v.scenario.terrain ? v.visibility.label : undefined);

/** What a map assumes of aspect and jamming, in one caption sentence. */
function assumptionLine(v: CoverageView): string {
  const jam = v.jamming ? `stand-off jamming by ${(v.scenario.jammers ?? []).map((j) => j.id).join(', ')}` : 'no jamming';
  return `Aspect: ${v.scenario.analysis.aspect ?? 'front'} to every radar; ${jam}.`;
}

type SourceCounts = ReturnType<typeof sourceCounts>;

function caption(view: CoverageView, run: CoverageViewRun, sources: SourceCounts): string[] {
  const m = run.metrics;
  return coverageCaptionLines({
    scenarioName: view.scenario.name,
    threatName: m.threatName,
    altitudeM: m.altitudeM,
    altitudeReference: m.altitudeReference,
    kFactor: view.scenario.earth.kFactor,
    terrain: terrainLabel(view),
    sources,
    valueCase: view.valueCase,
  });
}

const layerTitle = (run: CoverageViewRun): string =>
  `${run.metrics.threatName} at ${run.metrics.altitudeM.toLocaleString('en-US')} m ${run.metrics.altitudeReference.toUpperCase()}`;

/** The coverage map of one layer (maps/<stem>.svg). */
export function coverageMapSvg(view: CoverageView, run: CoverageViewRun, sources: SourceCounts): string {
  const m = run.metrics;
  return renderCoverageMapSvg({
    ...frame(view),
    title: `Coverage — ${layerTitle(run)}`,
    subtitle: view.scenario.name,
    detectCount: run.layer.detectCount,
    engageCount: run.layer.engageCount,
    captionLines: [
      ...caption(view, run, sources),
      `Engaged ${Math.round(m.engageAreaKm2).toLocaleString('en-US')} km² of a ${Math.round(m.engageRingAreaKm2).toLocaleString('en-US')} km² range-ring area (${Math.round(m.engageRingFraction * 100)}%). ${assumptionLine(view)}`,
    ],
  });
}

/** The stealth question of one layer: where the target is seen but no missile can be guided onto it (maps/seen-not-engageable-<stem>.svg). */
export function seenNotEngageableMapSvg(view: CoverageView, run: CoverageViewRun, sources: SourceCounts): string {
  const m = run.metrics;
  return renderCategoricalMapSvg({
    ...frame(view),
    title: `Seen but not engageable — ${layerTitle(run)}`,
    subtitle: view.scenario.name,
    classes: seenNotEngageableClasses(run),
    palette: SEEN_NOT_ENGAGEABLE_PALETTE,
    legendTitle: 'Detected vs engageable',
    captionLines: [
      ...caption(view, run, sources),
      `Seen by some radar but out of reach of every missile's guidance: ${Math.round(m.detectedNotEngagedAreaKm2).toLocaleString('en-US')} km²; engageable ${Math.round(m.engageAreaKm2).toLocaleString('en-US')} km². ${assumptionLine(view)}`,
    ],
  });
}

/**
 * One layer's coverage classes as a uint8 GeoTIFF on the analysis grid (EPSG:4326, pixel-is-area):
 * 0 not detected, then the map's classes (COVERAGE_CLASS): 1 detected and not engaged, 2, 3, 4
 * engaged by 1, 2, 3 or more sites.
 */
export function coverageClassesGeoTiff(grid: RegionGrid, run: CoverageViewRun): GeoTiffRaster {
  const n = grid.width * grid.height;
  return {
    width: grid.width,
    height: grid.height,
    data: coverageClasses(run.layer.detectCount, run.layer.engageCount, n),
    westX: grid.westDeg,
    northY: grid.northDeg,
    pixelX: grid.dLonDeg,
    pixelY: grid.dLatDeg,
    crs: 'geographic',
  };
}
