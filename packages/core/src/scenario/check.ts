/**
 * Validates a parsed scenario document: structure (zod) and references to the catalog, returning
 * every problem with its path — never throwing for a user's mistake.
 */
import type { z } from 'zod';
import { geodesicInverse } from '../geo/geodesic.js';
import { didYouMean, unknownIdMessage } from '../util/did-you-mean.js';
import type { Catalog } from '../catalog/catalog.js';
import { jammerIssue, raidReferenceIssues } from './raid-check.js';
import { ScenarioSchema, type Scenario, type ScenarioIssue } from './schema.js';

export type CheckResult = { ok: true; scenario: Scenario; issues: [] } | { ok: false; issues: ScenarioIssue[] };

/**
 * Limits on what a scenario may ask for, checked before anything is allocated; a file beyond them
 * is refused with a message naming the limit (an input mistake, never a crash or an OOM).
 */
export const SCENARIO_LIMITS = {
  sites: 200,
  places: 500,
  jammers: 100,
  threats: 50,
  altitudes: 50,
  raids: 50,
  groupsPerRaid: 50,
  waypointsPerRoute: 500,
  /** Aircraft in all raids together (the sum of every group's count). */
  raidMembers: 10_000,
  /** Cells of the analysis grid (width × height, sized as `makeRegionGrid` sizes it). */
  gridCells: 4_000_000,
  /** Estimated peak memory of a coverage run, bytes. */
  peakMemoryBytes: 2 * 1024 ** 3,
  /** Regions must stay within these latitudes (the grid and the maps are not valid at the poles). */
  maxAbsLatDeg: 85,
} as const;

/** Bytes per grid cell that do not depend on the analysis (cell centres and the combined maps). */
export const GRID_BASE_BYTES_PER_CELL = 32;
/** Bytes per grid cell per analysed layer (threat × altitude): a Float32 Pd layer and its mask, doubled for the merge. */
export const GRID_LAYER_BYTES_PER_CELL = 16;

export function checkScenario(doc: unknown, catalog: Catalog): CheckResult {
  const limits = limitIssues(doc);
  // Beyond a count limit, stop before zod walks (and copies) an oversized document.
  if (limits.length > 0) return { ok: false, issues: limits };
  const parsed = ScenarioSchema.safeParse(doc, { reportInput: true });
  if (!parsed.success) {
    const issues = parsed.error.issues.flatMap(toScenarioIssues);
    // Reference errors too, where the structure allows reading them, so the user sees all at once.
    issues.push(...referenceIssues(doc, catalog));
    issues.push(...rawRegionIssues(doc));
    return { ok: false, issues: dedupe(issues) };
  }
  const sc = parsed.data;
  const lons = [...sc.sites.map((x) => x.lon), ...sc.places.map((x) => x.lon)];
  const refIssues = [...regionIssues(sc.region, lons, sc.analysis.threats.length * sc.analysis.altitudesM.length), ...referenceIssues(sc, catalog)];
  if (refIssues.length > 0) return { ok: false, issues: refIssues };
  return { ok: true, scenario: parsed.data, issues: [] };
}

