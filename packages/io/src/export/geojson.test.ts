import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geodesicInverse, geodesicPolygonAreaM2, makeRegionGrid, type RegionGrid } from '@parapet/core';
import { coverageGeoJson, deltaGeoJson, maskToMultiPolygon } from './geojson.js';

/** Independent shoelace, lon/lat plane with latitude up: positive = counter-clockwise. */
function shoelace(ring: Position[]): number {
  let s = 0;
  for (let i = 0; i + 1 < ring.length; i++) s += (ring[i + 1][0] - ring[i][0]) * (ring[i + 1][1] + ring[i][1]);
  return -s / 2;
}

/** Even–odd ray casting over every ring of a multipolygon. */
function inside(coords: Position[][][], lon: number, lat: number): boolean {
  let c = false;
  for (const poly of coords) {
    for (const ring of poly) {
      for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) c = !c;
      }
    }
  }
  return c;
}

/** Cells whose centre lies within [rMin, rMax] metres of a point (GeographicLib distances). */
function annulusMask(grid: RegionGrid, lon: number, lat: number, rMaxM: number, rMinM = -1): Uint8Array {
  const m = new Uint8Array(grid.width * grid.height);
  for (let j = 0; j < grid.height; j++) {
    for (let i = 0; i < grid.width; i++) {
      const s = geodesicInverse(lon, lat, grid.westDeg + (i + 0.5) * grid.dLonDeg, grid.northDeg - (j + 0.5) * grid.dLatDeg).distanceM;
      if (s <= rMaxM && s > rMinM) m[j * grid.width + i] = 1;
    }
  }
  return m;
}

function maskAreaM2(grid: RegionGrid, m: ArrayLike<number>): number {
  let a = 0;
  for (let j = 0; j < grid.height; j++) for (let i = 0; i < grid.width; i++) if (m[j * grid.width + i]) a += grid.rowCellAreaM2[j];
  return a;
}

const grid = makeRegionGrid({ westDeg: 125, southDeg: 38, eastDeg: 128, northDeg: 41 }, 2000);

describe('maskToMultiPolygon', () => {
  it('traces a 100 km disc whose geodesic area matches the mask area and π·r² within 1.5%', () => {
    const mask = annulusMask(grid, 126.5, 39.5, 100_000);
    const mp = maskToMultiPolygon(grid, mask);
    expect(mp.coordinates).toHaveLength(1);
    expect(mp.coordinates[0]).toHaveLength(1);
    const areaM2 = geodesicPolygonAreaM2(mp.coordinates[0][0].map((p) => [p[0], p[1]] as [number, number]));
    expect(Math.abs(areaM2 / maskAreaM2(grid, mask) - 1)).toBeLessThan(0.015);
    expect(Math.abs(areaM2 / (Math.PI * 100_000 ** 2) - 1)).toBeLessThan(0.015);
  });

  it('winds exterior rings counter-clockwise and holes clockwise (RFC 7946 §3.1.6)', () => {
    const mask = annulusMask(grid, 126.5, 39.5, 100_000, 40_000);
    const mp = maskToMultiPolygon(grid, mask);
    expect(mp.coordinates).toHaveLength(1);
    const [outer, hole] = mp.coordinates[0];
    expect(mp.coordinates[0]).toHaveLength(2);
    expect(shoelace(outer)).toBeGreaterThan(0);
    expect(shoelace(hole)).toBeLessThan(0);
    const area = geodesicPolygonAreaM2(outer as [number, number][]) - geodesicPolygonAreaM2(hole as [number, number][]);
    expect(Math.abs(area / (Math.PI * (100_000 ** 2 - 40_000 ** 2)) - 1)).toBeLessThan(0.02);
  });

  it('puts every cell centre inside the polygons exactly when the mask covers it', () => {
    const small = makeRegionGrid({ westDeg: 126, southDeg: 38, eastDeg: 127, northDeg: 38.8 }, 3000);
    const mask = new Uint8Array(small.width * small.height);
    let s = 7;
    for (let k = 0; k < mask.length; k++) {
      s = (s * 1103515245 + 12345) >>> 0;
      mask[k] = (s >>> 16) % 20 < 12 ? 1 : 0; // speckle: many small polygons, holes and saddles
    }
    const mp = maskToMultiPolygon(small, mask);
    expect(mp.coordinates.some((poly) => poly.length > 1)).toBe(true); // the case has holes
    for (let j = 0; j < small.height; j++) {
      for (let i = 0; i < small.width; i++) {
        const lon = small.westDeg + (i + 0.5) * small.dLonDeg;
        const lat = small.northDeg - (j + 0.5) * small.dLatDeg;
        expect(inside(mp.coordinates, lon, lat)).toBe(mask[j * small.width + i] === 1);
      }
    }
  });

  it('writes closed rings of ≥4 positions, rounded to 1e-5°, inside the grid box', () => {
    const mask = annulusMask(grid, 125.2, 40.9, 80_000); // touches the west and north edges
    const mp = maskToMultiPolygon(grid, mask);
    let minLon = Infinity;
    let maxLat = -Infinity;
    for (const poly of mp.coordinates) {
      for (const ring of poly) {
        expect(ring.length).toBeGreaterThanOrEqual(4);
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        for (const [lon, lat] of ring) {
          expect(Math.abs(lon * 1e5 - Math.round(lon * 1e5))).toBeLessThan(1e-6);
          expect(Math.abs(lat * 1e5 - Math.round(lat * 1e5))).toBeLessThan(1e-6);
          minLon = Math.min(minLon, lon);
          maxLat = Math.max(maxLat, lat);
        }
      }
    }
    expect(minLon).toBe(125);
    expect(maxLat).toBe(41);
  });

  it('gives an empty MultiPolygon for an empty mask', () => {
    expect(maskToMultiPolygon(grid, new Uint8Array(grid.width * grid.height))).toEqual({ type: 'MultiPolygon', coordinates: [] });
  });

  it('rejects a mask of the wrong size', () => {
    expect(() => maskToMultiPolygon(grid, new Uint8Array(5))).toThrow(/must have .* cells, got 5/);
  });
});

