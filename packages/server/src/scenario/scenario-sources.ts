/**
 * Every citation behind a scenario: the sources of each site's placement, of each system and
 * threat and jammer it uses, and of every catalog value those carry, with the value paths that cite each
 * source and their confidence. This is what the sources panel lists.
 */
import { valuesOf, type Catalog, type Confidence, type Scenario, type Source } from '@parapet/core';

export interface CitedBy {
  /** What cites it: "site sa2-pyongyang", "system s-75", "threat f-16". */
  subject: string;
  /** Value path inside the catalog entry ("radars[0].detectionRange"), or '' for the entry itself. */
  path: string;
  confidence?: Confidence;
}

export interface ScenarioSource extends Source {
  projectEstimate: boolean;
  citedBy: CitedBy[];
}

export function scenarioSources(scenario: Scenario, catalog: Catalog): ScenarioSource[] {
  const byKey = new Map<string, ScenarioSource>();
  const cite = (s: Source, by: CitedBy): void => {
    const key = `${s.title}|${s.url ?? ''}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { ...s, projectEstimate: /^Parapet estimate/i.test(s.title), citedBy: [] };
      byKey.set(key, entry);
    }
    entry.citedBy.push(by);
  };
  for (const site of scenario.sites) for (const s of site.sources) cite(s, { subject: `site ${site.id}`, path: '' });
  const systems = [...new Set(scenario.sites.map((s) => s.system))];
  for (const id of systems) {
    const sys = catalog.systems.get(id);
    if (!sys) continue;
    for (const s of sys.sources) cite(s, { subject: `system ${id}`, path: '' });
    for (const v of valuesOf(sys)) for (const s of v.value.sources) cite(s, { subject: `system ${id}`, path: v.path, confidence: v.value.confidence });
  }
  for (const id of scenario.analysis.threats) {
    const t = catalog.threats.get(id);
    if (!t) continue;
    for (const s of t.sources) cite(s, { subject: `threat ${id}`, path: '' });
    for (const v of valuesOf(t)) for (const s of v.value.sources) cite(s, { subject: `threat ${id}`, path: v.path, confidence: v.value.confidence });
  }
  for (const j of scenario.jammers ?? []) for (const s of j.sources) cite(s, { subject: `jammer ${j.id}`, path: '' });
  const jammerIds = new Set([
    ...(scenario.jammers ?? []).map((j) => j.jammer),
    ...(scenario.analysis.selfProtectionJammer ? [scenario.analysis.selfProtectionJammer] : []),
  ]);
  for (const id of jammerIds) {
    const j = catalog.jammers.get(id);
    if (!j) continue;
    for (const s of j.sources) cite(s, { subject: `jammer type ${id}`, path: '' });
    for (const v of valuesOf(j)) for (const s of v.value.sources) cite(s, { subject: `jammer type ${id}`, path: v.path, confidence: v.value.confidence });
  }
  return [...byKey.values()];
}
