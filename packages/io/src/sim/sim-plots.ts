/**
 * Charts of a raid simulation as SVG (rasterised to PNG by render/svg-to-png.ts): the survival
 * distribution (survivors per run, per group, with the survival probability and its 95% interval),
 * missiles expended per fire unit (mean with 95% interval, maximum, load), and the engagement
 * timeline (launches and kills per run over time).
 */
import type { SimSummary } from '@parapet/core';
import { esc, f1, FONT_FAMILY, textWidthPx } from '../render/svg-text.js';

const INK = '#1b1b1b';
const MUTED = '#5f6670';
const GRID = '#e3e6ea';
const BAR = '#3d6b95';
const KILL = '#8e1b1b';

function doc(width: number, height: number, title: string, body: string[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(width)}" height="${Math.ceil(height)}" viewBox="0 0 ${Math.ceil(width)} ${Math.ceil(height)}" font-family="${esc(FONT_FAMILY)}">\n` +
    `<title>${esc(title)}</title>\n<rect width="100%" height="100%" fill="#fff"/>\n${body.join('\n')}\n</svg>\n`
  );
}

function text(x: number, y: number, s: string, size: number, opts: { anchor?: string; weight?: string; fill?: string } = {}): string {
  return `<text x="${f1(x)}" y="${f1(y)}" font-size="${size}" text-anchor="${opts.anchor ?? 'start'}"${opts.weight ? ` font-weight="${opts.weight}"` : ''} fill="${opts.fill ?? INK}">${esc(s)}</text>`;
}

/** 1–2–5 tick step giving about `n` ticks over [0, max]. */
function tickStep(max: number, n: number): number {
  if (!(max > 0)) return 1;
  const raw = max / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m > 5 ? 10 : m > 2 ? 5 : m > 1 ? 2 : 1) * p;
}

