/**
 * Aspect of a target to a radar, and the RCS the radar sees at its band and that aspect.
 *
 * The aspect angle α is the angle between the target's heading and the line from the target to
 * the radar: α = 0 nose-on, π tail-on. The catalog's RCS tables have three sectors, a project
 * convention like the three-aspect tables of Command: Modern Operations:
 *   front |α| ≤ 45°,  side 45° < |α| < 135°,  rear |α| ≥ 135°.
 * A threat without side or rear figures uses its front figures there (stated in its catalog
 * note), so aspect only matters where sources give it. docs/models/aspect.md.
 */
import { BANDS, bandIndex, type Band } from './band.js';

export const ASPECTS = ['front', 'side', 'rear'] as const;
export type Aspect = (typeof ASPECTS)[number];

export const FRONT = 0;
export const SIDE = 1;
export const REAR = 2;

const QUARTER = Math.PI / 4;

/** |α| in [0, π] for a heading and the bearing from the target to the radar (radians, clockwise from north). */
export function aspectAngleRad(headingRad: number, bearingToRadarRad: number): number {
  let d = (bearingToRadarRad - headingRad) % (2 * Math.PI);
  if (d < 0) d += 2 * Math.PI;
  return d > Math.PI ? 2 * Math.PI - d : d;
}

/** The sector (FRONT | SIDE | REAR) of an aspect angle |α| in radians. */
export function aspectSector(aspectRad: number): number {
  const a = Math.abs(aspectRad);
  if (a <= QUARTER) return FRONT;
  if (a >= 3 * QUARTER) return REAR;
  return SIDE;
}

/**
 * A threat's RCS table as the models hold it: m², laid out [aspect·7 + band] in the order of
 * `ASPECTS` × `BANDS`.
 */
export type RcsTableM2 = Float64Array;

export function rcsIndex(aspect: number, band: Band): number {
  return aspect * BANDS.length + bandIndex(band);
}

/** The RCS (m²) a radar of `band` sees at aspect sector `aspect` (FRONT | SIDE | REAR). */
export function rcsAtM2(table: RcsTableM2, band: Band, aspect: number = FRONT): number {
  return table[rcsIndex(aspect, band)];
}

/** The aspect sector index of a name. */
export function aspectIndex(aspect: Aspect): number {
  const i = ASPECTS.indexOf(aspect);
  if (i < 0) throw new RangeError(`aspect must be one of ${ASPECTS.join(', ')}, got ${String(aspect)}`);
  return i;
}
