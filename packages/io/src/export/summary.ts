/**
 * The coverage summary document (what `parapet coverage --json` prints and summary.json holds):
 * one entry per (threat, altitude) with areas, places and per-site ranges, plus the provenance of
 * every input — the sources behind each system, threat and site, and their confidence.
 */
import { distinctSources, jammingTable, valuesOf, type Catalog, type Confidence, type Source } from '@parapet/core';
import type { CoverageAnalysis } from '../pipeline/coverage.js';

export interface ProvenanceEntry {
  kind: 'system' | 'threat' | 'jammer' | 'site';
  id: string;
  name: string;
  /** Number of sourced values by confidence. */
  confidence: Record<Confidence, number>;
  /** Values that are the project's own estimates. */
  estimates: number;
  sources: Source[];
  status?: string;
}

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** Provenance of every catalog entry and site a scenario uses. */
export function scenarioProvenance(analysis: Pick<CoverageAnalysis, 'scenario'>, catalog: Catalog): ProvenanceEntry[] {
  const { scenario } = analysis;
  const out: ProvenanceEntry[] = [];
  const entry = (kind: 'system' | 'threat' | 'jammer', id: string, name: string, e: unknown, general: Source[]): ProvenanceEntry => {
    const values = valuesOf(e).map((v) => v.value);
    const confidence: Record<Confidence, number> = { high: 0, medium: 0, low: 0 };
    let estimates = 0;
    for (const v of values) {
      confidence[v.confidence]++;
      if (v.sources.every((s) => /^Parapet estimate/i.test(s.title))) estimates++;
    }
    return { kind, id, name, confidence, estimates, sources: distinctSources([{ nominal: 0, unit: '1', confidence: 'low', sources: general }, ...values]) };
  };
  for (const id of new Set(scenario.sites.map((s) => s.system))) {
    const sys = catalog.systems.get(id);
    if (sys) out.push(entry('system', id, sys.name, sys, sys.sources));
  }
  for (const id of scenario.analysis.threats) {
    const t = catalog.threats.get(id);
    if (t) out.push(entry('threat', id, t.name, t, t.sources));
  }
  const jammerIds = new Set([
    ...(scenario.jammers ?? []).map((j) => j.jammer),
    ...(scenario.analysis.selfProtectionJammer ? [scenario.analysis.selfProtectionJammer] : []),
  ]);
  for (const id of jammerIds) {
    const j = catalog.jammers.get(id);
    if (j) out.push(entry('jammer', id, j.name, j, j.sources));
  }
  for (const s of scenario.sites) {
    out.push({
      kind: 'site',
      id: s.id,
      name: `${s.id} (${s.system})`,
      confidence: { high: 0, medium: 0, low: 0 },
      estimates: s.sources.every((x) => /^Parapet estimate/i.test(x.title)) ? 1 : 0,
      sources: s.sources,
      status: s.status,
    });
  }
  return out;
}

/** Totals of sourced values by confidence across the provenance entries. */
export function confidenceTotals(prov: readonly ProvenanceEntry[]): Record<Confidence, number> & { estimates: number } {
  const t = { high: 0, medium: 0, low: 0, estimates: 0 };
  for (const p of prov) {
    t.high += p.confidence.high;
    t.medium += p.confidence.medium;
    t.low += p.confidence.low;
    t.estimates += p.estimates;
  }
  return t;
}

/**
 * Where a site's figures are derived: the `parapet explain` command and the ids of its nodes
 * (core/explain) for the detection and engagement ranges (smooth-earth closed forms; with
 * terrain the map figures can only be smaller).
 */
function explainLink(analysis: CoverageAnalysis, scenarioFile: string, siteId: string, threatId: string, altitudeM: number) {
  const site = analysis.sites.find((x) => x.id === siteId);
  return {
    command: `parapet explain ${scenarioFile} --site ${siteId} --threat ${threatId} --altitude ${altitudeM}`,
    detect: site ? site.radars.map((r) => `radar.${r.id}.groundRangeAtAltitude`) : [],
    engage: site ? site.missiles.map((mm) => `missile.${mm.id}.groundRangeAtAltitude`) : [],
  };
}

