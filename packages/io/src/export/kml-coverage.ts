/**
 * The coverage of one analysis as a KML document for Google Earth (coverage.kml / .kmz):
 *
 * - Sites: a placemark per site; its balloon lists the system, the status, the note and the
 *   sources of the scenario site and of its catalog entry (titles, links).
 * - Range rings: per site the radar instrumented-range ring and the longest missile range ring
 *   (range-rings.ts), outlines only.
 * - Coverage: a folder per (threat, altitude), one shown at a time (radio folder): the detection,
 *   engagement and overlap polygons — the very features of coverage.geojson (coverageFeatures)
 *   — and where the target is seen but no missile can engage it.
 * - Uncertainty bands (when run): per layer, engaged under every reading of the sources, at the
 *   nominal values only, under the generous reading only.
 * - Minimum detectable altitude: per threat, one polygon per class of the MDA map
 *   (MDA_BREAKS_M, coloured like the map: viridis at class/(classes − 1)).
 *
 * Every polygon is traced from its mask by maskToMultiPolygon (geojson.ts), the tracer of the
 * GeoJSON export; every placemark carries its figures as ExtendedData.
 */
import { BAND_TONE, detectedNotEngagedMask, maskAreaKm2, type Catalog, type LayerBands, type MinDetectableAltitude, type Source } from '@parapet/core';
import escapeHtml from 'escape-html';
import type { Feature, Geometry, MultiPolygon } from 'geojson';
import { BAND_PALETTE } from '../pipeline/band-outputs.js';
import { coverageFeatures, SEEN_NOT_ENGAGEABLE_PALETTE, type CoverageView } from '../pipeline/coverage-exports.js';
import { MDA_BREAKS_M } from '../pipeline/mda-outputs.js';
import { rampLut, toHex } from '../render/color-ramp.js';
import { COVERAGE_CLASS, COVERAGE_PALETTE } from '../render/coverage-map.js';
import { maskToMultiPolygon, type CoverageFeatureProperties } from './geojson.js';
import { kmlText, type KmlDocument, type KmlFolder, type KmlNode, type KmlPlacemark, type KmlStyle, type KmlValue } from './kml.js';
import { rangeRingFeatures } from './range-rings.js';
import { scenarioProvenance } from './summary.js';

export interface CoverageKmlInput {
  view: CoverageView;
  catalog: Catalog;
  /** Uncertainty bands, one per layer in the view's run order (omitted: no bands folder). */
  bands?: readonly LayerBands[];
  /** Minimum detectable altitude (m MSL, +Infinity = never) per threat (omitted: no MDA folder). */
  mda?: readonly Pick<MinDetectableAltitude, 'threatId' | 'mslM'>[];
  /** `coverageFeatures(view)`, when the caller has them already (they are traced otherwise). */
  coverage?: readonly Feature<MultiPolygon, CoverageFeatureProperties>[];
}

const NOTICE = 'Notional analysis from public information; positions are city-level. Not for operational use.';

const paletteColor = (palette: readonly { value: number; color: string; opacity: number }[], value: number) => {
  const c = palette.find((p) => p.value === value);
  if (!c) throw new RangeError(`no palette entry ${value}`);
  return c;
};

/** Polygon style: the map's fill, and an opaque outline of the same colour. */
function areaStyle(id: string, c: { color: string; opacity: number }): KmlStyle {
  return { id, poly: { color: c.color, opacity: c.opacity }, line: { color: c.color, opacity: 1, widthPx: 1 } };
}

const SITE_COLOR = { confirmed: '#222222', reported: '#ffffff', hypothetical: '#9e9e9e' } as const;

/** MDA map classes: class c holds MDA in [breaks[c], breaks[c+1]), the first also below, the last also above (the map clamps). */
const MDA_CLASSES = MDA_BREAKS_M.length - 1;

function mdaClassColor(c: number): string {
  const lut = rampLut('viridis');
  const i = Math.round((MDA_CLASSES === 1 ? 0.5 : c / (MDA_CLASSES - 1)) * 255) * 3;
  return toHex([lut[i], lut[i + 1], lut[i + 2]]);
}

const fmtAlt = (m: number): string => (m >= 1000 ? `${(m / 1000).toLocaleString('en-US')} km` : `${m} m`);

