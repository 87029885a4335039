/**
 * One design point of a sensitivity analysis: the catalog of the draw (core catalogForDraw),
 * then the existing models at its nominal reading — the raid Monte Carlo (core
 * prepareSimulation + runRaidBlock on this thread: the outer loop is what spreads over threads)
 * and the coverage headlines (core computeCoverageLayer, placeOutcome) on the smooth earth.
 *
 * The Swerling Pd tables are remembered across the points of a design row, which share all but
 * one group of factors (core memo-detection.ts: bit-identical to computing them afresh).
 *
 * Every point replays the same raid dice: runs 0 … R−1 of the seed (common random numbers), so
 * two points differ only through their draws of the sources; a factor that cannot change the
 * raid changes no run, and its indices are exactly zero.
 *
 * Output: two numbers per headline, [value, dice standard error] — the standard error of the
 * mean over the R runs (sample SD of the per-run survival share / √R) for survival, 0 for the
 * deterministic coverage headlines.
 */
import {
  ALTITUDE_SCAN_MAX_M,
  catalogForDraw,
  computeCoverageLayer,
  computeSiteFrame,
  effectiveEarthRadiusM,
  makeRegionGrid,
  maskAreaKm2,
  MemoSwerlingDetection,
  placeOutcome,
  prepareSimulation,
  resolveJammers,
  resolveSites,
  resolveThreats,
  runRaidBlock,
  siteMaxReachM,
  SmoothEarthVisibility,
  streamStates,
  type RegionGrid,
  type SiteFrame,
} from '@parapet/core';
import { HEADLINE_GRID_MIN_RESOLUTION_M, type SensitivityPlan } from './plan.js';

/** A plan with what every point shares: the coverage grid and site frames, the dice states. */
export interface PointContext {
  plan: SensitivityPlan;
  earthRadiusM: number;
  /** Stream states of raid runs 0 … R−1. */
  states: Int32Array;
  grid: RegionGrid | undefined;
  /** Frames reach as far as the coverage-maximising reading, so that they serve every draw. */
  frames: SiteFrame[];
  /** The raids' Swerling Pd, remembered across the points of a design row (core memo-detection.ts). */
  detection: MemoSwerlingDetection;
}

export function pointContext(plan: SensitivityPlan): PointContext {
  const scenario = plan.scenario;
  const earthRadiusM = effectiveEarthRadiusM(scenario.earth.kFactor);
  const states = plan.raids ? streamStates(plan.options.seed, 0, plan.options.runs) : new Int32Array(0);
  const detection = new MemoSwerlingDetection();
  if (!plan.options.coverage) return { plan, earthRadiusM, states, grid: undefined, frames: [], detection };
  const [westDeg, southDeg, eastDeg, northDeg] = scenario.region.bbox;
  const grid = makeRegionGrid({ westDeg, southDeg, eastDeg, northDeg }, Math.max(scenario.region.resolutionM, HEADLINE_GRID_MIN_RESOLUTION_M));
  const reach = resolveSites(scenario, plan.catalog, 'high');
  const frames = reach.map((s) => computeSiteFrame(grid, s.lonDeg, s.latDeg, siteMaxReachM(s)));
  return { plan, earthRadiusM, states, grid, frames, detection };
}

/**
 * The headline outputs at one point.
 * @param u - one quantile per factor, or null for the nominal reading of every source
 */
export function evaluatePoint(ctx: PointContext, u: ArrayLike<number> | null): number[] {
  const { plan, earthRadiusM } = ctx;
  const { scenario, options } = plan;
  const catalog = u ? catalogForDraw(plan.catalog, plan.factors, u) : plan.catalog;
  const out: number[] = [];
  const k = scenario.earth.kFactor;
  if (plan.raids) {
    const model = prepareSimulation(scenario, catalog, new SmoothEarthVisibility(earthRadiusM, [], k), { jamming: options.jamming, detection: ctx.detection });
    const R = options.runs;
    const { table } = runRaidBlock(model, { seed: options.seed, firstRun: 0, runs: R, states: ctx.states });
    const T = table.targets;
    const share = new Float64Array(R);
    const meanAndSe = (first: number, count: number): void => {
      let sum = 0;
      for (let r = 0; r < R; r++) {
        let s = 0;
        for (let i = first; i < first + count; i++) if (Number.isNaN(table.killedAtSec[r * T + i])) s++;
        share[r] = s / count;
        sum += share[r];
      }
      const mean = sum / R;
      let ss = 0;
      for (let r = 0; r < R; r++) ss += (share[r] - mean) * (share[r] - mean);
      out.push(mean, R > 1 ? Math.sqrt(ss / (R - 1) / R) : 0);
    };
    for (const g of model.groups) meanAndSe(g.firstTarget, g.count);
    meanAndSe(0, T);
  }
  if (options.coverage && ctx.grid) {
    const grid = ctx.grid;
    const sites = resolveSites(scenario, catalog, 'nominal');
    const threats = resolveThreats(scenario, catalog, 'nominal');
    const standOff = options.jamming ? resolveJammers(scenario, catalog, 'nominal') : [];
    const jamming = standOff.length > 0 ? { standOff } : undefined;
    // A new provider per point: its raster cache is keyed by antenna height, which the draws move.
    const visibility = new SmoothEarthVisibility(earthRadiusM, ctx.frames, k);
    const ref = scenario.analysis.altitudeReference;
    for (const threat of threats) {
      for (const altitudeM of scenario.analysis.altitudesM) {
        const layer = computeCoverageLayer({ grid, sites, frames: ctx.frames, visibility, threat, altitudeM, altitudeReference: ref, jamming });
        out.push(maskAreaKm2(grid, layer.engageCount), 0);
      }
    }
    for (const place of scenario.places) {
      for (const threat of threats) {
        const o = placeOutcome(place, sites, visibility, threat, scenario.analysis.altitudesM[0], ref, jamming);
        out.push(o.lowestEngagedAltitudeM ?? ALTITUDE_SCAN_MAX_M, 0);
      }
    }
  }
  return out;
}