export function buildCoverageSummary(analysis: CoverageAnalysis, catalog: Catalog, scenarioFile: string) {
  const { scenario, grid } = analysis;
  const provenance = scenarioProvenance(analysis, catalog);
  return {
    parapet: { document: 'coverage-summary', version: 1 },
    scenario: { name: scenario.name, file: scenarioFile },
    valueCase: analysis.valueCase,
    earth: { kFactor: scenario.earth.kFactor, model: analysis.visibility.label },
    grid: {
      bbox: [grid.westDeg, grid.southDeg, grid.eastDeg, grid.northDeg],
      width: grid.width,
      height: grid.height,
      resolutionM: grid.resolutionM,
    },
    sites: analysis.sites.map((s, i) => ({
      id: s.id,
      system: s.systemId,
      systemName: s.systemName,
      lon: s.lonDeg,
      lat: s.latDeg,
      status: s.status,
      note: scenario.sites[i].note,
    })),
    assumptions: {
      aspect: `${scenario.analysis.aspect ?? 'front'} aspect to every radar (analysis.aspect; docs/models/aspect.md)`,
      sectors: "sector radars face their site's boresightDeg, else the centroid of the places (docs/models/sectors.md)",
    },
    jammers: (scenario.jammers ?? []).map((j) => ({
      id: j.id,
      jammer: j.jammer,
      lon: j.lon,
      lat: j.lat,
      altitudeM: j.altitudeM,
      status: j.status,
      sources: j.sources,
      active: analysis.jamming !== undefined,
    })),
    jamming: analysis.jamming
      ? jammingTable(analysis.sites, analysis.threats, analysis.visibility, analysis.jamming).map((row) => ({
          threat: row.threatId,
          site: row.siteId,
          radars: row.radars.map((r) => ({
            radar: r.radarId,
            jammers: r.jammers,
            unjammedKm: round(r.unjammedM / 1000),
            standOffSidelobeKm: round(r.standOffSidelobeM / 1000),
            standOffMainlobeKm: round(r.standOffMainlobeM / 1000),
            selfProtectionKm: round(r.selfProtectionM / 1000),
          })),
        }))
      : undefined,
    results: analysis.runs.map(({ metrics: m }, i) => ({
      threat: m.threatId,
      threatName: m.threatName,
      altitudeM: m.altitudeM,
      altitudeReference: m.altitudeReference,
      detectAreaKm2: round(m.detectAreaKm2, 0),
      engageAreaKm2: round(m.engageAreaKm2, 0),
      detectedNotEngagedAreaKm2: round(m.detectedNotEngagedAreaKm2, 0),
      unjammed: analysis.unjammedRuns
        ? {
            detectAreaKm2: round(analysis.unjammedRuns[i].metrics.detectAreaKm2, 0),
            engageAreaKm2: round(analysis.unjammedRuns[i].metrics.engageAreaKm2, 0),
            detectedNotEngagedAreaKm2: round(analysis.unjammedRuns[i].metrics.detectedNotEngagedAreaKm2, 0),
          }
        : undefined,
      multiEngageAreaKm2: round(m.multiEngageAreaKm2, 0),
      maxEngageOverlap: m.maxEngageOverlap,
      engageRingAreaKm2: round(m.engageRingAreaKm2, 0),
      detectRingAreaKm2: round(m.detectRingAreaKm2, 0),
      engageRingFraction: round(m.engageRingFraction, 3),
      places: m.places.map((p) => ({
        name: p.name,
        detected: p.detected,
        engaged: p.engaged,
        detectedBy: p.detectedBy,
        engagedBy: p.engagedBy,
        lowestDetectedAltitudeM: p.lowestDetectedAltitudeM,
        lowestEngagedAltitudeM: p.lowestEngagedAltitudeM,
      })),
      sites: m.sites.map((s) => ({
        id: s.id,
        maxDetectRangeKm: round(s.maxDetectRangeKm),
        maxEngageRangeKm: round(s.maxEngageRangeKm),
        explain: explainLink(analysis, scenarioFile, s.id, m.threatId, m.altitudeM),
      })),
    })),
    provenance,
    confidence: confidenceTotals(provenance),
    elapsedMs: Math.round(analysis.elapsedMs),
    notice: 'Notional analysis from public information; positions are city-level. Not for operational use.',
  };
}

export type CoverageSummary = ReturnType<typeof buildCoverageSummary>;
