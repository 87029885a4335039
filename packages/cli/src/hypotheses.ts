/**
 * The demo's hypotheses side by side: for each scenario (legacy only; + Pantsir-S1 and EW, the
 * 2025 reports; + an S-400 battalion, the 2024 reports) what is detected, what is engageable,
 * what is seen but cannot be engaged (the stealth question), with and without the scenario's
 * stand-off jammer; then what survives of the notional raids, with and without it.
 */
import type { Catalog, Scenario, SimSummary } from '@parapet/core';
import { runCoverage, simulateScenario, withJamming, type CoverageAnalysis } from '@parapet/io';
import type { Progress } from './progress.js';
import { fmtAltitude, fmtArea, formatTable } from './table.js';

export interface Hypothesis {
  label: string;
  scenario: Scenario;
}

export interface HypothesisCoverage {
  label: string;
  /** Without jamming. */
  clean: CoverageAnalysis;
  /** With the scenario's stand-off jammers (its `unjammedRuns` are `clean`'s runs); `clean` itself without jammers. */
  analysis: CoverageAnalysis;
}

/**
 * Nominal coverage of every hypothesis; with stand-off jammers in a scenario, both with and
 * without them. `known` holds analyses already made (unjammed, nominal) by scenario: they are
 * reused, only their jammed layers computed.
 */
export async function hypothesesCoverage(
  hyps: readonly Hypothesis[],
  catalog: Catalog,
  progress: Progress,
  known: ReadonlyMap<Scenario, CoverageAnalysis> = new Map(),
): Promise<HypothesisCoverage[]> {
  const out: HypothesisCoverage[] = [];
  for (const h of hyps) {
    const clean =
      known.get(h.scenario) ?? (await runCoverage(h.scenario, catalog, { jamming: false, onProgress: (p, d, t) => progress.update(`${h.label} ${p}`, d, t) }));
    progress.stop();
    out.push({ label: h.label, clean, analysis: withJamming(clean, catalog) });
  }
  return out;
}

const jammedCell = (a: CoverageAnalysis, i: number, pick: (m: CoverageAnalysis['runs'][number]['metrics']) => number): string => {
  const jam = a.jamming ? pick(a.runs[i].metrics) : undefined;
  const clean = pick((a.unjammedRuns ?? a.runs)[i].metrics);
  return jam === undefined ? fmtArea(clean) : `${fmtArea(clean)} → ${fmtArea(jam)}`;
};

/** The table: per threat and altitude, per hypothesis, detected / engaged / seen-not-engageable areas (→ with the jammer). */
export function hypothesesReport(cov: readonly HypothesisCoverage[]): string {
  const first = cov[0].analysis;
  const rows: { threat: string; alt: number; label: string; a: CoverageAnalysis; i: number }[] = [];
  first.runs.forEach((run, i) => {
    for (const c of cov) rows.push({ threat: run.metrics.threatId, alt: run.metrics.altitudeM, label: c.label, a: c.analysis, i });
  });
  const jammerNames = [...new Set(cov.flatMap((c) => (c.analysis.scenario.jammers ?? []).map((j) => `${j.id} (${j.jammer})`)))];
  const table = formatTable(rows, [
    { header: 'threat', cell: (r) => r.threat },
    { header: 'altitude', cell: (r) => fmtAltitude(r.alt), align: 'right' },
    { header: 'hypothesis', cell: (r) => r.label },
    { header: 'detected km²', cell: (r) => jammedCell(r.a, r.i, (m) => m.detectAreaKm2), align: 'right' },
    { header: 'engageable km²', cell: (r) => jammedCell(r.a, r.i, (m) => m.engageAreaKm2), align: 'right' },
    { header: 'seen, not engageable km²', cell: (r) => jammedCell(r.a, r.i, (m) => m.detectedNotEngagedAreaKm2), align: 'right' },
  ]);
  return (
    `\nThe hypotheses side by side (nominal values${jammerNames.length ? `; "a → b": without → with the stand-off jammer ${jammerNames.join(', ')}` : ''}).\n` +
    `"Seen, not engageable": some radar detects the target there, but no missile can be guided onto it.\n\n${table}\n`
  );
}

export interface HypothesisRaids {
  label: string;
  clean: SimSummary;
  jammed?: SimSummary;
}

/**
 * Every hypothesis's raids, without and (when the scenario has stand-off jammers) with them.
 * `known` holds unjammed summaries already run with the same runs and seed, by scenario.
 */
export async function hypothesesRaids(
  hyps: readonly Hypothesis[],
  catalog: Catalog,
  opts: { runs: number; seed: number; progress: Progress; known?: ReadonlyMap<Scenario, SimSummary> },
): Promise<HypothesisRaids[]> {
  const out: HypothesisRaids[] = [];
  for (const h of hyps) {
    if (!h.scenario.raids?.length) continue;
    const sim = async (jamming: boolean, tag: string): Promise<SimSummary> => {
      const r = await simulateScenario(h.scenario, catalog, {
        runs: opts.runs,
        seed: opts.seed,
        jamming,
        onProgress: (d, t) => opts.progress.update(`raids ${h.label}${tag}`, d, t),
      });
      opts.progress.stop();
      return r.summary;
    };
    const clean = opts.known?.get(h.scenario) ?? (await sim(false, ''));
    const jammed = h.scenario.jammers?.length ? await sim(true, ' jammed') : undefined;
    out.push({ label: h.label, clean, jammed });
  }
  return out;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** Survival per raid group and hypothesis (→ with the jammer), with 95% intervals. */
export function hypothesesRaidReport(raids: readonly HypothesisRaids[]): string {
  if (raids.length === 0) return '';
  const groups = raids[0].clean.groups;
  const cell = (s: SimSummary | undefined, id: string | undefined): string => {
    if (!s) return '';
    const g = id ? s.groups.find((x) => x.id === id)! : undefined;
    const sv = g ? g.survival : s.overall.survival;
    return `${pct(sv.p)} [${pct(sv.lo)}–${pct(sv.hi)}]`;
  };
  const rows = [...groups.map((g) => ({ id: g.id as string | undefined, label: `${g.id} (${g.count} × ${g.threat})` })), { id: undefined, label: 'all raids' }];
  const table = formatTable(rows, [
    { header: 'raid group', cell: (r) => r.label },
    ...raids.flatMap((h) => [
      { header: `${h.label}`, cell: (r: (typeof rows)[number]) => cell(h.clean, r.id), align: 'right' as const },
      ...(h.jammed ? [{ header: `${h.label} + jammer`, cell: (r: (typeof rows)[number]) => cell(h.jammed, r.id), align: 'right' as const }] : []),
    ]),
  ]);
  const r0 = raids[0].clean;
  return `\nNotional raids under each hypothesis, survival with 95% intervals (${r0.runs.toLocaleString('en-US')} runs each, seed ${r0.seed}):\n\n${table}\n`;
}
