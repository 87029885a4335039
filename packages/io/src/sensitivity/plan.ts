/**
 * What a sensitivity analysis of a scenario will compute, before any model runs: the uncertain
 * factors (core sensitivity/factors.ts), the groups the variance is attributed to, the Saltelli
 * design, and the headline results. Deterministic: the same input gives the same plan in any
 * process, which is what lets blocks of design points be evaluated anywhere (block.ts).
 *
 * Design points: point 0 is the nominal reading of every source; point p ≥ 1 is point p − 1 of
 * the Saltelli design (N rows × (k + 2) matrices, core sensitivity/saltelli-design.ts), so a run
 * has 1 + N·(k + 2) points for N draws and k groups.
 *
 * Headline results, in this order:
 *   survival/<raid group>       share of the group's members that reach their final waypoint,
 *                               mean over `runs` raid runs (with raids)
 *   survival/all                the same over every raid target
 *   engaged-area/<threat>/<alt> area where some site can engage the threat at that altitude, km²,
 *                               on a grid of max(scenario resolution, 5 km) (with coverage)
 *   lowest-engaged-altitude/<place>/<threat>
 *                               lowest altitude at which some site engages the threat over the
 *                               place, m (analysis reference); 40,000 m = not engaged below the
 *                               scan ceiling (core coverage/places.ts)
 * Line of sight is the smooth earth with the scenario's k factor: a terrain section is not used
 * (its horizon sweeps cannot be redone for every draw of the antenna heights).
 */
import {
  designPointCount,
  designator,
  DISTRIBUTION_SHAPES,
  enumerateFactors,
  GROUP_LEVELS,
  groupFactors,
  saltelliDesign,
  type Catalog,
  type DistributionShape,
  type Factor,
  type FactorGroup,
  type GroupLevel,
  type SaltelliDesign,
  type Scenario,
} from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { InputError } from '../problems.js';
import { loadScenario, parseScenarioText } from '../scenario/load-scenario.js';

/** Smallest cell of the coverage headlines' grid, metres (the layers run once per design point). */
export const HEADLINE_GRID_MIN_RESOLUTION_M = 5000;

/** Model runs the default number of draws aims at: N = max(8, round(512 / (k + 2))) for k groups. */
export const DEFAULT_EVALUATIONS = 512;
export const MIN_DEFAULT_DRAWS = 8;

export interface SensitivityOptions {
  /** N: independent draws of the sources (rows of each Saltelli matrix), ≥ 2; default max(8, round(512 / (k + 2))). */
  draws?: number;
  /** Raid Monte Carlo runs at every design point (the same dice at every point). */
  runs: number;
  /** Seed of the design, the bootstrap and the raid dice: integer in [0, 2^32). */
  seed: number;
  /** Attribution level (core sensitivity/factor-groups.ts; default 'part'). */
  group?: GroupLevel;
  /** Shape of every value's distribution (default triangular). */
  distribution?: DistributionShape;
  /** false: leave out the scenario's stand-off jammers (default: they act). */
  jamming?: boolean;
  /** false: no coverage headlines (default: computed). */
  coverage?: boolean;
  /** Draw only these catalog entries' values (ids); the others stay at their nominal. */
  only?: string[];
}

/** The scenario of a job: a file to read, or its text (`file` names it in messages). */
export type SensitivityScenarioSource = { path: string } | { text: string; file: string };

/** Everything a sensitivity analysis depends on; plain JSON. */
export interface SensitivityInput {
  scenario: SensitivityScenarioSource;
  /** Catalog folder (default: the built-in data/catalog). */
  catalogDir?: string;
  options: SensitivityOptions;
}

export type HeadlineKind = 'survival' | 'engaged-area' | 'lowest-engaged-altitude';

export interface Headline {
  id: string;
  label: string;
  kind: HeadlineKind;
  unit: '1' | 'km2' | 'm';
  /** survival: raid group id, or "all". */
  group?: string;
  threat?: string;
  altitudeM?: number;
  place?: string;
}

export interface SensitivityPlan {
  input: SensitivityInput;
  scenario: Scenario;
  catalog: Catalog;
  options: Required<Omit<SensitivityOptions, 'only' | 'draws'>> & { draws: number; only: string[] | null };
  raids: boolean;
  factors: Factor[];
  groups: FactorGroup[];
  design: SaltelliDesign;
  headlines: Headline[];
  /** 1 (nominal) + N·(k + 2). */
  points: number;
}

function intIn(name: string, x: unknown, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min || x > max)
    throw new RangeError(`${name} must be a whole number in [${min}, ${max}], got ${JSON.stringify(x)}`);
  return x;
}

