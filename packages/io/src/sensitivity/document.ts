/**
 * The sensitivity document (`sensitivity.json`, `parapet sensitivity --json`, the server's
 * result) built from a plan and the outputs of every design point: per headline result its value
 * at the nominal reading, its distribution across the 2N independent draws of the sources (the A
 * and B rows of the design), the raid dice' share of that spread, and the first-order and total
 * Sobol index of every group (core sensitivity/sobol-indices.ts). Numbers are rounded (shares to
 * 4 decimals, indices to 3, areas to 1 km², altitudes to 1 m) so the document reads well; nothing
 * in it depends on threads, timing or how the points were split.
 */
import { ALTITUDE_SCAN_MAX_M, designQuantiles, sobolIndices, summarizeDraws, type DrawSummary, type GroupLevel, type DistributionShape } from '@parapet/core';
import type { Headline, SensitivityPlan } from './plan.js';

export interface SensitivityIndexJson {
  group: string;
  label: string;
  /** First-order and total index with their 95% bootstrap intervals; null when the headline never moves. */
  s1: number | null;
  s1Lo: number | null;
  s1Hi: number | null;
  st: number | null;
  stLo: number | null;
  stHi: number | null;
  /**
   * Which way: the correlation (Pearson) over the 2N draws between the result and the group's
   * reading, the mean quantile u of its factors (u = 1: the coverage-maximising reading of every
   * member). Negative: the result falls as the sources are read in the defense's favour. Null
   * for a group with ST = 0 (it changes no run).
   */
  corr: number | null;
}

export interface HeadlineJson extends Headline {
  /** The value at the nominal reading of every source (the same dice). */
  nominal: number;
  /** Across the 2N independent draws. */
  distribution: DrawSummary;
  /** The 2N draws' values, in design order (A₀, B₀, A₁, B₁, …). */
  draws: number[];
  /** Lowest engaged altitude: share of draws in which the place is engaged below the scan ceiling. */
  engagedShare?: number;
  /** Raid headlines: mean standard error of a draw's value from the finite runs (the dice), and its share of the variance across draws. */
  diceSe?: number;
  noiseShare?: number | null;
  /** Sum of the first-order indices (1 for an additive model; less with interactions or dice noise). */
  sumS1: number | null;
  /** Groups by decreasing total index. */
  indices: SensitivityIndexJson[];
}

/**
 * Share of a headline's variance across the draws above which it is mostly the raid dice: its
 * indices then say little about the sources (a flight killed in nearly every draw, say).
 */
export const DICE_DOMINATED_SHARE = 0.5;

/** Whether the dice make up at least DICE_DOMINATED_SHARE of the headline's variance. */
export function diceDominated(h: HeadlineJson): boolean {
  return h.noiseShare !== undefined && h.noiseShare !== null && h.noiseShare >= DICE_DOMINATED_SHARE;
}

export interface SensitivityDocument {
  parapet: { document: 'sensitivity'; version: 1 };
  scenario: string;
  seed: number;
  /** N: independent draws of the sources per Saltelli matrix. */
  draws: number;
  /** Raid runs per design point. */
  runs: number;
  group: GroupLevel;
  distribution: DistributionShape;
  jamming: boolean;
  only: string[] | null;
  /** Model evaluations: 1 nominal + N·(k + 2). */
  evaluations: number;
  lineOfSight: string;
  method: {
    design: string;
    firstOrder: string;
    total: string;
    intervals: string;
    innerLoop: string;
    distributions: string;
  };
  factors: {
    id: string;
    label: string;
    entry: { kind: string; id: string; label: string };
    part: string;
    group: string;
    values: { where: string; unit: string; min: number; nominal: number; max: number; sense: 1 | -1; scale: 'linear' | 'log' }[];
  }[];
  groups: { id: string; label: string; factors: string[] }[];
  headlines: HeadlineJson[];
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r; // no −0 in the JSON
};
const digitsOf = (h: Headline): number => (h.unit === '1' ? 4 : 0);
const orNull = (x: number, digits: number): number | null => (Number.isFinite(x) ? round(x, digits) : null);

/** Per group, its reading (mean quantile u of its factors) at each of the 2N base draws, in design order. */
function groupReadings(plan: SensitivityPlan): Float64Array[] {
  const { design, groups } = plan;
  const per = groups.length + 2;
  const d = plan.factors.length;
  const out = groups.map(() => new Float64Array(2 * design.rows));
  for (let j = 0; j < design.rows; j++) {
    const q = designQuantiles(design, j * per, 2);
    groups.forEach((g, gi) => {
      for (const c of [0, 1]) {
        let s = 0;
        for (const f of g.factors) s += q[c * d + f];
        out[gi][2 * j + c] = s / g.factors.length;
      }
    });
  }
  return out;
}

/** Pearson correlation of two equally long series; NaN when either is constant. */
function correlation(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] / n;
    my += y[i] / n;
  }
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

