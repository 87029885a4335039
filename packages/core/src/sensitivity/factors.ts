/**
 * The uncertain inputs a scenario actually uses, grouped into factors. A value is uncertain when
 * its catalog entry gives a spread (`low`/`high`); scenario files carry no spreads (sites,
 * places and raids are plain numbers), so every factor comes from the catalog entries the
 * scenario references: the systems of its sites, the threats of its raids and analysis, and the
 * jammers that act (its stand-off jammers unless jamming is off, the self-protection jammers of
 * its raid groups and analysis).
 *
 * Grouping rule — one factor is one statement of the sources about one component:
 *   threat:  RCS (the whole table, every aspect × band: one source's table is read high or low
 *            as a whole), speed
 *   radar:   range (detection range with its reference RCS and Pd: one calibration statement),
 *            coverage limits (instrumented range, ceiling, elevation limit, sector width),
 *            antenna height, scan period, receiver (centre frequency, gain, sidelobe level,
 *            beamwidth, noise figure)
 *   missile: Pk, envelope (minimum/maximum range and altitude, maximum target speed, average speed)
 *   fire unit: channels (target, missile), magazine (launchers, missiles per launcher),
 *            timing (reload, reaction)
 *   jammer:  emission (ERP, noise bandwidth)
 * The members of a factor are drawn together (comonotonic): all take the same quantile u of their
 * own distributions, oriented so that u = 1 is the coverage-maximising reading of every member
 * (the `high` case of `pickValue`, catalog/value.ts) and u = 0 the coverage-minimising one.
 *
 * Only values that reach the models are drawn: scan periods, Pk, average speeds and fire units
 * only when raids are simulated; a radar's receiver only when a jammer of its band acts; an
 * antenna height only if some site of the system does not override it; a threat's speed only
 * where a model takes it from the catalog (coverage, or a raid group without `speedMps`).
 */
import type { Catalog } from '../catalog/catalog.js';
import type { Jammer, Missile, Radar, System, Threat } from '../catalog/schema.js';
import type { CoverageSense, Dimension, Value } from '../catalog/value.js';
import { ASPECTS } from '../radar/aspect.js';
import { BANDS, type Band } from '../radar/band.js';
import type { Scenario } from '../scenario/schema.js';
import { unknownIdMessage } from '../util/did-you-mean.js';
import { valueDistribution, type DistributionShape, type ValueDistribution } from './distribution.js';

export type EntryKind = 'system' | 'threat' | 'jammer';

/** The attribution part of a factor within its entry (the `part` grouping level). */
export type FactorPart = 'radars' | 'missiles' | 'fire unit' | 'RCS' | 'speed' | 'emission';

export interface FactorMember {
  /** Path of the value inside its catalog entry, e.g. ["radars", 2, "detectionRange"]. */
  path: (string | number)[];
  /** The same path written as in catalog listings: "radars[2].detectionRange". */
  where: string;
  dim: Dimension;
  unit: string;
  /** +1: a larger number gives more coverage; −1: less (pickValue's sense). */
  sense: CoverageSense;
  distribution: ValueDistribution;
}

export interface Factor {
  /** "s-400/92n6e/range", "f-35a/rcs". */
  id: string;
  /** "S-400 92N6E range", "F-35A RCS". */
  label: string;
  entry: { kind: EntryKind; id: string; label: string };
  part: FactorPart;
  members: FactorMember[];
}

export interface FactorOptions {
  /** Raids are simulated (scan periods, Pk, fire units, raid threats count). */
  raids: boolean;
  /** Coverage headlines are computed (analysis threats count). */
  coverage: boolean;
  /** false: the scenario's stand-off jammers are left out. */
  jamming: boolean;
  shape?: DistributionShape;
  /** Draw only the values of these catalog entries (ids); the others stay at their nominal. */
  only?: readonly string[];
}

type Use = 'both' | 'raids';
interface MemberSpec {
  path: (string | number)[];
  dim: Dimension;
  sense: CoverageSense;
  use?: Use;
}
interface FamilySpec {
  key: string;
  label: string;
  /** 'raids': only when raids are simulated. */
  use?: Use;
  members: MemberSpec[];
}