/** One zod issue as user-facing issues: one per unknown key, "missing" for absent required keys. */
function toScenarioIssues(i: z.core.$ZodIssue): ScenarioIssue[] {
  const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  if (i.code === 'unrecognized_keys') {
    const known = knownKeysAt(ScenarioSchema, path);
    return i.keys.map((key) => {
      const hint = didYouMean(
        key,
        known.filter((k) => !i.keys.includes(k)),
      );
      return {
        path: [...path, key],
        message: hint ? `unknown key "${key}" (did you mean "${hint}"?)` : `unknown key "${key}"${known.length ? ` (allowed: ${known.join(', ')})` : ''}`,
      };
    });
  }
  if (i.code === 'invalid_type' && path.length === 0 && 'input' in i && (i.input === null || i.input === undefined)) {
    return [{ path, message: 'the file is empty: a scenario is a YAML or JSON object (see the README for the format)' }];
  }
  if ((i.code === 'invalid_type' || i.code === 'invalid_value') && 'input' in i && i.input === undefined) {
    return [
      { path, message: `required key is missing${i.code === 'invalid_value' ? ` (one of: ${i.values.map(String).join(', ')})` : ` (expected ${i.expected})`}` },
    ];
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
  if (analysis && typeof analysis.selfProtectionJammer === 'string')
    issues.push(...jammerIssue(['analysis', 'selfProtectionJammer'], analysis.selfProtectionJammer, catalog, 'self-protection'));
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

const fmtInt = (n: number): string => Math.round(n).toLocaleString('en-US');
const fmtBytes = (b: number): string =>
  b >= 1024 ** 3 ? `${(b / 1024 ** 3).toLocaleString('en-US', { maximumFractionDigits: 1 })} GB` : `${Math.max(1, Math.round(b / 1024 ** 2))} MB`;

/** Counts beyond the stated limits, read from the raw document (any shape). */
function limitIssues(doc: unknown): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return issues;
  const d = doc as Record<string, unknown>;
  const L = SCENARIO_LIMITS;
  const count = (path: (string | number)[], v: unknown, max: number, what: string): void => {
    if (Array.isArray(v) && v.length > max) issues.push({ path, message: `too many ${what}: ${fmtInt(v.length)} (the limit is ${fmtInt(max)})` });
  };
  count(['sites'], d.sites, L.sites, 'sites');
  count(['places'], d.places, L.places, 'places');
  count(['jammers'], d.jammers, L.jammers, 'jammers');
  const analysis = typeof d.analysis === 'object' && d.analysis !== null ? (d.analysis as Record<string, unknown>) : {};
  count(['analysis', 'threats'], analysis.threats, L.threats, 'threats');
  count(['analysis', 'altitudesM'], analysis.altitudesM, L.altitudes, 'altitudes');
  count(['raids'], d.raids, L.raids, 'raids');
  if (Array.isArray(d.raids)) {
    let members = 0;
    d.raids.slice(0, L.raids).forEach((r: unknown, i: number) => {
      const groups = (r as Record<string, unknown> | null)?.groups;
      count(['raids', i, 'groups'], groups, L.groupsPerRaid, 'groups in a raid');
      if (!Array.isArray(groups)) return;
      groups.slice(0, L.groupsPerRaid).forEach((g: unknown, k: number) => {
        const group = (g ?? {}) as Record<string, unknown>;
        count(['raids', i, 'groups', k, 'route'], group.route, L.waypointsPerRoute, 'waypoints in a route');
        if (typeof group.count === 'number' && Number.isFinite(group.count) && group.count > 0) members += group.count;
      });
    });
    if (members > L.raidMembers)
      issues.push({
        path: ['raids'],
        message: `too many aircraft in the raids: ${fmtInt(members)} in all groups together (the limit is ${fmtInt(L.raidMembers)})`,
      });
  }
  return issues;
}

/** Width and height of the analysis grid, sized exactly as `makeRegionGrid` sizes it. */
export function regionGridSize(bbox: readonly [number, number, number, number], resolutionM: number): { width: number; height: number } {
  const [w, s, e, n] = bbox;
  const midLat = (s + n) / 2;
  const midLon = (w + e) / 2;
  const clampLat = (x: number): number => Math.max(-90, Math.min(90, x));
  const mPerDegLat = geodesicInverse(midLon, clampLat(midLat - 0.5), midLon, clampLat(midLat + 0.5)).distanceM;
  const mPerDegLon = geodesicInverse(midLon - 0.5, midLat, midLon + 0.5, midLat).distanceM;
  const width = Math.max(1, Math.round(((e - w) * mPerDegLon) / resolutionM));
  const height = Math.max(1, Math.round(((n - s) * mPerDegLat) / resolutionM));
  return { width, height };
}

/** Region checks on a document that failed the schema elsewhere, when its region is itself valid. */
function rawRegionIssues(doc: unknown): ScenarioIssue[] {
  if (typeof doc !== 'object' || doc === null) return [];
  const d = doc as Record<string, unknown>;
  const region = ScenarioSchema.shape.region.safeParse(d.region);
  if (!region.success) return [];
  const lonsOf = (v: unknown): number[] =>
    Array.isArray(v) ? v.map((x) => (x as Record<string, unknown> | null)?.lon).filter((x): x is number => typeof x === 'number') : [];
  const a = (typeof d.analysis === 'object' && d.analysis !== null ? d.analysis : {}) as Record<string, unknown>;
  const len = (v: unknown): number => (Array.isArray(v) && v.length > 0 ? v.length : 1);
  return regionIssues(region.data, [...lonsOf(d.sites), ...lonsOf(d.places)], len(a.threats) * len(a.altitudesM));
}

/** Regions Parapet cannot grid correctly (antimeridian, poles), and grids too big to allocate. */
function regionIssues(region: Scenario['region'], lons: number[], layers: number): ScenarioIssue[] {
  const [w, s, e, n] = region.bbox;
  const L = SCENARIO_LIMITS;
  const bboxPath = ['region', 'bbox'];
  const issues: ScenarioIssue[] = [];
  const norm = (x: number): number => (x > 180 ? x - 360 : x);
  if (w < 180 && e > 180) {
    issues.push({
      path: bboxPath,
      message: `regions that cross the antimeridian are not supported (west ${w}, east ${e}); split the analysis into two regions on either side of 180°`,
    });
  } else if (norm(w) > norm(e)) {
    issues.push({
      path: bboxPath,
      message: `west (${w}) is east of east (${e}) once longitudes are taken in [-180, 180]: regions that cross the antimeridian are not supported`,
    });
  } else if (w >= 180) {
    if (lons.some((lon) => lon < 0)) {
      issues.push({
        path: bboxPath,
        message: `the region uses longitudes beyond 180 (west ${w}, east ${e}) but sites or places use negative longitudes; give every longitude in [-180, 180] (here [${w - 360}, ${e - 360}])`,
      });
    }
  }
  const crossingAntimeridian = issues.length > 0;
  if (Math.abs(s) > L.maxAbsLatDeg || Math.abs(n) > L.maxAbsLatDeg) {
    issues.push({
      path: bboxPath,
      message: `regions must lie between ${-L.maxAbsLatDeg}° and ${L.maxAbsLatDeg}° latitude (south ${s}, north ${n}): the grid and the maps are not valid near the poles`,
    });
  }
  // A grid across the antimeridian is not sized meaningfully; one reaching a pole still is.
  if (crossingAntimeridian || e <= w || n <= s) return issues;
  const res = region.resolutionM;
  const { width, height } = regionGridSize([w, s, e, n], res);
  const cells = width * height;
  const perCell = GRID_BASE_BYTES_PER_CELL + GRID_LAYER_BYTES_PER_CELL * layers;
  const bytes = cells * perCell;
  const resPath = ['region', 'resolutionM'];
  if (cells > L.gridCells) {
    issues.push({
      path: resPath,
      message: `the region grid would have ${width}×${height} = ${fmtInt(cells)} cells at ${res} m, beyond the limit of ${fmtInt(L.gridCells)} cells (about ${fmtBytes(bytes)} at ~${perCell} bytes per cell); use a coarser resolutionM or a smaller bbox`,
    });
  } else if (bytes > L.peakMemoryBytes) {
    issues.push({
      path: resPath,
      message: `estimated peak memory ${fmtBytes(bytes)} (${fmtInt(cells)} cells × ~${perCell} bytes for ${layers} threat×altitude layers) is beyond the limit of ${fmtBytes(L.peakMemoryBytes)}; use a coarser resolutionM, a smaller bbox, or fewer threats or altitudes`,
    });
  }
  return issues;
}
