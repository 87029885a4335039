/** Terminal reports of coverage and comparison results. */
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
  return `${a.scenario.name}\nline of sight: ${a.visibility.label}; grid ${a.grid.width}×${a.grid.height} at ${a.grid.resolutionM} m; sources at their ${a.valueCase} values\n\n${table}\n\n${placeNames.length ? `${low}\n` : ''}`;
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
