/**
 * Runs the coverage analysis of a scenario end to end: resolve against the catalog → site frames
 * (worker threads) → line of sight (smooth earth, or terrain when the scenario has a DEM) →
 * one layer per (threat, altitude) → metrics. The same function serves the CLI and the server.
 */
import {
  analyzeCoverage,
  effectiveEarthRadiusM,
  makeRegionGrid,
  resolveJammers,
  resolveSites,
  resolveThreats,
  siteMaxReachM,
  SmoothEarthVisibility,
  type Catalog,
  type CoverageRun,
  type JammingInput,
  type RegionGrid,
  type ResolvedSite,
  type RingMasks,
  type Scenario,
  type SiteFrame,
  type ThreatParams,
  type ValueCase,
  type VisibilityProvider,
} from '@parapet/core';
import { computeSiteFrames } from './site-frames.js';
import { scenarioTerrainVisibility } from '../terrain/scenario-terrain.js';

export type Phase = 'frames' | 'terrain' | 'layers';

export interface CoverageOptions {
  valueCase?: ValueCase;
  /** Analyse on this grid instead of the scenario's own region (used by compare). */
  grid?: RegionGrid;
  /** Builds line of sight; default: smooth earth with the scenario's k factor. */
  visibility?: (ctx: VisibilityContext) => Promise<VisibilityProvider>;
  onProgress?: (phase: Phase, done: number, total: number) => void;
  /** false: leave out the scenario's stand-off jammers (default: they act when the scenario has any). */
  jamming?: boolean;
}

export interface VisibilityContext {
  scenario: Scenario;
  grid: RegionGrid;
  sites: readonly ResolvedSite[];
  frames: readonly SiteFrame[];
  earthRadiusM: number;
  onProgress?: (done: number, total: number) => void;
}

export interface CoverageAnalysis {
  scenario: Scenario;
  valueCase: ValueCase;
  grid: RegionGrid;
  sites: ResolvedSite[];
  threats: ThreatParams[];
  frames: SiteFrame[];
  visibility: VisibilityProvider;
  runs: CoverageRun[];
  rings: RingMasks;
  /** The stand-off jammers acting in `runs` (undefined: none). */
  jamming: JammingInput | undefined;
  /** With jammers acting: the same layers without them, for the difference jamming makes. */
  unjammedRuns?: CoverageRun[];
  elapsedMs: number;
}

/** Grid of a scenario's region. */
export function scenarioGrid(scenario: Scenario): RegionGrid {
  const [westDeg, southDeg, eastDeg, northDeg] = scenario.region.bbox;
  return makeRegionGrid({ westDeg, southDeg, eastDeg, northDeg }, scenario.region.resolutionM);
}

export async function runCoverage(scenario: Scenario, catalog: Catalog, opts: CoverageOptions = {}): Promise<CoverageAnalysis> {
  const t0 = performance.now();
  const valueCase = opts.valueCase ?? 'nominal';
  const grid = opts.grid ?? scenarioGrid(scenario);
  const sites = resolveSites(scenario, catalog, valueCase);
  const threats = resolveThreats(scenario, catalog, valueCase);
  const earthRadiusM = effectiveEarthRadiusM(scenario.earth.kFactor);
  // Frames reach as far as the coverage-maximising reading of the sources, so that the low,
  // nominal and high analyses of uncertainty bands share one set of frames (site-frames cache).
  const reachSites = valueCase === 'high' ? sites : resolveSites(scenario, catalog, 'high');
  const frames = await computeSiteFrames(
    grid,
    reachSites.map((s) => ({ lonDeg: s.lonDeg, latDeg: s.latDeg, maxReachM: siteMaxReachM(s) })),
    (d, t) => opts.onProgress?.('frames', d, t),
  );
  const ctx: VisibilityContext = { scenario, grid, sites, frames, earthRadiusM, onProgress: (d, t) => opts.onProgress?.('terrain', d, t) };
  const visibility = opts.visibility
    ? await opts.visibility(ctx)
    : scenario.terrain
      ? await scenarioTerrainVisibility(ctx)
      : new SmoothEarthVisibility(earthRadiusM, frames, scenario.earth.kFactor);
  const standOff = opts.jamming === false ? [] : resolveJammers(scenario, catalog, valueCase);
  const jamming = standOff.length > 0 ? { standOff } : undefined;
  const { runs, rings } = analyzeCoverage(scenario, grid, sites, threats, frames, visibility, (d, t) => opts.onProgress?.('layers', d, t), jamming);
  const unjammedRuns = jamming ? analyzeCoverage(scenario, grid, sites, threats, frames, visibility).runs : undefined;
  return { scenario, valueCase, grid, sites, threats, frames, visibility, runs, rings, jamming, unjammedRuns, elapsedMs: performance.now() - t0 };
}

/**
 * The same analysis with the scenario's stand-off jammers acting: the layers are computed again on
 * the analysis' frames and line of sight (no new geodesics or terrain), the unjammed ones kept as
 * `unjammedRuns`. Returns the analysis itself when the scenario has no jammers.
 */
export function withJamming(a: CoverageAnalysis, catalog: Catalog): CoverageAnalysis {
  const standOff = resolveJammers(a.scenario, catalog, a.valueCase);
  if (standOff.length === 0) return a;
  const t0 = performance.now();
  const jamming = { standOff };
  const unjammed = a.unjammedRuns ?? a.runs;
  const { runs } = analyzeCoverage(a.scenario, a.grid, a.sites, a.threats, a.frames, a.visibility, undefined, jamming);
  return { ...a, runs, jamming, unjammedRuns: unjammed, elapsedMs: a.elapsedMs + performance.now() - t0 };
}
