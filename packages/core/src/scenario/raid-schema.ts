/**
 * Schema of the simulation parts of a scenario: notional raids (groups of catalog threats flying a
 * route of waypoints) and the fire doctrine of the sites. Structure only; threat ids are checked
 * against the catalog by `checkScenario`.
 *
 * Positions are city-level and notional; routes are drawn by the analyst, never searched for.
 */
import { z } from 'zod';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids are letters, digits, "-" and "_"');
const lon = z.number().min(-180).max(360);
const lat = z.number().min(-90).max(90);

/**
 * Fire doctrine of a fire unit: `shoot-look-shoot` fires one missile, waits for its outcome, and
 * fires again while the target survives and stays engageable; `{ salvo: N }` fires N missiles at
 * once, then looks (salvo-look-salvo). Shoot-look-shoot is a salvo of 1.
 */
export const DoctrineSchema = z.union([z.literal('shoot-look-shoot'), z.object({ salvo: z.number().int().min(1).max(16) }).strict()]);
export type Doctrine = z.infer<typeof DoctrineSchema>;

/** Missiles fired per engagement under a doctrine. */
export function salvoSize(d: Doctrine): number {
  return d === 'shoot-look-shoot' ? 1 : d.salvo;
}

export const WaypointSchema = z
  .object({
    lon,
    lat,
    altitudeM: z.number().min(0).max(100_000),
    altitudeReference: z.enum(['msl', 'agl']).optional().describe("overrides the group's altitudeReference"),
  })
  .strict();
export type Waypoint = z.infer<typeof WaypointSchema>;

export const RaidGroupSchema = z
  .object({
    id,
    threat: z.string().describe('catalog threat id'),
    jammer: z.string().optional().describe('a catalog self-protection jammer carried by every member (docs/models/jamming.md)'),
    count: z.number().int().min(1).max(1000),
    spacingSec: z.number().min(0).max(3600).default(0).describe('time between successive members along the route'),
    startSec: z.number().min(0).max(86_400).default(0).describe('start of the first member after the raid start'),
    speedMps: z.number().gt(0).max(10_000).optional().describe('ground speed; default: the catalog threat speed'),
    altitudeReference: z.enum(['msl', 'agl']).default('msl'),
    route: z.array(WaypointSchema).min(2, 'a route needs at least two waypoints'),
    note: z.string().optional(),
  })
  .strict();
export type RaidGroup = z.infer<typeof RaidGroupSchema>;

export const RaidSchema = z
  .object({
    id,
    name: z.string().optional(),
    startSec: z.number().min(0).max(86_400).default(0),
    groups: z.array(RaidGroupSchema).min(1, 'a raid needs at least one group'),
    note: z.string().optional(),
  })
  .strict();
export type Raid = z.infer<typeof RaidSchema>;
