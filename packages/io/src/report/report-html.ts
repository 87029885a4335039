/**
 * The report as one self-contained HTML document: the question, the scenarios and their sites'
 * status and sources, the maps (coverage, uncertainty bands, seen-but-not-engageable, minimum
 * detectable altitude, A/B change) as numbered, captioned figures, the tables with their range
 * over the sources, jamming and raids, the method with its references, every catalog value used
 * with its sources and confidence, how to reproduce it, and the numbered reference list. CSS is
 * inline and every image a data: URI, so the file opens anywhere without a network.
 */
import { join } from 'node:path';
import { bandFigure } from '@parapet/core';
import { layerStem } from '../pipeline/coverage-exports.js';
import type { CatalogEntryUsed } from './catalog-values.js';
import { methodHtml } from './method.js';
import type { ReportAnalysis, ScenarioPart } from './report-analysis.js';
import { bandHtml, esc, figureFromSvgFile, fmtAltitude, fmtInt, fmtNumber, newDocState, sourcesHtml, tableHtml, type DocState } from './report-blocks.js';
import { REPORT_CSS } from './report-style.js';
import {
  coverageTable,
  deltaPlacesTable,
  deltaTable,
  jammingTableHtml,
  layerLabel,
  partName,
  placesTable,
  raidComparisonTable,
  raidTables,
} from './report-tables.js';
import type { ReproduceInfo } from './reproduce.js';

export interface ReportDocumentInput {
  analysis: ReportAnalysis;
  entries: readonly CatalogEntryUsed[];
  reproduce: ReproduceInfo;
}

const NOTICE =
  'Notional analysis from public information, for analysis and education. Site positions are city-level and notional, not site coordinates; many catalog values are low-confidence public figures or the project’s own estimates, which is why every figure is given with its range over the sources. Not for operational use.';

/** The report's title: the scenario's name, or "B compared with A". */
export function reportTitle(a: ReportAnalysis): string {
  const [pa, pb] = a.parts;
  return pb ? `${pb.input.scenario.name} compared with ${pa.input.scenario.name}` : pa.input.scenario.name;
}