/** The senses below are those of scenario/resolve.ts and sim/sim-params.ts (checked by a test against them). */
const RADAR_FAMILIES: FamilySpec[] = [
  {
    key: 'range',
    label: 'range',
    members: [
      { path: ['detectionRange'], dim: 'length', sense: 1 },
      { path: ['referenceRcs'], dim: 'area', sense: -1 },
      { path: ['referencePd'], dim: 'ratio', sense: 1 },
    ],
  },
  {
    key: 'limits',
    label: 'coverage limits',
    members: [
      { path: ['instrumentedRange'], dim: 'length', sense: 1 },
      { path: ['maxAltitude'], dim: 'length', sense: 1 },
      { path: ['maxElevation'], dim: 'angle', sense: 1 },
      { path: ['sector', 'halfWidth'], dim: 'angle', sense: 1 },
    ],
  },
  { key: 'antenna', label: 'antenna height', members: [{ path: ['antennaHeight'], dim: 'length', sense: 1 }] },
  { key: 'scan', label: 'scan period', use: 'raids', members: [{ path: ['scanPeriod'], dim: 'time', sense: -1 }] },
  {
    key: 'receiver',
    label: 'receiver',
    members: [
      { path: ['band', 'frequency'], dim: 'frequency', sense: 1 },
      { path: ['receiver', 'gain'], dim: 'power', sense: -1 },
      { path: ['receiver', 'sidelobeLevel'], dim: 'power', sense: -1 },
      { path: ['receiver', 'beamwidth'], dim: 'angle', sense: -1 },
      { path: ['receiver', 'noiseFigure'], dim: 'power', sense: 1 },
    ],
  },
];

const MISSILE_FAMILIES: FamilySpec[] = [
  { key: 'pk', label: 'Pk', use: 'raids', members: [{ path: ['pk'], dim: 'ratio', sense: 1 }] },
  {
    key: 'envelope',
    label: 'envelope',
    members: [
      { path: ['minRange'], dim: 'length', sense: -1 },
      { path: ['maxRange'], dim: 'length', sense: 1 },
      { path: ['minAltitude'], dim: 'length', sense: -1 },
      { path: ['maxAltitude'], dim: 'length', sense: 1 },
      { path: ['maxTargetSpeed'], dim: 'speed', sense: 1 },
      { path: ['averageSpeed'], dim: 'speed', sense: 1, use: 'raids' },
    ],
  },
];

const FIRE_UNIT_FAMILIES: FamilySpec[] = [
  {
    key: 'channels',
    label: 'channels',
    members: [
      { path: ['targetChannels'], dim: 'count', sense: 1 },
      { path: ['missileChannels'], dim: 'count', sense: 1 },
    ],
  },
  {
    key: 'magazine',
    label: 'magazine',
    members: [
      { path: ['launchers'], dim: 'count', sense: 1 },
      { path: ['missilesPerLauncher'], dim: 'count', sense: 1 },
    ],
  },
  {
    key: 'timing',
    label: 'reload and reaction times',
    members: [
      { path: ['reloadTime'], dim: 'time', sense: -1 },
      { path: ['reactionTime'], dim: 'time', sense: -1 },
    ],
  },
];

const JAMMER_FAMILY: FamilySpec = {
  key: 'emission',
  label: 'emission',
  members: [
    { path: ['erp'], dim: 'power', sense: -1 },
    { path: ['bandwidth'], dim: 'frequency', sense: 1 },
  ],
};

/**
 * A short designator for labels: the first word of the name when it reads as one (holds a digit
 * or is upper case: "S-400", "92N6E", "F-35A", "THAAD"), a quoted nickname that opens the name
 * ('"Big Back"' → "Big Back"), else the catalog id.
 */
export function designator(name: string, id: string): string {
  const quoted = /^"([^"]+)"/.exec(name);
  if (quoted) return quoted[1];
  const first = name.split(/\s+/)[0] ?? '';
  return /\d/.test(first) || (first.length > 1 && first === first.toUpperCase()) ? first : id;
}

function at(entry: unknown, path: readonly (string | number)[]): unknown {
  let x: unknown = entry;
  for (const k of path) {
    if (x === null || typeof x !== 'object') return undefined;
    x = (x as Record<string | number, unknown>)[k];
  }
  return x;
}

function whereOf(path: readonly (string | number)[]): string {
  let s = '';
  for (const k of path) s += typeof k === 'number' ? `[${k}]` : s ? `.${k}` : k;
  return s;
}

function members(entry: unknown, base: (string | number)[], specs: readonly MemberSpec[], raids: boolean, shape: DistributionShape): FactorMember[] {
  const out: FactorMember[] = [];
  for (const m of specs) {
    if (m.use === 'raids' && !raids) continue;
    const path = [...base, ...m.path];
    const v = at(entry, path) as Value | undefined;
    if (!v) continue;
    const distribution = valueDistribution(v, m.dim, shape);
    if (!distribution) continue;
    out.push({ path, where: whereOf(path), dim: m.dim, unit: v.unit, sense: m.sense, distribution });
  }
  return out;
}

