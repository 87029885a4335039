/** The catalog in memory: systems and threats by id, built from already-parsed entries. */
import type { Jammer, System, Threat } from './schema.js';
import type { Source, Value } from './value.js';

export interface Catalog {
  systems: ReadonlyMap<string, System>;
  threats: ReadonlyMap<string, Threat>;
  jammers: ReadonlyMap<string, Jammer>;
}

/** Builds a catalog; throws on duplicate ids (a bug in the data files). */
export function makeCatalog(systems: readonly System[], threats: readonly Threat[], jammers: readonly Jammer[] = []): Catalog {
  const sys = new Map<string, System>();
  for (const s of systems) {
    if (sys.has(s.id)) throw new Error(`duplicate system id "${s.id}" in the catalog`);
    sys.set(s.id, s);
  }
  const thr = new Map<string, Threat>();
  for (const t of threats) {
    if (thr.has(t.id)) throw new Error(`duplicate threat id "${t.id}" in the catalog`);
    thr.set(t.id, t);
  }
  const jam = new Map<string, Jammer>();
  for (const j of jammers) {
    if (jam.has(j.id)) throw new Error(`duplicate jammer id "${j.id}" in the catalog`);
    jam.set(j.id, j);
  }
  return { systems: sys, threats: thr, jammers: jam };
}

/** A value found while walking an entry, with its dotted path (e.g. "radars[0].detectionRange"). */
export interface ValueAtPath {
  path: string;
  value: Value;
}

function isValue(x: unknown): x is Value {
  return typeof x === 'object' && x !== null && 'nominal' in x && 'sources' in x && 'confidence' in x;
}

/** Every sourced value inside a catalog entry, depth first, in file order. */
export function valuesOf(entry: unknown, path = ''): ValueAtPath[] {
  const out: ValueAtPath[] = [];
  const walk = (x: unknown, p: string): void => {
    if (isValue(x)) {
      out.push({ path: p, value: x });
    } else if (Array.isArray(x)) {
      x.forEach((y, i) => walk(y, `${p}[${i}]`));
    } else if (typeof x === 'object' && x !== null) {
      for (const [k, y] of Object.entries(x)) walk(y, p ? `${p}.${k}` : k);
    }
  };
  walk(entry, path);
  return out;
}

/** All distinct sources cited by the given values, by title + url. */
export function distinctSources(values: readonly Value[]): Source[] {
  const seen = new Map<string, Source>();
  for (const v of values) for (const s of v.sources) seen.set(`${s.title}|${s.url ?? ''}`, s);
  return [...seen.values()];
}
