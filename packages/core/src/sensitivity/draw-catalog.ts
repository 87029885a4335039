/**
 * The catalog of one draw: every drawn value's `nominal` replaced by its draw and its spread
 * removed, so that the existing models, run at the nominal reading, see the draw. Factor f's
 * members take the quantile u_f of their distributions — u_f for a member whose larger numbers
 * give more coverage (sense +1), 1 − u_f for the others — so that u_f = 1 is the coverage-
 * maximising reading of the whole factor. Entries without a drawn value are shared; the others are
 * deep copies (catalog entries are plain JSON data).
 */
import { makeCatalog, type Catalog } from '../catalog/catalog.js';
import type { Value } from '../catalog/value.js';
import { quantile } from './distribution.js';
import type { Factor, FactorMember } from './factors.js';

/** The number a member takes when its factor is at quantile u (in the value's own unit). */
export function memberDraw(m: FactorMember, u: number): number {
  return quantile(m.distribution, m.sense === 1 ? u : 1 - u);
}

function setValue(entry: unknown, path: readonly (string | number)[], x: number): void {
  let parent = entry as Record<string | number, unknown>;
  for (let i = 0; i < path.length - 1; i++) parent = parent[path[i]] as Record<string | number, unknown>;
  const key = path[path.length - 1];
  const { low: _low, high: _high, ...rest } = parent[key] as Value;
  parent[key] = { ...rest, nominal: x } satisfies Value;
}

/**
 * The catalog with the factors at quantiles `u` (one per factor, in [0, 1]).
 * @param u - u[f] is factor f's quantile
 */
export function catalogForDraw(catalog: Catalog, factors: readonly Factor[], u: ArrayLike<number>): Catalog {
  if (u.length !== factors.length) throw new RangeError(`u must hold one quantile per factor (${factors.length}), got ${u.length}`);
  const systems = new Map(catalog.systems);
  const threats = new Map(catalog.threats);
  const jammers = new Map(catalog.jammers);
  const copied = new Set<string>();
  factors.forEach((f, i) => {
    const maps = { system: systems, threat: threats, jammer: jammers } as const;
    const map = maps[f.entry.kind] as Map<string, unknown>;
    const key = `${f.entry.kind}:${f.entry.id}`;
    if (!copied.has(key)) {
      const original = map.get(f.entry.id);
      if (original === undefined) throw new Error(`unknown ${f.entry.kind} "${f.entry.id}"`);
      map.set(f.entry.id, JSON.parse(JSON.stringify(original)) as unknown);
      copied.add(key);
    }
    const entry = map.get(f.entry.id);
    for (const m of f.members) setValue(entry, m.path, memberDraw(m, u[i]));
  });
  return makeCatalog([...systems.values()], [...threats.values()], [...jammers.values()]);
}