/** `s` cut with an ellipsis to fit `maxPx` at `size` px. */
function fit(s: string, maxPx: number, size: number, bold = false): string {
  if (textWidthPx(s, size, bold) <= maxPx) return s;
  let t = s;
  while (t.length > 1 && textWidthPx(`${t}…`, size, bold) > maxPx) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

function pct(p: number): string {
  return `${(100 * p).toFixed(1)}%`;
}

/** One bar panel: bars over integer categories 0 … n−1 with heights as fractions of runs. */
function histogramPanel(
  x0: number,
  y0: number,
  w: number,
  h: number,
  title: string,
  subtitle: string,
  counts: readonly number[],
  runs: number,
  xLabel: string,
): string[] {
  const out: string[] = [];
  out.push(text(x0, y0 + 14, fit(title, w - 10, 14, true), 14, { weight: 'bold' }));
  out.push(text(x0, y0 + 32, fit(subtitle, w - 10, 11.5), 11.5, { fill: MUTED }));
  const left = x0 + 46;
  const top = y0 + 46;
  const pw = w - 56;
  const ph = h - 86;
  const fr = counts.map((c) => c / runs);
  const maxF = Math.max(0.05, ...fr);
  const step = tickStep(maxF, 4);
  const yMax = Math.ceil(maxF / step) * step;
  for (let v = 0; v <= yMax + 1e-12; v += step) {
    const y = top + ph - (v / yMax) * ph;
    out.push(`<line x1="${f1(left)}" y1="${f1(y)}" x2="${f1(left + pw)}" y2="${f1(y)}" stroke="${GRID}"/>`);
    out.push(text(left - 6, y + 4, `${Math.round(v * 100)}%`, 10, { anchor: 'end', fill: MUTED }));
  }
  const n = counts.length;
  const bw = pw / n;
  const labelEvery = Math.max(1, Math.ceil(n / 12));
  for (let k = 0; k < n; k++) {
    const bh = (fr[k] / yMax) * ph;
    const x = left + k * bw;
    if (bh > 0) out.push(`<rect x="${f1(x + bw * 0.12)}" y="${f1(top + ph - bh)}" width="${f1(bw * 0.76)}" height="${f1(bh)}" fill="${BAR}"/>`);
    if (k % labelEvery === 0 || k === n - 1) out.push(text(x + bw / 2, top + ph + 14, String(k), 10, { anchor: 'middle', fill: MUTED }));
  }
  out.push(`<line x1="${f1(left)}" y1="${f1(top + ph)}" x2="${f1(left + pw)}" y2="${f1(top + ph)}" stroke="${INK}"/>`);
  out.push(text(left + pw / 2, top + ph + 32, xLabel, 11, { anchor: 'middle', fill: MUTED }));
  return out;
}

/** Survivors per run, one panel per group plus the whole raid. */
export function survivalPlotSvg(s: SimSummary): string {
  const panels: { title: string; subtitle: string; counts: number[]; xLabel: string }[] = s.groups.map((g) => ({
    title: `${g.id} — ${g.count} × ${g.threatName}`,
    subtitle: `survival ${pct(g.survival.p)} (95% CI ${pct(g.survival.lo)}–${pct(g.survival.hi)})`,
    counts: g.survivorsHistogram,
    xLabel: 'members surviving in a run',
  }));
  panels.push({
    title: `All raids — ${s.overall.targets} targets`,
    subtitle: `leakers ${s.overall.leakers.mean.toFixed(2)} per run (95% CI ${s.overall.leakers.lo.toFixed(2)}–${s.overall.leakers.hi.toFixed(2)})`,
    counts: s.overall.leakersHistogram,
    xLabel: 'targets reaching their final waypoint in a run',
  });
  const cols = 2;
  const pw = 440;
  const ph = 250;
  const header = 64;
  const rows = Math.ceil(panels.length / cols);
  const body: string[] = [];
  const width = 40 + cols * pw + (cols - 1) * 20;
  body.push(text(20, 30, fit(`Raid survival — ${s.scenario}`, width - 40, 18, true), 18, { weight: 'bold' }));
  body.push(
    text(
      20,
      50,
      fit(`${s.runs.toLocaleString('en-US')} runs, seed ${s.seed}, ${s.valueCase} values. Share of runs by number of survivors.`, width - 40, 12),
      12,
      { fill: MUTED },
    ),
  );
  panels.forEach((p, i) => {
    const x = 20 + (i % cols) * (pw + 20);
    const y = header + Math.floor(i / cols) * ph;
    body.push(...histogramPanel(x, y, pw, ph, p.title, p.subtitle, p.counts, s.runs, p.xLabel));
  });
  return doc(width, header + rows * ph + 10, `Raid survival — ${s.scenario}`, body);
}

/** Missiles fired per fire unit: mean with its 95% interval, the maximum of any run, the load. */
export function missilesPlotSvg(s: SimSummary): string {
  const fus = s.fireUnits;
  const labelW = Math.max(120, ...fus.map((f) => textWidthPx(`${f.site} (${f.system})`, 12) + 10));
  const left = 20 + labelW;
  const pw = 520;
  const rowH = 30;
  const top = 90;
  const max = Math.max(1, ...fus.map((f) => Math.max(f.missilesFired.max, f.limits.missilesLoaded + f.limits.reserve)));
  const step = tickStep(max, 6);
  const xMax = Math.ceil(max / step) * step;
  const X = (v: number): number => left + (v / xMax) * pw;
  const body: string[] = [];
  const width = left + pw + 170;
  body.push(text(20, 30, 'Missiles expended per fire unit', 18, { weight: 'bold' }));
  body.push(text(20, 50, fit(`${s.scenario} — ${s.runs.toLocaleString('en-US')} runs, seed ${s.seed}`, width - 40, 12), 12, { fill: MUTED }));
  body.push(
    text(20, 66, fit('Bar: mean per run; whisker: 95% CI of the mean; dot: most in any run; tick: missiles loaded + reserve.', width - 40, 12), 12, {
      fill: MUTED,
    }),
  );
  const h = fus.length * rowH;
  for (let v = 0; v <= xMax + 1e-9; v += step) {
    body.push(`<line x1="${f1(X(v))}" y1="${top - 6}" x2="${f1(X(v))}" y2="${f1(top + h)}" stroke="${GRID}"/>`);
    body.push(text(X(v), top + h + 16, String(Math.round(v * 100) / 100), 10, { anchor: 'middle', fill: MUTED }));
  }
  fus.forEach((f, i) => {
    const y = top + i * rowH;
    const m = f.missilesFired;
    body.push(text(left - 8, y + 17, `${f.site} (${f.system})`, 12, { anchor: 'end' }));
    body.push(`<rect x="${f1(left)}" y="${f1(y + 6)}" width="${f1(Math.max(0, X(m.mean) - left))}" height="16" fill="${BAR}"/>`);
    if (Number.isFinite(m.lo) && Number.isFinite(m.hi) && m.hi > m.lo) {
      body.push(
        `<path d="M${f1(X(m.lo))},${f1(y + 14)}H${f1(X(m.hi))}M${f1(X(m.lo))},${f1(y + 9)}V${f1(y + 19)}M${f1(X(m.hi))},${f1(y + 9)}V${f1(y + 19)}" stroke="${INK}" stroke-width="1.2" fill="none"/>`,
      );
    }
    body.push(`<circle cx="${f1(X(f.missilesFired.max))}" cy="${f1(y + 14)}" r="3" fill="${KILL}"/>`);
    const load = f.limits.missilesLoaded + f.limits.reserve;
    body.push(`<line x1="${f1(X(load))}" y1="${f1(y + 3)}" x2="${f1(X(load))}" y2="${f1(y + 25)}" stroke="${INK}" stroke-width="2"/>`);
    body.push(text(left + pw + 10, y + 17, `${m.mean.toFixed(2)} (kills ${f.kills.mean.toFixed(2)})`, 11, { fill: MUTED }));
  });
  body.push(text(left + pw / 2, top + h + 34, 'missiles fired in a run', 11, { anchor: 'middle', fill: MUTED }));
  return doc(width, top + h + 50, `Missiles expended — ${s.scenario}`, body);
}

/** Launches and kills per run in each time bin. */
export function timelinePlotSvg(s: SimSummary): string {
  const { binSec, launchesPerRun, killsPerRun } = s.timeline;
  let last = launchesPerRun.length - 1;
  while (last > 0 && launchesPerRun[last] === 0 && killsPerRun[last] === 0) last--;
  const n = last + 1;
  const left = 60;
  const top = 70;
  const pw = 760;
  const ph = 240;
  const max = Math.max(0.1, ...launchesPerRun.slice(0, n), ...killsPerRun.slice(0, n));
  const step = tickStep(max, 5);
  const yMax = Math.ceil(max / step) * step;
  const body: string[] = [];
  body.push(text(20, 30, 'Engagement timeline', 18, { weight: 'bold' }));
  body.push(
    text(
      20,
      50,
      fit(
        `${s.scenario} — mean per run in ${binSec} s bins (${s.runs.toLocaleString('en-US')} runs): missiles launched (blue), targets killed (red).`,
        left + pw - 10,
        12,
      ),
      12,
      { fill: MUTED },
    ),
  );
  for (let v = 0; v <= yMax + 1e-12; v += step) {
    const y = top + ph - (v / yMax) * ph;
    body.push(`<line x1="${left}" y1="${f1(y)}" x2="${left + pw}" y2="${f1(y)}" stroke="${GRID}"/>`);
    body.push(text(left - 6, y + 4, String(Math.round(v * 1000) / 1000), 10, { anchor: 'end', fill: MUTED }));
  }
  const bw = pw / Math.max(1, n);
  for (let b = 0; b < n; b++) {
    const x = left + b * bw;
    const lh = (launchesPerRun[b] / yMax) * ph;
    const kh = (killsPerRun[b] / yMax) * ph;
    if (lh > 0) body.push(`<rect x="${f1(x + bw * 0.08)}" y="${f1(top + ph - lh)}" width="${f1(bw * 0.42)}" height="${f1(lh)}" fill="${BAR}"/>`);
    if (kh > 0) body.push(`<rect x="${f1(x + bw * 0.5)}" y="${f1(top + ph - kh)}" width="${f1(bw * 0.42)}" height="${f1(kh)}" fill="${KILL}"/>`);
  }
  const minutes = (n * binSec) / 60;
  const mStep = tickStep(minutes, 8);
  for (let t = 0; t <= minutes + 1e-9; t += mStep)
    body.push(text(left + ((t * 60) / binSec) * bw, top + ph + 14, String(Math.round(t * 100) / 100), 10, { anchor: 'middle', fill: MUTED }));
  body.push(`<line x1="${left}" y1="${top + ph}" x2="${left + pw}" y2="${top + ph}" stroke="${INK}"/>`);
  body.push(text(left + pw / 2, top + ph + 32, 'minutes since the scenario start', 11, { anchor: 'middle', fill: MUTED }));
  return doc(left + pw + 30, top + ph + 48, `Engagement timeline — ${s.scenario}`, body);
}
