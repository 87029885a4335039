/**
 * Coverage polygons as GeoJSON (RFC 7946): masks on the analysis grid are traced with
 * d3-contour (marching squares; boundaries run midway between cell centres), taken from grid
 * coordinates to longitude/latitude with the grid's affine transform, rounded to 1e-5° (≈1 m),
 * cleared of repeated and collinear vertices, and wound per RFC 7946 §3.1.6: exterior rings
 * counter-clockwise, holes clockwise.
 */
import { contours } from 'd3-contour';
import type { Feature, FeatureCollection, MultiPolygon, Position } from 'geojson';
import { maskAreaKm2, type RegionGrid } from '@parapet/core';
import { writeFileAtomic } from '../fs/atomic-write.js';

/** Decimal places kept in coordinates (1e-5° ≈ 1.1 m). */
export const GEOJSON_DECIMALS = 5;

function checkLength(name: string, grid: RegionGrid, a: ArrayLike<number>): void {
  const n = grid.width * grid.height;
  if (a.length !== n) throw new RangeError(`${name} must have grid.width·grid.height = ${n} cells, got ${a.length}`);
}

/** Twice the signed area of a closed ring in a y-up plane (positive = counter-clockwise). */
function signedArea2(ring: readonly Position[]): number {
  let s = 0;
  for (let i = 0, n = ring.length - 1; i < n; i++) s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return s;
}

/**
 * Takes a closed ring in grid coordinates (x east from the west edge, y south from the north
 * edge, in cells) to lon/lat: drops vertices collinear with their neighbours (exact on the
 * half-cell lattice marching squares produces), rounds, drops repeats. Returns null when fewer
 * than three distinct vertices remain.
 */
