/**
 * Line-of-sight geometry over a smooth spherical earth of effective radius a_e = k·R.
 *
 * Heights are above the sphere (mean sea level on a smooth earth). Ground range s is the arc
 * length along the surface; the central angle is θ = s / a_e.
 * References: Skolnik, Introduction to Radar Systems, 3rd ed., §8.4 (4/3 earth);
 * Blake, Radar Range-Performance Analysis (1986), ch. 8 (exact geometry).
 */

/**
 * The classic radar-horizon approximation, d = √(2·a_e·h_r) + √(2·a_e·h_t) (Skolnik eq. 8.29).
 * Kept for tests and explanations; the code uses the exact geometry below.
 * @returns horizon ground range in metres
 */
export function radarHorizonApproxM(antennaHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  return Math.sqrt(2 * earthRadiusM * Math.max(0, antennaHeightM)) + Math.sqrt(2 * earthRadiusM * Math.max(0, targetHeightM));
}

/**
 * Exact ground range at which a ray from the antenna grazes the sphere, then reaches the target
 * height: s = a_e·(acos(a_e/(a_e+h_r)) + acos(a_e/(a_e+h_t))).
 */
export function radarHorizonExactM(antennaHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  const a = earthRadiusM;
  return a * (Math.acos(a / (a + Math.max(0, antennaHeightM))) + Math.acos(a / (a + Math.max(0, targetHeightM))));
}

/**
 * Lowest target height (above the sphere) visible from an antenna at height h_r over a smooth
 * earth, at ground range s. Within the antenna's own horizon arc θ_r = acos(a_e/(a_e+h_r)) every
 * height ≥ 0 is visible; beyond it the grazing ray limits the target to
 *   h_min = a_e / cos(s/a_e − θ_r) − a_e.
 * Beyond a quarter circle past the tangent point nothing is visible (returns +Infinity).
 */
export function minVisibleHeightSmoothM(groundRangeM: number, antennaHeightM: number, earthRadiusM: number): number {
  const a = earthRadiusM;
  const thetaR = Math.acos(a / (a + Math.max(0, antennaHeightM)));
  const beyond = groundRangeM / a - thetaR;
  if (beyond <= 0) return 0;
  if (beyond >= Math.PI / 2) return Infinity;
  return a / Math.cos(beyond) - a;
}

/**
 * Straight-line (slant) range between antenna and target by the law of cosines on the
 * effective sphere: r² = (a+h_r)² + (a+h_t)² − 2(a+h_r)(a+h_t)·cos(s/a).
 * Written in a cancellation-free form using 1 − cos θ = 2 sin²(θ/2).
 */
export function slantRangeM(groundRangeM: number, antennaHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  const ra = earthRadiusM + antennaHeightM;
  const rt = earthRadiusM + targetHeightM;
  const dh = rt - ra;
  const sinHalf = Math.sin(groundRangeM / (2 * earthRadiusM));
  return Math.sqrt(dh * dh + 4 * ra * rt * sinHalf * sinHalf);
}

/**
 * Elevation angle of the target seen from the antenna (radians, positive up), on the effective
 * sphere: sin E = ((a+h_t)·cos θ − (a+h_r)) / r.
 */
export function elevationAngleRad(groundRangeM: number, antennaHeightM: number, targetHeightM: number, earthRadiusM: number): number {
  const r = slantRangeM(groundRangeM, antennaHeightM, targetHeightM, earthRadiusM);
  if (r === 0) return 0;
  const theta = groundRangeM / earthRadiusM;
  return Math.asin(((earthRadiusM + targetHeightM) * Math.cos(theta) - (earthRadiusM + antennaHeightM)) / r);
}

/**
 * Target height above the sphere at ground range s for a ray leaving the antenna at elevation E:
 * h = √(r² + (a+h_r)² + 2r(a+h_r)·sin E) − a, with r solved from the ground range. Used to draw
 * constant-elevation lines on vertical coverage diagrams.
 */
export function heightAtElevationM(groundRangeM: number, elevationRad: number, antennaHeightM: number, earthRadiusM: number): number {
  const ra = earthRadiusM + antennaHeightM;
  const theta = groundRangeM / earthRadiusM;
  // Triangle centre–antenna–target: angle at target = π/2 − E − θ; sine rule gives the radius.
  const angleAtTarget = Math.PI / 2 - elevationRad - theta;
  if (angleAtTarget <= 0) return Infinity;
  const rt = (ra * Math.sin(Math.PI / 2 + elevationRad)) / Math.sin(angleAtTarget);
  return rt - earthRadiusM;
}