function styles(has: { bands: boolean; mda: boolean }): KmlStyle[] {
  const out: KmlStyle[] = [
    areaStyle('detect', paletteColor(COVERAGE_PALETTE, COVERAGE_CLASS.detected)),
    areaStyle('engage', paletteColor(COVERAGE_PALETTE, COVERAGE_CLASS.engaged1)),
    areaStyle('overlap', paletteColor(COVERAGE_PALETTE, COVERAGE_CLASS.engaged2)),
    areaStyle('seen-not-engageable', paletteColor(SEEN_NOT_ENGAGEABLE_PALETTE, 1)),
  ];
  if (has.bands) {
    out.push(
      areaStyle('band-every', paletteColor(BAND_PALETTE, BAND_TONE.every)),
      areaStyle('band-nominal', paletteColor(BAND_PALETTE, BAND_TONE.nominal)),
      areaStyle('band-some', paletteColor(BAND_PALETTE, BAND_TONE.some)),
    );
  }
  if (has.mda) for (let c = 0; c < MDA_CLASSES; c++) out.push(areaStyle(`mda-${c}`, { color: mdaClassColor(c), opacity: 0.75 }));
  out.push(
    { id: 'ring-radar', line: { color: '#1f5fa8', opacity: 1, widthPx: 1.5 }, poly: { color: '#1f5fa8', opacity: 0, fill: false } },
    { id: 'ring-missile', line: { color: '#b2182b', opacity: 1, widthPx: 2 }, poly: { color: '#b2182b', opacity: 0, fill: false } },
  );
  for (const [status, color] of Object.entries(SITE_COLOR)) out.push({ id: `site-${status}`, icon: { color, opacity: 1, scale: 1.1 } });
  out.push({ id: 'one-at-a-time', listItemType: 'radioFolder' });
  return out;
}

const DISPLAY_NAMES: Record<string, string> = {
  scenario: 'Scenario',
  valueCase: 'Reading of the sources',
  threat: 'Threat',
  threatName: 'Threat name',
  altitudeM: 'Altitude (m)',
  altitudeReference: 'Altitude reference',
  kind: 'Layer',
  minSites: 'Sites covering, at least',
  areaKm2: 'Area (km²)',
  engageAreaNominalKm2: 'Engaged area, nominal (km²)',
  engageAreaMinKm2: 'Engaged area, lowest reading (km²)',
  engageAreaMaxKm2: 'Engaged area, highest reading (km²)',
  minAltitudeM: 'From altitude (m MSL)',
  maxAltitudeM: 'Below altitude (m MSL)',
  siteId: 'Site',
  system: 'System',
  systemName: 'System name',
  status: 'Status',
  ring: 'Ring',
  by: 'Set by',
  rangeKm: 'Range (km)',
  radarRangeKm: 'Radar instrumented range (km)',
  missileRangeKm: 'Longest missile range (km)',
};

const round1 = (x: number): number => Math.round(x * 10) / 10;

function placemark(name: string, styleId: string, feature: Pick<Feature, 'geometry' | 'properties'>): KmlPlacemark {
  return {
    kind: 'placemark',
    name,
    styleId,
    data: (feature.properties ?? {}) as Record<string, KmlValue>,
    geometry: feature.geometry as Geometry | null,
  };
}

function maskFeature(view: CoverageView, mask: Uint8Array, properties: Record<string, KmlValue | undefined>): Pick<Feature, 'geometry' | 'properties'> {
  return { geometry: maskToMultiPolygon(view.grid, mask, 1), properties: { ...properties, areaKm2: round1(maskAreaKm2(view.grid, mask)) } };
}

function sourceList(sources: readonly Source[]): string {
  if (sources.length === 0) return '<p>none</p>';
  const item = (s: Source) => {
    const title = escapeHtml(s.title);
    const link = s.url && /^https?:\/\//i.test(s.url) ? `<a href="${escapeHtml(s.url)}">${title}</a>` : title;
    return `<li>${link}${s.url && !/^https?:\/\//i.test(s.url) ? ` (${escapeHtml(s.url)})` : ''}${s.accessed ? `, accessed ${escapeHtml(s.accessed)}` : ''}</li>`;
  };
  return `<ul>${sources.map(item).join('')}</ul>`;
}

type Ring = ReturnType<typeof rangeRingFeatures>['features'][number];

function sitesFolder(view: CoverageView, catalog: Catalog, rings: readonly Ring[]): KmlFolder {
  const prov = scenarioProvenance(view, catalog);
  const children: KmlNode[] = view.sites.map((s) => {
    const site = view.scenario.sites.find((x) => x.id === s.id)!;
    const system = prov.find((p) => p.kind === 'system' && p.id === s.systemId);
    const radar = rings.find((r) => r.properties.siteId === s.id && r.properties.ring === 'radar');
    const missile = rings.find((r) => r.properties.siteId === s.id && r.properties.ring === 'missile');
    const description = [
      `<p><b>${escapeHtml(s.systemName)}</b> (${escapeHtml(s.systemId)}), ${escapeHtml(s.status)}.</p>`,
      site.note ? `<p>${escapeHtml(site.note)}</p>` : '',
      '<p>Sources of this site:</p>',
      sourceList(site.sources),
      `<p>Sources of the ${escapeHtml(s.systemName)} catalog entry (each value with its sources and confidence: <code>parapet catalog show ${escapeHtml(s.systemId)}</code>):</p>`,
      sourceList(system?.sources ?? []),
      `<p>${NOTICE}</p>`,
    ].join('');
    return {
      kind: 'placemark',
      name: s.id,
      styleId: `site-${s.status}`,
      description,
      data: {
        siteId: s.id,
        system: s.systemId,
        systemName: s.systemName,
        status: s.status,
        radarRangeKm: radar?.properties.rangeKm,
        missileRangeKm: missile?.properties.rangeKm,
      },
      geometry: { type: 'Point', coordinates: [s.lonDeg, s.latDeg] },
    };
  });
  return { kind: 'folder', name: 'Sites', open: true, children };
}

