/**
 * Text helpers for SVG drawn by our code: XML escaping, number formatting, an estimate of a
 * string's width in DejaVu Sans (the font resvg finds on Debian; advance widths from the font's
 * hmtx table, rounded, in em), word wrapping, and greedy label placement that avoids overlaps.
 */

export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";

export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Formats a coordinate for SVG output (0.1 px). */
export function f1(v: number): string {
  return (Math.round(v * 10) / 10).toString();
}

const NARROW = new Set([..."ijl.,:;!|'`ıƒ"]);
const SEMI = new Set([...'frt()[]{}-/\\"* I']);
const WIDE_LOWER = new Set([...'mw']);
const WIDE_UPPER = new Set([...'MW%@']);

/** Approximate advance width of `s` in DejaVu Sans at `fontSizePx` (bold ≈ 10% wider). */
export function textWidthPx(s: string, fontSizePx: number, bold = false): number {
  let em = 0;
  for (const ch of s) {
    if (NARROW.has(ch)) em += 0.29;
    else if (SEMI.has(ch)) em += 0.38;
    else if (WIDE_LOWER.has(ch)) em += 0.94;
    else if (WIDE_UPPER.has(ch)) em += 0.92;
    else if (ch >= '0' && ch <= '9') em += 0.64;
    else if (ch >= 'A' && ch <= 'Z') em += 0.71;
    else if (ch === '—') em += 1.0;
    else em += 0.6;
  }
  return em * fontSizePx * (bold ? 1.1 : 1);
}

/** Splits `text` into lines no wider than `maxWidthPx` (a single long word gets its own line). */
export function wrapText(text: string, maxWidthPx: number, fontSizePx: number, bold = false): string[] {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    const candidate = line ? `${line} ${w}` : w;
    if (line && textWidthPx(candidate, fontSizePx, bold) > maxWidthPx) {
      lines.push(line);
      line = w;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines.length > 0 ? lines : [''];
}

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

export interface LabelRequest {
  text: string;
  /** Anchor point (the symbol's centre), px. */
  x: number;
  y: number;
  fontSizePx: number;
  bold?: boolean;
  /** Radius of the symbol at the anchor, px: labels start this far away. */
  gapPx: number;
}

export interface PlacedLabel {
  text: string;
  /** Text position (SVG `x`, `y` of the baseline) and anchor. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Rect;
  /** True when the label had to overlap something. */
  crowded: boolean;
  /** True when the label sits away from its symbol (draw a leader line). */
  far: boolean;
}

/**
 * Places labels one by one (in the given order: most important first) at the first of eight
 * positions around the anchor — E, W, NE, SE, NW, SW, N, S, then the same 2.2 and 3.6 times as
 * far (flagged `far`, for a leader line) — that
 * stays inside `bounds` and overlaps no obstacle or earlier label; failing that, at the position
 * with the least overlap. Placed labels become obstacles for the next.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: Rect[], bounds: Rect): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const taken = obstacles.slice();
  for (const r of requests) {
    const w = textWidthPx(r.text, r.fontSizePx, r.bold);
    const h = r.fontSizePx;
    const asc = 0.76 * h; // DejaVu ascent of capitals ≈ 0.73 em
    let best: PlacedLabel | undefined;
    let bestCost = Infinity;
    for (const scale of [1, 2.2, 3.6]) {
      const g = r.gapPx * scale + 2;
      const d = g * 0.72;
      const positions: [number, number, 'start' | 'middle' | 'end'][] = [
        [r.x + g, r.y + asc / 2, 'start'],
        [r.x - g, r.y + asc / 2, 'end'],
        [r.x + d, r.y - d, 'start'],
        [r.x + d, r.y + d + asc, 'start'],
        [r.x - d, r.y - d, 'end'],
        [r.x - d, r.y + d + asc, 'end'],
        [r.x, r.y - g - 1, 'middle'],
        [r.x, r.y + g + asc + 1, 'middle'],
      ];
      for (const [tx, ty, anchor] of positions) {
        const x0 = anchor === 'start' ? tx : anchor === 'end' ? tx - w : tx - w / 2;
        const box: Rect = { x0: x0 - 2, y0: ty - asc - 2, x1: x0 + w + 2, y1: ty + 0.24 * h + 2 };
        let cost = 0;
        if (box.x0 < bounds.x0 || box.x1 > bounds.x1 || box.y0 < bounds.y0 || box.y1 > bounds.y1) cost += 1e6;
        for (const o of taken) cost += overlapArea(box, o);
        cost += scale > 1 ? 0.5 : 0; // prefer the near ring when both are free
        if (cost < bestCost) {
          bestCost = cost;
          best = { text: r.text, x: tx, y: ty, anchor, box, crowded: cost >= 1, far: scale > 1 };
        }
        if (cost < 1) break;
      }
      if (bestCost < 1) break;
    }
    if (best) {
      placed.push(best);
      taken.push(best.box);
    }
  }
  return placed;
}
