/**
 * Outcome at a place of interest, evaluated at the exact point (not the grid cell): which sites
 * detect and engage the target there, and the lowest altitude at which any site engages it,
 * found by scanning altitude in fixed steps from the ground up.
 */
import { geodesicInverse } from '../geo/geodesic.js';
import { DETECTED, ENGAGED, SiteEvaluator, type JammingInput } from '../engagement/site-evaluator.js';
import type { AltitudeReference, Place } from '../scenario/schema.js';
import type { ResolvedSite, ThreatParams } from '../scenario/resolve.js';
import type { VisibilityProvider } from './visibility-provider.js';

/** Altitude step and ceiling of the lowest-engaged-altitude scan, metres. */
export const ALTITUDE_SCAN_STEP_M = 10;
export const ALTITUDE_SCAN_MAX_M = 40_000;

export interface PlaceOutcome {
  name: string;
  lonDeg: number;
  latDeg: number;
  detected: boolean;
  engaged: boolean;
  detectedBy: string[];
  engagedBy: string[];
  /** Lowest altitude (same reference as the analysis) at which some site engages, or null. */
  lowestEngagedAltitudeM: number | null;
  /** Lowest altitude at which some site detects, or null. */
  lowestDetectedAltitudeM: number | null;
  /** Ground range from each site, km, by site id. */
  rangeFromSiteKm: Record<string, number>;
}

interface PreparedPlace {
  ground: number;
  rangeM: Float64Array;
  azRad: Float64Array;
  minVis: Float64Array[][];
}

function preparePlace(place: Place, sites: readonly ResolvedSite[], visibility: VisibilityProvider, evs: readonly SiteEvaluator[]): PreparedPlace {
  const ground = visibility.pointGroundMslM(place.lon, place.lat);
  const rangeM = new Float64Array(sites.length);
  const azRad = new Float64Array(sites.length);
  const minVis: Float64Array[][] = [];
  sites.forEach((s, si) => {
    const g = geodesicInverse(s.lonDeg, s.latDeg, place.lon, place.lat);
    rangeM[si] = g.distanceM;
    const az = (g.azimuthDeg * Math.PI) / 180;
    azRad[si] = az;
    const per: Float64Array[] = [];
    for (let r = 0; r < evs[si].radarCount; r++) {
      per.push(Float64Array.of(visibility.pointMinVisibleMslM(si, evs[si].antennaAglM[r], place.lon, place.lat, g.distanceM, az)));
    }
    minVis.push(per);
  });
  return { ground, rangeM, azRad, minVis };
}

export function placeOutcome(
  place: Place,
  sites: readonly ResolvedSite[],
  visibility: VisibilityProvider,
  threat: ThreatParams,
  altitudeM: number,
  altitudeReference: AltitudeReference,
  jamming?: JammingInput,
): PlaceOutcome {
  const evs = sites.map((s, si) => new SiteEvaluator(s, threat, visibility.siteGroundMslM(si), visibility.earthRadiusM, jamming));
  const p = preparePlace(place, sites, visibility, evs);
  const toMsl = (alt: number): number => (altitudeReference === 'agl' ? alt + p.ground : alt);
  const detectedBy: string[] = [];
  const engagedBy: string[] = [];
  evs.forEach((ev, si) => {
    const bits = ev.evaluate(p.rangeM[si], p.azRad[si], p.ground, toMsl(altitudeM), p.minVis[si], 0);
    if (bits & DETECTED) detectedBy.push(sites[si].id);
    if (bits & ENGAGED) engagedBy.push(sites[si].id);
  });
  let lowestEng: number | null = null;
  let lowestDet: number | null = null;
  const start = altitudeReference === 'agl' ? 0 : Math.max(0, Math.ceil(p.ground / ALTITUDE_SCAN_STEP_M) * ALTITUDE_SCAN_STEP_M);
  for (let alt = start; alt <= ALTITUDE_SCAN_MAX_M && lowestEng === null; alt += ALTITUDE_SCAN_STEP_M) {
    for (let si = 0; si < evs.length; si++) {
      const bits = evs[si].evaluate(p.rangeM[si], p.azRad[si], p.ground, toMsl(alt), p.minVis[si], 0);
      if (bits & DETECTED && lowestDet === null) lowestDet = alt;
      if (bits & ENGAGED) {
        lowestEng = alt;
        break;
      }
    }
  }
  const rangeFromSiteKm: Record<string, number> = {};
  sites.forEach((s, si) => (rangeFromSiteKm[s.id] = p.rangeM[si] / 1000));
  return {
    name: place.name,
    lonDeg: place.lon,
    latDeg: place.lat,
    detected: detectedBy.length > 0,
    engaged: engagedBy.length > 0,
    detectedBy,
    engagedBy,
    lowestEngagedAltitudeM: lowestEng,
    lowestDetectedAltitudeM: lowestDet,
    rangeFromSiteKm,
  };
}
