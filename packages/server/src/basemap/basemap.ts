/**
 * The offline basemap: Natural Earth 1:50m (world-atlas TopoJSON) turned into GeoJSON — land,
 * country borders (shared arcs only, so coasts are not drawn twice), coastlines, and one label
 * point per country. Built once per process; about 2 MB of JSON before compression.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { geoArea, geoCentroid } from 'd3-geo';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface Basemap {
  land: FeatureCollection;
  borders: Feature<MultiLineString>;
  coastline: Feature<MultiLineString>;
  countryLabels: FeatureCollection<Point, { name: string }>;
  attribution: string;
}

let cached: string | undefined;

function largestPart(f: Feature<Polygon | MultiPolygon>): Feature<Polygon> {
  if (f.geometry.type === 'Polygon') return f as Feature<Polygon>;
  let best: Feature<Polygon> | undefined;
  let bestArea = -1;
  for (const coords of f.geometry.coordinates) {
    const part: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: coords } };
    const a = geoArea(part);
    if (a > bestArea) {
      bestArea = a;
      best = part;
    }
  }
  return best!;
}

export function buildBasemap(): Basemap {
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
    land: GeometryCollection;
  }>;
  const land = feature(topo, topo.objects.land) as FeatureCollection;
  const borders = mesh(topo, topo.objects.countries, (a, b) => a !== b);
  const coastline = mesh(topo, topo.objects.countries, (a, b) => a === b);
  const countries = feature(topo, topo.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
  const countryLabels: FeatureCollection<Point, { name: string }> = {
    type: 'FeatureCollection',
    features: countries.features
      .filter((c) => c.geometry && c.properties?.name)
      .map((c) => ({ type: 'Feature', properties: { name: c.properties.name }, geometry: { type: 'Point', coordinates: geoCentroid(largestPart(c)) } })),
  };
  return {
    land,
    borders: { type: 'Feature', properties: {}, geometry: borders },
    coastline: { type: 'Feature', properties: {}, geometry: coastline },
    countryLabels,
    attribution: 'Natural Earth 1:50m (public domain) via world-atlas',
  };
}

/** The basemap as a JSON string, built on first use. */
export function basemapJson(): string {
  // Four decimals (about 10 m) is finer than the 1:50m data; it halves the text.
  cached ??= JSON.stringify(buildBasemap(), (_k, v: unknown) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v));
  return cached;
}
