/** Terminal report of uncertainty bands: every figure as "nominal (min–max)" over the source readings. */
import { formatBand } from '@parapet/core';
import type { ComparisonBands, CoverageBandsAnalysis } from '@parapet/io';
import { fmtAltitude, formatTable } from './table.js';

export function bandsReport(b: CoverageBandsAnalysis): string {
  const placeNames = b.cases.nominal.scenario.places.map((p) => p.name);
  const rows = b.layers.map((l, i) => ({ l, p: b.places[i] }));
  const table = formatTable(rows, [
    { header: 'threat', cell: (r) => r.l.threatId },
    { header: 'altitude', cell: (r) => fmtAltitude(r.l.altitudeM), align: 'right' },
    { header: 'engaged km² nominal (low–high)', cell: (r) => formatBand(r.l.engageAreaKm2, ''), align: 'right' },
    { header: 'under every reading', cell: (r) => Math.round(r.l.engageEveryKm2).toLocaleString('en-US'), align: 'right' },
    { header: 'under some reading', cell: (r) => Math.round(r.l.engageSomeKm2).toLocaleString('en-US'), align: 'right' },
    ...placeNames.map((name) => ({
      header: name,
      cell: (r: (typeof rows)[number]) => {
        const under = r.p.engagedUnder[name] ?? [];
        return under.length === 3 ? 'ENGAGED' : under.length === 0 ? '—' : `if ${under.join('/')}`;
      },
    })),
  ]);
  return `\nUncertainty across the sources (low / nominal / high readings of every sourced spread)\n${table}\n`;
}

/** Terminal report of an A/B comparison across the sources' spread. */
export function compareBandsReport(c: ComparisonBands): string {
  const placeNames = c.cases.nominal.a.scenario.places.map((p) => p.name);
  const table = formatTable(c.layers, [
    { header: 'threat', cell: (l) => l.threatId },
    { header: 'altitude', cell: (l) => fmtAltitude(l.altitudeM), align: 'right' },
    { header: 'Δ engaged km² nominal (range)', cell: (l) => formatBand(l.deltaEngageKm2, ''), align: 'right' },
    { header: 'holds across the spread?', cell: (l) => l.verdict },
    ...placeNames.map((name) => ({
      header: name,
      cell: (l: ComparisonBands['layers'][number]) => {
        const v = l.places.find((p) => p.name === name)?.verdict;
        return v === 'newly engaged under every reading'
          ? 'gained'
          : v === 'no longer engaged under any reading'
            ? 'lost'
            : v === 'unchanged under every reading'
              ? '='
              : v
                ? 'depends'
                : '?';
      },
    })),
  ]);
  return `\nDoes the change hold across the sources (low / nominal / high readings)?\n${table}\n`;
}
