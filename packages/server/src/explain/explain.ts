/**
 * The workbench's explanations, a thin adapter over core's explain/explanation.ts: a checked
 * scenario and the panel's question in, the explanation out, with the scenario's DEM read by io
 * for the line of sight. `parapet explain` reads the DEM with the same function, so the CLI and
 * `/api/explain` give the same numbers.
 */
import {
  effectiveEarthRadiusM,
  explainSubject,
  type Catalog,
  type Explanation,
  type ExplainSubject,
  type Scenario,
  type ValueCase,
  type VisibilityProvider,
} from '@parapet/core';
import { pointTerrainVisibility } from '@parapet/io';

export type { ExplainRow, Explanation, ExplainSubject } from '@parapet/core';

/**
 * The scenario's DEM for point questions: every site of the scenario (provider site i is
 * `scenario.sites[i]`) and the given points, over one DEM window (no horizon sweep). Undefined
 * without terrain or sites.
 */
export async function explainTerrain(scenario: Scenario, points: readonly { lonDeg: number; latDeg: number }[]): Promise<VisibilityProvider | undefined> {
  if (!scenario.terrain || scenario.sites.length === 0) return undefined;
  return pointTerrainVisibility({
    scenario,
    sites: scenario.sites.map((s) => ({ id: s.id, lonDeg: s.lon, latDeg: s.lat })),
    points,
    earthRadiusM: effectiveEarthRadiusM(scenario.earth.kFactor),
  });
}

export interface ExplainQuestion {
  subject: ExplainSubject;
  valueCase: ValueCase;
  threatId?: string;
  /** Target altitude, metres MSL. */
  altitudeM?: number;
}

/**
 * The explanation of a subject. The DEM is read only for questions of line of sight: a place, or
 * a site against a threat at an altitude.
 */
export async function explainScenario(scenario: Scenario, catalog: Catalog, q: ExplainQuestion): Promise<Explanation> {
  const { subject } = q;
  const place = subject.kind === 'place' ? scenario.places.find((p) => p.name === subject.name) : undefined;
  const needsTerrain =
    place !== undefined ||
    (subject.kind === 'site' && scenario.sites.some((s) => s.id === subject.id) && q.threatId !== undefined && q.altitudeM !== undefined);
  const terrain = needsTerrain ? await explainTerrain(scenario, place ? [{ lonDeg: place.lon, latDeg: place.lat }] : []) : undefined;
  return explainSubject({ scenario, catalog, valueCase: q.valueCase, threatId: q.threatId, altitudeM: q.altitudeM, terrain }, subject);
}
