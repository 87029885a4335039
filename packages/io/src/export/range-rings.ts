/**
 * Range rings as polygons: per site, the ring of its longest missile range (the "range ring"
 * answer, `ring: 'missile'`) and of its longest radar instrumented range (`ring: 'radar'`). Each
 * ring is a geodesic circle on WGS84 (GeographicLib's direct problem, core geodesicDirect),
 * rounded to 1e-5° like the coverage polygons, closed and wound counter-clockwise (RFC 7946
 * §3.1.6; KML 2.2's outer boundary): vertex i lies at azimuth −360·i/n from north.
 */
import { geodesicDirect, type ResolvedSite } from '@parapet/core';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { GEOJSON_DECIMALS } from './geojson.js';

/** Points per range-ring polygon. */
export const RING_VERTICES = 180;

/** A geodesic circle of radius `rangeM` around a point, as a closed counter-clockwise lon/lat ring. */
export function geodesicCircle(lonDeg: number, latDeg: number, rangeM: number, vertices = RING_VERTICES): Position[] {
  if (!(rangeM > 0)) throw new RangeError(`rangeM must be positive, got ${rangeM}`);
  if (!(Number.isInteger(vertices) && vertices >= 3)) throw new RangeError(`vertices must be an integer ≥ 3, got ${vertices}`);
  const f = 10 ** GEOJSON_DECIMALS;
  const ring: Position[] = [];
  for (let i = 0; i < vertices; i++) {
    const p = geodesicDirect(lonDeg, latDeg, (-360 * i) / vertices, rangeM);
    ring.push([Math.round(p.lonDeg * f) / f, Math.round(p.latDeg * f) / f]);
  }
  ring.push([ring[0][0], ring[0][1]]);
  return ring;
}

export interface RangeRingProperties {
  siteId: string;
  /** 'radar': longest instrumented range of the site's radars; 'missile': longest missile range. */
  ring: 'radar' | 'missile';
  /** The radar or missile that sets the ring. */
  by: string;
  rangeKm: number;
  [extra: string]: unknown;
}

/** Per site: the longest radar instrumented-range ring, then the longest missile range ring. */
export function rangeRingFeatures(sites: readonly ResolvedSite[]): FeatureCollection<Polygon, RangeRingProperties> {
  const features: Feature<Polygon, RangeRingProperties>[] = [];
  for (const s of sites) {
    const radar = s.radars.reduce<ResolvedSite['radars'][number] | undefined>((a, b) => (a && a.instrumentedRangeM >= b.instrumentedRangeM ? a : b), undefined);
    const missile = s.missiles.reduce<ResolvedSite['missiles'][number] | undefined>((a, b) => (a && a.maxRangeM >= b.maxRangeM ? a : b), undefined);
    if (radar && radar.instrumentedRangeM > 0) {
      features.push({
        type: 'Feature',
        properties: { siteId: s.id, ring: 'radar', by: radar.name, rangeKm: radar.instrumentedRangeM / 1000 },
        geometry: { type: 'Polygon', coordinates: [geodesicCircle(s.lonDeg, s.latDeg, radar.instrumentedRangeM)] },
      });
    }
    if (missile && missile.maxRangeM > 0) {
      features.push({
        type: 'Feature',
        properties: { siteId: s.id, ring: 'missile', by: missile.name, rangeKm: missile.maxRangeM / 1000 },
        geometry: { type: 'Polygon', coordinates: [geodesicCircle(s.lonDeg, s.latDeg, missile.maxRangeM)] },
      });
    }
  }
  return { type: 'FeatureCollection', features };
}