function ringsFolder(rings: readonly Ring[]): KmlFolder {
  const children = rings.map((f) => {
    const p = f.properties;
    const what = p.ring === 'radar' ? 'radar instrumented range' : 'longest missile range';
    return placemark(`${p.siteId}: ${p.by} ${what}, ${p.rangeKm.toLocaleString('en-US')} km`, `ring-${p.ring}`, f);
  });
  return {
    kind: 'folder',
    name: 'Range rings',
    description: "The range-ring answer: the upper bound. Terrain, the earth's curvature and the radars decide the real coverage (the Coverage folder).",
    children,
  };
}

function coverageFolder(view: CoverageView, features: readonly Feature<MultiPolygon, CoverageFeatureProperties>[]): KmlFolder {
  const KIND_LABEL = {
    detect: 'Detected by at least one radar',
    engage: 'Engageable by at least one site',
    overlap: 'Engageable by two or more sites',
  } as const;
  const children: KmlFolder[] = view.runs.map((run, i) => {
    const m = run.metrics;
    const layer = features.slice(3 * i, 3 * i + 3);
    if (layer.some((f) => f.properties.threat !== m.threatId || f.properties.altitudeM !== m.altitudeM))
      throw new Error('coverage features are not in the order of the layers');
    const seen = detectedNotEngagedMask(run.layer);
    const title = `${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`;
    return {
      kind: 'folder',
      name: title,
      visible: i === 0,
      children: [
        ...layer.map((f) => placemark(`${KIND_LABEL[f.properties.kind]} (${f.properties.areaKm2.toLocaleString('en-US')} km²)`, f.properties.kind, f)),
        (() => {
          const f = maskFeature(view, seen, {
            scenario: view.scenario.name,
            valueCase: view.valueCase,
            threat: m.threatId,
            threatName: m.threatName,
            altitudeM: m.altitudeM,
            altitudeReference: m.altitudeReference,
            kind: 'seen-not-engageable',
          });
          return placemark(`Seen, but no missile can engage (${(f.properties!.areaKm2 as number).toLocaleString('en-US')} km²)`, 'seen-not-engageable', f);
        })(),
      ],
    };
  });
  return {
    kind: 'folder',
    name: 'Coverage',
    open: true,
    styleId: 'one-at-a-time',
    description: `One target and altitude at a time. Sources at their ${view.valueCase} values; line of sight: ${view.visibility.label}.`,
    children,
  };
}

function bandsFolder(view: CoverageView, bands: readonly LayerBands[]): KmlFolder {
  if (bands.length !== view.runs.length) throw new RangeError(`bands must have one entry per layer (${view.runs.length}), got ${bands.length}`);
  const TONES = [
    { tone: BAND_TONE.every, id: 'band-every', kind: 'engaged-every-reading', label: 'Engaged under every reading (low, nominal, high)' },
    { tone: BAND_TONE.nominal, id: 'band-nominal', kind: 'engaged-nominal', label: 'Engaged at the nominal values, not under every reading' },
    { tone: BAND_TONE.some, id: 'band-some', kind: 'engaged-some-reading', label: 'Engaged only under the generous (high) reading' },
  ] as const;
  const children: KmlFolder[] = bands.map((b, i) => {
    const m = view.runs[i].metrics;
    if (b.threatId !== m.threatId || b.altitudeM !== m.altitudeM)
      throw new RangeError(`bands[${i}] is ${b.threatId} at ${b.altitudeM} m, the layer is ${m.threatId} at ${m.altitudeM} m`);
    return {
      kind: 'folder',
      name: `${m.threatName} at ${m.altitudeM.toLocaleString('en-US')} m ${m.altitudeReference.toUpperCase()}`,
      visible: i === 0,
      description: `Engaged area ${Math.round(b.engageAreaKm2.nominal).toLocaleString('en-US')} km² at the nominal values, ${Math.round(b.engageAreaKm2.min).toLocaleString('en-US')}–${Math.round(b.engageAreaKm2.max).toLocaleString('en-US')} km² across the sources' spread.`,
      children: TONES.map((t) => {
        const mask = new Uint8Array(b.engageTones.length);
        for (let k = 0; k < mask.length; k++) mask[k] = b.engageTones[k] === t.tone ? 1 : 0;
        const f = maskFeature(view, mask, {
          scenario: view.scenario.name,
          threat: m.threatId,
          threatName: m.threatName,
          altitudeM: m.altitudeM,
          altitudeReference: m.altitudeReference,
          kind: t.kind,
          engageAreaNominalKm2: Math.round(b.engageAreaKm2.nominal),
          engageAreaMinKm2: Math.round(b.engageAreaKm2.min),
          engageAreaMaxKm2: Math.round(b.engageAreaKm2.max),
        });
        return placemark(`${t.label} (${(f.properties!.areaKm2 as number).toLocaleString('en-US')} km²)`, t.id, f);
      }),
    };
  });
  return {
    kind: 'folder',
    name: 'Uncertainty bands',
    visible: false,
    styleId: 'one-at-a-time',
    description: 'Engagement across the low, nominal and high readings of the sources (docs/models/uncertainty.md).',
    children,
  };
}

