/**
 * Resolves a checked scenario against the catalog into plain SI numbers for the models, at one
 * reading of the sources (`low` = the coverage-minimising end of every spread, `high` = the
 * coverage-maximising end, `nominal` = the nominal values).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Jammer, Missile, Radar, System, Threat } from '../catalog/schema.js';
import { pickValue, type ValueCase } from '../catalog/value.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { ASPECTS, type RcsTableM2 } from '../radar/aspect.js';
import { BANDS, type Band } from '../radar/band.js';
import type { JammerLink, ReceiverParams } from '../radar/jamming.js';
import { dbToLinear } from '../units/units.js';
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
  /** IEEE letter band: the threat's RCS is taken at this band. */
  band: Band;
  /** What noise jamming needs of the receiver (radar/jamming.ts). */
  receiver: ReceiverParams;
  /** Azimuth sector covered (phased arrays); undefined = all-round. */
  sector?: RadarSector;
  /** Highest elevation angle covered, radians; undefined = no limit. */
  maxElevationRad?: number;
}

export interface RadarSector {
  /** Azimuth the sector is centred on, radians clockwise from north (the site's boresight). */
  boresightRad: number;
  halfWidthRad: number;
  /** The array can be turned between scans (catalog `sector.steerable`). */
  steerable: boolean;
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
  /** Azimuth its sector radars face, radians (scenario boresightDeg, else toward the places; `siteBoresightRad`). */
  boresightRad: number;
  radars: RadarParams[];
  missiles: MissileParams[];
}

export interface ThreatParams {
  id: string;
  name: string;
  /** RCS by aspect and band, m² (radar/aspect.ts layout). */
  rcsM2: RcsTableM2;
  /** Aspect sector the coverage maps assume against every radar (FRONT | SIDE | REAR; default FRONT). */
  aspect?: number;
  /** A self-protection noise jammer carried by the target (scenario analysis.selfProtectionJammer). */
  selfProtection?: ResolvedJammerKind;
  speedMps: number;
  /** Fluctuation model (catalog swerling, 0–4; default I). */
  swerling?: 0 | 1 | 2 | 3 | 4;
  /** The analysis' detection threshold against this threat: single-scan Pd (scenario analysis.pd; default 0.5). */
  pdThreshold?: number;
}

/** A jammer's emission as the models need it. */
export interface ResolvedJammerKind extends JammerLink {
  id: string;
  name: string;
  bands: readonly Band[];
}

/** A stand-off jammer placed in a scenario. */
export interface ResolvedJammer extends ResolvedJammerKind {
  /** The scenario entity's id (the catalog jammer is `jammerId`). */
  entityId: string;
  jammerId: string;
  lonDeg: number;
  latDeg: number;
  altitudeM: number;
  status: SiteStatus;
}

/** Receive gain, sidelobe level, beamwidth (less coverage when larger) and noise figure (more). */
function resolveReceiver(r: Radar, valueCase: ValueCase): ReceiverParams {
  return {
    frequencyHz: pickValue(r.band.frequency, 'frequency', valueCase, 1),
    gainLinear: dbToLinear(pickValue(r.receiver.gain, 'power', valueCase, -1)),
    sidelobeLinear: dbToLinear(pickValue(r.receiver.sidelobeLevel, 'power', valueCase, -1)),
    beamwidthRad: pickValue(r.receiver.beamwidth, 'angle', valueCase, -1),
    noiseFigureLinear: dbToLinear(pickValue(r.receiver.noiseFigure, 'power', valueCase, 1)),
  };
}

export function resolveRadar(r: Radar, valueCase: ValueCase, antennaHeightOverrideM?: number, boresightRad = 0): RadarParams {
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
    band: r.band.letter,
    receiver: resolveReceiver(r, valueCase),
    sector: r.sector ? { boresightRad, halfWidthRad: pickValue(r.sector.halfWidth, 'angle', valueCase, 1), steerable: r.sector.steerable } : undefined,
    maxElevationRad: r.maxElevation ? pickValue(r.maxElevation, 'angle', valueCase, 1) : undefined,
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
  boresightRad = 0,
): ResolvedSite {
  return {
    id: site.id,
    systemId: system.id,
    systemName: system.name,
    lonDeg: site.lon,
    latDeg: site.lat,
    status: site.status,
    boresightRad,
    radars: system.radars.map((r) => resolveRadar(r, valueCase, site.antennaHeightM, boresightRad)),
    missiles: system.missiles.map((m) => resolveMissile(m, system.radars, valueCase)),
  };
}