describe('coverageGeoJson', () => {
  it('gives detect, engage and overlap features with their properties and mask areas', () => {
    const a = annulusMask(grid, 126.2, 39.5, 90_000);
    const b = annulusMask(grid, 127.0, 39.5, 90_000);
    const detect = annulusMask(grid, 126.6, 39.5, 200_000);
    const engage = new Uint8Array(a.length);
    for (let k = 0; k < a.length; k++) engage[k] = a[k] + b[k];
    const both = engage.map((v) => (v >= 2 ? 1 : 0));
    const fc = coverageGeoJson({
      grid,
      detectCount: detect,
      engageCount: engage,
      threatId: 'f-16',
      altitudeM: 1000,
      altitudeReference: 'msl',
      properties: { scenario: 'test' },
    });
    expect(fc.features.map((f) => f.properties.kind)).toEqual(['detect', 'engage', 'overlap']);
    const [fd, fe, fo] = fc.features;
    expect(fe.properties).toMatchObject({ threat: 'f-16', altitudeM: 1000, altitudeReference: 'msl', minSites: 1, scenario: 'test' });
    expect(fo.properties.minSites).toBe(2);
    expect(fd.properties.areaKm2).toBeCloseTo(maskAreaM2(grid, detect) / 1e6, 0);
    expect(fo.properties.areaKm2).toBeCloseTo(maskAreaM2(grid, both) / 1e6, 0);
    expect(fe.geometry.coordinates).toHaveLength(1); // the two discs overlap: one polygon
    // lens of two 90 km discs 68 km apart: independent circle-intersection formula, planar
    const d = geodesicInverse(126.2, 39.5, 127.0, 39.5).distanceM;
    const r = 90_000;
    const lens = 2 * r * r * Math.acos(d / (2 * r)) - (d / 2) * Math.sqrt(4 * r * r - d * d);
    const lensPoly = geodesicPolygonAreaM2(fo.geometry.coordinates[0][0] as [number, number][]);
    expect(Math.abs(lensPoly / lens - 1)).toBeLessThan(0.03);
  });
});

describe('deltaGeoJson', () => {
  it('splits gained and lost cells', () => {
    const delta = new Int8Array(grid.width * grid.height);
    delta[0] = 1;
    delta[1] = 1;
    delta[grid.width * grid.height - 1] = -1;
    const fc = deltaGeoJson(grid, delta, { a: 'legacy', b: 's400' });
    expect(fc.features.map((f) => f.properties?.change)).toEqual(['gained', 'lost']);
    expect(fc.features[0].geometry.coordinates).toHaveLength(1);
    expect(fc.features[1].properties).toMatchObject({ a: 'legacy', b: 's400' });
    expect(fc.features[1].properties?.areaKm2).toBeCloseTo(grid.rowCellAreaM2[grid.height - 1] / 1e6, 1);
  });
});
