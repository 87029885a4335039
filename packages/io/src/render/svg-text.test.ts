import { describe, expect, it } from 'vitest';
import { esc, placeLabels, wrapText, type Rect } from './svg-text.js';

function overlaps(a: Rect, b: Rect): boolean {
  return Math.min(a.x1, b.x1) > Math.max(a.x0, b.x0) && Math.min(a.y1, b.y1) > Math.max(a.y0, b.y0);
}

describe('placeLabels', () => {
  it('keeps labels of three close places (Seoul, Osan, Pyeongtaek at ~1 px/km) apart and off their symbols', () => {
    const anchors = [
      { text: 'Seoul', x: 300, y: 600 },
      { text: 'Osan', x: 305, y: 640 },
      { text: 'Pyeongtaek', x: 308, y: 655 },
    ];
    const symbols: Rect[] = anchors.map((a) => ({ x0: a.x - 5, y0: a.y - 5, x1: a.x + 5, y1: a.y + 5 }));
    const placed = placeLabels(
      anchors.map((a) => ({ ...a, fontSizePx: 12, gapPx: 5 })),
      symbols,
      { x0: 0, y0: 0, x1: 1000, y1: 1000 },
    );
    expect(placed).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(placed[i].crowded).toBe(false);
      for (const s of symbols) expect(overlaps(placed[i].box, s)).toBe(false);
      for (let j = i + 1; j < 3; j++) expect(overlaps(placed[i].box, placed[j].box)).toBe(false);
    }
  });

  it('keeps a label near the map edge inside the bounds', () => {
    const [l] = placeLabels([{ text: 'A long label near the edge', x: 995, y: 500, fontSizePx: 12, gapPx: 5 }], [], { x0: 0, y0: 0, x1: 1000, y1: 1000 });
    expect(l.box.x1).toBeLessThanOrEqual(1000);
    expect(l.anchor).toBe('end');
  });
});

describe('wrapText / esc', () => {
  it('wraps at word boundaries within the width', () => {
    const lines = wrapText('Sources: 57 catalog values (nominal case); confidence 12 high, 30 medium, 15 low.', 200, 12);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join(' ')).toBe('Sources: 57 catalog values (nominal case); confidence 12 high, 30 medium, 15 low.');
  });

  it('escapes XML specials', () => {
    expect(esc('a<b & "c">')).toBe('a&lt;b &amp; &quot;c&quot;&gt;');
  });
});
