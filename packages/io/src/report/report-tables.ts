/**
 * The report's tables of results: coverage with its range over the sources' readings (core
 * `formatBand`), the places, the A/B change and whether it holds across the spread, burn-through
 * ranges under jamming (core `jammingTable`), and the raids with their 95% intervals.
 */
import { bandFigure, jammingTable, type Proportion, type SimComparison, type SimSummary } from '@parapet/core';
import type { ComparisonBands } from '../pipeline/compare-bands.js';
import type { ScenarioPart } from './report-analysis.js';
import { bandHtml, esc, fmtAltitude, fmtInt, fmtKm, fmtPct, tableHtml, type Column, type DocState } from './report-blocks.js';

export const layerLabel = (threatName: string, altitudeM: number, ref: string): string =>
  `${esc(threatName)} at ${fmtAltitude(altitudeM)}\u00a0${ref.toUpperCase()}`;

/** Where the part's tables and figures say whose they are ("A: …"). */
export const partName = (p: ScenarioPart): string => `${p.label ? `${p.label}: ` : ''}${p.input.scenario.name}`;

/** Areas per (threat, altitude): nominal with the range over the low and high readings. */
export function coverageTable(doc: DocState, p: ScenarioPart): string {
  const { cases, layers } = p.bands;
  const n = cases.nominal;
  const jammed = n.unjammedRuns !== undefined;
  const columns: Column[] = [
    { head: 'Threat' },
    { head: 'Altitude', num: true },
    { head: 'Detected km²', num: true },
    { head: 'Engaged km²', num: true },
    { head: 'Engaged under every reading km²', num: true },
    { head: 'Seen, not engageable km²', num: true },
    { head: 'Range-ring area km²', num: true },
    { head: 'Engaged / ring', num: true },
    ...(jammed ? [{ head: 'Engaged without the jammer km²', num: true }] : []),
  ];
  const rows = n.runs.map((run, i) => {
    const m = run.metrics;
    const l = layers[i];
    const seen = bandFigure({
      low: cases.low.runs[i].metrics.detectedNotEngagedAreaKm2,
      nominal: m.detectedNotEngagedAreaKm2,
      high: cases.high.runs[i].metrics.detectedNotEngagedAreaKm2,
    });
    return [
      esc(m.threatName),
      `${fmtAltitude(m.altitudeM)}\u00a0${m.altitudeReference.toUpperCase()}`,
      bandHtml(l.detectAreaKm2, ''),
      bandHtml(l.engageAreaKm2, ''),
      fmtInt(l.engageEveryKm2),
      bandHtml(seen, ''),
      fmtInt(m.engageRingAreaKm2),
      `${Math.round(m.engageRingFraction * 100)}%`,
      ...(jammed ? [fmtInt(n.unjammedRuns![i].metrics.engageAreaKm2)] : []),
    ];
  });
  return tableHtml(
    doc,
    `Coverage of ${esc(partName(p))}: areas at the nominal values, in brackets the range over the low and high readings of the sources (rounded to two significant figures).`,
    columns,
    rows,
    {
      note: `Line of sight: ${esc(n.visibility.label)}; grid ${n.grid.width} × ${n.grid.height} cells of ${fmtInt(n.grid.resolutionM)} m; ${esc(n.scenario.analysis.aspect ?? 'front')} aspect to every radar; detection threshold single-scan Pd ${n.scenario.analysis.pd ?? 0.5}.${jammed ? ` Stand-off jamming by ${esc((n.scenario.jammers ?? []).map((j) => j.id).join(', '))} acts in every column but the last.` : ''}`,
    },
  );
}

