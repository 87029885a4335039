/**
 * coverage.kml and coverage.kmz as `writeCoverageOutputs` writes them, read back by independent
 * readers: xmldom parses the XML, @tmcw/togeojson converts it to GeoJSON (compared with
 * coverage.geojson feature by feature), the OGC schema's content models are checked
 * (test/support/kml-schema.ts), the KMZ is unpacked with zlib, and the figures are checked
 * against core's metrics.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { kml as toGeoJson } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import type { FeatureCollection, Geometry, MultiPolygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario, maskAreaKm2, type Catalog } from '@parapet/core';
import { kmlSchemaProblems, parseXml } from '../../test/support/kml-schema.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { runCoverageBands, type CoverageBandsAnalysis } from '../pipeline/coverage-bands.js';
import { writeCoverageOutputs } from '../pipeline/coverage-outputs.js';
import { closePools } from '../pipeline/worker-pool.js';
import { COVERAGE_PALETTE } from '../render/coverage-map.js';

// Worker code is loaded from dist/ (test/rebuild-dist.ts builds it before the tests).
const SITE_SOURCE = { title: 'Parapet estimate: test & <placement> "A"', url: 'https://example.org/a?x=1&y=2' };
const doc = {
  name: 'KML test & <two sites>',
  region: { bbox: [125.0, 37.6, 127.0, 39.4], resolutionM: 4000 },
  sites: [
    { id: 'sa2', system: 's-75', lon: 125.75, lat: 39.03, status: 'confirmed', sources: [SITE_SOURCE], note: 'a note with <b>markup</b>' },
    { id: 's400', system: 's-400', lon: 125.8, lat: 38.9, status: 'reported', sources: [{ title: 'Parapet estimate: test' }] },
  ],
  places: [{ name: 'Kaesong', lon: 126.55, lat: 37.99 }],
  analysis: { threats: ['f-16', 'f-35a'], altitudesM: [1000, 10000] },
};

/** Properties togeojson adds from KML itself (name, balloon, styles), not from ExtendedData. */
const TOGEOJSON_OWN = new Set([
  'name',
  'description',
  'styleUrl',
  'styleHash',
  'styleMapHash',
  'visibility',
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'icon',
  'icon-color',
  'icon-opacity',
  'icon-scale',
  'label-color',
  'label-opacity',
  'label-scale',
]);

const extended = (p: Record<string, unknown> | null) => Object.fromEntries(Object.entries(p ?? {}).filter(([k]) => !TOGEOJSON_OWN.has(k)));
const asText = (p: Record<string, unknown> | null) =>
  Object.fromEntries(
    Object.entries(p ?? {})
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );

/** A MultiPolygon's polygons, or togeojson's reading of one (Polygon, GeometryCollection, or null when empty). */
function polygonsOf(g: Geometry | null): Position[][][] {
  if (g === null) return [];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  throw new Error(`unexpected ${g.type}`);
}

/** Twice the signed area of a ring (shoelace), positive when counter-clockwise in lon/lat. */
function shoelace2(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

let out: string;
let cat: Catalog;
let bands: CoverageBandsAnalysis;
let kmlText: string;
let kml: FeatureCollection;
let geojson: FeatureCollection<MultiPolygon>;

beforeAll(async () => {
  cat = loadCatalog();
  const checked = checkScenario(doc, cat);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  bands = await runCoverageBands(checked.scenario, cat);
  out = mkdtempSync(join(tmpdir(), 'parapet-kml-'));
  await writeCoverageOutputs(bands.cases.nominal, cat, 'kml-test.yaml', out, { maps: false, bands: bands.layers });
  kmlText = readFileSync(join(out, 'coverage.kml'), 'utf8');
  kml = toGeoJson(parseXml(kmlText)) as FeatureCollection;
  geojson = JSON.parse(readFileSync(join(out, 'coverage.geojson'), 'utf8')) as FeatureCollection<MultiPolygon>;
});

afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await closePools();
});

