import { describe, expect, it } from 'vitest';
import type { HeadlineJson, SensitivityDocument, SensitivityIndexJson } from '../sensitivity/document.js';
import { outcomeHistogramSvg } from './outcome-histogram-svg.js';
import { svgToPng } from './svg-to-png.js';
import { TORNADO_MAX_ROWS, tornadoSvg } from './tornado-svg.js';

const index = (label: string, s1: number | null, st: number | null, corr: number | null = 0.5): SensitivityIndexJson => ({
  group: label.toLowerCase().replace(/ /g, '-'),
  label,
  s1,
  s1Lo: s1 === null ? null : s1 - 0.05,
  s1Hi: s1 === null ? null : s1 + 0.05,
  st,
  stLo: st === null ? null : st - 0.05,
  stHi: st === null ? null : st + 0.05,
  corr,
});

function headline(indices: SensitivityIndexJson[], draws: number[] = [0.1, 0.2, 0.3, 0.4]): HeadlineJson {
  return {
    id: 'survival/f35a-flight',
    label: 'f35a-flight survival (4 × F-35A)',
    kind: 'survival',
    unit: '1',
    group: 'f35a-flight',
    nominal: 0.35,
    distribution: { draws: draws.length, mean: 0.25, sd: 0.13, min: 0.1, p05: 0.115, p50: 0.25, p95: 0.385, max: 0.4 },
    draws,
    diceSe: 0.02,
    noiseShare: 0.1,
    sumS1: 0.8,
    indices,
  };
}

function doc(h: HeadlineJson): SensitivityDocument {
  return {
    parapet: { document: 'sensitivity', version: 1 },
    scenario: 'Test scenario',
    seed: 1,
    draws: 2,
    runs: 100,
    group: 'part',
    distribution: 'triangular',
    jamming: true,
    only: null,
    evaluations: 13,
    lineOfSight: 'smooth earth, k = 1.333',
    method: { design: '', firstOrder: '', total: '', intervals: '', innerLoop: '', distributions: '' },
    factors: [],
    groups: [],
    headlines: [h],
  };
}

/** Widths of the rects with the given fill, in document order. */
function widths(svg: string, fill: string): number[] {
  return [...svg.matchAll(new RegExp(`<rect x="[^"]+" y="[^"]+" width="([^"]+)" height="[^"]+" fill="${fill}"`, 'g'))].map((m) => Number(m[1]));
}

describe('tornado chart', () => {
  const rows = [index('F-35A RCS', 0.4, 0.6, -0.7), index('S-400 radars', 0.2, 0.3, 0.4), index('S-400 fire unit', -0.02, 0.15, 0.1)];
  const svg = tornadoSvg(doc(headline(rows)), headline(rows));

  it('draws one row per group, in the document order (decreasing ST), labelled', () => {
    const at = rows.map((r) => svg.indexOf(`>${r.label}</text>`));
    expect(at.every((x) => x > 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(svg).toContain('What drives: f35a-flight survival (4 × F-35A)');
    expect(svg).toContain('nominal 35.0%; across 4 draws of the sources: mean 25.0%, 90% between 11.5% and 38.5%');
  });

  it('draws ST and S1 bars in proportion to the indices, a negative S1 as no bar', () => {
    const st = widths(svg, '#9ecae1');
    const s1 = widths(svg, '#08519c');
    expect(st).toHaveLength(3);
    expect(st[1] / st[0]).toBeCloseTo(0.3 / 0.6, 2);
    expect(st[2] / st[0]).toBeCloseTo(0.15 / 0.6, 2);
    expect(s1[0] / st[0]).toBeCloseTo(0.4 / 0.6, 2);
    expect(s1[2]).toBe(0);
    expect(svg).toContain('0.40 · 0.60 · −0.70');
  });

  it('summarises groups beyond the row limit', () => {
    const many = Array.from({ length: TORNADO_MAX_ROWS + 3 }, (_, i) => index(`group ${i}`, 0.01, 0.3 - 0.01 * i));
    const s = tornadoSvg(doc(headline(many)), headline(many));
    expect(widths(s, '#9ecae1')).toHaveLength(TORNADO_MAX_ROWS);
    expect(s).toContain(`3 more groups not shown, each with ST ≤ ${(0.3 - 0.01 * TORNADO_MAX_ROWS).toFixed(2)}.`);
  });

  it('warns when the dice make most of the spread', () => {
    const noisy = { ...headline(rows), noiseShare: 0.6 };
    expect(tornadoSvg(doc(noisy), noisy)).toContain('The dice make most of this small spread');
    expect(svg).not.toContain('The dice make most');
  });

  it('says so when the result does not move', () => {
    const flat = [index('F-35A RCS', null, null, null)];
    expect(tornadoSvg(doc(headline(flat)), headline(flat))).toContain('there is no variance to attribute');
  });

  it('renders to PNG at 1.5 pixels per SVG pixel', () => {
    const png = svgToPng(svg);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.readUInt32BE(16)).toBe(Math.ceil(980 * 1.5));
  });
});

describe('outcome distribution chart', () => {
  it('bins survival shares in 5% steps: bar heights are the shares of draws', () => {
    const h = headline([index('F-35A RCS', 0.4, 0.6)], [0, 0.02, 0.5, 0.51, 1]);
    const svg = outcomeHistogramSvg(doc(h), h);
    const heights = [...svg.matchAll(/<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#3d6b95"/g)].map((m) => Number(m[1]));
    expect(heights).toHaveLength(3);
    expect(heights[0] / heights[2]).toBeCloseTo(2, 2);
    expect(heights[1] / heights[2]).toBeCloseTo(2, 2);
    expect(svg).toContain('mean of 100 raid runs');
  });
});
