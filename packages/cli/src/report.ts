/** Terminal reports of coverage and comparison results. */
import { jammingTable } from '@parapet/core';
import type { CoverageAnalysis, ScenarioComparison } from '@parapet/io';
import { fmtAltitude, fmtArea, fmtSigned, formatTable } from './table.js';

const mark = (detected: boolean, engaged: boolean): string => (engaged ? 'ENGAGED' : detected ? 'detected' : '—');

export function coverageReport(a: CoverageAnalysis): string {
  const rows = a.runs.map((r) => r.metrics);
  const placeNames = a.scenario.places.map((p) => p.name);
  const table = formatTable(rows, [
    { header: 'threat', cell: (m) => m.threatId },
    { header: 'altitude', cell: (m) => `${fmtAltitude(m.altitudeM)} ${m.altitudeReference.toUpperCase()}`, align: 'right' },
    { header: 'detected km²', cell: (m) => fmtArea(m.detectAreaKm2), align: 'right' },
    { header: 'engaged km²', cell: (m) => fmtArea(m.engageAreaKm2), align: 'right' },
    { header: 'seen, not engageable km²', cell: (m) => fmtArea(m.detectedNotEngagedAreaKm2), align: 'right' },
    { header: 'ring km²', cell: (m) => fmtArea(m.engageRingAreaKm2), align: 'right' },
    { header: 'real/ring', cell: (m) => `${Math.round(m.engageRingFraction * 100)}%`, align: 'right' },
    { header: '≥2 sites km²', cell: (m) => fmtArea(m.multiEngageAreaKm2), align: 'right' },
    ...placeNames.map((name) => ({
      header: name,
      cell: (m: (typeof rows)[number]) => {
        const p = m.places.find((x) => x.name === name);
        return p ? mark(p.detected, p.engaged) : '?';
      },
    })),
  ]);
  const low = formatTable(
    a.threats.map((t) => ({ t, run: a.runs.find((r) => r.metrics.threatId === t.id)! })),
    [
      { header: 'lowest engaged altitude', cell: (x) => x.t.id },
      ...placeNames.map((name) => ({
        header: name,
        cell: (x: { run: (typeof a.runs)[number] }) => fmtAltitude(x.run.metrics.places.find((p) => p.name === name)?.lowestEngagedAltitudeM ?? null),
        align: 'right' as const,
      })),
    ],
  );
  return `${a.scenario.name}\nline of sight: ${a.visibility.label}; grid ${a.grid.width}×${a.grid.height} at ${a.grid.resolutionM} m; sources at their ${a.valueCase} values; ${a.scenario.analysis.aspect ?? 'front'} aspect to every radar\n${a.jamming ? `stand-off jamming by ${a.scenario.jammers!.map((j) => j.id).join(', ')} (--no-jamming to leave it out)\n` : ''}\n${table}\n\n${placeNames.length ? `${low}\n` : ''}${jammingReport(a)}`;
}

export function compareReport(c: ScenarioComparison): string {
  const placeNames = c.a.scenario.places.map((p) => p.name);
  const table = formatTable(c.layers, [
    { header: 'threat', cell: (l) => l.threatId },
    { header: 'altitude', cell: (l) => fmtAltitude(l.altitudeM), align: 'right' },
    { header: 'engaged A km²', cell: (l) => fmtArea(l.engageAreaA), align: 'right' },
    { header: 'engaged B km²', cell: (l) => fmtArea(l.engageAreaB), align: 'right' },
    { header: 'Δ engaged', cell: (l) => fmtSigned(l.engageAreaB - l.engageAreaA), align: 'right' },
    { header: 'gained', cell: (l) => fmtArea(l.engage.gainedAreaKm2), align: 'right' },
    { header: 'lost', cell: (l) => fmtArea(l.engage.lostAreaKm2), align: 'right' },
    { header: 'Δ detected', cell: (l) => fmtSigned(l.detectAreaB - l.detectAreaA), align: 'right' },
    ...jamColumns(c),
    ...placeNames.map((name) => ({
      header: name,
      cell: (l: (typeof c.layers)[number]) => {
        const p = l.places.find((x) => x.name === name);
        if (!p) return '?';
        const a = p.engagedA ? 'E' : p.detectedA ? 'd' : '–';
        const b = p.engagedB ? 'E' : p.detectedB ? 'd' : '–';
        return a === b ? a : `${a}→${b}`;
      },
    })),
  ]);
  const low = formatTable(
    [...new Set(c.layers.map((l) => l.threatId))].map((t) => c.layers.find((l) => l.threatId === t)!),
    [
      { header: 'lowest engaged altitude A→B', cell: (l) => l.threatId },
      ...placeNames.map((name) => ({
        header: name,
        cell: (l: (typeof c.layers)[number]) => {
          const p = l.places.find((x) => x.name === name);
          return p ? `${fmtAltitude(p.lowestEngagedAltitudeA)} → ${fmtAltitude(p.lowestEngagedAltitudeB)}` : '?';
        },
        align: 'right' as const,
      })),
    ],
  );
  return `A: ${c.a.scenario.name}\nB: ${c.b.scenario.name}\nline of sight: ${c.a.visibility.label}; grid ${c.a.grid.width}×${c.a.grid.height} at ${c.a.grid.resolutionM} m\nplaces: E engaged, d detected only, – neither\n\n${table}\n\n${placeNames.length ? `${low}\n` : ''}`;
}

/** Burn-through ranges per radar under the analysis' jamming (empty without jammers). */
export function jammingReport(a: CoverageAnalysis): string {
  if (!a.jamming) return '';
  const rows = jammingTable(a.sites, a.threats, a.visibility, a.jamming).flatMap((row) =>
    row.radars.map((r) => ({ threat: row.threatId, site: row.siteId, r })),
  );
  const km = (m: number): string => `${(m / 1000).toFixed(0)} km`;
  const table = formatTable(rows, [
    { header: 'threat', cell: (x) => x.threat },
    { header: 'site', cell: (x) => x.site },
    { header: 'radar', cell: (x) => x.r.radarId },
    { header: 'unjammed', cell: (x) => km(x.r.unjammedM), align: 'right' },
    { header: 'jammer in sidelobes', cell: (x) => (x.r.jammers.length ? km(x.r.standOffSidelobeM) : 'not jammed'), align: 'right' },
    { header: 'jammer in main lobe', cell: (x) => (x.r.jammers.length ? km(x.r.standOffMainlobeM) : ''), align: 'right' },
  ]);
  return `Detection (burn-through) ranges under stand-off noise jamming, slant, at the analysis Pd (docs/models/jamming.md):\n${table}\n`;
}

/** With jammers in A or B: the engaged areas without them beside the jammed ones (the difference jamming makes). */
function jamColumns(c: ScenarioComparison) {
  const unjammed = (a: CoverageAnalysis, l: ScenarioComparison['layers'][number]): string => {
    const i = a.runs.findIndex((r) => r.metrics.threatId === l.threatId && r.metrics.altitudeM === l.altitudeM);
    return a.unjammedRuns && i >= 0 ? fmtArea(a.unjammedRuns[i].metrics.engageAreaKm2) : '';
  };
  const cols: { header: string; cell: (l: ScenarioComparison['layers'][number]) => string; align: 'right' }[] = [];
  if (c.a.unjammedRuns) cols.push({ header: 'engaged A, no jammer', cell: (l) => unjammed(c.a, l), align: 'right' });
  if (c.b.unjammedRuns) cols.push({ header: 'engaged B, no jammer', cell: (l) => unjammed(c.b, l), align: 'right' });
  return cols;
}
