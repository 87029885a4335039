/**
 * Explanations for the workbench's "where does this number come from" panel: for a site, a
 * place, a threat or a metric, the chain from catalog values (with their spread, confidence and
 * sources) through the model equations to the number shown. Every derived number is read from
 * the derivation tree of explain-site.ts or from the coverage engine's SiteEvaluator, so the
 * panel, `parapet explain` and the maps show the same figures.
 */
import { BANDS } from '../radar/band.js';
import type { Confidence, Source, Value, ValueCase } from '../catalog/value.js';
import { SiteEvaluator } from '../engagement/site-evaluator.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM, radarHorizonExactM } from '../geo/horizon.js';
import { resolveSites } from '../scenario/resolve.js';
import { findNode, type ExplainNode } from './explain-node.js';
import { explainScenarioSite, scenarioSiteRequest, type ScenarioExplainOptions } from './explain-scenario.js';
import { resolvedForExplain } from './explain-site.js';

export interface ExplainRow {
  label: string;
  /** The number as shown, with its unit. */
  value: string;
  /** The catalog spread "low – high unit", when the sources disagree. */
  spread?: string;
  /** The equation with numbers substituted. */
  formula?: string;
  confidence?: Confidence;
  sources?: Source[];
  note?: string;
}

export interface Explanation {
  /** Derivation trees (explain-site.ts) of sites against the chosen threat and altitude. */
  trees?: { siteId: string; tree: ExplainNode }[];
  title: string;
  subtitle?: string;
  note?: string;
  sources: Source[];
  sections: { heading: string; rows: ExplainRow[] }[];
}

export type ExplainSubject = { kind: 'site'; id: string } | { kind: 'place'; name: string } | { kind: 'threat'; id: string } | { kind: 'metric'; name: string };

export interface ExplainContext extends ScenarioExplainOptions {
  valueCase: ValueCase;
  threatId?: string;
  /** Target altitude, metres MSL. */
  altitudeM?: number;
}

const km = (m: number, digits = 1): string => `${(m / 1000).toFixed(digits)} km`;

function valueRow(label: string, v: Value | undefined, note?: string): ExplainRow | undefined {
  if (!v) return undefined;
  const spread = v.low !== undefined || v.high !== undefined ? `${v.low ?? v.nominal} – ${v.high ?? v.nominal} ${v.unit}` : undefined;
  return {
    label,
    value: `${v.nominal} ${v.unit}`,
    spread,
    confidence: v.confidence,
    sources: v.sources,
    note: [v.note, note].filter(Boolean).join(' ') || undefined,
  };
}

const rows = (xs: (ExplainRow | undefined)[]): ExplainRow[] => xs.filter((x): x is ExplainRow => x !== undefined);

function caseNote(valueCase: ValueCase): string {
  return valueCase === 'nominal'
    ? 'The analysis uses the nominal value of every figure.'
    : `The analysis uses the ${valueCase === 'low' ? 'coverage-minimising' : 'coverage-maximising'} end of every sourced spread ("${valueCase}" case).`;
}

/** The derivation tree of a site against the context's threat and altitude (over `place`), if both are set. */
function siteTree(ctx: ExplainContext, siteId: string, place?: { name: string; lonDeg: number; latDeg: number }): ExplainNode | undefined {
  if (!ctx.threatId || ctx.altitudeM === undefined || !ctx.catalog.threats.has(ctx.threatId)) return undefined;
  return explainScenarioSite({ ...ctx, siteId, threatId: ctx.threatId, altitudeM: ctx.altitudeM, place });
}

