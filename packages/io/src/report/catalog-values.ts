/**
 * The catalog entries a report's scenarios use — the systems of their sites, the threats they
 * analyse and fly in raids, the jammers they place or carry — and every sourced value inside
 * them (core `valuesOf`), with its sources and confidence.
 */
import { valuesOf, type Catalog, type Scenario, type Source, type Value } from '@parapet/core';

export interface CatalogEntryUsed {
  kind: 'system' | 'threat' | 'jammer';
  id: string;
  name: string;
  /** The entry's general sources (its `sources:` list). */
  sources: Source[];
  values: { path: string; value: Value }[];
}

export function catalogEntriesUsed(scenarios: readonly Scenario[], catalog: Catalog): CatalogEntryUsed[] {
  const systems = new Set<string>();
  const threats = new Set<string>();
  const jammers = new Set<string>();
  for (const s of scenarios) {
    for (const site of s.sites) systems.add(site.system);
    for (const t of s.analysis.threats) threats.add(t);
    for (const r of s.raids ?? []) for (const g of r.groups) threats.add(g.threat);
    for (const j of s.jammers ?? []) jammers.add(j.jammer);
    if (s.analysis.selfProtectionJammer) jammers.add(s.analysis.selfProtectionJammer);
    for (const r of s.raids ?? []) for (const g of r.groups) if (g.jammer) jammers.add(g.jammer);
  }
  const out: CatalogEntryUsed[] = [];
  const add = (kind: CatalogEntryUsed['kind'], e: { id: string; name: string; sources: Source[] } | undefined): void => {
    if (e) out.push({ kind, id: e.id, name: e.name, sources: e.sources, values: valuesOf(e) });
  };
  for (const id of systems) add('system', catalog.systems.get(id));
  for (const id of threats) add('threat', catalog.threats.get(id));
  for (const id of jammers) add('jammer', catalog.jammers.get(id));
  return out;
}
