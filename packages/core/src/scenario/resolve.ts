/**
 * Resolves a checked scenario against the catalog into plain SI numbers for the models, at one
 * reading of the sources (`low` = the coverage-minimising end of every spread, `high` = the
 * coverage-maximising end, `nominal` = the nominal values).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Missile, Radar, System, Threat } from '../catalog/schema.js';
import { pickValue, type ValueCase } from '../catalog/value.js';
import type { Scenario, SiteStatus } from './schema.js';

export interface RadarParams {
  id: string;
  name: string;
  role: Radar['role'];
  antennaHeightM: number;
  instrumentedRangeM: number;
  /** Detection range against `refRcsM2`, metres. */
  refRangeM: number;
  refRcsM2: number;
  maxAltitudeM: number;
  /** Pd at which `refRangeM` holds (catalog referencePd; default 0.5 when absent). */
  refPd?: number;
  /** Probability of false alarm (catalog pfa; default 1e−6). */
  pfa?: number;
  /** Pulses integrated non-coherently (catalog pulsesIntegrated; default 1). */
  pulses?: number;
}

export interface MissileParams {
  id: string;
  name: string;
  /** Index into the site's `radars` of the radar that guides this missile. */
  guidanceRadarIndex: number;
  minRangeM: number;
  maxRangeM: number;
  minAltitudeM: number;
  maxAltitudeM: number;
  maxTargetSpeedMps: number;
}

export interface ResolvedSite {
  id: string;
  systemId: string;
  systemName: string;
  lonDeg: number;
  latDeg: number;
  status: SiteStatus;
  radars: RadarParams[];
  missiles: MissileParams[];
}

export interface ThreatParams {
  id: string;
  name: string;
  rcsM2: number;
  speedMps: number;
  /** Fluctuation model (catalog swerling, 0–4; default I). */
  swerling?: 0 | 1 | 2 | 3 | 4;
  /** The analysis' detection threshold against this threat: single-scan Pd (scenario analysis.pd; default 0.5). */
  pdThreshold?: number;
}

export function resolveRadar(r: Radar, valueCase: ValueCase, antennaHeightOverrideM?: number): RadarParams {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    antennaHeightM: antennaHeightOverrideM ?? pickValue(r.antennaHeight, 'length', valueCase, 1),
    instrumentedRangeM: pickValue(r.instrumentedRange, 'length', valueCase, 1),
    refRangeM: pickValue(r.detectionRange, 'length', valueCase, 1),
    refRcsM2: pickValue(r.referenceRcs, 'area', valueCase, -1),
    maxAltitudeM: pickValue(r.maxAltitude, 'length', valueCase, 1),
    refPd: r.referencePd ? pickValue(r.referencePd, 'ratio', valueCase, 1) : undefined,
    pfa: r.pfa,
    pulses: r.pulsesIntegrated,
  };
}

export function resolveMissile(m: Missile, radars: readonly Radar[], valueCase: ValueCase): MissileParams {
  const guidanceRadarIndex = radars.findIndex((r) => r.id === m.guidanceRadar);
  if (guidanceRadarIndex < 0) throw new Error(`missile ${m.id}: guidance radar ${m.guidanceRadar} not found`);
  return {
    id: m.id,
    name: m.name,
    guidanceRadarIndex,
    minRangeM: pickValue(m.minRange, 'length', valueCase, -1),
    maxRangeM: pickValue(m.maxRange, 'length', valueCase, 1),
    minAltitudeM: pickValue(m.minAltitude, 'length', valueCase, -1),
    maxAltitudeM: pickValue(m.maxAltitude, 'length', valueCase, 1),
    maxTargetSpeedMps: pickValue(m.maxTargetSpeed, 'speed', valueCase, 1),
  };
}

export function resolveSystemAt(
  system: System,
  site: { id: string; lon: number; lat: number; status: SiteStatus; antennaHeightM?: number },
  valueCase: ValueCase,
): ResolvedSite {
  return {
    id: site.id,
    systemId: system.id,
    systemName: system.name,
    lonDeg: site.lon,
    latDeg: site.lat,
    status: site.status,
    radars: system.radars.map((r) => resolveRadar(r, valueCase, site.antennaHeightM)),
    missiles: system.missiles.map((m) => resolveMissile(m, system.radars, valueCase)),
  };
}

export function resolveThreat(t: Threat, valueCase: ValueCase): ThreatParams {
  return {
    id: t.id,
    name: t.name,
    rcsM2: pickValue(t.rcs, 'area', valueCase, 1),
    speedMps: pickValue(t.speed, 'speed', valueCase, -1),
    swerling: t.swerling as 0 | 1 | 2 | 3 | 4,
  };
}

/** Every site of a checked scenario resolved against the catalog. */
export function resolveSites(scenario: Scenario, catalog: Catalog, valueCase: ValueCase = 'nominal'): ResolvedSite[] {
  return scenario.sites.map((s) => {
    const system = catalog.systems.get(s.system);
    if (!system) throw new Error(`unknown system "${s.system}" (run checkScenario first)`);
    return resolveSystemAt(system, s, valueCase);
  });
}

export function resolveThreats(scenario: Scenario, catalog: Catalog, valueCase: ValueCase = 'nominal'): ThreatParams[] {
  return scenario.analysis.threats.map((id) => {
    const t = catalog.threats.get(id);
    if (!t) throw new Error(`unknown threat "${id}" (run checkScenario first)`);
    return { ...resolveThreat(t, valueCase), pdThreshold: scenario.analysis.pd };
  });
}
