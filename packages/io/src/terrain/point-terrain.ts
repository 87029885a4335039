/**
 * Terrain line of sight for point questions (explain over a place): the scenario's DEM read over
 * a window around the sites and the points asked about, with no region rasters — point queries
 * (`pointMinVisibleMslM`, `pointGroundMslM`) trace the geodesic through the DEM directly, the
 * same code coverage's places use (core visibility/terrain-visibility.ts), so no horizon sweep
 * of the whole region is needed.
 */
import { elevationAt, TerrainVisibility, type BBox, type Scenario } from '@parapet/core';
import { MAX_SCENARIO_DEM_NODES, openTerrainDem, terrainWindow } from './scenario-terrain.js';

export interface PointTerrainInput {
  scenario: Scenario;
  /** Sites, in the provider's site-index order. */
  sites: readonly { id: string; lonDeg: number; latDeg: number }[];
  /** Points the provider will be asked about (places). */
  points: readonly { lonDeg: number; latDeg: number }[];
  earthRadiusM: number;
  cacheDir?: string;
}

/**
 * Box holding the site and the points, padded by 0.02° plus a tenth of its span (a geodesic
 * leaves the longitude–latitude box of its ends by less than that at these ranges).
 */
export function pointTerrainWindow(lonLat: readonly { lonDeg: number; latDeg: number }[]): BBox {
  let westDeg = Infinity;
  let eastDeg = -Infinity;
  let southDeg = Infinity;
  let northDeg = -Infinity;
  for (const p of lonLat) {
    westDeg = Math.min(westDeg, p.lonDeg);
    eastDeg = Math.max(eastDeg, p.lonDeg);
    southDeg = Math.min(southDeg, p.latDeg);
    northDeg = Math.max(northDeg, p.latDeg);
  }
  const pad = 0.02 + 0.1 * Math.max(eastDeg - westDeg, northDeg - southDeg);
  return { westDeg: westDeg - pad, southDeg: southDeg - pad, eastDeg: eastDeg + pad, northDeg: northDeg + pad };
}

/**
 * A TerrainVisibility with the given sites (indices as in `sites`) over the scenario's DEM, for
 * point queries only (`minVisibleMslM` of a whole grid is not available: it throws). Throws
 * RangeError if a site lies outside the DEM or on a void.
 */
export async function pointTerrainVisibility(input: PointTerrainInput): Promise<TerrainVisibility> {
  const t = input.scenario.terrain;
  if (!t) throw new Error('pointTerrainVisibility: the scenario has no terrain section');
  const mosaic = await openTerrainDem(t, input.cacheDir);
  // Never wider than what coverage reads (region and sites, grown to hold the points), so a DEM
  // that serves the coverage maps serves explain too.
  if (input.sites.length === 0) throw new RangeError('pointTerrainVisibility: no sites');
  const mine = pointTerrainWindow([...input.sites, ...input.points]);
  const region = terrainWindow(input.scenario);
  const pad = 0.02;
  const bbox: BBox = {
    westDeg: Math.max(mine.westDeg, Math.min(region.westDeg, ...input.points.map((p) => p.lonDeg - pad))),
    eastDeg: Math.min(mine.eastDeg, Math.max(region.eastDeg, ...input.points.map((p) => p.lonDeg + pad))),
    southDeg: Math.max(mine.southDeg, Math.min(region.southDeg, ...input.points.map((p) => p.latDeg - pad))),
    northDeg: Math.min(mine.northDeg, Math.max(region.northDeg, ...input.points.map((p) => p.latDeg + pad))),
  };
  const dem = await mosaic.readWindow(bbox, { maxNodes: MAX_SCENARIO_DEM_NODES });
  const siteGroundM = input.sites.map((s) => {
    const z = elevationAt(dem, s.lonDeg, s.latDeg);
    if (z !== z) throw new RangeError(`site ${s.id} (${s.lonDeg}, ${s.latDeg}) lies outside the DEM or on a void`);
    return z;
  });
  const arcsec = Math.round(dem.dy * 3600 * 10) / 10;
  return new TerrainVisibility({
    label: `terrain: ${mosaic.label}, ${arcsec}″, k = ${input.scenario.earth.kFactor.toFixed(3)}`,
    earthRadiusM: input.earthRadiusM,
    dem,
    sites: input.sites.map((s) => ({ lonDeg: s.lonDeg, latDeg: s.latDeg })),
    siteGroundMslM: siteGroundM,
    groundMslM: new Float32Array(0),
    minVisibleMslM: new Map(),
  });
}
