/**
 * Basemap from Natural Earth 1:50m (the `world-atlas` package's countries-50m TopoJSON, public
 * domain): land, coastlines and international borders, clipped to the map area and projected to
 * SVG path data. Coastlines are the arcs used by one country only, borders the arcs shared by
 * two (topojson-client `mesh`), so neither is drawn twice.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoBounds, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { MapProjection } from './map-projection.js';

interface Bounded<T> {
  item: T;
  /** [west, south, east, north] degrees; west > east when crossing the antimeridian. */
  bounds: [number, number, number, number];
}

interface WorldData {
  countries: Bounded<Feature<Geometry, { name: string }>>[];
  coast: Bounded<LineString>[];
  borders: Bounded<LineString>[];
}

let world: WorldData | undefined;

function boundsOf(f: Feature | LineString): [number, number, number, number] {
  const b = geoBounds(f as Feature);
  return [b[0][0], b[0][1], b[1][0], b[1][1]];
}

function splitLines(m: MultiLineString): Bounded<LineString>[] {
  return m.coordinates.map((coordinates) => {
    const item: LineString = { type: 'LineString', coordinates };
    return { item, bounds: boundsOf(item) };
  });
}

/** Parses countries-50m once per process (about 60 ms) and caches per-feature bounds. */
function loadWorld(): WorldData {
  if (world) return world;
  const require = createRequire(import.meta.url);
  const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{
    countries: GeometryCollection<{ name: string }>;
  }>;
  const fc = feature(topo, topo.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  world = {
    countries: fc.features.map((f) => ({ item: f, bounds: boundsOf(f) })),
    coast: splitLines(mesh(topo, topo.objects.countries, (a, b) => a === b)),
    borders: splitLines(mesh(topo, topo.objects.countries, (a, b) => a !== b)),
  };
  return world;
}

function intersects(b: [number, number, number, number], p: MapProjection): boolean {
  const { westDeg, southDeg, eastDeg, northDeg } = p.bbox;
  if (b[3] < southDeg || b[1] > northDeg) return false;
  if (b[0] > b[2]) return true; // crosses the antimeridian: let the clipper decide
  for (const shift of [-360, 0, 360]) if (b[0] + shift <= eastDeg && b[2] + shift >= westDeg) return true;
  return false;
}

export interface CountryLabel {
  name: string;
  /** Label anchor: centroid of the country's visible part, SVG px. */
  x: number;
  y: number;
  /** Visible area, px². */
  areaPx2: number;
}

export interface BasemapPaths {
  /** SVG path data of land (country polygons, clipped to the map area). */
  land: string;
  coast: string;
  borders: string;
  /** Countries with a visible part, largest first. */
  countries: CountryLabel[];
}

/** Land, coastline and border path data for the map area of `projection`. */
export function basemapPaths(projection: MapProjection): BasemapPaths {
  const w = loadWorld();
  const path = geoPath(projection.d3).digits(1);
  const land: string[] = [];
  const countries: CountryLabel[] = [];
  for (const c of w.countries) {
    if (!intersects(c.bounds, projection)) continue;
    const d = path(c.item);
    if (!d) continue;
    land.push(d);
    const areaPx2 = path.area(c.item);
    if (areaPx2 > 0) {
      const [x, y] = path.centroid(c.item);
      countries.push({ name: c.item.properties.name, x, y, areaPx2 });
    }
  }
  const lines = (ls: Bounded<LineString>[]): string => {
    const parts: string[] = [];
    for (const l of ls) {
      if (!intersects(l.bounds, projection)) continue;
      const d = path(l.item);
      if (d) parts.push(d);
    }
    return parts.join('');
  };
  countries.sort((a, b) => b.areaPx2 - a.areaPx2);
  return { land: land.join(''), coast: lines(w.coast), borders: lines(w.borders), countries };
}
