/**
 * Resolution of the simulation parameters of a site: the coverage parameters of
 * `resolveSystemAt` plus scan periods, missile average speed and Pk, and the fire unit (channels,
 * launchers, reload, reaction time, doctrine). Where the catalog has no value, a stated default
 * is used and reported (`defaulted`), so every output can say which numbers are the project's
 * placeholders.
 */
import type { Radar, System } from '../catalog/schema.js';
import { pickValue, type Value, type ValueCase } from '../catalog/value.js';
import { salvoSize, type Doctrine } from '../scenario/raid-schema.js';
import { resolveSystemAt, siteBoresightRad, type MissileParams, type RadarParams, type ResolvedSite } from '../scenario/resolve.js';
import type { Scenario, Site } from '../scenario/schema.js';

/**
 * Defaults used when the catalog has no value. All are Parapet estimates for a notional model:
 * - scan period: rotating surveillance radars ≈ 6 rpm (10 s), acquisition ≈ 5 s, electronically
 *   scanned multifunction radars revisit a track ≈ every 2 s; fire-control radars track
 *   continuously (they do not search, so they take no part in track formation).
 * - missile average speed 800 m/s (≈ Mach 2.4 averaged over the flight); Pk 0.5.
 * - fire unit: 1 target channel, 2 missile channels, 4 launchers × 1 missile, reload 600 s,
 *   reaction (track → first launch) 30 s.
 */
export const SIM_DEFAULTS = {
  scanPeriodSec: { surveillance: 10, acquisition: 5, multifunction: 2, 'fire-control': 1 } as Record<Radar['role'], number>,
  averageSpeedMps: 800,
  pk: 0.5,
  targetChannels: 1,
  missileChannels: 2,
  launchers: 4,
  missilesPerLauncher: 1,
  reloadTimeSec: 600,
  reactionTimeSec: 30,
} as const;

export const DEFAULT_DOCTRINE: Doctrine = 'shoot-look-shoot';

export interface SimRadarParams extends RadarParams {
  scanPeriodSec: number;
  /** Whether the radar searches (scans) and so contributes to track formation. */
  searches: boolean;
}

export interface SimMissileParams extends MissileParams {
  averageSpeedMps: number;
  pk: number;
}

export interface FireUnitParams {
  targetChannels: number;
  missileChannels: number;
  launchers: number;
  missilesPerLauncher: number;
  /** Missiles in reserve for reloads (scenario `reserveMissiles`, default 0). */
  reserveMissiles: number;
  reloadTimeSec: number;
  reactionTimeSec: number;
  doctrine: Doctrine;
  /** Missiles per engagement (1 for shoot-look-shoot). */
  salvo: number;
}

export interface SimSite {
  site: ResolvedSite;
  radars: SimRadarParams[];
  missiles: SimMissileParams[];
  /** Undefined for a site without missiles (an early-warning radar only cues). */
  fireUnit: FireUnitParams | undefined;
  /** "s-75 p-12 scanPeriod: default 10 s" for every value taken from SIM_DEFAULTS. */
  defaulted: string[];
}

function orDefault(
  v: Value | undefined,
  dim: Parameters<typeof pickValue>[1],
  valueCase: ValueCase,
  sense: 1 | -1,
  fallback: number,
  label: string,
  unit: string,
  defaulted: string[],
): number {
  if (v) return pickValue(v, dim, valueCase, sense);
  defaulted.push(`${label}: default ${fallback} ${unit}`.trim());
  return fallback;
}

/** Simulation parameters of one scenario site, at one reading of the sources. */
export function resolveSimSite(system: System, site: Site, scenario: Pick<Scenario, 'doctrine' | 'places'>, valueCase: ValueCase): SimSite {
  const base = resolveSystemAt(system, site, valueCase, siteBoresightRad(scenario, site));
  const defaulted: string[] = [];
  const radars: SimRadarParams[] = system.radars.map((r, i) => ({
    ...base.radars[i],
    // A shorter scan period helps the defense: sense −1.
    scanPeriodSec: orDefault(r.scanPeriod, 'time', valueCase, -1, SIM_DEFAULTS.scanPeriodSec[r.role], `${system.id} ${r.id} scanPeriod`, 's', defaulted),
    searches: r.role !== 'fire-control',
  }));
  const missiles: SimMissileParams[] = system.missiles.map((m, i) => ({
    ...base.missiles[i],
    averageSpeedMps: orDefault(m.averageSpeed, 'speed', valueCase, 1, SIM_DEFAULTS.averageSpeedMps, `${system.id} ${m.id} averageSpeed`, 'm/s', defaulted),
    pk: orDefault(m.pk, 'ratio', valueCase, 1, SIM_DEFAULTS.pk, `${system.id} ${m.id} pk`, '', defaulted),
  }));
  let fireUnit: FireUnitParams | undefined;
  if (missiles.length > 0) {
    const f = system.fireUnit ?? {};
    const label = (k: string): string => `${system.id} fireUnit.${k}`;
    const count = (v: Value | undefined, fallback: number, k: string): number =>
      Math.max(1, Math.round(orDefault(v, 'count', valueCase, 1, fallback, label(k), '', defaulted)));
    const doctrine = site.doctrine ?? scenario.doctrine ?? DEFAULT_DOCTRINE;
    fireUnit = {
      targetChannels: count(f.targetChannels, SIM_DEFAULTS.targetChannels, 'targetChannels'),
      missileChannels: count(f.missileChannels, SIM_DEFAULTS.missileChannels, 'missileChannels'),
      launchers: count(f.launchers, SIM_DEFAULTS.launchers, 'launchers'),
      missilesPerLauncher: count(f.missilesPerLauncher, SIM_DEFAULTS.missilesPerLauncher, 'missilesPerLauncher'),
      reserveMissiles: site.reserveMissiles ?? 0,
      reloadTimeSec: orDefault(f.reloadTime, 'time', valueCase, -1, SIM_DEFAULTS.reloadTimeSec, label('reloadTime'), 's', defaulted),
      reactionTimeSec: orDefault(f.reactionTime, 'time', valueCase, -1, SIM_DEFAULTS.reactionTimeSec, label('reactionTime'), 's', defaulted),
      doctrine,
      salvo: salvoSize(doctrine),
    };
  }
  return { site: base, radars, missiles, fireUnit, defaulted };
}
