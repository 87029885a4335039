/**
 * Earth constants and the effective-earth model of atmospheric refraction.
 *
 * Standard refraction bends radar rays downward; it is modelled by drawing rays straight over an
 * earth of radius a_e = k·R (k = 4/3 for the standard atmosphere).
 * Reference: Skolnik, Introduction to Radar Systems, 3rd ed., §8.4; ITU-R P.834.
 */
import { assertInRange } from '../units/units.js';

/** Mean earth radius R₁ of WGS84, (2a + b)/3, in metres. */
export const EARTH_MEAN_RADIUS_M = 6371008.8;

/** The standard-atmosphere effective-earth factor k. */
export const STANDARD_K_FACTOR = 4 / 3;

/**
 * Effective earth radius a_e = k·R.
 * @param kFactor - effective-earth factor k (4/3 standard); accepted in [0.5, 10]
 */
export function effectiveEarthRadiusM(kFactor: number = STANDARD_K_FACTOR): number {
  assertInRange('kFactor', kFactor, 0.5, 10);
  return kFactor * EARTH_MEAN_RADIUS_M;
}