function checkOptions(o: SensitivityOptions): Omit<SensitivityPlan['options'], 'draws'> & { draws: number | undefined } {
  const group = o.group ?? 'part';
  if (!(GROUP_LEVELS as readonly string[]).includes(group))
    throw new RangeError(`group must be one of ${GROUP_LEVELS.join(', ')}, got ${JSON.stringify(group)}`);
  const distribution = o.distribution ?? 'triangular';
  if (!(DISTRIBUTION_SHAPES as readonly string[]).includes(distribution))
    throw new RangeError(`distribution must be one of ${DISTRIBUTION_SHAPES.join(', ')}, got ${JSON.stringify(distribution)}`);
  if (o.only !== undefined && !(Array.isArray(o.only) && o.only.every((x) => typeof x === 'string' && x.length > 0)))
    throw new RangeError('only must be a list of catalog ids');
  return {
    draws: o.draws === undefined ? undefined : intIn('draws', o.draws, 2, 100_000),
    runs: intIn('runs', o.runs, 1, 1_000_000),
    seed: intIn('seed', o.seed, 0, 0xffffffff),
    group,
    distribution,
    jamming: o.jamming !== false,
    coverage: o.coverage !== false,
    only: o.only && o.only.length > 0 ? [...o.only] : null,
  };
}

/** A place name as an id part: lower case, runs of other characters as "-". */
function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'place'
  );
}

function headlinesOf(scenario: Scenario, catalog: Catalog, raids: boolean, coverage: boolean): Headline[] {
  const out: Headline[] = [];
  const threatLabel = (id: string): string => {
    const t = catalog.threats.get(id);
    return t ? designator(t.name, t.id) : id;
  };
  if (raids) {
    let targets = 0;
    for (const r of scenario.raids ?? []) {
      for (const g of r.groups) {
        targets += g.count;
        out.push({
          id: `survival/${g.id}`,
          label: `${g.id} survival (${g.count} × ${threatLabel(g.threat)})`,
          kind: 'survival',
          unit: '1',
          group: g.id,
          threat: g.threat,
        });
      }
    }
    out.push({ id: 'survival/all', label: `all raids survival (${targets} targets)`, kind: 'survival', unit: '1', group: 'all' });
  }
  if (coverage) {
    const ref = scenario.analysis.altitudeReference.toUpperCase();
    for (const t of scenario.analysis.threats) {
      for (const alt of scenario.analysis.altitudesM) {
        out.push({
          id: `engaged-area/${t}/${alt}`,
          label: `engaged area, ${threatLabel(t)} at ${alt.toLocaleString('en-US')} m ${ref}`,
          kind: 'engaged-area',
          unit: 'km2',
          threat: t,
          altitudeM: alt,
        });
      }
    }
    const used = new Set<string>();
    for (const p of scenario.places) {
      let id = slug(p.name);
      for (let i = 2; used.has(id); i++) id = `${slug(p.name)}-${i}`;
      used.add(id);
      for (const t of scenario.analysis.threats) {
        out.push({
          id: `lowest-engaged-altitude/${id}/${t}`,
          label: `lowest engaged altitude over ${p.name}, ${threatLabel(t)}`,
          kind: 'lowest-engaged-altitude',
          unit: 'm',
          threat: t,
          place: p.name,
        });
      }
    }
  }
  return out;
}

/** The scenario of a source, validated against the catalog (InputError with located problems). */
export function loadSensitivityScenario(source: SensitivityScenarioSource, catalog: Catalog): Scenario {
  if ('path' in source) return loadScenario(source.path, catalog);
  const r = parseScenarioText(source.text, source.file, catalog);
  if (!r.ok) throw new InputError(r.problems);
  return r.scenario;
}

/** The plan of a sensitivity analysis; throws RangeError for bad options, InputError for a bad scenario. */
export function planSensitivity(input: SensitivityInput): SensitivityPlan {
  const checked = checkOptions(input.options);
  const catalog = loadCatalog(input.catalogDir);
  const scenario = loadSensitivityScenario(input.scenario, catalog);
  const raids = (scenario.raids ?? []).length > 0;
  if (!raids && !checked.coverage) throw new RangeError(`scenario "${scenario.name}" has no raids and coverage headlines are off: nothing to analyse`);
  const factors = enumerateFactors(scenario, catalog, {
    raids,
    coverage: checked.coverage,
    jamming: checked.jamming,
    shape: checked.distribution,
    only: checked.only ?? undefined,
  });
  if (factors.length === 0)
    throw new RangeError(
      `scenario "${scenario.name}" uses no catalog value with a spread${checked.only ? ` among ${checked.only.join(', ')}` : ''}: nothing is uncertain`,
    );
  const groups = groupFactors(factors, checked.group);
  const options = { ...checked, draws: checked.draws ?? Math.max(MIN_DEFAULT_DRAWS, Math.round(DEFAULT_EVALUATIONS / (groups.length + 2))) };
  const design = saltelliDesign(
    options.draws,
    factors.length,
    groups.map((g) => g.factors),
    options.seed,
  );
  return {
    input,
    scenario,
    catalog,
    options,
    raids,
    factors,
    groups,
    design,
    headlines: headlinesOf(scenario, catalog, raids, options.coverage),
    points: 1 + designPointCount(design),
  };
}
