/**
 * Tornado chart of one headline result of a sensitivity analysis (rasterised to PNG by
 * render/svg-to-png.ts): one row per group of factors, sorted by total Sobol index ST — a light
 * bar for ST and a dark bar inside it for the first-order index S1, each with its 95% bootstrap
 * interval as a whisker — and, at the right, the numbers and the direction of the effect (the
 * correlation of the result with the group's reading of the sources). The axis is the share of
 * the result's variance across the draws, 0 to 1.
 */
import { diceDominated, type HeadlineJson, type SensitivityDocument } from '../sensitivity/document.js';
import { chartDocument, chartText, fitText, formatInUnit, GRID, INK, MUTED, tickStep } from './chart-svg.js';
import { f1, textWidthPx, wrapText } from './svg-text.js';

const ST_FILL = '#9ecae1';
const S1_FILL = '#08519c';

/** Rows drawn at most; the rest are summarised in the footer. */
export const TORNADO_MAX_ROWS = 14;

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));

/** The distribution line of a headline: "nominal 36.3%; across 40 draws: mean 21.0%, 90% between 2.5% and 49.0%". */
export function distributionLine(h: HeadlineJson): string {
  const d = h.distribution;
  const u = h.unit;
  return `nominal ${formatInUnit(h.nominal, u)}; across ${d.draws} draws of the sources: mean ${formatInUnit(d.mean, u)}, 90% between ${formatInUnit(d.p05, u)} and ${formatInUnit(d.p95, u)}`;
}

/** The tornado chart of headline `h` of document `doc`. */
export function tornadoSvg(doc: SensitivityDocument, h: HeadlineJson): string {
  const W = 980;
  const body: string[] = [];
  const title = `What drives: ${h.label}`;
  body.push(chartText(20, 30, fitText(title, W - 40, 18, true), 18, { weight: 'bold' }));
  body.push(chartText(20, 50, fitText(`${doc.scenario}`, W - 40, 12.5), 12.5, { fill: MUTED }));
  body.push(chartText(20, 67, fitText(distributionLine(h), W - 40, 12.5), 12.5, { fill: MUTED }));
  if (diceDominated(h))
    body.push(
      chartText(20, 84, fitText('The dice make most of this small spread: the bars say little about the sources.', W - 40, 12.5, true), 12.5, {
        weight: 'bold',
        fill: '#8e1b1b',
      }),
    );
  const rows = h.indices.filter((x) => x.st !== null).slice(0, TORNADO_MAX_ROWS);
  const footer: string[] = [
    `Sobol indices: S1 (dark) = share of the variance the group explains alone; ST (light) = alone and through interactions; whiskers: 95% bootstrap intervals.`,
    `corr: correlation with the group's reading of the sources (+: the result grows as the sources are read in the defense's favour). Design: ${doc.draws} draws, ${doc.evaluations.toLocaleString('en-US')} model runs${h.kind === 'survival' ? `, ${doc.runs} raid runs each` : ''}, seed ${doc.seed}; ${doc.lineOfSight}.`,
  ];
  if (h.noiseShare !== undefined && h.noiseShare !== null)
    footer.push(
      `The raid dice (finite runs per draw) account for ${h.noiseShare < 0.005 ? 'under 1%' : `about ${Math.round(100 * Math.min(1, h.noiseShare))}%`} of the variance; the indices carry that noise.`,
    );
  const T = diceDominated(h) ? 108 : 92;
  const rowH = 28;
  if (rows.length === 0) {
    body.push(chartText(20, T + 24, 'The result does not move across the draws of the sources: there is no variance to attribute.', 14));
    const lines = footer.flatMap((line) => wrapText(line, W - 40, 11.5));
    lines.forEach((line, i) => body.push(chartText(20, T + 60 + i * 16, line, 11.5, { fill: MUTED })));
    return chartDocument(W, T + 66 + lines.length * 16, title, body);
  }
  const labelW = Math.min(330, Math.max(120, ...rows.map((r) => textWidthPx(r.label, 13) + 12)));
  const L = 20 + labelW;
  const R = W - 190;
  const X = (v: number): number => L + clamp01(v) * (R - L);
  const plotBottom = T + rows.length * rowH;
  const step = tickStep(1, 5);
  for (let v = 0; v <= 1 + 1e-9; v += step) {
    body.push(`<line x1="${f1(X(v))}" y1="${T - 6}" x2="${f1(X(v))}" y2="${f1(plotBottom)}" stroke="${GRID}"/>`);
    body.push(chartText(X(v), plotBottom + 16, v.toFixed(1), 11, { anchor: 'middle', fill: MUTED }));
  }
  body.push(chartText((L + R) / 2, plotBottom + 34, 'share of the variance across the draws', 12, { anchor: 'middle', fill: MUTED }));
  body.push(chartText(R + 14, T - 10, 'S1 · ST · corr', 11, { fill: MUTED }));
  rows.forEach((r, i) => {
    const y = T + i * rowH;
    const mid = y + rowH / 2;
    body.push(chartText(L - 8, mid + 4.5, fitText(r.label, labelW - 8, 13), 13, { anchor: 'end' }));
    const st = r.st ?? 0;
    const s1 = r.s1 ?? 0;
    body.push(`<rect x="${f1(L)}" y="${f1(mid - 9)}" width="${f1(X(st) - L)}" height="18" fill="${ST_FILL}"/>`);
    body.push(`<rect x="${f1(L)}" y="${f1(mid - 4)}" width="${f1(X(s1) - L)}" height="8" fill="${S1_FILL}"/>`);
    const whisker = (lo: number | null, hi: number | null, dy: number, color: string): void => {
      if (lo === null || hi === null) return;
      const a = X(lo);
      const b = X(hi);
      body.push(
        `<path d="M${f1(a)},${f1(mid + dy)}H${f1(b)}M${f1(a)},${f1(mid + dy - 3)}V${f1(mid + dy + 3)}M${f1(b)},${f1(mid + dy - 3)}V${f1(mid + dy + 3)}" stroke="${color}" stroke-width="1.2" fill="none"/>`,
      );
    };
    whisker(r.stLo, r.stHi, -6, INK);
    whisker(r.s1Lo, r.s1Hi, 6, S1_FILL);
    const num = (x: number | null, plus = false): string => (x === null ? '—' : `${x < 0 ? '−' : plus && x > 0 ? '+' : ''}${Math.abs(x).toFixed(2)}`);
    body.push(chartText(R + 14, mid + 4.5, `${num(r.s1)} · ${num(r.st)} · ${num(r.corr, true)}`, 12));
  });
  body.push(`<line x1="${f1(L)}" y1="${T - 6}" x2="${f1(L)}" y2="${f1(plotBottom)}" stroke="${INK}"/>`);
  const hidden = h.indices.length - rows.length;
  if (hidden > 0) {
    const rest = h.indices.slice(rows.length).map((x) => x.st ?? 0);
    footer.unshift(`${hidden} more group${hidden > 1 ? 's' : ''} not shown, each with ST ≤ ${Math.max(0, ...rest).toFixed(2)}.`);
  }
  const top = plotBottom + 58;
  const lines = footer.flatMap((line) => wrapText(line, W - 40, 11.5));
  lines.forEach((line, i) => body.push(chartText(20, top + i * 16, line, 11.5, { fill: MUTED })));
  return chartDocument(W, top + lines.length * 16 + 6, title, body);
}