const list = (xs: readonly string[]): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`);

function questionText(a: ReportAnalysis): string {
  const [pa, pb] = a.parts;
  const s = (pb ?? pa).input.scenario;
  const n = (pb ?? pa).bands.cases.nominal;
  const threats = list(n.threats.map((t) => t.name));
  const alts = `${list(s.analysis.altitudesM.map((h) => fmtAltitude(h)))} ${s.analysis.altitudeReference.toUpperCase()}`;
  const places = list(s.places.map((p) => p.name));
  const raids = a.parts.some((p) => p.sim) ? ' And what happens to the notional raids flown against the defenses?' : '';
  if (pb) {
    return `What does “${esc(pb.input.scenario.name)}” (B) change against “${esc(pa.input.scenario.name)}” (A)? Where does B detect and engage ${esc(threats)} at ${alts} that A does not${places ? `, and over which of ${esc(places)}` : ''}? Does the change hold whichever public sources are right?${raids}`;
  }
  return `What airspace would the ${s.sites.length} sites of “${esc(s.name)}” cover against ${esc(threats)} at ${alts}?${places ? ` Which of ${esc(places)} lie inside it?` : ''} What is seen but cannot be engaged, how low must each threat fly to pass unseen, and how much do these answers move across the public sources’ spread?${raids}`;
}

/** Per layer, the answer in one row. */
function glanceTable(doc: DocState, a: ReportAnalysis): string {
  const [pa, pb] = a.parts;
  if (pb && a.comparison) {
    const c = a.comparison;
    const rows = c.layers.map((l, i) => {
      const gained = l.places.filter((p) => p.verdict === 'newly engaged under every reading').map((p) => esc(p.name));
      const depends = l.places.filter((p) => p.verdict === 'depends on the sources').map((p) => esc(p.name));
      return [
        esc(c.cases.nominal.layers[i].threatName),
        fmtAltitude(l.altitudeM),
        bandHtml(l.deltaEngageKm2, 'km²'),
        esc(l.verdict),
        gained.join(', ') || '—',
        depends.join(', ') || '—',
      ];
    });
    return tableHtml(
      doc,
      'The answer at a glance: change in engaged area B − A, nominal with its range over the sources, and the places B newly engages.',
      [
        { head: 'Threat' },
        { head: 'Altitude', num: true },
        { head: 'Change in engaged area', num: true },
        { head: 'Holds across the sources?' },
        { head: 'Newly engaged under every reading' },
        { head: 'Change depends on the sources' },
      ],
      rows,
    );
  }
  const n = pa.bands.cases.nominal;
  const rows = n.runs.map((run, i) => {
    const under = pa.bands.places[i].engagedUnder;
    const every = Object.entries(under)
      .filter(([, v]) => v.length === 3)
      .map(([k]) => esc(k));
    const some = Object.entries(under)
      .filter(([, v]) => v.length > 0 && v.length < 3)
      .map(([k]) => esc(k));
    return [
      esc(run.metrics.threatName),
      `${fmtAltitude(run.metrics.altitudeM)}\u00a0${run.metrics.altitudeReference.toUpperCase()}`,
      bandHtml(pa.bands.layers[i].engageAreaKm2, 'km²'),
      `${Math.round(run.metrics.engageRingFraction * 100)}%`,
      every.join(', ') || '—',
      some.join(', ') || '—',
    ];
  });
  return tableHtml(
    doc,
    'The answer at a glance: engaged area, nominal with its range over the sources; share of the range-ring area really engaged; places engaged.',
    [
      { head: 'Threat' },
      { head: 'Altitude', num: true },
      { head: 'Engaged area', num: true },
      { head: 'Of the ring', num: true },
      { head: 'Engaged under every reading' },
      { head: 'Engaged under some readings only' },
    ],
    rows,
  );
}

function sitesTable(doc: DocState, p: ScenarioPart, baseline?: ScenarioPart): string {
  const s = p.input.scenario;
  const before = new Set((baseline?.input.scenario.sites ?? []).map((x) => `${x.id}|${x.system}|${x.lon}|${x.lat}`));
  const rows = s.sites.map((site) => {
    const sys = p.bands.cases.nominal.sites.find((x) => x.id === site.id);
    const added = baseline && !before.has(`${site.id}|${site.system}|${site.lon}|${site.lat}`) ? ' <strong>(not in A)</strong>' : '';
    return [
      `${esc(site.id)}${added}`,
      `${esc(sys?.systemName ?? site.system)} <span class="note">(${esc(site.system)})</span>`,
      `${site.lat.toFixed(2)}° N, ${site.lon.toFixed(2)}° E`,
      `<span class="status status-${site.status}">${site.status}</span>`,
      `${sourcesHtml(doc, site.sources)}${site.note ? `<br><span class="note">${esc(site.note)}</span>` : ''}`,
    ];
  });
  return tableHtml(
    doc,
    `Sites of ${esc(partName(p))}, each with its status and sources. Positions are city-level and notional.`,
    [{ head: 'Site' }, { head: 'System' }, { head: 'Position' }, { head: 'Status' }, { head: 'Sources and note' }],
    rows,
    { className: 'sites' },
  );
}

function jammersTable(doc: DocState, p: ScenarioPart): string {
  const js = p.input.scenario.jammers ?? [];
  if (js.length === 0) return '';
  const rows = js.map((j) => [
    esc(j.id),
    esc(j.jammer),
    `${j.lat.toFixed(2)}° N, ${j.lon.toFixed(2)}° E, ${fmtInt(j.altitudeM)} m`,
    `<span class="status status-${j.status}">${j.status}</span>`,
    `${sourcesHtml(doc, j.sources)}${j.note ? `<br><span class="note">${esc(j.note)}</span>` : ''}`,
  ]);
  return tableHtml(
    doc,
    `Stand-off jammers of ${esc(partName(p))}${p.bands.cases.nominal.jamming ? '' : ' (left out of this analysis)'}.`,
    [{ head: 'Jammer' }, { head: 'Catalog entry' }, { head: 'Position' }, { head: 'Status' }, { head: 'Sources and note' }],
    rows,
  );
}

function scenarioSection(doc: DocState, a: ReportAnalysis): string {
  return a.parts
    .map((p, i) => {
      const s = p.input.scenario;
      const n = p.bands.cases.nominal;
      const [w, so, e, no] = s.region.bbox;
      const places = s.places.map((x) => `${esc(x.name)} (${x.lat.toFixed(2)}° N, ${x.lon.toFixed(2)}° E)`);
      const raids = (s.raids ?? []).map(
        (r) => `<li><strong>${esc(r.name ?? r.id)}</strong>: ${r.groups.map((g) => `${g.count} × ${esc(g.threat)} (${esc(g.id)})`).join(', ')}</li>`,
      );
      return [
        `<h3>${esc(partName(p))}</h3>`,
        s.description ? `<p>${esc(s.description)}</p>` : '',
        `<p class="meta">File <code>${esc(p.input.file)}</code>. Region ${w}°–${e}° E, ${so}°–${no}° N, cells of ${fmtInt(s.region.resolutionM)} m (${n.grid.width} × ${n.grid.height}). Line of sight: ${esc(n.visibility.label)}. Threats: ${esc(n.threats.map((t) => t.name).join(', '))}; altitudes ${esc(s.analysis.altitudesM.map((h) => fmtAltitude(h)).join(', '))} ${s.analysis.altitudeReference.toUpperCase()}.</p>`,
        sitesTable(doc, p, i === 1 ? a.parts[0] : undefined),
        places.length ? `<p>Places of interest: ${places.join('; ')}.</p>` : '',
        jammersTable(doc, p),
        raids.length ? `<p>Notional raids (city-level waypoints, invented for illustration):</p><ul>${raids.join('')}</ul>` : '',
      ].join('\n');
    })
    .join('\n');
}

const chapter = (id: string, title: string, body: string): string => `<section class="chapter" id="${id}">\n<h2>${esc(title)}</h2>\n${body}\n</section>`;

/** For each layer, one figure per part in `parts` (A then B). */
function layerFigures(
  doc: DocState,
  a: ReportAnalysis,
  parts: readonly ScenarioPart[],
  file: (p: ScenarioPart, stem: string) => string,
  caption: (p: ScenarioPart, i: number) => string,
  what: string,
): string {
  const out: string[] = [];
  a.parts[0].bands.cases.nominal.runs.forEach((run0, i) => {
    for (const p of parts) {
      const run = p.bands.cases.nominal.runs[i];
      if (!run || run.metrics.threatId !== run0.metrics.threatId || run.metrics.altitudeM !== run0.metrics.altitudeM) continue;
      const m = run.metrics;
      const stem = layerStem(m.threatId, m.altitudeM, m.altitudeReference);
      out.push(figureFromSvgFile(doc, file(p, stem), `${what} — ${m.threatName} at ${m.altitudeM} m, ${partName(p)}`, caption(p, i)));
    }
  });
  return out.join('\n');
}

/** In a comparison, where A's maps of a kind are (the report shows B's). */
const aMapsElsewhere = (a: ReportAnalysis, prefix: string): string =>
  a.parts.length > 1
    ? ` The maps are B’s; A’s are beside the report, <code>data/a/maps/${prefix}*.svg</code>, and whether B’s change holds across the sources is in the comparison’s table.`
    : '';

function coverageChapter(doc: DocState, a: ReportAnalysis): string {
  const tables = a.parts.map((p) => `${coverageTable(doc, p)}\n${placesTable(doc, p)}`).join('\n');
  const figs = layerFigures(
    doc,
    a,
    a.parts,
    (p, stem) => join(p.dataDir, 'maps', `${stem}.svg`),
    (p, i) => {
      const m = p.bands.cases.nominal.runs[i].metrics;
      return `Coverage of ${esc(partName(p))} against ${layerLabel(m.threatName, m.altitudeM, m.altitudeReference)}: where some radar detects the target and where some missile can engage it, with each site’s longest missile range ring. Engaged ${bandHtml(p.bands.layers[i].engageAreaKm2, 'km²')} of a ${fmtInt(m.engageRingAreaKm2)} km² range-ring area, nominal values.`;
    },
    'Coverage',
  );
  return chapter(
    'coverage',
    'Coverage',
    `<p>Each map shows one threat at one altitude. A range ring is the upper bound; the coloured area is what the radars and missiles reach once the earth’s curvature${a.parts[0].bands.cases.nominal.visibility.groundMslM() ? ', the terrain' : ''} and each radar’s detection range against this target are taken into account.</p>\n${tables}\n${figs}`,
  );
}

function uncertaintyChapter(doc: DocState, a: ReportAnalysis): string {
  const figs = layerFigures(
    doc,
    a,
    a.parts.slice(-1),
    (p, stem) => join(p.dataDir, 'maps', `bands-${stem}.svg`),
    (p, i) => {
      const m = p.bands.cases.nominal.runs[i].metrics;
      const l = p.bands.layers[i];
      return `Engagement of ${esc(partName(p))} against ${layerLabel(m.threatName, m.altitudeM, m.altitudeReference)} across the readings of the sources: darkest, engaged under every reading (${fmtInt(l.engageEveryKm2)} km²); middle, at the nominal values; lightest, only under the generous (high) reading (${fmtInt(l.engageSomeKm2)} km² in all).`;
    },
    'Uncertainty',
  );
  return chapter(
    'uncertainty',
    'Uncertainty across the sources',
    `<p>The public sources disagree on most values. The analysis was run at the low, nominal and high reading of every sourced spread; these maps show where the engagement holds whichever sources are right, and where it depends on them.${aMapsElsewhere(a, 'bands-')}</p>\n${figs}`,
  );
}

function seenChapter(doc: DocState, a: ReportAnalysis): string {
  const figs = layerFigures(
    doc,
    a,
    a.parts.slice(-1),
    (p, stem) => join(p.dataDir, 'maps', `seen-not-engageable-${stem}.svg`),
    (p, i) => {
      const c = p.bands.cases;
      const m = c.nominal.runs[i].metrics;
      const f = bandFigure({
        low: c.low.runs[i].metrics.detectedNotEngagedAreaKm2,
        nominal: m.detectedNotEngagedAreaKm2,
        high: c.high.runs[i].metrics.detectedNotEngagedAreaKm2,
      });
      return `Seen but not engageable, ${esc(partName(p))}, ${layerLabel(m.threatName, m.altitudeM, m.altitudeReference)}: magenta where some radar detects the target but no missile can be guided onto it (${bandHtml(f, 'km²')}); grey where it can be engaged.`;
    },
    'Seen but not engageable',
  );
  return chapter(
    'seen-not-engageable',
    'Detected but not engageable',
    `<p>A stealthy target may be seen by long-wave early-warning radars and still be out of reach of every fire-control radar, hence of every missile. These maps show that gap; the coverage tables give its area for every scenario.${aMapsElsewhere(a, 'seen-not-engageable-')}</p>\n${figs}`,
  );
}

function mdaChapter(doc: DocState, a: ReportAnalysis): string {
  const figs: string[] = [];
  for (const t of a.parts[0].bands.cases.nominal.threats) {
    for (const p of a.parts) {
      if (!p.bands.cases.nominal.threats.some((x) => x.id === t.id)) continue;
      figs.push(
        figureFromSvgFile(
          doc,
          join(p.dataDir, 'maps', `mda-${t.id}.svg`),
          `Minimum detectable altitude — ${t.name}, ${partName(p)}`,
          `Minimum detectable altitude of ${esc(t.name)}, ${esc(partName(p))}: per cell, the lowest altitude MSL at which some radar detects it; uncoloured, not detected at any altitude. Nominal values.`,
        ),
      );
    }
    if (a.compareDir && a.parts[1]?.bands.cases.nominal.threats.some((x) => x.id === t.id)) {
      figs.push(
        figureFromSvgFile(
          doc,
          join(a.compareDir, 'maps', `delta-mda-${t.id}.svg`),
          `Change in minimum detectable altitude — ${t.name}`,
          `Change in the minimum detectable altitude of ${esc(t.name)}, B − A: negative (green) where B detects lower than A. Nominal values.`,
        ),
      );
    }
  }
  return chapter(
    'mda',
    'Minimum detectable altitude',
    `<p>How low must each threat fly to pass unseen? Below the altitude shown no radar of the scenario detects it.</p>\n${figs.join('\n')}`,
  );
}

function changeChapter(doc: DocState, a: ReportAnalysis): string {
  const c = a.comparison!;
  const n = c.cases.nominal;
  const figs = c.layers.map((l, i) => {
    const d = n.layers[i];
    const ref = n.a.runs.find((r) => r.metrics.threatId === l.threatId && r.metrics.altitudeM === l.altitudeM)?.metrics.altitudeReference ?? 'msl';
    return figureFromSvgFile(
      doc,
      join(a.compareDir!, 'maps', `delta-${layerStem(l.threatId, l.altitudeM, ref)}.svg`),
      `Engagement gained and lost — ${d.threatName} at ${l.altitudeM} m`,
      `Engagement coverage gained (green) and lost by B against A, ${layerLabel(d.threatName, l.altitudeM, ref)}: gained ${fmtInt(d.engage.gainedAreaKm2)} km², lost ${fmtInt(d.engage.lostAreaKm2)} km² at the nominal values; the change ${bandHtml(l.deltaEngageKm2, 'km²')} over the readings (${esc(l.verdict)}).`,
    );
  });
  return chapter(
    'change',
    'What B changes',
    `<p>A: ${esc(n.a.scenario.name)}. B: ${esc(n.b.scenario.name)}. Both are analysed on A’s grid.</p>\n${deltaTable(doc, c)}\n${deltaPlacesTable(doc, c)}\n${figs.join('\n')}`,
  );
}

function jammingChapter(doc: DocState, a: ReportAnalysis): string {
  return chapter(
    'jamming',
    'Noise jamming',
    `<p>The scenarios’ stand-off noise jammers shorten every radar’s detection range in the bands they cover: most on the jammer’s bearing (main lobe), less elsewhere (sidelobes). The coverage above includes them; the coverage table gives the engaged area without them.</p>\n${a.parts.map((p) => jammingTableHtml(doc, p)).join('\n')}`,
  );
}

function raidsChapter(doc: DocState, a: ReportAnalysis): string {
  const body: string[] = [
    `<p>Notional raids (city-level routes, invented for illustration, not a plan or a prediction) flown ${a.runs.toLocaleString('en-US')} times with seed ${a.seed}. Intervals are 95%.</p>`,
  ];
  if (a.simComparison && a.parts[0].sim) body.push(raidComparisonTable(doc, a.simComparison, a.parts[0].sim.summary));
  for (const p of a.parts) {
    if (!p.sim) continue;
    body.push(raidTables(doc, p, p.sim.summary));
    body.push(
      figureFromSvgFile(
        doc,
        join(p.dataDir, 'raids', 'survival.svg'),
        `Raid survival — ${partName(p)}`,
        `Share of runs by number of survivors, per raid group and overall, ${esc(partName(p))}.`,
      ),
    );
    body.push(
      figureFromSvgFile(
        doc,
        join(p.dataDir, 'raids', 'map-run-000000.svg'),
        `Tracks of the first run — ${partName(p)}`,
        `The first simulated run against ${esc(partName(p))}: tracks, first detections, missile flights, kills and misses (one run of ${a.runs.toLocaleString('en-US')}; the tables give the statistics).`,
      ),
    );
  }
  return chapter('raids', 'Raid outcomes', body.join('\n'));
}

const fmtValue = (v: CatalogEntryUsed['values'][number]['value']): string => {
  const unit = v.unit === '1' || v.unit === 'count' ? '' : `\u00a0${esc(v.unit === 'm2' ? 'm²' : v.unit)}`;
  const spread =
    v.low !== undefined || v.high !== undefined ? ` <span class="note range">(${fmtNumber(v.low ?? v.nominal)}–${fmtNumber(v.high ?? v.nominal)})</span>` : '';
  return `${fmtNumber(v.nominal)}${unit}${spread}`;
};

function catalogChapter(doc: DocState, entries: readonly CatalogEntryUsed[]): string {
  const count = (e: CatalogEntryUsed, c: string) => e.values.filter((v) => v.value.confidence === c).length;
  const entryRows = entries.map((e) => [
    esc(e.kind),
    `<code>${esc(e.id)}</code>`,
    esc(e.name),
    String(e.values.length),
    `${count(e, 'high')} / ${count(e, 'medium')} / ${count(e, 'low')}`,
    sourcesHtml(doc, e.sources),
  ]);
  const t1 = tableHtml(
    doc,
    'Catalog entries the analysis uses, with their general sources and the number of sourced values by confidence.',
    [
      { head: 'Kind' },
      { head: 'Id' },
      { head: 'Name' },
      { head: 'Values', num: true },
      { head: 'High / medium / low', num: true },
      { head: 'General sources' },
    ],
    entryRows,
  );
  const rows: string[][] = [];
  const attrs: string[] = [];
  for (const e of entries) {
    for (const v of e.values) {
      rows.push([
        `<code>${esc(e.id)}</code>`,
        `<span class="path">${esc(v.path).replace(/([.\]])/g, '$1<wbr>')}</span>`,
        fmtValue(v.value),
        esc(v.value.confidence),
        `${sourcesHtml(doc, v.value.sources)}${v.value.note ? `<br><span class="note">${esc(v.value.note)}</span>` : ''}`,
      ]);
      attrs.push(`class="catalog-value" data-entry="${esc(e.id)}" data-path="${esc(v.path)}"`);
    }
  }
  const total = rows.length;
  const t2 = tableHtml(
    doc,
    `Every catalog value of those entries (${total}): nominal, in brackets the spread of the sources, the confidence, and the sources (published ones cited, the project’s own estimates written out) with the catalog’s note on who says what.`,
    [{ head: 'Entry' }, { head: 'Parameter' }, { head: 'Value', num: true }, { head: 'Confidence' }, { head: 'Sources and note' }],
    rows,
    { className: 'values', rowAttrs: attrs },
  );
  return chapter(
    'catalog',
    'Catalog values used',
    `<p>Every number behind the maps comes from the catalog below or from a stated default. <code>parapet explain</code> gives the derivation of each detection and engagement range from these values; <code>parapet catalog show ID</code> prints an entry.</p>\n${t1}\n${t2}`,
  );
}

function reproduceChapter(doc: DocState, r: ReproduceInfo): string {
  const facts: [string, string][] = [
    ['Parapet version', esc(r.parapetVersion)],
    ['Node.js', esc(r.nodeVersion)],
    [
      'Git commit',
      r.git
        ? `<code>${esc(r.git.commit)}</code>${r.git.dirty ? ' (with uncommitted changes: the numbers may differ from that commit’s)' : ''}`
        : 'not available (not run from a git checkout)',
    ],
    ['Chromium (PDF)', r.chromiumVersion ? esc(r.chromiumVersion) : 'no PDF rendered'],
    ['Raid runs and seed', `${r.runs.toLocaleString('en-US')} runs, seed ${r.seed}`],
    ['Generated', esc(r.generatedAt)],
    ['Catalog digest (SHA-256 of every catalog file)', `<code>${esc(r.catalogSha256)}</code>`],
  ];
  const t1 = tableHtml(
    doc,
    'Versions and settings of this report.',
    [{ head: 'What' }, { head: 'Value' }],
    facts.map(([k, v]) => [k, v]),
  );
  const t2 = tableHtml(
    doc,
    'SHA-256 of the input files: the scenarios as read and the catalog files of the entries used.',
    [{ head: 'File' }, { head: 'SHA-256' }],
    r.inputs.map((x) => [`<code>${esc(x.file)}</code>`, `<code>${esc(x.sha256)}</code>`]),
  );
  return chapter(
    'reproduce',
    'How to reproduce',
    `<p>From the Parapet repository, these commands give the same maps and tables (the same seed gives the same raid outcomes on any number of threads):</p>\n<pre class="commands">${r.commands.map((c) => esc(c)).join('\n')}</pre>\n${t1}\n${t2}\n<p>The maps (SVG), coverage polygons (GeoJSON), minimum-detectable-altitude rasters (GeoTIFF), tables (CSV) and summaries (JSON) behind this report are written beside it, in <code>data/</code>, by the same writers as <code>parapet coverage</code> and <code>parapet compare</code>.</p>`,
  );
}

export interface ReportDocument {
  html: string;
  title: string;
  figures: number;
  tables: number;
  references: number;
}

export function reportHtml(input: ReportDocumentInput): ReportDocument {
  const { analysis: a, entries, reproduce } = input;
  const doc = newDocState();
  const title = reportTitle(a);
  const jamming = a.parts.some((p) => p.bands.cases.nominal.jamming);
  const raids = a.parts.some((p) => p.sim);
  const sections: [string, string, string][] = [];
  // Built in reading order, so that references, figures and tables are numbered down the page.
  const question = chapter(
    'question',
    'The question',
    `<p class="question">${questionText(a)}</p>\n${glanceTable(doc, a)}\n<p>The sections below give the scenario${a.parts.length > 1 ? 's' : ''} and the sources behind every site, the maps, the tables with their range over the sources, the method and its references, and every catalog value used.</p>`,
  );
  sections.push(['question', 'The question', question]);
  sections.push([
    'scenarios',
    a.parts.length > 1 ? 'The scenarios' : 'The scenario',
    chapter('scenarios', a.parts.length > 1 ? 'The scenarios' : 'The scenario', scenarioSection(doc, a)),
  ]);
  sections.push(['coverage', 'Coverage', coverageChapter(doc, a)]);
  if (a.comparison) sections.push(['change', 'What B changes', changeChapter(doc, a)]);
  sections.push(['uncertainty', 'Uncertainty across the sources', uncertaintyChapter(doc, a)]);
  sections.push(['seen-not-engageable', 'Detected but not engageable', seenChapter(doc, a)]);
  sections.push(['mda', 'Minimum detectable altitude', mdaChapter(doc, a)]);
  if (jamming) sections.push(['jamming', 'Noise jamming', jammingChapter(doc, a)]);
  if (raids) sections.push(['raids', 'Raid outcomes', raidsChapter(doc, a)]);
  sections.push([
    'method',
    'Method',
    chapter(
      'method',
      'Method',
      `<p>In plain words, what the numbers above assume. Each part names the model note in the repository that gives its equations, tests and limits.</p>\n${methodHtml(doc.refs, undefined, { raids, jamming })}`,
    ),
  ]);
  sections.push(['catalog', 'Catalog values used', catalogChapter(doc, entries)]);
  sections.push(['reproduce', 'How to reproduce', reproduceChapter(doc, reproduce)]);
  sections.push(['references', 'References', chapter('references', 'References', doc.refs.html())]);
  const toc = `<nav class="toc"><h2>Contents</h2><ol>${sections.map(([id, t]) => `<li><a href="#${id}">${esc(t)}</a></li>`).join('')}</ol></nav>`;
  const head = `<header>\n<h1>${esc(title)}</h1>\n<p class="subtitle">Parapet report · ${esc(reproduce.generatedAt.slice(0, 10))} · Parapet ${esc(reproduce.parapetVersion)} · ${doc.figures.count} figures, ${doc.tables.count} tables, ${doc.refs.entries().length} references</p>\n<p class="notice">${esc(NOTICE)}</p>\n</header>`;
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Parapet ${esc(reproduce.parapetVersion)}">
<title>${esc(title)} — Parapet report</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${head}
${toc}
${sections.map(([, , html]) => html).join('\n')}
</main>
</body>
</html>
`;
  return { html, title, figures: doc.figures.count, tables: doc.tables.count, references: doc.refs.entries().length };
}
