/**
 * Validates a parsed scenario document: structure (zod) and references to the catalog, returning
 * every problem with its path — never throwing for a user's mistake.
 */
import type { z } from 'zod';
import { didYouMean, unknownIdMessage } from '../util/did-you-mean.js';
import type { Catalog } from '../catalog/catalog.js';
import { jammerIssue, raidReferenceIssues } from './raid-check.js';
import { ScenarioSchema, type Scenario, type ScenarioIssue } from './schema.js';

export type CheckResult = { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: ScenarioIssue[] };

export function checkScenario(doc: unknown, catalog: Catalog): CheckResult {
  const parsed = ScenarioSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(toScenarioIssues);
    // Reference errors too, where the structure allows reading them, so the user sees all at once.
    issues.push(...referenceIssues(doc, catalog));
    return { ok: false, issues: dedupe(issues) };
  }
  const refIssues = referenceIssues(parsed.data, catalog);
  if (refIssues.length > 0) return { ok: false, issues: refIssues };
  return { ok: true, scenario: parsed.data, issues: [] };
}

/** One zod issue as user-facing issues: one per unknown key, "missing" for absent required keys. */
function toScenarioIssues(i: z.core.$ZodIssue): ScenarioIssue[] {
  const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (i.code === 'unrecognized_keys') {
    const known = knownKeysAt(ScenarioSchema, path);
    return i.keys.map((key) => {
      const hint = didYouMean(key, known.filter((k) => !i.keys.includes(k)));
      return { path: [...path, key], message: hint ? `unknown key "${key}" (did you mean "${hint}"?)` : `unknown key "${key}"${known.length ? ` (allowed: ${known.join(', ')})` : ''}` };
    });
  }
  if (i.code === 'invalid_type' && path.length === 0 && 'input' in i && (i.input === null || i.input === undefined)) {
    return [{ path, message: 'the file is empty: a scenario is a YAML or JSON object (see the README for the format)' }];
  }
  if ((i.code === 'invalid_type' || i.code === 'invalid_value') && 'input' in i && i.input === undefined) {
    return [{ path, message: `required key is missing${i.code === 'invalid_value' ? ` (one of: ${i.values.map(String).join(', ')})` : ` (expected ${i.expected})`}` }];
  }
  return [{ path, message: i.message }];
}

/** Keys the schema allows for the object at `path` (through arrays, optionals and defaults). */
function knownKeysAt(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  // Zod 4 keeps each schema's definition on `_zod.def`.
  type Def = { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType; in?: z.ZodType; items?: z.ZodType[] };
  const defOf = (x: z.ZodType): Def => (x as unknown as { _zod: { def: Def } })._zod.def;
  const unwrap = (x: z.ZodType): z.ZodType => {
    let cur = x;
    for (let d = defOf(cur); d.innerType || (d.type === 'pipe' && d.in); d = defOf(cur)) cur = (d.innerType ?? d.in)!;
    return cur;
  };
  let cur: z.ZodType | undefined = unwrap(schema);
  for (const key of path) {
    const d: Def = defOf(cur);
    if (d.type === 'object' && typeof key === 'string') cur = d.shape?.[key];
    else if (d.type === 'array') cur = d.element;
    else if (d.type === 'tuple' && typeof key === 'number') cur = d.items?.[key];
    else cur = undefined;
    if (!cur) return [];
    cur = unwrap(cur);
  }
  const d = defOf(cur);
  return d.type === 'object' && d.shape ? Object.keys(d.shape) : [];
}

function dedupe(issues: ScenarioIssue[]): ScenarioIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path.join('.')}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function referenceIssues(doc: unknown, catalog: Catalog): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (typeof doc !== 'object' || doc === null) return issues;
  const d = doc as Record<string, unknown>;
  if (Array.isArray(d.sites)) {
    const seenIds = new Map<string, number>();
    d.sites.forEach((s: unknown, i: number) => {
      if (typeof s !== 'object' || s === null) return;
      const site = s as Record<string, unknown>;
      if (typeof site.system === 'string' && !catalog.systems.has(site.system)) {
        issues.push({ path: ['sites', i, 'system'], message: unknownIdMessage('system', site.system, catalog.systems.keys()) });
      }
      if (typeof site.id === 'string') {
        const first = seenIds.get(site.id);
        if (first !== undefined) issues.push({ path: ['sites', i, 'id'], message: `duplicate site id "${site.id}" (first used by sites[${first}])` });
        else seenIds.set(site.id, i);
      }
    });
  }
  const analysis = d.analysis as Record<string, unknown> | undefined;
  if (analysis && Array.isArray(analysis.threats)) {
    analysis.threats.forEach((t: unknown, i: number) => {
      if (typeof t === 'string' && !catalog.threats.has(t)) {
        issues.push({ path: ['analysis', 'threats', i], message: unknownIdMessage('threat', t, catalog.threats.keys()) });
      }
    });
  }
  if (analysis && typeof analysis.selfProtectionJammer === 'string') issues.push(...jammerIssue(['analysis', 'selfProtectionJammer'], analysis.selfProtectionJammer, catalog, 'self-protection'));
  if (Array.isArray(d.jammers)) {
    const seenIds = new Map<string, number>();
    d.jammers.forEach((e: unknown, i: number) => {
      if (typeof e !== 'object' || e === null) return;
      const j = e as Record<string, unknown>;
      if (typeof j.jammer === 'string') issues.push(...jammerIssue(['jammers', i, 'jammer'], j.jammer, catalog, 'stand-off'));
      if (typeof j.id === 'string') {
        const first = seenIds.get(j.id);
        if (first !== undefined) issues.push({ path: ['jammers', i, 'id'], message: `duplicate jammer id "${j.id}" (first used by jammers[${first}])` });
        else seenIds.set(j.id, i);
      }
    });
  }
  issues.push(...raidReferenceIssues(d.raids, catalog));
  if (Array.isArray(d.places)) {
    const seen = new Set<string>();
    d.places.forEach((p: unknown, i: number) => {
      const name = (p as Record<string, unknown> | null)?.name;
      if (typeof name === 'string') {
        if (seen.has(name)) issues.push({ path: ['places', i, 'name'], message: `duplicate place name "${name}"` });
        seen.add(name);
      }
    });
  }
  return issues;
}