function explainSite(ctx: ExplainContext, id: string): Explanation {
  const { scenario, catalog, valueCase } = ctx;
  const site = scenario.sites.find((s) => s.id === id);
  if (!site) throw new RangeError(`no site "${id}" in the scenario`);
  const system = catalog.systems.get(site.system);
  if (!system) throw new RangeError(`site "${id}": unknown system "${site.system}"`);
  const threatEntry = ctx.threatId ? catalog.threats.get(ctx.threatId) : undefined;
  const tree = siteTree(ctx, site.id);
  // Without an altitude (no tree), the detection range still comes from the coverage engine's evaluator.
  const req = threatEntry ? scenarioSiteRequest(ctx, site.id, threatEntry.id) : undefined;
  const resolved = req ? resolvedForExplain(req) : undefined;
  const ev = resolved
    ? new SiteEvaluator(resolved.site, resolved.threat, 0, effectiveEarthRadiusM(scenario.earth.kFactor), { standOff: req!.standOffJammers ?? [] })
    : undefined;
  const altM = ctx.altitudeM;
  const sections: Explanation['sections'] = [];
  sections.push({
    heading: 'Placement',
    rows: [
      {
        label: 'Position',
        value: `${site.lat.toFixed(3)}° N, ${site.lon.toFixed(3)}° E`,
        note: 'City-level and notional: a position stands for a reported area, not a site.',
      },
      { label: 'Status', value: site.status, sources: site.sources, note: site.note },
    ],
  });
  system.radars.forEach((r, ri) => {
    const list: (ExplainRow | undefined)[] = [
      site.antennaHeightM !== undefined
        ? {
            label: 'Antenna height',
            value: `${site.antennaHeightM} m`,
            note: 'Set by the scenario for this site (overrides the catalog).',
            sources: site.sources,
          }
        : valueRow('Antenna height', r.antennaHeight),
      valueRow('Instrumented range', r.instrumentedRange, 'The display/processing limit, not a detection range.'),
      valueRow(`Detection range against ${r.referenceRcs.nominal} m²`, r.detectionRange),
      valueRow('Maximum altitude', r.maxAltitude),
    ];
    if (threatEntry && ev && resolved) {
      const rangeM = ev.detectionRangeM(ri);
      const rangeNode = tree ? findNode(tree, `radar.${r.id}.range`) : undefined;
      const pdRange = tree ? findNode(tree, `radar.${r.id}.pdRange`) : undefined;
      list.push({
        label: `Detection range against the ${threatEntry.name} (${r.band.letter} band, Pd ≥ ${resolved.threat.pdThreshold})`,
        value: km(rangeM),
        formula: rangeNode?.substituted ?? `R = ${km(rangeM)}`,
        note: `Radar range equation at the analysis Pd threshold: R⁴ ∝ σ at the radar's band (Skolnik, Introduction to Radar Systems, eq. 2.1; docs/models/bands.md).${pdRange?.substituted ? ` ${pdRange.substituted}.` : ''}`,
      });
    }
    if (altM !== undefined) {
      const horizon = tree ? findNode(tree, `radar.${r.id}.horizon`) : undefined;
      const hr = resolved?.site.radars[ri].antennaHeightM ?? site.antennaHeightM ?? r.antennaHeight.nominal;
      const horizonM = (horizon?.value as number | undefined) ?? radarHorizonExactM(hr, altM, effectiveEarthRadiusM(scenario.earth.kFactor));
      list.push({
        label: `Radar horizon for a target at ${altM} m`,
        value: km(horizonM),
        formula: horizon?.substituted ?? `s_H = a_e·(acos(a_e/(a_e+h_r)) + acos(a_e/(a_e+h))) ≈ √(2a_e·h_r) + √(2a_e·h)`,
        note: `Smooth earth with effective radius a_e = k·R, k = ${scenario.earth.kFactor.toFixed(3)}. Terrain can only shorten it.`,
      });
    }
    sections.push({ heading: `Radar: ${r.name} (${r.role})`, rows: rows(list) });
  });
  system.missiles.forEach((m, mi) => {
    const list: (ExplainRow | undefined)[] = [
      valueRow('Minimum range', m.minRange),
      valueRow('Maximum range', m.maxRange),
      valueRow('Minimum altitude', m.minAltitude),
      valueRow('Maximum altitude', m.maxAltitude),
      valueRow('Maximum target speed', m.maxTargetSpeed),
      valueRow('Single-shot kill probability', m.pk),
    ];
    const mp = resolved?.site.missiles[mi];
    if (threatEntry && ev && resolved && mp) {
      list.push({
        label: `Can it engage the ${threatEntry.name}?`,
        value: ev.rule.speedOk(mi) ? 'speed within limit' : 'too fast',
        formula: `target ${resolved.threat.speedMps.toFixed(0)} m/s vs limit ${mp.maxTargetSpeedMps.toFixed(0)} m/s`,
      });
    }
    const zone = tree ? findNode(tree, `missile.${m.id}.groundRangeAtAltitude`) : undefined;
    if (altM !== undefined && zone) {
      list.push({
        label: `Engagement zone at ${altM} m`,
        value: (zone.value as number) > 0 ? `out to ${km(zone.value as number)}` : 'none',
        formula: zone.substituted,
        note: zone.note,
      });
    }
    list.push({
      label: 'Guided by',
      value: m.guidanceRadar ? (system.radars.find((r) => r.id === m.guidanceRadar)?.name ?? m.guidanceRadar) : '',
      note: 'Engagement needs this radar to detect the target, in line of sight.',
    });
    sections.push({ heading: `Missile: ${m.name}`, rows: rows(list) });
  });
  return {
    trees: tree ? [{ siteId: site.id, tree }] : undefined,
    title: `${site.id} — ${system.name}`,
    subtitle: [system.aliases.join(', '), system.origin].filter(Boolean).join(' · '),
    note: `${system.description} ${caseNote(valueCase)}`,
    sources: system.sources,
    sections,
  };
}