/** A threat's RCS table (m², [aspect·7 + band]); missing side or rear sectors take the front figures. */
export function resolveRcsTable(t: Threat, valueCase: ValueCase): RcsTableM2 {
  const out = new Float64Array(ASPECTS.length * BANDS.length);
  ASPECTS.forEach((a, ai) => {
    const row = t.rcs[a] ?? t.rcs.front;
    BANDS.forEach((b, bi) => {
      out[ai * BANDS.length + bi] = pickValue(row[b], 'area', valueCase, 1);
    });
  });
  return out;
}

export function resolveJammerKind(j: Jammer, valueCase: ValueCase): ResolvedJammerKind {
  return {
    id: j.id,
    name: j.name,
    bands: j.bands,
    erpW: dbToLinear(pickValue(j.erp, 'power', valueCase, -1)),
    bandwidthHz: pickValue(j.bandwidth, 'frequency', valueCase, 1),
  };
}

/** The scenario's stand-off jammers (empty without a `jammers:` section). */
export function resolveJammers(scenario: Scenario, catalog: Catalog, valueCase: ValueCase = 'nominal'): ResolvedJammer[] {
  return (scenario.jammers ?? []).map((e) => {
    const j = catalog.jammers.get(e.jammer);
    if (!j) throw new Error(`unknown jammer "${e.jammer}" (run checkScenario first)`);
    return { ...resolveJammerKind(j, valueCase), entityId: e.id, jammerId: j.id, lonDeg: e.lon, latDeg: e.lat, altitudeM: e.altitudeM, status: e.status };
  });
}

/**
 * The azimuth a site's sector radars face, radians: the site's `boresightDeg`; else the bearing
 * from the site to the centroid of the scenario's places (the defended area the threat comes
 * from, in these scenarios); else north.
 */
export function siteBoresightRad(scenario: Pick<Scenario, 'places'>, site: { lon: number; lat: number; boresightDeg?: number }): number {
  if (site.boresightDeg !== undefined) return (site.boresightDeg * Math.PI) / 180;
  const places = scenario.places ?? [];
  if (places.length === 0) return 0;
  let lon = 0;
  let lat = 0;
  for (const p of places) {
    lon += p.lon;
    lat += p.lat;
  }
  const g = geodesicInverse(site.lon, site.lat, lon / places.length, lat / places.length);
  return g.distanceM > 0 ? (g.azimuthDeg * Math.PI) / 180 : 0;
}

export function resolveThreat(t: Threat, valueCase: ValueCase): ThreatParams {
  return {
    id: t.id,
    name: t.name,
    rcsM2: resolveRcsTable(t, valueCase),
    speedMps: pickValue(t.speed, 'speed', valueCase, -1),
    swerling: t.swerling as 0 | 1 | 2 | 3 | 4,
  };
}

/** Every site of a checked scenario resolved against the catalog. */
export function resolveSites(scenario: Scenario, catalog: Catalog, valueCase: ValueCase = 'nominal'): ResolvedSite[] {
  return scenario.sites.map((s) => {
    const system = catalog.systems.get(s.system);
    if (!system) throw new Error(`unknown system "${s.system}" (run checkScenario first)`);
    return resolveSystemAt(system, s, valueCase, siteBoresightRad(scenario, s));
  });
}

export function resolveThreats(scenario: Scenario, catalog: Catalog, valueCase: ValueCase = 'nominal'): ThreatParams[] {
  return scenario.analysis.threats.map((id) => {
    const t = catalog.threats.get(id);
    if (!t) throw new Error(`unknown threat "${id}" (run checkScenario first)`);
    const spj = scenario.analysis.selfProtectionJammer;
    const j = spj ? catalog.jammers.get(spj) : undefined;
    if (spj && !j) throw new Error(`unknown jammer "${spj}" (run checkScenario first)`);
    return {
      ...resolveThreat(t, valueCase),
      pdThreshold: scenario.analysis.pd,
      aspect: ASPECTS.indexOf(scenario.analysis.aspect ?? 'front'),
      selfProtection: j ? resolveJammerKind(j, valueCase) : undefined,
    };
  });
}