/** Every uncertain input of a checked scenario, as factors in a fixed order (systems, threats, jammers). */
export function enumerateFactors(scenario: Scenario, catalog: Catalog, opts: FactorOptions): Factor[] {
  const shape = opts.shape ?? 'triangular';
  const { raids: useRaids, coverage } = opts;
  const raidGroups = useRaids ? (scenario.raids ?? []).flatMap((r) => r.groups) : [];

  // The entries the scenario uses, in first-use order.
  const systemIds = [...new Set(scenario.sites.map((s) => s.system))];
  const threatIds = [...new Set([...raidGroups.map((g) => g.threat), ...(coverage ? scenario.analysis.threats : [])])];
  const standOffIds = opts.jamming ? (scenario.jammers ?? []).map((j) => j.jammer) : [];
  const selfIds = [
    ...raidGroups.flatMap((g) => (g.jammer ? [g.jammer] : [])),
    ...(coverage && scenario.analysis.selfProtectionJammer ? [scenario.analysis.selfProtectionJammer] : []),
  ];
  const jammerIds = [...new Set([...standOffIds, ...selfIds])];
  const get = <T>(m: ReadonlyMap<string, T>, id: string, kind: string): T => {
    const x = m.get(id);
    if (!x) throw new Error(`unknown ${kind} "${id}" (run checkScenario first)`);
    return x;
  };
  const jammers: Jammer[] = jammerIds.map((id) => get(catalog.jammers, id, 'jammer'));
  const jammedBands = new Set<Band>(jammers.flatMap((j) => j.bands));

  const used = [...systemIds, ...threatIds, ...jammerIds];
  const only = opts.only ? new Set(opts.only) : undefined;
  for (const id of only ?? []) if (!used.includes(id)) throw new RangeError(unknownIdMessage('catalog entry in this scenario', id, used));
  const drawn = (id: string): boolean => !only || only.has(id);

  const factors: Factor[] = [];
  const push = (entry: Factor['entry'], part: FactorPart, idParts: string[], labelParts: string[], ms: FactorMember[]): void => {
    if (ms.length === 0) return;
    factors.push({ id: [entry.id, ...idParts].join('/'), label: [entry.label, ...labelParts].join(' '), entry, part, members: ms });
  };

  for (const sid of systemIds) {
    if (!drawn(sid)) continue;
    const s: System = get(catalog.systems, sid, 'system');
    const entry = { kind: 'system' as const, id: s.id, label: designator(s.name, s.id) };
    const sites = scenario.sites.filter((x) => x.system === sid);
    const antennaDrawn = sites.some((x) => x.antennaHeightM === undefined);
    s.radars.forEach((r: Radar, ri) => {
      const name = designator(r.name, r.id);
      const prefix = name === entry.label ? [] : [name];
      for (const f of RADAR_FAMILIES) {
        if (f.use === 'raids' && !useRaids) continue;
        if (f.key === 'antenna' && !antennaDrawn) continue;
        if (f.key === 'receiver' && !jammedBands.has(r.band.letter)) continue;
        push(entry, 'radars', [r.id, f.key], [...prefix, f.label], members(s, ['radars', ri], f.members, useRaids, shape));
      }
    });
    s.missiles.forEach((m: Missile, mi) => {
      const name = designator(m.name, m.id);
      const prefix = name === entry.label ? [] : [name];
      for (const f of MISSILE_FAMILIES) {
        if (f.use === 'raids' && !useRaids) continue;
        push(entry, 'missiles', [m.id, f.key], [...prefix, f.label], members(s, ['missiles', mi], f.members, useRaids, shape));
      }
    });
    if (useRaids && s.missiles.length > 0 && s.fireUnit) {
      for (const f of FIRE_UNIT_FAMILIES) push(entry, 'fire unit', ['fire-unit', f.key], [f.label], members(s, ['fireUnit'], f.members, useRaids, shape));
    }
  }

  for (const tid of threatIds) {
    if (!drawn(tid)) continue;
    const t: Threat = get(catalog.threats, tid, 'threat');
    const entry = { kind: 'threat' as const, id: t.id, label: designator(t.name, t.id) };
    const rcs: MemberSpec[] = [];
    for (const a of ASPECTS) if (t.rcs[a]) for (const b of BANDS) rcs.push({ path: ['rcs', a, b], dim: 'area', sense: 1 });
    push(entry, 'RCS', ['rcs'], ['RCS'], members(t, [], rcs, useRaids, shape));
    const speedFromCatalog = (coverage && scenario.analysis.threats.includes(tid)) || raidGroups.some((g) => g.threat === tid && g.speedMps === undefined);
    if (speedFromCatalog) push(entry, 'speed', ['speed'], ['speed'], members(t, [], [{ path: ['speed'], dim: 'speed', sense: -1 }], useRaids, shape));
  }

  for (const j of jammers) {
    if (!drawn(j.id)) continue;
    const entry = { kind: 'jammer' as const, id: j.id, label: designator(j.name, j.id) };
    push(entry, 'emission', [JAMMER_FAMILY.key], [JAMMER_FAMILY.label], members(j, [], JAMMER_FAMILY.members, useRaids, shape));
  }
  return factors;
}