function explainPlace(ctx: ExplainContext, name: string): Explanation {
  const { scenario, catalog, valueCase } = ctx;
  const place = scenario.places.find((p) => p.name === name);
  if (!place) throw new RangeError(`no place "${name}" in the scenario`);
  const threatEntry = ctx.threatId ? catalog.threats.get(ctx.threatId) : undefined;
  const aeM = effectiveEarthRadiusM(scenario.earth.kFactor);
  const sites = resolveSites(scenario, catalog, valueCase);
  const list = sites
    .map((s, si) => {
      const g = geodesicInverse(s.lonDeg, s.latDeg, place.lon, place.lat);
      const d = g.distanceM;
      const azRad = (g.azimuthDeg * Math.PI) / 180;
      const antenna = Math.max(...s.radars.map((r) => r.antennaHeightM));
      const t = ctx.terrain;
      const hMin = t ? t.pointMinVisibleMslM(si, antenna, place.lon, place.lat, d, azRad) : minVisibleHeightSmoothM(d, antenna, aeM);
      const maxMissileM = Math.max(0, ...s.missiles.map((m) => m.maxRangeM));
      const parts = [`missile reach ${km(maxMissileM, 0)}`];
      if (threatEntry) {
        const req = scenarioSiteRequest(ctx, s.id, threatEntry.id);
        const ev = new SiteEvaluator(s, resolvedForExplain(req).threat, t ? t.siteGroundMslM(si) : 0, aeM, { standOff: req.standOffJammers ?? [] });
        let maxDetM = 0;
        for (let r = 0; r < ev.radarCount; r++) maxDetM = Math.max(maxDetM, ev.detectionRangeAtM(r, azRad));
        parts.push(`detection vs ${threatEntry.name} toward here ${km(maxDetM, 0)}`);
      }
      return {
        d,
        id: s.id,
        row: {
          label: `${s.id} (${s.systemName})`,
          value: `${km(d)} away`,
          formula: `lowest altitude in line of sight of its highest antenna (${antenna} m): ${hMin.toFixed(0)} m`,
          note: `${parts.join('; ')}. Geodesic distance on WGS84 (GeographicLib); line of sight ${t ? `over the scenario's DEM (${t.label}), MSL` : `over a smooth earth, k = ${scenario.earth.kFactor.toFixed(3)}`}.`,
        } satisfies ExplainRow,
      };
    })
    .sort((a, b) => a.d - b.d);
  // Derivations for the three nearest sites at this place.
  const trees = list
    .slice(0, 3)
    .map((x) => ({ siteId: x.id, tree: siteTree(ctx, x.id, { name: place.name, lonDeg: place.lon, latDeg: place.lat }) }))
    .filter((t): t is { siteId: string; tree: ExplainNode } => t.tree !== undefined);
  return {
    trees: trees.length ? trees : undefined,
    title: place.name,
    subtitle: `${place.lat.toFixed(3)}° N, ${place.lon.toFixed(3)}° E`,
    note: `A place of interest, evaluated at its exact point. The lowest engaged altitude is found by stepping up from the ground in 10 m steps until some site can engage. ${caseNote(valueCase)}`,
    sources: [],
    sections: [{ heading: 'Sites by distance', rows: list.map((x) => x.row) }],
  };
}

