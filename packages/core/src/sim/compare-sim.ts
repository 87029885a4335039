/**
 * A/B comparison of two raid simulations (e.g. legacy IADS vs. with an S-400) over the same
 * raids: differences of survival per group and overall with 95% intervals, and of missiles
 * expended per fire unit.
 *
 * Difference of two independent proportions p₁ − p₂ with the hybrid score interval built from
 * their Wilson intervals [l₁, u₁], [l₂, u₂] (Newcombe, Stat. Med. 17, 1998, method 10):
 *   [d − √((p₁ − l₁)² + (u₂ − p₂)²),  d + √((u₁ − p₁)² + (p₂ − l₂)²)]
 * The two simulations use independent runs, so the proportions are independent.
 */
import type { Proportion } from './stats.js';
import type { SimSummary } from './summary.js';

export interface Difference {
  /** b − a. */
  d: number;
  lo: number;
  hi: number;
}

/** Newcombe's hybrid score interval for b − a. */
export function proportionDifference(a: Proportion, b: Proportion): Difference {
  const d = b.p - a.p;
  return {
    d,
    lo: d - Math.sqrt((b.p - b.lo) ** 2 + (a.hi - a.p) ** 2),
    hi: d + Math.sqrt((b.hi - b.p) ** 2 + (a.p - a.lo) ** 2),
  };
}

export interface SimComparison {
  parapet: { document: 'raid-simulation-comparison'; version: 1 };
  a: string;
  b: string;
  runs: { a: number; b: number };
  groups: { id: string; survival: { a: Proportion; b: Proportion; change: Difference } }[];
  overall: { survival: { a: Proportion; b: Proportion; change: Difference }; leakersPerRun: { a: number; b: number } };
  /** Fire units of either scenario, with missiles fired per run (0 where absent). */
  fireUnits: { site: string; system: string; missilesPerRun: { a: number; b: number } }[];
}

const r4 = (x: number): number => Math.round(x * 1e4) / 1e4;
const diff = (x: Difference): Difference => ({ d: r4(x.d), lo: r4(x.lo), hi: r4(x.hi) });

/** Compares simulation b against a; groups are matched by id (only groups in both are compared). */
export function compareSimSummaries(a: SimSummary, b: SimSummary): SimComparison {
  const groups = a.groups.flatMap((ga) => {
    const gb = b.groups.find((g) => g.id === ga.id);
    return gb ? [{ id: ga.id, survival: { a: ga.survival, b: gb.survival, change: diff(proportionDifference(ga.survival, gb.survival)) } }] : [];
  });
  const sites = new Map<string, { site: string; system: string; missilesPerRun: { a: number; b: number } }>();
  for (const f of a.fireUnits) sites.set(f.site, { site: f.site, system: f.system, missilesPerRun: { a: f.missilesFired.mean, b: 0 } });
  for (const f of b.fireUnits) {
    const e = sites.get(f.site) ?? { site: f.site, system: f.system, missilesPerRun: { a: 0, b: 0 } };
    e.missilesPerRun.b = f.missilesFired.mean;
    sites.set(f.site, e);
  }
  return {
    parapet: { document: 'raid-simulation-comparison', version: 1 },
    a: a.scenario,
    b: b.scenario,
    runs: { a: a.runs, b: b.runs },
    groups,
    overall: {
      survival: { a: a.overall.survival, b: b.overall.survival, change: diff(proportionDifference(a.overall.survival, b.overall.survival)) },
      leakersPerRun: { a: a.overall.leakers.mean, b: b.overall.leakers.mean },
    },
    fireUnits: [...sites.values()],
  };
}
