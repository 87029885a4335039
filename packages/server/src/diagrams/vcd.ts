/**
 * The vertical coverage diagram of one scenario site against one threat, as SVG for the
 * explanation panel: the core range–height model (radar/vertical-coverage.ts) drawn by io's
 * renderVcdSvg, on the scenario's earth (k factor), antenna override, boresight, jammers and value
 * case. The primary radar is the one that sees the threat farthest at Pd 0.5 along the cut;
 * contours at Pd 0.9 / 0.5 / 0.1.
 * With an azimuth and a scenario that has terrain, the diagram is cut along that azimuth: the
 * terrain profile (geodesic steps over the scenario's DEM) and the region it masks are drawn.
 */
import {
  computeVerticalCoverage,
  defaultVcdGroundRangeM,
  primaryRadarIndex,
  elevationAt,
  terrainProfileAlong,
  type TerrainProfile,
  DEFAULT_PD_THRESHOLD,
  effectiveEarthRadiusM,
  explainThreat,
  swerlingName,
  vcdMissilesOf,
  vcdRadarsOf,
  resolvedForExplain,
  resolveJammers,
  scenarioSiteRequest,
  siteBoresightRad,
  type Catalog,
  type Scenario,
  type ValueCase,
} from '@parapet/core';
import { MAX_SCENARIO_DEM_NODES, openTerrainDem, renderVcdSvg, terrainWindow } from '@parapet/io';

const PD_LEVELS = [0.9, 0.5, 0.1];

export async function siteVcdSvg(
  scenario: Scenario,
  catalog: Catalog,
  siteId: string,
  threatId: string,
  valueCase: ValueCase,
  azimuthDeg?: number,
): Promise<string> {
  const site = scenario.sites.find((s) => s.id === siteId);
  if (!site) throw new RangeError(`no site "${siteId}" in the scenario`);
  const system = catalog.systems.get(site.system);
  if (!system) throw new RangeError(`site "${siteId}": unknown system "${site.system}"`);
  const threatEntry = catalog.threats.get(threatId);
  if (!threatEntry) throw new RangeError(`unknown threat "${threatId}"`);
  // The scenario's aspect, self-protection jammer and stand-off jammers, as on its maps.
  const threat = {
    ...explainThreat(threatEntry, valueCase).params,
    ...resolvedForExplain(scenarioSiteRequest({ scenario, catalog, valueCase }, siteId, threatId)).threat,
  };
  const radars = vcdRadarsOf(system, valueCase, site.antennaHeightM, siteBoresightRad(scenario, site));
  const missiles = vcdMissilesOf(system, valueCase);
  const engagementPd = (scenario.analysis as { pd?: number }).pd ?? DEFAULT_PD_THRESHOLD;
  const azimuthRad = azimuthDeg === undefined ? undefined : (azimuthDeg * Math.PI) / 180;
  const primary = primaryRadarIndex(radars, threat, azimuthRad);
  const allPd = [...new Set([...PD_LEVELS, engagementPd])];
  const maxGroundRangeM = defaultVcdGroundRangeM(radars, primary, missiles, allPd, threat);
  let terrain: (TerrainProfile & { voids: number }) | undefined;
  let terrainNote = 'smooth earth';
  if (azimuthDeg !== undefined && scenario.terrain) {
    const mosaic = await openTerrainDem(scenario.terrain);
    const dem = await mosaic.readWindow(terrainWindow(scenario), { maxNodes: MAX_SCENARIO_DEM_NODES });
    terrain = terrainProfileAlong(
      (lon, lat) => elevationAt(dem, lon, lat),
      site.lon,
      site.lat,
      azimuthDeg,
      maxGroundRangeM,
      Math.max(50, maxGroundRangeM / 4000),
    );
    if (terrain.voids === terrain.groundRangeM.length)
      throw new RangeError(`the scenario's DEM has no data along azimuth ${azimuthDeg.toFixed(1)}° from ${siteId}`);
    terrainNote = `terrain along azimuth ${azimuthDeg.toFixed(1)}° (${mosaic.label})${terrain.voids ? `, ${terrain.voids} void samples filled` : ''}`;
  } else if (azimuthDeg !== undefined) terrainNote = `smooth earth (the scenario has no terrain) · azimuth ${azimuthDeg.toFixed(1)}°`;
  const vc = computeVerticalCoverage({
    radars,
    missiles,
    threat,
    azimuthRad,
    site: { lonDeg: site.lon, latDeg: site.lat },
    jamming: { standOff: resolveJammers(scenario, catalog, valueCase) },
    pdLevels: allPd,
    engagementPd,
    earthRadiusM: effectiveEarthRadiusM(scenario.earth.kFactor),
    maxGroundRangeM,
    terrain,
    samples: 1201,
  });
  vc.detections = vc.detections.filter((d) => (d.radarIndex === primary ? PD_LEVELS.includes(d.pd) : d.pd === engagementPd));
  const radar = vc.input.radars[primary];
  const cal = radar.model.calibration;
  return renderVcdSvg(vc, {
    title: `${site.id} — ${system.name} vs ${threatEntry.name}`,
    subtitle: [
      `${radar.name}; RCS ${threat.rcsM2} m² (Swerling ${swerlingName(threat.swerling)}) · ${valueCase} values`,
      `Calibration: ${(cal.refRangeM / 1000).toFixed(0)} km vs ${cal.refRcsM2} m² at Pd ${cal.refPd}, Pfa ${cal.pfa}, ${cal.pulses} pulse${cal.pulses > 1 ? 's' : ''} · k = ${scenario.earth.kFactor.toFixed(3)}`,
      `${terrainNote[0].toUpperCase()}${terrainNote.slice(1)}`,
    ],
    footer: ['Notional parameters from public sources (see the sources panel). Analysis and education only.'],
    primaryRadarIndex: primary,
    width: 900,
    height: 560,
  });
}
