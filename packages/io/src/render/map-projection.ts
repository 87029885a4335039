/**
 * The map projection: equirectangular (plate carrée) with the longitude axis scaled by the ratio
 * of metres per degree of longitude to metres per degree of latitude at the box's central
 * latitude (both from GeographicLib, on WGS84) — the same ratio the analysis grid uses for its
 * cells. Both axes are linear in degrees, so the lon/lat analysis raster maps onto the map as one
 * axis-aligned image with no resampling, cell edges exactly on pixel coordinates.
 *
 * (Snyder, "Map Projections — A Working Manual", USGS PP 1395, 1987, §12: equidistant
 * cylindrical with standard parallel φ1; here cos φ1 is replaced by the ellipsoidal ratio.)
 */
import { geoProjection, type GeoProjection } from 'd3-geo';
import { geodesicInverse, type BBox } from '@parapet/core';

export interface MapProjection {
  bbox: BBox;
  /** Map area size in SVG pixels. */
  widthPx: number;
  heightPx: number;
  pxPerDegLon: number;
  pxPerDegLat: number;
  /** Projected x of a longitude (0 at the west edge). */
  x(lonDeg: number): number;
  /** Projected y of a latitude (0 at the north edge). */
  y(latDeg: number): number;
  /** The same projection as a d3-geo projection, clipped to the map area, for paths. */
  d3: GeoProjection;
}

/** Metres per degree of longitude and of latitude at the centre of `bbox` (GeographicLib). */
export function metresPerDegree(bbox: BBox): { lonM: number; latM: number } {
  const midLat = (bbox.southDeg + bbox.northDeg) / 2;
  const midLon = (bbox.westDeg + bbox.eastDeg) / 2;
  return {
    latM: geodesicInverse(midLon, midLat - 0.5, midLon, midLat + 0.5).distanceM,
    lonM: geodesicInverse(midLon - 0.5, midLat, midLon + 0.5, midLat).distanceM,
  };
}

/**
 * A projection of `bbox` that fits inside `maxWidthPx` × `maxHeightPx` while keeping true
 * proportions (one kilometre east is as long as one kilometre north at the central latitude).
 */
export function makeMapProjection(bbox: BBox, maxWidthPx: number, maxHeightPx: number): MapProjection {
  if (!(maxWidthPx > 0) || !(maxHeightPx > 0)) throw new RangeError(`map size must be positive, got ${maxWidthPx}×${maxHeightPx}`);
  if (!(bbox.eastDeg > bbox.westDeg) || !(bbox.northDeg > bbox.southDeg)) {
    throw new RangeError(`bbox must have east > west and north > south, got [${bbox.westDeg}, ${bbox.southDeg}, ${bbox.eastDeg}, ${bbox.northDeg}]`);
  }
  const { lonM, latM } = metresPerDegree(bbox);
  const widthKm = ((bbox.eastDeg - bbox.westDeg) * lonM) / 1000;
  const heightKm = ((bbox.northDeg - bbox.southDeg) * latM) / 1000;
  const pxPerKm = Math.min(maxWidthPx / widthKm, maxHeightPx / heightKm);
  const widthPx = widthKm * pxPerKm;
  const heightPx = heightKm * pxPerKm;
  const pxPerDegLon = widthPx / (bbox.eastDeg - bbox.westDeg);
  const pxPerDegLat = heightPx / (bbox.northDeg - bbox.southDeg);
  const midLon = (bbox.westDeg + bbox.eastDeg) / 2;

  // d3: x = tx + k·raw_x, y = ty − k·raw_y, raw in radians after rotating midLon to 0.
  const ratio = pxPerDegLon / pxPerDegLat;
  const raw = (lambda: number, phi: number): [number, number] => [lambda * ratio, phi];
  (raw as unknown as { invert: (x: number, y: number) => [number, number] }).invert = (x, y) => [x / ratio, y];
  const d3 = geoProjection(raw)
    .rotate([-midLon, 0])
    .scale((pxPerDegLat * 180) / Math.PI)
    .translate([widthPx / 2, pxPerDegLat * bbox.northDeg])
    .precision(0)
    .clipExtent([
      [0, 0],
      [widthPx, heightPx],
    ]);

  return {
    bbox: { westDeg: bbox.westDeg, southDeg: bbox.southDeg, eastDeg: bbox.eastDeg, northDeg: bbox.northDeg },
    widthPx,
    heightPx,
    pxPerDegLon,
    pxPerDegLat,
    x: (lonDeg) => (lonDeg - bbox.westDeg) * pxPerDegLon,
    y: (latDeg) => (bbox.northDeg - latDeg) * pxPerDegLat,
    d3,
  };
}