/** Per place: engaged under which readings, and the lowest engaged altitude with its range. */
export function placesTable(doc: DocState, p: ScenarioPart): string {
  const n = p.bands.cases.nominal;
  const names = n.scenario.places.map((x) => x.name);
  if (names.length === 0) return '';
  const verdict = (under: readonly string[]): string =>
    under.length === 3 ? '<strong>engaged</strong>' : under.length === 0 ? '—' : `only at ${under.join(', ')}`;
  const rows = n.runs.map((run, i) => [
    esc(run.metrics.threatName),
    `${fmtAltitude(run.metrics.altitudeM)}\u00a0${run.metrics.altitudeReference.toUpperCase()}`,
    ...names.map((name) => verdict(p.bands.places[i].engagedUnder[name] ?? [])),
  ]);
  const engaged = tableHtml(
    doc,
    `Places over which ${esc(partName(p))} engages each threat: “engaged” under every reading of the sources, else the readings under which it does.`,
    [{ head: 'Threat' }, { head: 'Altitude', num: true }, ...names.map((x) => ({ head: esc(x) }))],
    rows,
  );
  const firstOfThreat = n.threats.map((t) => n.runs.findIndex((r) => r.metrics.threatId === t.id)).filter((i) => i >= 0);
  const lowRows = firstOfThreat.map((i) => [
    esc(n.runs[i].metrics.threatName),
    ...names.map((name) => {
      const f = p.bands.places[i].lowestEngagedAltitudeM[name];
      const nominal = n.runs[i].metrics.places.find((x) => x.name === name)?.lowestEngagedAltitudeM ?? null;
      return f ? bandHtml(f, 'm') : nominal === null ? '—' : `${fmtAltitude(nominal)} (not under every reading)`;
    }),
  ]);
  const lowest = tableHtml(
    doc,
    `Lowest altitude at which ${esc(partName(p))} engages each threat over each place (${esc(n.scenario.analysis.altitudeReference.toUpperCase())}), nominal with the range over the readings.`,
    [{ head: 'Threat' }, ...names.map((x) => ({ head: esc(x), num: true }))],
    lowRows,
  );
  return `${engaged}\n${lowest}`;
}

/** The A/B change per layer: engaged areas, the change with its range, and whether it holds. */
export function deltaTable(doc: DocState, c: ComparisonBands): string {
  const n = c.cases.nominal;
  const rows = c.layers.map((l, i) => {
    const d = n.layers[i];
    const ref = n.a.runs.find((r) => r.metrics.threatId === l.threatId && r.metrics.altitudeM === l.altitudeM)?.metrics.altitudeReference ?? 'msl';
    const a = bandFigure({ low: c.cases.low.layers[i].engageAreaA, nominal: d.engageAreaA, high: c.cases.high.layers[i].engageAreaA });
    const b = bandFigure({ low: c.cases.low.layers[i].engageAreaB, nominal: d.engageAreaB, high: c.cases.high.layers[i].engageAreaB });
    return [
      esc(d.threatName),
      `${fmtAltitude(l.altitudeM)}\u00a0${ref.toUpperCase()}`,
      bandHtml(a, ''),
      bandHtml(b, ''),
      bandHtml(l.deltaEngageKm2, ''),
      fmtInt(d.engage.gainedAreaKm2),
      fmtInt(d.engage.lostAreaKm2),
      esc(l.verdict),
    ];
  });
  return tableHtml(
    doc,
    `Engaged area of A (${esc(n.a.scenario.name)}) and B (${esc(n.b.scenario.name)}) on A’s grid, and the change B − A: nominal, in brackets the range over the readings; “holds?” says whether the change keeps its sign under every reading.`,
    [
      { head: 'Threat' },
      { head: 'Altitude', num: true },
      { head: 'Engaged A km²', num: true },
      { head: 'Engaged B km²', num: true },
      { head: 'Change km²', num: true },
      { head: 'Gained km²', num: true },
      { head: 'Lost km²', num: true },
      { head: 'Holds across the sources?' },
    ],
    rows,
  );
}

