/**
 * A raid group's route sampled in time: the group flies the waypoints in order at constant ground
 * speed along WGS84 geodesics (GeographicLib), its altitude varying linearly with distance along
 * each leg. A leg whose two ends are AGL follows the terrain (AGL interpolated, MSL = ground +
 * AGL); otherwise both ends are converted to MSL and MSL is interpolated.
 */
import { geodesicDirect, geodesicInverse } from '../geo/geodesic.js';
import { assertPositive } from '../units/units.js';

export interface RoutePoint {
  lonDeg: number;
  latDeg: number;
  altitudeM: number;
  reference: 'msl' | 'agl';
}

export interface SampledRoute {
  stepSec: number;
  /** Time from the first to the last waypoint, seconds. */
  durationSec: number;
  /** Samples at t = k·stepSec, k = 0 … n−1; the last sample is the final waypoint. */
  count: number;
  lonDeg: Float64Array;
  latDeg: Float64Array;
  altMslM: Float64Array;
  groundMslM: Float64Array;
  /** Ground distance flown since the first waypoint, metres. */
  alongM: Float64Array;
}

/**
 * Samples a route every `stepSec` seconds.
 * @param groundMslM - ground elevation MSL at a point (0 on a smooth earth)
 */
export function sampleRoute(
  points: readonly RoutePoint[],
  speedMps: number,
  stepSec: number,
  groundMslM: (lonDeg: number, latDeg: number) => number,
): SampledRoute {
  if (points.length < 2) throw new RangeError(`a route needs at least 2 points, got ${points.length}`);
  assertPositive('speedMps', speedMps);
  assertPositive('stepSec', stepSec);
  const nLeg = points.length - 1;
  const legLen = new Float64Array(nLeg);
  const legAz = new Float64Array(nLeg);
  const legStart = new Float64Array(nLeg + 1);
  for (let l = 0; l < nLeg; l++) {
    const a = points[l];
    const b = points[l + 1];
    const g = geodesicInverse(a.lonDeg, a.latDeg, b.lonDeg, b.latDeg);
    legLen[l] = g.distanceM;
    legAz[l] = g.azimuthDeg;
    legStart[l + 1] = legStart[l] + g.distanceM;
  }
  const totalM = legStart[nLeg];
  if (!(totalM > 0)) throw new RangeError('a route must have a non-zero length');
  const ground = points.map((p) => groundMslM(p.lonDeg, p.latDeg));
  const durationSec = totalM / speedMps;
  const count = Math.ceil(durationSec / stepSec - 1e-9) + 1;
  const out: SampledRoute = {
    stepSec,
    durationSec,
    count,
    lonDeg: new Float64Array(count),
    latDeg: new Float64Array(count),
    altMslM: new Float64Array(count),
    groundMslM: new Float64Array(count),
    alongM: new Float64Array(count),
  };
  let l = 0;
  for (let k = 0; k < count; k++) {
    const s = Math.min(totalM, k * stepSec * speedMps);
    while (l < nLeg - 1 && s > legStart[l + 1]) l++;
    const a = points[l];
    const b = points[l + 1];
    const d = s - legStart[l];
    const f = legLen[l] > 0 ? Math.min(1, Math.max(0, d / legLen[l])) : 1;
    const p = d <= 0 ? { lonDeg: a.lonDeg, latDeg: a.latDeg } : geodesicDirect(a.lonDeg, a.latDeg, legAz[l], d);
    const g = groundMslM(p.lonDeg, p.latDeg);
    let alt: number;
    if (a.reference === 'agl' && b.reference === 'agl') {
      alt = g + a.altitudeM + f * (b.altitudeM - a.altitudeM);
    } else {
      const am = a.reference === 'agl' ? ground[l] + a.altitudeM : a.altitudeM;
      const bm = b.reference === 'agl' ? ground[l + 1] + b.altitudeM : b.altitudeM;
      alt = am + f * (bm - am);
    }
    out.lonDeg[k] = p.lonDeg;
    out.latDeg[k] = p.latDeg;
    out.groundMslM[k] = g;
    out.altMslM[k] = Math.max(alt, g);
    out.alongM[k] = s;
  }
  return out;
}
