/** Terminal report of uncertainty bands: every figure as "nominal (min–max)" over the source readings. */
import { formatBand } from '@parapet/core';
import type { CoverageBandsAnalysis } from '@parapet/io';
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