function headlineJson(plan: SensitivityPlan, values: readonly number[][], hi: number, readings: readonly Float64Array[]): HeadlineJson {
  const h = plan.headlines[hi];
  const { design, groups } = plan;
  const per = groups.length + 2;
  const total = design.rows * per;
  const y = new Float64Array(total);
  for (let q = 0; q < total; q++) y[q] = values[q + 1][2 * hi];
  const base: number[] = [];
  let seSum = 0;
  let se2Sum = 0;
  for (let j = 0; j < design.rows; j++) {
    for (const c of [0, 1]) {
      const q = j * per + c;
      base.push(y[q]);
      const se = values[q + 1][2 * hi + 1];
      seSum += se;
      se2Sum += se * se;
    }
  }
  const dg = digitsOf(h);
  const sob = sobolIndices(design, y);
  const indices: SensitivityIndexJson[] = sob.groups
    .map((s, g) => ({ s, g }))
    .sort((a, b) => (Number.isFinite(b.s.st) ? b.s.st : -1) - (Number.isFinite(a.s.st) ? a.s.st : -1) || a.g - b.g)
    .map(({ s, g }) => ({
      group: groups[g].id,
      label: groups[g].label,
      s1: orNull(s.s1, 3),
      s1Lo: orNull(s.s1Lo, 3),
      s1Hi: orNull(s.s1Hi, 3),
      st: orNull(s.st, 3),
      stLo: orNull(s.stLo, 3),
      stHi: orNull(s.stHi, 3),
      // A group with ST = 0 changes no run: any correlation would be chance.
      corr: s.st === 0 ? null : orNull(correlation(readings[g], base), 2),
    }));
  const sum = sob.groups.reduce((a, s) => a + s.s1, 0);
  const d = summarizeDraws(base);
  const distribution: DrawSummary = {
    draws: d.draws,
    mean: round(d.mean, dg + 1),
    sd: round(d.sd, dg + 1),
    min: round(d.min, dg),
    p05: round(d.p05, dg),
    p50: round(d.p50, dg),
    p95: round(d.p95, dg),
    max: round(d.max, dg),
  };
  const out: HeadlineJson = { ...h, nominal: round(values[0][2 * hi], dg), distribution, draws: base.map((x) => round(x, dg)), sumS1: orNull(sum, 3), indices };
  if (h.kind === 'survival') {
    const n = base.length;
    out.diceSe = round(seSum / n, 4);
    out.noiseShare = sob.variance > 0 ? round(se2Sum / n / sob.variance, 3) : null;
  }
  if (h.kind === 'lowest-engaged-altitude') out.engagedShare = round(base.filter((x) => x < ALTITUDE_SCAN_MAX_M).length / base.length, 4);
  return out;
}

/** The document of an analysis from the outputs of all its points, in point order. */
export function sensitivityDocument(plan: SensitivityPlan, values: readonly number[][]): SensitivityDocument {
  const o = plan.options;
  const readings = groupReadings(plan);
  const groupOf = new Map<number, string>();
  for (const g of plan.groups) for (const f of g.factors) groupOf.set(f, g.id);
  return {
    parapet: { document: 'sensitivity', version: 1 },
    scenario: plan.scenario.name,
    seed: o.seed,
    draws: o.draws,
    runs: o.runs,
    group: o.group,
    distribution: o.distribution,
    jamming: o.jamming,
    only: o.only,
    evaluations: plan.points,
    lineOfSight: `smooth earth, k = ${plan.scenario.earth.kFactor.toFixed(3)}${plan.scenario.terrain ? " (the scenario's terrain section is not used)" : ''}`,
    method: {
      design: `Saltelli et al. 2010 (Comput. Phys. Commun. 181, 259–270): matrices A, B and A_B^(g) of ${o.draws} rows for ${plan.groups.length} groups of ${plan.factors.length} factors, plus the nominal point`,
      firstOrder: 'S1 = mean(f(B)·(f(A_B^g) − f(A))) / V, outputs centred (Saltelli et al. 2010, Table 2)',
      total: 'ST = mean((f(A) − f(A_B^g))²) / 2V (Jansen 1999, Comput. Phys. Commun. 117, 35–43)',
      intervals: '95% percentile bootstrap over the design rows, 1,000 resamples',
      innerLoop: plan.raids
        ? `${o.runs} raid runs per point, the same dice at every point (common random numbers)`
        : 'none: coverage headlines are deterministic',
      distributions: `${o.distribution} between the smaller and larger sourced number, mode at the nominal; RCS on a log scale (dBsm); members of a factor drawn together`,
    },
    factors: plan.factors.map((f, i) => ({
      id: f.id,
      label: f.label,
      entry: f.entry,
      part: f.part,
      group: groupOf.get(i)!,
      values: f.members.map((m) => ({
        where: m.where,
        unit: m.unit,
        min: m.distribution.min,
        nominal: m.distribution.mode,
        max: m.distribution.max,
        sense: m.sense,
        scale: m.distribution.scale,
      })),
    })),
    groups: plan.groups.map((g) => ({ id: g.id, label: g.label, factors: g.factors.map((i) => plan.factors[i].id) })),
    headlines: plan.headlines.map((_, hi) => headlineJson(plan, values, hi, readings)),
  };
}