describe('coverage.kml', () => {
  it('holds the features of coverage.geojson: same count, same properties, equal coordinates', () => {
    const kinds = new Set(['detect', 'engage', 'overlap']);
    const coverage = kml.features.filter((f) => kinds.has(String(f.properties?.kind)));
    expect(geojson.features).toHaveLength(2 * 2 * 3);
    expect(coverage).toHaveLength(geojson.features.length);
    geojson.features.forEach((g, i) => {
      const k = coverage[i];
      expect(extended(k.properties)).toEqual(asText(g.properties));
      expect(polygonsOf(k.geometry)).toEqual(polygonsOf(g.geometry));
    });
    // Not all empty: the test would pass vacuously otherwise.
    expect(geojson.features.filter((f) => f.geometry.coordinates.length > 0).length).toBeGreaterThan(6);
  });

  it('draws coverage in the map palette (togeojson reads aabbggrr back to #rrggbb)', () => {
    const byKind = (kind: string) => kml.features.find((f) => f.properties?.kind === kind)!.properties!;
    for (const [kind, value] of [
      ['detect', 1],
      ['engage', 2],
      ['overlap', 3],
    ] as const) {
      const c = COVERAGE_PALETTE.find((p) => p.value === value)!;
      expect(byKind(kind).fill).toBe(c.color);
      expect(byKind(kind)['fill-opacity']).toBeCloseTo(c.opacity, 2);
    }
  });

  it('meets the KML 2.2 schema content models: namespace, element order, colours, closed rings, lon/lat', () => {
    const root = parseXml(kmlText).documentElement!;
    expect(root.namespaceURI).toBe('http://www.opengis.net/kml/2.2');
    expect(kmlSchemaProblems(root)).toEqual([]);
    const modes = Array.from(root.getElementsByTagName('altitudeMode')).map((e) => e.textContent);
    expect(modes.length).toBe(root.getElementsByTagName('Polygon').length + root.getElementsByTagName('Point').length);
    expect(new Set(modes)).toEqual(new Set(['clampToGround']));
    for (const d of Array.from(root.getElementsByTagName('Data'))) expect(d.getAttribute('name')).toMatch(/^[A-Za-z][A-Za-z0-9]*$/);
    // Each styleUrl names a shared Style of the document.
    const ids = new Set(Array.from(root.getElementsByTagName('Style')).map((s) => s.getAttribute('id')));
    for (const u of Array.from(root.getElementsByTagName('styleUrl'))) expect(ids.has(u.textContent!.slice(1))).toBe(true);
    // Rings: closed, ≥ 4 positions; outer counter-clockwise, holes clockwise (shoelace).
    let outer = 0;
    for (const f of kml.features) {
      if (f.geometry?.type === 'Point') continue;
      for (const poly of polygonsOf(f.geometry)) {
        poly.forEach((ring, h) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[ring.length - 1]).toEqual(ring[0]);
          expect(shoelace2(ring) > 0).toBe(h === 0);
        });
        outer++;
      }
    }
    expect(outer).toBeGreaterThan(20);
  });

  it("marks where the target is seen but not engageable, with core's area", () => {
    const seen = kml.features.filter((f) => f.properties?.kind === 'seen-not-engageable');
    const runs = bands.cases.nominal.runs;
    expect(seen).toHaveLength(runs.length);
    seen.forEach((f, i) => {
      expect(f.properties!.threat).toBe(runs[i].metrics.threatId);
      expect(Number(f.properties!.areaKm2)).toBeCloseTo(runs[i].metrics.detectedNotEngagedAreaKm2, 0);
    });
    expect(seen.some((f) => Number(f.properties!.areaKm2) > 0)).toBe(true);
  });

  it("splits every layer into the three uncertainty bands, their areas summing to the bands' figures", () => {
    bands.layers.forEach((b) => {
      const of = (kind: string) =>
        kml.features.find((f) => f.properties?.kind === kind && f.properties.threat === b.threatId && Number(f.properties.altitudeM) === b.altitudeM)!;
      const every = Number(of('engaged-every-reading').properties!.areaKm2);
      const nominal = Number(of('engaged-nominal').properties!.areaKm2);
      const some = Number(of('engaged-some-reading').properties!.areaKm2);
      expect(every).toBeCloseTo(b.engageEveryKm2, 0);
      expect(every + nominal + some).toBeCloseTo(b.engageSomeKm2, 0);
      expect(Number(of('engaged-nominal').properties!.engageAreaNominalKm2)).toBe(Math.round(b.engageAreaKm2.nominal));
    });
  });

  it('classes the minimum detectable altitude like the map, the classes tiling the detected cells', () => {
    const a = bands.cases.nominal;
    for (const threat of a.threats) {
      const classes = kml.features.filter((f) => f.properties?.kind === 'min-detectable-altitude' && f.properties.threat === threat.id);
      expect(classes.length).toBeGreaterThan(1);
      // Each class lies in [minAltitudeM, maxAltitudeM); together they cover every cell some radar detects at some altitude.
      const lowest = Math.min(...a.runs.filter((r) => r.metrics.threatId === threat.id).map((r) => r.metrics.altitudeM));
      const detectedLow = a.runs.find((r) => r.metrics.threatId === threat.id && r.metrics.altitudeM === lowest)!.layer.detectCount;
      const total = classes.reduce((s, f) => s + Number(f.properties!.areaKm2), 0);
      // Detected at the lowest analysed altitude ⇒ its MDA is finite, so the classes cover at least that area.
      expect(total).toBeGreaterThanOrEqual(maskAreaKm2(a.grid, detectedLow) - 1);
    }
  });

  it("draws each site's detection and engagement rings at its longest radar and missile ranges", () => {
    for (const s of bands.cases.nominal.sites) {
      const ring = (r: string) => kml.features.find((f) => f.properties?.siteId === s.id && f.properties.ring === r)!;
      expect(Number(ring('radar').properties!.rangeKm)).toBe(Math.max(...s.radars.map((r) => r.instrumentedRangeM)) / 1000);
      expect(Number(ring('missile').properties!.rangeKm)).toBe(Math.max(...s.missiles.map((m) => m.maxRangeM)) / 1000);
      expect(ring('missile').geometry!.type).toBe('Polygon');
    }
  });

  it('places each site with its system, status and the sources of the site and of its catalog entry', () => {
    const sites = kml.features.filter((f) => f.geometry?.type === 'Point');
    expect(sites.map((f) => f.properties!.name)).toEqual(['sa2', 's400']);
    const sa2 = sites[0];
    expect(sa2.geometry).toEqual({ type: 'Point', coordinates: [125.75, 39.03] });
    expect(extended(sa2.properties)).toMatchObject({ system: 's-75', status: 'confirmed' });
    // The balloon is HTML: parse it and read its text and links.
    const html = new DOMParser().parseFromString(`<div>${sa2.properties!.description}</div>`, 'text/html');
    const textContent = html.documentElement!.textContent!;
    expect(textContent).toContain(SITE_SOURCE.title);
    expect(textContent).toContain('a note with <b>markup</b>');
    expect(textContent).toContain('confirmed');
    const hrefs = Array.from(html.getElementsByTagName('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toContain(SITE_SOURCE.url);
    for (const s of cat.systems.get('s-75')!.sources) {
      expect(textContent).toContain(s.title);
      if (s.url) expect(hrefs).toContain(s.url);
    }
  });

  it('keeps the scenario name intact through the XML escaping', () => {
    const name = parseXml(kmlText).getElementsByTagName('name')[0].textContent;
    expect(name).toBe(`Parapet — ${doc.name}`);
  });
});

describe('coverage.kmz', () => {
  it('is a ZIP whose first entry is doc.kml, identical to coverage.kml', () => {
    const zip = readFileSync(join(out, 'coverage.kmz'));
    // PKWARE APPNOTE 4.3.7 local file header: signature, method at 8, compressed size at 18,
    // name and extra-field lengths at 26 and 28, the name at 30.
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    const nameLength = zip.readUInt16LE(26);
    expect(zip.toString('latin1', 30, 30 + nameLength)).toBe('doc.kml');
    const start = 30 + nameLength + zip.readUInt16LE(28);
    const data =
      zip.readUInt16LE(8) === 8 ? inflateRawSync(zip.subarray(start, start + zip.readUInt32LE(18))) : zip.subarray(start, start + zip.readUInt32LE(18));
    expect(data.toString('utf8')).toBe(kmlText);
    expect(zip.length).toBeLessThan(Buffer.byteLength(kmlText) / 3);
  });
});