function ringToLonLat(grid: RegionGrid, ring: readonly Position[], ccw: boolean): Position[] | null {
  const pts = ring.slice(0, -1); // open
  const kept: Position[] = [];
  const n = pts.length;
  for (let i = 0; i < n; i++) {
    const a = pts[(i + n - 1) % n];
    const b = pts[i];
    const c = pts[(i + 1) % n];
    const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
    if (Math.abs(cross) > 1e-12) kept.push(b);
  }
  const f = 10 ** GEOJSON_DECIMALS;
  const out: Position[] = [];
  for (const [x, y] of kept) {
    const lon = Math.round((grid.westDeg + x * grid.dLonDeg) * f) / f;
    const lat = Math.round((grid.northDeg - y * grid.dLatDeg) * f) / f;
    const last = out[out.length - 1];
    if (last && last[0] === lon && last[1] === lat) continue;
    out.push([lon, lat]);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  out.push([out[0][0], out[0][1]]);
  const a2 = signedArea2(out);
  if (a2 === 0) return null;
  if (a2 > 0 !== ccw) out.reverse();
  return out;
}

/**
 * The cells with `values[k] >= minValue` as a MultiPolygon in lon/lat (RFC 7946 winding).
 * An empty mask gives `coordinates: []`.
 */
export function maskToMultiPolygon(grid: RegionGrid, values: ArrayLike<number>, minValue = 1): MultiPolygon {
  checkLength('values', grid, values);
  const n = grid.width * grid.height;
  const bin = new Uint8Array(n);
  let any = false;
  for (let k = 0; k < n; k++) {
    if (values[k] >= minValue) {
      bin[k] = 1;
      any = true;
    }
  }
  if (!any) return { type: 'MultiPolygon', coordinates: [] };
  const [traced] = contours().size([grid.width, grid.height]).thresholds([0.5])(bin as unknown as number[]);
  const coordinates: Position[][][] = [];
  for (const poly of traced.coordinates) {
    const outer = ringToLonLat(grid, poly[0], true);
    if (!outer) continue;
    const rings = [outer];
    for (let h = 1; h < poly.length; h++) {
      const hole = ringToLonLat(grid, poly[h], false);
      if (hole) rings.push(hole);
    }
    coordinates.push(rings);
  }
  return { type: 'MultiPolygon', coordinates };
}

export type CoverageKind = 'detect' | 'engage' | 'overlap';

export interface CoverageFeatureProperties {
  threat: string;
  threatName?: string;
  altitudeM: number;
  altitudeReference: 'msl' | 'agl';
  /** detect: ≥1 site detects; engage: ≥1 site can engage; overlap: ≥2 sites can engage. */
  kind: CoverageKind;
  /** Least number of sites covering each cell of the polygon. */
  minSites: number;
  /** Area of the covered cells (the same figure as the summary), km². */
  areaKm2: number;
  [extra: string]: unknown;
}

export interface CoverageGeoJsonInput {
  grid: RegionGrid;
  /** CoverageLayer.detectCount / engageCount. */
  detectCount: ArrayLike<number>;
  engageCount: ArrayLike<number>;
  threatId: string;
  threatName?: string;
  altitudeM: number;
  altitudeReference: 'msl' | 'agl';
  /** Extra properties copied to every feature (e.g. scenario name). */
  properties?: Record<string, unknown>;
}

function coverageFeature(
  grid: RegionGrid,
  values: ArrayLike<number>,
  minSites: number,
  kind: CoverageKind,
  input: CoverageGeoJsonInput,
): Feature<MultiPolygon, CoverageFeatureProperties> {
  const mask = new Uint8Array(values.length);
  for (let k = 0; k < values.length; k++) mask[k] = values[k] >= minSites ? 1 : 0;
  return {
    type: 'Feature',
    geometry: maskToMultiPolygon(grid, mask, 1),
    properties: {
      ...input.properties,
      threat: input.threatId,
      ...(input.threatName !== undefined ? { threatName: input.threatName } : {}),
      altitudeM: input.altitudeM,
      altitudeReference: input.altitudeReference,
      kind,
      minSites,
      areaKm2: Math.round(maskAreaKm2(grid, mask) * 10) / 10,
    },
  };
}

/** Detection, engagement and overlap (≥2 sites) polygons of one coverage layer. */
export function coverageGeoJson(input: CoverageGeoJsonInput): FeatureCollection<MultiPolygon, CoverageFeatureProperties> {
  const { grid } = input;
  checkLength('detectCount', grid, input.detectCount);
  checkLength('engageCount', grid, input.engageCount);
  return {
    type: 'FeatureCollection',
    features: [
      coverageFeature(grid, input.detectCount, 1, 'detect', input),
      coverageFeature(grid, input.engageCount, 1, 'engage', input),
      coverageFeature(grid, input.engageCount, 2, 'overlap', input),
    ],
  };
}

/** Gained (+1) and lost (−1) cells of an A/B delta (core maskDelta().delta) as two features. */
export function deltaGeoJson(grid: RegionGrid, delta: ArrayLike<number>, properties: Record<string, unknown> = {}): FeatureCollection<MultiPolygon> {
  checkLength('delta', grid, delta);
  const gained = new Uint8Array(delta.length);
  const lost = new Uint8Array(delta.length);
  for (let k = 0; k < delta.length; k++) {
    if (delta[k] > 0) gained[k] = 1;
    else if (delta[k] < 0) lost[k] = 1;
  }
  const feat = (mask: Uint8Array, change: 'gained' | 'lost'): Feature<MultiPolygon> => ({
    type: 'Feature',
    geometry: maskToMultiPolygon(grid, mask, 1),
    properties: { ...properties, change, areaKm2: Math.round(maskAreaKm2(grid, mask) * 10) / 10 },
  });
  return { type: 'FeatureCollection', features: [feat(gained, 'gained'), feat(lost, 'lost')] };
}

/** The text of a GeoJSON file: one line of JSON (UTF-8, no `crs` member: RFC 7946 is always WGS84 lon/lat). */
export function geoJsonText(geojson: FeatureCollection | Feature): string {
  return `${JSON.stringify(geojson)}\n`;
}

/** Writes a GeoJSON object as `geoJsonText` gives it. */
export function writeGeoJson(path: string, geojson: FeatureCollection | Feature): void {
  writeFileAtomic(path, geoJsonText(geojson));
}
