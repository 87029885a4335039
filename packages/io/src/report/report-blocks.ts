/**
 * Building blocks of the report's HTML: numbered tables and figures, cited sources, and the
 * number formats used throughout. A figure is an SVG map or chart drawn by io's renderers,
 * inlined as a percent-encoded data: URI in an <img> (each SVG keeps its own ids; nothing is
 * fetched). Percent-encoding beats base64 here: the maps are mostly an embedded base64 PNG,
 * which it leaves almost as it is.
 */
import { readFileSync } from 'node:fs';
import escapeHtml from 'escape-html';
import { formatBand, isProjectEstimate, type BandFigure, type Source } from '@parapet/core';
import { Counter, References, sourceReference } from './citations.js';

export const esc = (s: string | number): string => escapeHtml(String(s));

/** The numbering state of one document. */
export interface DocState {
  refs: References;
  figures: Counter;
  tables: Counter;
}

export function newDocState(): DocState {
  return { refs: new References(), figures: new Counter(), tables: new Counter() };
}

export interface Column {
  /** Header HTML. */
  head: string;
  num?: boolean;
  /** Header cells spanning several columns, above this row of headers (first column of the span only). */
  group?: { label: string; span: number };
}

/** A numbered table; `rows` hold cell HTML. */
export function tableHtml(
  doc: DocState,
  caption: string,
  columns: readonly Column[],
  rows: readonly string[][],
  opts: { className?: string; note?: string; rowAttrs?: readonly string[] } = {},
): string {
  const n = doc.tables.next();
  const groups = columns.some((c) => c.group);
  let groupRow = '';
  if (groups) {
    const cells: string[] = [];
    for (let i = 0; i < columns.length; i++) {
      const g = columns[i].group;
      if (g) {
        cells.push(`<th colspan="${g.span}" class="group">${g.label}</th>`);
        i += g.span - 1;
      } else cells.push('<th></th>');
    }
    groupRow = `<tr>${cells.join('')}</tr>`;
  }
  const head = `<tr>${columns.map((c) => `<th${c.num ? ' class="num"' : ''}>${c.head}</th>`).join('')}</tr>`;
  const body = rows
    .map(
      (r, i) =>
        `<tr${opts.rowAttrs?.[i] ? ` ${opts.rowAttrs[i]}` : ''}>${r.map((cell, j) => `<td${columns[j]?.num ? ' class="num"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n');
  const note = opts.note ? `\n<p class="table-note">${opts.note}</p>` : '';
  return `<table id="table-${n}"${opts.className ? ` class="${opts.className}"` : ''}>\n<caption><span class="label">Table ${n}.</span> ${caption}</caption>\n<thead>${groupRow}${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>${note}`;
}

/** A numbered figure from an SVG file written by io's map writers or chart renderers. */
export function figureFromSvgFile(doc: DocState, svgFile: string, alt: string, caption: string): string {
  return figureFromSvg(doc, readFileSync(svgFile, 'utf8'), alt, caption);
}

export function figureFromSvg(doc: DocState, svg: string, alt: string, caption: string): string {
  const n = doc.figures.next();
  const size = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  const dims = size ? ` width="${Math.round(Number(size[1]))}" height="${Math.round(Number(size[2]))}"` : '';
  return `<figure id="fig-${n}">\n<img src="data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}" alt="${esc(alt)}"${dims}>\n<figcaption><span class="label">Figure ${n}.</span> ${caption}</figcaption>\n</figure>`;
}

/**
 * The sources of a value or site: published sources as citations, the project's own estimates
 * written out (they are not references). Never empty for a valid catalog or scenario, which
 * require at least one source.
 */
export function sourcesHtml(doc: DocState, sources: readonly Source[]): string {
  const published = sources.filter((s) => !isProjectEstimate(s));
  const estimates = sources.filter(isProjectEstimate);
  const parts: string[] = [];
  if (published.length) parts.push(doc.refs.cite(...published.map(sourceReference)));
  for (const e of estimates) parts.push(`<span class="estimate">${esc(e.title)}</span>`);
  return parts.join(' ');
}

export const fmtInt = (x: number): string => Math.round(x).toLocaleString('en-US');
export const fmtKm = (m: number): string => (Number.isFinite(m) ? `${(m / 1000).toLocaleString('en-US', { maximumFractionDigits: 0 })}` : '—');
/** "1.5 km", "300 m" (no line break inside). */
export const fmtAltitude = (m: number | null): string =>
  m === null ? '—' : m >= 1000 ? `${(m / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })}\u00a0km` : `${Math.round(m)}\u00a0m`;

/** A figure with its range over the readings (core `formatBand`), the range kept on one line. */
export function bandHtml(f: BandFigure, unit: string): string {
  const text = formatBand(f, unit);
  const i = text.indexOf(' (');
  return i < 0 ? esc(text) : `${esc(text.slice(0, i))} <span class="range">${esc(text.slice(i + 1))}</span>`;
}
export const fmtPct = (x: number): string => `${(100 * x).toFixed(1)}%`;
/** A catalog number as written ("2.5", "0.001", "40,000"). */
export const fmtNumber = (x: number): string => x.toLocaleString('en-US', { maximumSignificantDigits: 6 });