function mdaFolder(view: CoverageView, mda: readonly Pick<MinDetectableAltitude, 'threatId' | 'mslM'>[]): KmlFolder {
  const children: KmlFolder[] = mda.map((m, i) => {
    const threat = view.threats.find((t) => t.id === m.threatId);
    if (!threat) throw new RangeError(`mda[${i}] is for threat "${m.threatId}", which the analysis does not have`);
    const cls = new Int8Array(m.mslM.length).fill(-1);
    for (let k = 0; k < cls.length; k++) {
      const v = m.mslM[k];
      if (!Number.isFinite(v)) continue;
      let c = 0;
      while (c < MDA_CLASSES - 1 && v >= MDA_BREAKS_M[c + 1]) c++;
      cls[k] = c;
    }
    const placemarks: KmlPlacemark[] = [];
    for (let c = 0; c < MDA_CLASSES; c++) {
      const mask = new Uint8Array(cls.length);
      let any = false;
      for (let k = 0; k < mask.length; k++) {
        if (cls[k] === c) {
          mask[k] = 1;
          any = true;
        }
      }
      if (!any) continue;
      const from = c === 0 ? undefined : MDA_BREAKS_M[c];
      const below = c === MDA_CLASSES - 1 ? undefined : MDA_BREAKS_M[c + 1];
      const f = maskFeature(view, mask, {
        scenario: view.scenario.name,
        valueCase: view.valueCase,
        threat: threat.id,
        threatName: threat.name,
        kind: 'min-detectable-altitude',
        altitudeReference: 'msl',
        minAltitudeM: from,
        maxAltitudeM: below,
      });
      const range = from === undefined ? `below ${fmtAlt(below!)}` : below === undefined ? `${fmtAlt(from)} and above` : `${fmtAlt(from)} to ${fmtAlt(below)}`;
      placemarks.push(placemark(`Detected from ${range} MSL (${(f.properties!.areaKm2 as number).toLocaleString('en-US')} km²)`, `mda-${c}`, f));
    }
    return {
      kind: 'folder',
      name: threat.name,
      visible: i === 0,
      description: `Per cell, the lowest altitude at which some radar detects a ${threat.name}. Unfilled: not detected at any altitude.`,
      children: placemarks,
    };
  });
  return { kind: 'folder', name: 'Minimum detectable altitude', visible: false, styleId: 'one-at-a-time', children };
}

/** The document of coverage.kml. */
export function coverageKmlDocument(input: CoverageKmlInput): KmlDocument {
  const { view } = input;
  const rings = rangeRingFeatures(view.sites).features;
  const children: KmlNode[] = [sitesFolder(view, input.catalog, rings), ringsFolder(rings), coverageFolder(view, input.coverage ?? coverageFeatures(view))];
  if (input.bands) children.push(bandsFolder(view, input.bands));
  if (input.mda) children.push(mdaFolder(view, input.mda));
  return {
    name: `Parapet — ${view.scenario.name}`,
    description: `Coverage of ${view.scenario.name}: ${view.threats.map((t) => t.name).join(', ')} at ${view.scenario.analysis.altitudesM.map((a) => `${a.toLocaleString('en-US')} m`).join(', ')} ${view.scenario.analysis.altitudeReference.toUpperCase()}. Sources at their ${view.valueCase} values; line of sight: ${view.visibility.label}. ${NOTICE}`,
    styles: styles({ bands: input.bands !== undefined, mda: input.mda !== undefined }),
    children,
    displayNames: DISPLAY_NAMES,
  };
}

/** The text of coverage.kml. */
export function coverageKml(input: CoverageKmlInput): string {
  return kmlText(coverageKmlDocument(input));
}
