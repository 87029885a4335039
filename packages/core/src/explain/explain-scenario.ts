/**
 * The derivation tree of a scenario's site (explain-site.ts) with everything the scenario sets:
 * its detection threshold (`analysis.pd`), assumed aspect, the threat's self-protection jammer,
 * the stand-off jammers, the earth's k factor, the site's antenna height and boresight, and the
 * line of sight over its DEM when a terrain provider is given. `parapet explain` and the
 * workbench's `/api/explain` both call it, so they print the same numbers.
 */
import type { Catalog } from '../catalog/catalog.js';
import type { ValueCase } from '../catalog/value.js';
import type { VisibilityProvider } from '../coverage/visibility-provider.js';
import { resolveJammers, siteBoresightRad } from '../scenario/resolve.js';
import type { Scenario } from '../scenario/schema.js';
import type { ExplainNode } from './explain-node.js';
import { explainSiteThreat, type ExplainRequest } from './explain-site.js';

export interface ScenarioExplainOptions {
  scenario: Scenario;
  catalog: Catalog;
  valueCase?: ValueCase;
  /** Line of sight and ground heights from the scenario's DEM; its site i is `scenario.sites[i]`. Omitted: the smooth earth. */
  terrain?: VisibilityProvider;
}

/** A request for site `siteId` against threat `threatId`, everything but the altitude and place. */
export function scenarioSiteRequest(opts: ScenarioExplainOptions, siteId: string, threatId: string): Omit<ExplainRequest, 'altitudeM' | 'place' | 'terrain'> {
  const { scenario, catalog } = opts;
  const valueCase = opts.valueCase ?? 'nominal';
  const site = scenario.sites.find((s) => s.id === siteId);
  if (!site) throw new RangeError(`no site "${siteId}" in the scenario`);
  const system = catalog.systems.get(site.system);
  if (!system) throw new RangeError(`site "${siteId}": unknown system "${site.system}"`);
  const threat = catalog.threats.get(threatId);
  if (!threat) throw new RangeError(`unknown threat "${threatId}"`);
  const spjId = scenario.analysis.selfProtectionJammer;
  const spj = spjId ? catalog.jammers.get(spjId) : undefined;
  if (spjId && !spj) throw new RangeError(`unknown jammer "${spjId}"`);
  const pd = scenario.analysis.pd;
  return {
    catalog,
    system,
    site: { id: site.id, lonDeg: site.lon, latDeg: site.lat, antennaHeightM: site.antennaHeightM, boresightRad: siteBoresightRad(scenario, site) },
    threat,
    kFactor: scenario.earth.kFactor,
    pdThreshold: pd,
    pdThresholdOrigin: pd !== undefined ? { kind: 'scenario', path: 'analysis.pd' } : undefined,
    valueCase,
    aspect: scenario.analysis.aspect,
    selfProtectionJammer: spj,
    standOffJammers: resolveJammers(scenario, catalog, valueCase),
  };
}

/** The derivation tree of site `siteId` against `threatId` at `altitudeM` (MSL), optionally over a place. */
export function explainScenarioSite(
  opts: ScenarioExplainOptions & { siteId: string; threatId: string; altitudeM: number; place?: { name: string; lonDeg: number; latDeg: number } },
): ExplainNode {
  const siteIndex = opts.scenario.sites.findIndex((s) => s.id === opts.siteId);
  return explainSiteThreat({
    ...scenarioSiteRequest(opts, opts.siteId, opts.threatId),
    altitudeM: opts.altitudeM,
    place: opts.place,
    terrain: opts.terrain ? { provider: opts.terrain, siteIndex } : undefined,
  });
}
