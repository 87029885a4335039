/**
 * Small pieces of the statistical charts drawn as SVG (sensitivity tornado and outcome
 * distribution): the document frame, text, a 1–2–5 tick step, text cut to a width, and the
 * number formats of a headline's unit.
 */
import { esc, f1, FONT_FAMILY, textWidthPx } from './svg-text.js';

export const INK = '#1b1b1b';
export const MUTED = '#5f6670';
export const GRID = '#e3e6ea';

/** A complete SVG document on a white background. */
export function chartDocument(width: number, height: number, title: string, body: readonly string[]): string {
  const w = Math.ceil(width);
  const h = Math.ceil(height);
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" font-family="${esc(FONT_FAMILY)}">\n` +
    `<title>${esc(title)}</title>\n<rect width="100%" height="100%" fill="#fff"/>\n${body.join('\n')}\n</svg>\n`
  );
}

export function chartText(
  x: number,
  y: number,
  s: string,
  size: number,
  opts: { anchor?: 'start' | 'middle' | 'end'; weight?: 'bold'; fill?: string } = {},
): string {
  return `<text x="${f1(x)}" y="${f1(y)}" font-size="${size}" text-anchor="${opts.anchor ?? 'start'}"${opts.weight ? ` font-weight="${opts.weight}"` : ''} fill="${opts.fill ?? INK}">${esc(s)}</text>`;
}

/** 1–2–5 tick step giving about `n` ticks over a span. */
export function tickStep(span: number, n: number): number {
  if (!(span > 0)) return 1;
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m > 5 ? 10 : m > 2 ? 5 : m > 1 ? 2 : 1) * p;
}

/** `s` cut with an ellipsis to fit `maxPx` at `size` px. */
export function fitText(s: string, maxPx: number, size: number, bold = false): string {
  if (textWidthPx(s, size, bold) <= maxPx) return s;
  let t = s;
  while (t.length > 1 && textWidthPx(`${t}…`, size, bold) > maxPx) t = t.slice(0, -1);
  return `${t.trimEnd()}…`;
}

/** A headline value in its unit: "36.3%", "43,832 km²", "1,950 m". */
export function formatInUnit(x: number, unit: '1' | 'km2' | 'm'): string {
  if (unit === '1') return `${(100 * x).toFixed(1)}%`;
  const r = Math.round(x).toLocaleString('en-US');
  return unit === 'km2' ? `${r} km²` : `${r} m`;
}
