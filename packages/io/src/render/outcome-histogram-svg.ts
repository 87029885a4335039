/**
 * The distribution of one headline result across the draws of the sources, as a histogram
 * (share of draws per bin) with the nominal value (dashed) and the 5th, 50th and 95th
 * percentiles marked: how likely each outcome is given the sources' disagreement, as opposed to
 * the raid dice. Survival shares are binned in steps of 5% over 0–100%; other units over their
 * observed range.
 */
import type { HeadlineJson, SensitivityDocument } from '../sensitivity/document.js';
import { chartDocument, chartText, fitText, formatInUnit, GRID, INK, MUTED, tickStep } from './chart-svg.js';
import { f1, wrapText } from './svg-text.js';
import { distributionLine } from './tornado-svg.js';

const BAR = '#3d6b95';
const NOMINAL = '#8e1b1b';

/** Bin edges: 0–1 in 5% steps for shares, else about 20 bins of a 1–2–5 width over [min, max]. */
function binEdges(h: HeadlineJson): number[] {
  if (h.unit === '1') return Array.from({ length: 21 }, (_, i) => i / 20);
  const { min, max } = h.distribution;
  if (!(max > min)) return [min - 0.5, min + 0.5];
  const w = tickStep(max - min, 20);
  const lo = Math.floor(min / w) * w;
  const bins = Math.max(1, Math.ceil((max - lo) / w - 1e-9));
  const edges = Array.from({ length: bins + 1 }, (_, i) => lo + i * w);
  return edges;
}

export function outcomeHistogramSvg(doc: SensitivityDocument, h: HeadlineJson): string {
  const W = 820;
  const title = `${h.label} across the sources' spread`;
  const body: string[] = [];
  body.push(chartText(20, 30, fitText(title, W - 40, 18, true), 18, { weight: 'bold' }));
  body.push(chartText(20, 50, fitText(doc.scenario, W - 40, 12.5), 12.5, { fill: MUTED }));
  body.push(chartText(20, 67, fitText(distributionLine(h), W - 40, 12.5), 12.5, { fill: MUTED }));
  const edges = binEdges(h);
  const nb = edges.length - 1;
  const counts = new Array<number>(nb).fill(0);
  for (const x of h.draws) {
    let b = 0;
    while (b < nb - 1 && x >= edges[b + 1]) b++;
    counts[b]++;
  }
  const n = h.draws.length;
  const L = 64;
  const R = W - 30;
  const T = 96;
  const B = T + 260;
  const X = (x: number): number => L + ((x - edges[0]) / (edges[nb] - edges[0])) * (R - L);
  const maxF = Math.max(0.05, ...counts.map((c) => c / n));
  const ys = tickStep(maxF, 4);
  const yMax = Math.ceil(maxF / ys) * ys;
  const Y = (f: number): number => B - (f / yMax) * (B - T);
  for (let v = 0; v <= yMax + 1e-12; v += ys) {
    body.push(`<line x1="${L}" y1="${f1(Y(v))}" x2="${R}" y2="${f1(Y(v))}" stroke="${GRID}"/>`);
    body.push(chartText(L - 6, Y(v) + 4, `${Math.round(v * 100)}%`, 10.5, { anchor: 'end', fill: MUTED }));
  }
  counts.forEach((c, b) => {
    if (c === 0) return;
    const x0 = X(edges[b]);
    const x1 = X(edges[b + 1]);
    body.push(`<rect x="${f1(x0 + 1)}" y="${f1(Y(c / n))}" width="${f1(Math.max(1, x1 - x0 - 2))}" height="${f1(B - Y(c / n))}" fill="${BAR}"/>`);
  });
  const xs = tickStep(edges[nb] - edges[0], 8);
  for (let v = Math.ceil(edges[0] / xs) * xs; v <= edges[nb] + 1e-9; v += xs)
    body.push(chartText(X(v), B + 16, h.unit === '1' ? `${Math.round(100 * v)}%` : formatInUnit(v, h.unit), 10.5, { anchor: 'middle', fill: MUTED }));
  body.push(`<line x1="${L}" y1="${B}" x2="${R}" y2="${B}" stroke="${INK}"/>`);
  const mark = (x: number, label: string, color: string, dash: string, row: number): void => {
    const px = X(Math.min(edges[nb], Math.max(edges[0], x)));
    body.push(`<line x1="${f1(px)}" y1="${T - 4}" x2="${f1(px)}" y2="${B}" stroke="${color}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`);
    body.push(chartText(px + 4, T + 8 + row * 14, label, 11, { fill: color }));
  };
  const d = h.distribution;
  mark(d.p05, 'p05', INK, '2 3', 0);
  mark(d.p50, 'median', INK, '', 1);
  mark(d.p95, 'p95', INK, '2 3', 0);
  mark(h.nominal, 'nominal', NOMINAL, '6 3', 2);
  body.push(chartText((L + R) / 2, B + 36, `${h.label} at a draw of the sources (share of the ${n} draws per bin)`, 12, { anchor: 'middle', fill: MUTED }));
  const notes = [
    `Each draw reads every uncertain catalog value from its distribution (${doc.distribution}, mode at the nominal); ${doc.draws} × 2 independent draws, seed ${doc.seed}.`,
  ];
  if (h.diceSe !== undefined)
    notes.push(`Each draw's survival is the mean of ${doc.runs} raid runs (standard error ≈ ${formatInUnit(h.diceSe, '1')} from the dice).`);
  const lines = notes.flatMap((line) => wrapText(line, W - 40, 11.5));
  lines.forEach((line, i) => body.push(chartText(20, B + 62 + i * 16, line, 11.5, { fill: MUTED })));
  return chartDocument(W, B + 62 + lines.length * 16 + 4, title, body);
}
