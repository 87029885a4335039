/** Unit conversions. Radians inside the core; degrees only at file and UI edges. */

export const DEG_TO_RAD = Math.PI / 180;
export const RAD_TO_DEG = 180 / Math.PI;

/** Degrees to radians. */
export function degToRad(deg: number): number {
  return deg * DEG_TO_RAD;
}

/** Radians to degrees. */
export function radToDeg(rad: number): number {
  return rad * RAD_TO_DEG;
}

/** Power ratio in decibels to a linear ratio: x = 10^(dB/10). */
export function dbToLinear(db: number): number {
  return Math.pow(10, db / 10);
}

/** Linear power ratio to decibels: dB = 10·log10(x). */
export function linearToDb(x: number): number {
  return 10 * Math.log10(x);
}

/** Kilometres to metres. */
export function kmToM(km: number): number {
  return km * 1000;
}

/** Metres to kilometres. */
export function mToKm(m: number): number {
  return m / 1000;
}

/** Throws a RangeError naming the argument unless `value` is finite and within [min, max]. */
export function assertInRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`${name} must be in [${min}, ${max}], got ${value}`);
  }
}

/** Throws a RangeError naming the argument unless `value` is finite and > 0. */
export function assertPositive(name: string, value: number): void {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${name} must be a positive number, got ${value}`);
  }
}