export function deltaPlacesTable(doc: DocState, c: ComparisonBands): string {
  const names = c.cases.nominal.a.scenario.places.map((p) => p.name);
  if (names.length === 0) return '';
  const short = {
    'newly engaged under every reading': '<strong>newly engaged</strong>',
    'no longer engaged under any reading': '<strong>no longer engaged</strong>',
    'unchanged under every reading': 'unchanged',
    'depends on the sources': 'depends on the sources',
  } as const;
  const rows = c.layers.map((l, i) => [
    esc(c.cases.nominal.layers[i].threatName),
    fmtAltitude(l.altitudeM),
    ...names.map((name) => {
      const v = l.places.find((x) => x.name === name)?.verdict;
      return v ? short[v] : '—';
    }),
  ]);
  return tableHtml(
    doc,
    'What B changes over each place, under every reading of the sources.',
    [{ head: 'Threat' }, { head: 'Altitude', num: true }, ...names.map((x) => ({ head: esc(x) }))],
    rows,
  );
}

/** Burn-through ranges per radar (slant, km, at the analysis Pd), one column group per threat. */
export function jammingTableHtml(doc: DocState, p: ScenarioPart): string {
  const a = p.bands.cases.nominal;
  if (!a.jamming) return '';
  const rows = jammingTable(a.sites, a.threats, a.visibility, a.jamming);
  const keys: { site: string; radar: string; jammers: string[] }[] = [];
  for (const r of rows)
    for (const x of r.radars)
      if (!keys.some((k) => k.site === r.siteId && k.radar === x.radarId)) keys.push({ site: r.siteId, radar: x.radarId, jammers: x.jammers });
  const columns: Column[] = [{ head: 'Site' }, { head: 'Radar' }, { head: 'Jammed by' }];
  for (const t of a.threats) {
    columns.push({ head: 'unjammed', num: true, group: { label: esc(t.name), span: 3 } }, { head: 'sidelobe', num: true }, { head: 'main lobe', num: true });
  }
  const body = keys.map((k) => [
    esc(k.site),
    esc(k.radar),
    k.jammers.length ? esc(k.jammers.join(', ')) : '—',
    ...a.threats.flatMap((t) => {
      const x = rows.find((r) => r.threatId === t.id && r.siteId === k.site)?.radars.find((rr) => rr.radarId === k.radar);
      if (!x) return ['', '', ''];
      return [fmtKm(x.unjammedM), x.jammers.length ? fmtKm(x.standOffSidelobeM) : '', x.jammers.length ? fmtKm(x.standOffMainlobeM) : ''];
    }),
  ]);
  return tableHtml(
    doc,
    `Detection (burn-through) ranges of the radars of ${esc(partName(p))} under stand-off noise jamming, slant range in km at the analysis Pd, nominal values: without jamming, with every jammer in the radar’s sidelobes (target away from the jammer’s bearing) and in its main lobe (target on the bearing).`,
    columns,
    body,
    {
      className: 'jamming',
      note: 'A jammer acts on a radar in one of the bands it lists and above the radar’s horizon; an empty cell: no jammer acts on that radar.',
    },
  );
}

const prop = (x: Proportion): string => `${fmtPct(x.p)} <span class="note">[${fmtPct(x.lo)}–${fmtPct(x.hi)}]</span>`;
const minSec = (t: number): string => `${Math.floor(t / 60)}:${String(Math.round(t % 60)).padStart(2, '0')}`;

