/**
 * Geodesics on the WGS84 ellipsoid, by GeographicLib (Karney, "Algorithms for geodesics",
 * J. Geodesy 87, 43–55, 2013). Never hand-rolled: every distance and azimuth in Parapet comes
 * from here.
 */
import geographiclib from 'geographiclib-geodesic';
import { assertInRange } from '../units/units.js';

const { Geodesic, PolygonArea } = geographiclib;
const WGS84 = Geodesic.WGS84;
const INVERSE_MASK = Geodesic.DISTANCE | Geodesic.AZIMUTH;
const DIRECT_MASK = Geodesic.LATITUDE | Geodesic.LONGITUDE;

export interface GeodesicInverse {
  /** Geodesic distance, metres. */
  distanceM: number;
  /** Forward azimuth at the first point, degrees clockwise from north, in (-180, 180]. */
  azimuthDeg: number;
}

/** Validates a longitude/latitude pair in degrees. */
export function assertLonLat(lonDeg: number, latDeg: number): void {
  assertInRange('latitude', latDeg, -90, 90);
  assertInRange('longitude', lonDeg, -180, 360);
}

/** Distance and forward azimuth from point 1 to point 2 on WGS84. */
export function geodesicInverse(lon1Deg: number, lat1Deg: number, lon2Deg: number, lat2Deg: number): GeodesicInverse {
  const r = WGS84.Inverse(lat1Deg, lon1Deg, lat2Deg, lon2Deg, INVERSE_MASK);
  return { distanceM: r.s12 ?? NaN, azimuthDeg: r.azi1 ?? NaN };
}

/** The point reached from (lon, lat) along azimuth `azimuthDeg` after `distanceM` metres on WGS84. */
export function geodesicDirect(lonDeg: number, latDeg: number, azimuthDeg: number, distanceM: number): { lonDeg: number; latDeg: number } {
  const r = WGS84.Direct(latDeg, lonDeg, azimuthDeg, distanceM, DIRECT_MASK);
  return { lonDeg: r.lon2 ?? NaN, latDeg: r.lat2 ?? NaN };
}

/**
 * Fills `outRangeM` and `outAzimuthRad` with the geodesic distance (m) and forward azimuth
 * (radians clockwise from north) from a site to every point given by `lonDeg`/`latDeg`.
 */
export function geodesicInverseMany(
  siteLonDeg: number,
  siteLatDeg: number,
  lonDeg: Float64Array,
  latDeg: Float64Array,
  outRangeM: Float32Array,
  outAzimuthRad: Float32Array,
): void {
  const n = lonDeg.length;
  if (latDeg.length !== n || outRangeM.length !== n || outAzimuthRad.length !== n) {
    throw new RangeError('geodesicInverseMany: all arrays must have the same length');
  }
  const toRad = Math.PI / 180;
  for (let i = 0; i < n; i++) {
    const r = WGS84.Inverse(siteLatDeg, siteLonDeg, latDeg[i], lonDeg[i], INVERSE_MASK);
    outRangeM[i] = r.s12 as number;
    outAzimuthRad[i] = (r.azi1 as number) * toRad;
  }
}

/**
 * Area of a polygon on WGS84 in m², vertices as [lon, lat] degrees (Karney 2013, §6).
 * Orientation does not matter; the absolute area is returned.
 */
export function geodesicPolygonAreaM2(ring: ReadonlyArray<readonly [number, number]>): number {
  const p = new PolygonArea.PolygonArea(WGS84, false);
  for (const [lon, lat] of ring) p.AddPoint(lat, lon);
  const r = p.Compute(false, true);
  return Math.abs(r.area ?? 0);
}