function explainThreat(ctx: ExplainContext, id: string): Explanation {
  const t = ctx.catalog.threats.get(id);
  if (!t) throw new RangeError(`unknown threat "${id}"`);
  return {
    title: t.name,
    subtitle: t.category,
    note: t.description,
    sources: t.sources,
    sections: [
      {
        heading: 'Parameters',
        rows: rows([
          ...BANDS.map((b) => valueRow(`Radar cross section, front, ${b} band`, t.rcs.front[b])),
          valueRow('Speed', t.speed),
          { label: 'Swerling case', value: String(t.swerling) },
        ]),
      },
    ],
  };
}

const METRICS: Record<string, { title: string; note: string; formula?: string }> = {
  detectAreaKm2: {
    title: 'Detected area',
    note: 'Area of the grid cells above which at least one radar detects the target at the chosen altitude: in line of sight, within its detection range for the target’s RCS, below its maximum altitude.',
    formula: 'A = Σ cell areas (each row’s cell area on the WGS84 ellipsoid, GeographicLib)',
  },
  engageAreaKm2: {
    title: 'Engaged area',
    note: 'Area of the cells where at least one missile can engage: its guidance radar detects the target, the slant range is within [R_min, R_max], the altitude within the missile’s envelope, and the target no faster than its limit.',
    formula: 'A = Σ cell areas where engage count ≥ 1',
  },
  detectedNotEngagedAreaKm2: {
    title: 'Detected but not engageable',
    note: 'Area of the cells where some radar (an early-warning or acquisition radar, say) detects the target but no missile can be guided onto it: the gap between seeing a stealth aircraft and shooting at it. Counted from the same detect and engage rasters (core coverage/analyze.ts detectedNotEngagedMask).',
    formula: 'A = Σ cell areas with detect count ≥ 1 and engage count = 0',
  },
  multiEngageAreaKm2: {
    title: 'Area engaged by two or more sites',
    note: 'Overlapping engagement zones: where a second site can engage if the first fails.',
    formula: 'A = Σ cell areas where engage count ≥ 2',
  },
  maxEngageOverlap: { title: 'Largest overlap', note: 'The largest number of sites able to engage above a single cell.' },
  engageRingAreaKm2: {
    title: 'Range-ring area',
    note: 'Area inside the union of every site’s longest missile range ring: the “range ring” answer, which ignores the horizon, altitude limits and detection.',
    formula: 'A = Σ cell areas with ground range ≤ R_max of some site',
  },
  engageRingFraction: {
    title: 'Share of the ring that is real coverage',
    note: 'How much of the range-ring area is engaged at this altitude. Well below 1 at low altitude: the earth’s curvature hides low targets from radars long before the missile’s range runs out.',
    formula: 'engaged area / range-ring area',
  },
  lowestEngagedAltitudeM: {
    title: 'Lowest engaged altitude',
    note: 'The lowest altitude above the place at which some site can engage, stepping from the ground in 10 m steps; limited by the radar horizon of the guidance radar and the missile’s minimum altitude.',
  },
  maxDetectRangeKm: {
    title: 'Longest detection range in this layer',
    note: 'The ground range of the farthest cell this site detects at this altitude: the smaller of the RCS-scaled detection range and the radar horizon.',
  },
  maxEngageRangeKm: {
    title: 'Longest engagement range in this layer',
    note: 'The ground range of the farthest cell this site engages: bounded by the missile range, the guidance radar’s detection range and its horizon.',
  },
};

function explainMetric(ctx: ExplainContext, name: string): Explanation {
  const m = METRICS[name];
  if (!m) throw new RangeError(`no explanation for metric "${name}"`);
  return {
    title: m.title,
    note: `${m.note} ${caseNote(ctx.valueCase)}`,
    sources: [],
    sections: m.formula ? [{ heading: 'How it is computed', rows: [{ label: m.title, value: '', formula: m.formula }] }] : [],
  };
}

/** The explanation of a subject of a scenario. */
export function explainSubject(ctx: ExplainContext, subject: ExplainSubject): Explanation {
  switch (subject.kind) {
    case 'site':
      return explainSite(ctx, subject.id);
    case 'place':
      return explainPlace(ctx, subject.name);
    case 'threat':
      return explainThreat(ctx, subject.id);
    case 'metric':
      return explainMetric(ctx, subject.name);
  }
}