/** One scenario's raid outcome: survival per group with 95% intervals, and the fire units. */
export function raidTables(doc: DocState, p: ScenarioPart, s: SimSummary): string {
  const groups = s.groups.map((g) => [
    esc(g.id),
    `${g.count} × ${esc(g.threatName)}`,
    prop(g.survival),
    `${g.survivors.mean.toFixed(2)} <span class="note">[${g.survivors.lo.toFixed(2)}–${g.survivors.hi.toFixed(2)}]</span>`,
    g.missilesFiredAt.mean.toFixed(1),
    fmtPct(g.firstDetection.detected.p),
    g.firstDetection.tSec ? `t+${minSec(g.firstDetection.tSec.p50)}` : '—',
    g.firstDetection.warningSec ? minSec(g.firstDetection.warningSec.p50) : '—',
  ]);
  groups.push([
    '<strong>all raids</strong>',
    `${s.overall.targets} targets`,
    prop(s.overall.survival),
    `leakers ${s.overall.leakers.mean.toFixed(2)} <span class="note">[${s.overall.leakers.lo.toFixed(2)}–${s.overall.leakers.hi.toFixed(2)}]</span>`,
    s.overall.missilesFired.mean.toFixed(1),
    '',
    '',
    '',
  ]);
  const t1 = tableHtml(
    doc,
    `Notional raids against ${esc(partName(p))}: ${s.runs.toLocaleString('en-US')} Monte Carlo runs, seed ${s.seed}, ${esc(s.valueCase)} values; survival and survivors per run with 95% intervals.`,
    [
      { head: 'Group' },
      { head: 'Threat' },
      { head: 'Survival', num: true },
      { head: 'Survivors per run', num: true },
      { head: 'Missiles fired at it per run', num: true },
      { head: 'Detected', num: true },
      { head: 'First detection (median)', num: true },
      { head: 'Warning before arrival (median)', num: true },
    ],
    groups,
    {
      note: `P(at least one leaker) ${fmtPct(s.overall.anyLeaker.p)} [${fmtPct(s.overall.anyLeaker.lo)}–${fmtPct(s.overall.anyLeaker.hi)}]. Detection: ${esc(s.model.detection)}; line of sight: ${esc(s.model.lineOfSight)}; tracks ${esc(s.model.track)}.`,
    },
  );
  const active = s.fireUnits.filter((f) => f.missilesFired.max > 0);
  const t2 = active.length
    ? tableHtml(
        doc,
        `Fire units of ${esc(partName(p))} that fired: missiles per run with 95% intervals (${s.fireUnits.length - active.length} of ${s.fireUnits.length} never fired).`,
        [
          { head: 'Fire unit' },
          { head: 'Doctrine' },
          { head: 'Missiles per run', num: true },
          { head: 'Most in a run', num: true },
          { head: 'Loaded + reserve', num: true },
          { head: 'Kills per run', num: true },
        ],
        active.map((f) => [
          `${esc(f.site)} (${esc(f.system)})`,
          esc(f.doctrine),
          `${f.missilesFired.mean.toFixed(2)} <span class="note">[${f.missilesFired.lo.toFixed(2)}–${f.missilesFired.hi.toFixed(2)}]</span>`,
          String(f.missilesFired.max),
          `${f.limits.missilesLoaded} + ${f.limits.reserve}`,
          f.kills.mean.toFixed(2),
        ]),
      )
    : `<p>No fire unit of ${esc(partName(p))} fired in any run.</p>`;
  const defaults = s.model.defaulted.length
    ? `<p class="table-note">Defaults used where the catalog has no value (docs/simulation.md): ${esc(s.model.defaulted.join('; '))}.</p>`
    : '';
  return `${t1}\n${t2}\n${defaults}`;
}

/** Survival of A and B side by side and the change, with Newcombe's 95% interval. */
export function raidComparisonTable(doc: DocState, c: SimComparison, a: SimSummary): string {
  const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
  const row = (label: string, s: SimComparison['overall']['survival']) => [
    label,
    prop(s.a),
    prop(s.b),
    `${pts(s.change.d)} <span class="note">[${pts(s.change.lo)}, ${pts(s.change.hi)}]</span> pts`,
  ];
  const rows = c.groups.map((g) => {
    const ga = a.groups.find((x) => x.id === g.id)!;
    return row(`${esc(g.id)} (${ga.count} × ${esc(ga.threatName)})`, g.survival);
  });
  rows.push(row('<strong>all raids</strong>', c.overall.survival));
  return tableHtml(
    doc,
    `Raid survival under A and B and the change B − A in percentage points, with 95% intervals (${c.runs.a.toLocaleString('en-US')} runs each, the same seed).`,
    [{ head: 'Raid group' }, { head: 'Survival A', num: true }, { head: 'Survival B', num: true }, { head: 'Change', num: true }],
    rows,
    {
      note: `Leakers per run: A ${c.overall.leakersPerRun.a.toFixed(2)}, B ${c.overall.leakersPerRun.b.toFixed(2)}.`,
    },
  );
}
