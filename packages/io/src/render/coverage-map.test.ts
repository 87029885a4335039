import { Resvg } from '@resvg/resvg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { makeRegionGrid, type RegionGrid } from '@parapet/core';
import { parseColor } from './color-ramp.js';
import { COVERAGE_PALETTE, coverageCaptionLines, renderCoverageMapSvg, renderDeltaMapSvg, renderRasterMapSvg, siteMarkers } from './coverage-map.js';
import { discCounts, KOREA_DISCS, KOREA_PLACES, KOREA_SITES, koreaSampleGrid, koreaSampleRings } from './korea-sample.js';
import { MAP_STYLE } from './map-frame.js';
import { svgToPng } from './svg-to-png.js';
import { textWidthPx } from './svg-text.js';

interface Raster {
  width: number;
  height: number;
  data: Buffer;
}

function rasterise(svg: string): Raster {
  return PNG.sync.read(svgToPng(svg, { scale: 1 }));
}

function pixel(r: Raster, x: number, y: number): [number, number, number] {
  const o = (Math.round(y) * r.width + Math.round(x)) * 4;
  return [r.data[o], r.data[o + 1], r.data[o + 2]];
}

/** The map area as the SVG declares it: the translate of the clipped group and the clip rect size. */
function mapArea(svg: string): { x: number; y: number; w: number; h: number } {
  const t = /<g transform="translate\(([\d.]+),([\d.]+)\)" clip-path="url\(#pp-map-clip\)">/.exec(svg);
  const c = /<clipPath id="pp-map-clip"><rect x="0" y="0" width="([\d.]+)" height="([\d.]+)"\/>/.exec(svg);
  if (!t || !c) throw new Error('map group not found');
  return { x: Number(t[1]), y: Number(t[2]), w: Number(c[1]), h: Number(c[2]) };
}

/** All text content of the SVG, joined by spaces (wrapped lines read as one). */
function svgText(svg: string): string {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
}

/** Source-over blend of a colour at opacity α onto an opaque background. */
function over(bg: string, fg: string, alpha: number): [number, number, number] {
  const b = parseColor(bg);
  const f = parseColor(fg);
  return [0, 1, 2].map((i) => b[i] * (1 - alpha) + f[i] * alpha) as [number, number, number];
}

function expectColor(actual: [number, number, number], expected: [number, number, number], tol = 4): void {
  for (let i = 0; i < 3; i++) expect(Math.abs(actual[i] - expected[i]), `channel ${i}: ${actual} vs ${expected.map(Math.round)}`).toBeLessThanOrEqual(tol);
}

// open Pacific: no land, so every map pixel away from lines is sea or sea + overlay
const ocean: RegionGrid = makeRegionGrid({ westDeg: 150.2, southDeg: 30.2, eastDeg: 151.8, northDeg: 31.6 }, 2000);

describe('renderCoverageMapSvg', () => {
  it('lays the coverage raster exactly on the map: a cell-edge boundary lands within 1.5 px', () => {
    const n = ocean.width * ocean.height;
    const engage = new Uint8Array(n);
    const edgeCol = Math.round(ocean.width * 0.37);
    const edgeRow = Math.round(ocean.height * 0.61);
    for (let j = 0; j < ocean.height; j++) for (let i = 0; i < ocean.width; i++) if (i < edgeCol && j < edgeRow) engage[j * ocean.width + i] = 1;
    const svg = renderCoverageMapSvg({ grid: ocean, engageCount: engage, detectCount: engage, title: 'Alignment', countryLabels: false });
    expect(svg).not.toContain('Engaged by 2 sites'); // overlap classes are listed only when they occur
    const img = rasterise(svg);
    const m = mapArea(svg);
    // independent transform: linear in lon/lat over the box
    const edgeX = m.x + ((ocean.westDeg + edgeCol * ocean.dLonDeg - ocean.westDeg) / (ocean.eastDeg - ocean.westDeg)) * m.w;
    const edgeY = m.y + (edgeRow / ocean.height) * m.h;
    const engaged = over(MAP_STYLE.sea, COVERAGE_PALETTE[1].color, COVERAGE_PALETTE[1].opacity);
    const sea = parseColor(MAP_STYLE.sea);
    // probes at 30.9°N and 150.5°E, midway between the 0.2° graticule lines
    const row = m.y + ((ocean.northDeg - 30.9) / (ocean.northDeg - ocean.southDeg)) * m.h;
    expectColor(pixel(img, edgeX - 1.5, row), engaged);
    expectColor(pixel(img, edgeX + 1.5, row), sea);
    const xProbe = m.x + ((150.5 - ocean.westDeg) / (ocean.eastDeg - ocean.westDeg)) * m.w;
    expectColor(pixel(img, xProbe, edgeY - 1.5), engaged);
    expectColor(pixel(img, xProbe, edgeY + 1.5), sea);
  });

  it('renders the Korea sample with every label, legend entry and caption line, in real glyphs', () => {
    const grid = koreaSampleGrid(5000);
    const counts = discCounts(grid, KOREA_DISCS);
    const caption = coverageCaptionLines({
      scenarioName: 'korea-s400-reported',
      threatName: 'F-16-class fighter',
      altitudeM: 1000,
      altitudeReference: 'msl',
      kFactor: 4 / 3,
      sources: { values: 57, high: 12, medium: 30, low: 15 },
    });
    const svg = renderCoverageMapSvg({
      grid,
      ...counts,
      title: 'Engagement coverage — F-16-class fighter at 1,000 m MSL',
      captionLines: caption,
      sites: KOREA_SITES,
      places: KOREA_PLACES,
      rings: koreaSampleRings(),
    });
    for (const text of [
      'Seoul',
      'Osan',
      'Pyeongtaek',
      'S-400 (Pyongyang)',
      'Detected, not engaged',
      'Engaged by 1 site',
      'Engaged by 2 sites',
      'Site, reported',
      'Site, hypothetical',
      'Range ring: missile maximum range',
      'NORTH KOREA',
      '127°E',
      '38°N',
      'refraction k = 4/3',
    ]) {
      expect(svgText(svg)).toContain(text);
    }
    // the three sample discs meet north-east of Kaesong, so the 3+ class occurs and is listed
    expect(Math.max(...counts.engageCount)).toBe(3);
    expect(svg).toContain('Engaged by 3 or more sites');
    const img = rasterise(svg);
    // the title is drawn with a font: dark pixels in its band
    let dark = 0;
    for (let y = 20; y < 45; y++) for (let x = 20; x < 400; x++) if (pixel(img, x, y)[0] < 80) dark++;
    expect(dark).toBeGreaterThan(500);
  });

  it('rejects counts of the wrong size', () => {
    expect(() => renderCoverageMapSvg({ grid: ocean, engageCount: new Uint8Array(3), title: 'x' })).toThrow(/engageCount must have/);
  });
});

describe('renderDeltaMapSvg', () => {
  it('paints gained green, lost red and kept grey', () => {
    const n = ocean.width * ocean.height;
    const delta = new Int8Array(n);
    const before = new Uint8Array(n);
    for (let j = 0; j < ocean.height; j++) {
      for (let i = 0; i < ocean.width; i++) {
        const k = j * ocean.width + i;
        if (i < ocean.width / 3) delta[k] = 1;
        else if (i < (2 * ocean.width) / 3) delta[k] = -1;
        else before[k] = 1;
        if (delta[k] === -1) before[k] = 1;
      }
    }
    const svg = renderDeltaMapSvg({ grid: ocean, delta, before, labelA: 'legacy', labelB: 'S-400 reported', title: 'Delta', countryLabels: false });
    expect(svgText(svg)).toContain('Gained: covered in S-400 reported only');
    expect(svgText(svg)).toContain('Lost: covered in legacy only');
    const img = rasterise(svg);
    const m = mapArea(svg);
    const y = m.y + m.h * 0.55;
    const g = pixel(img, m.x + m.w * 0.15, y);
    const r = pixel(img, m.x + m.w * 0.5, y);
    const k = pixel(img, m.x + m.w * 0.85, y);
    expect(g[1]).toBeGreaterThan(g[0] + 40);
    expect(r[0]).toBeGreaterThan(r[1] + 40);
    expect(Math.max(...k) - Math.min(...k)).toBeLessThan(30);
  });
});

describe('renderRasterMapSvg', () => {
  it('maps values through the ramp, leaves NaN undrawn, and labels the class breaks', () => {
    const n = ocean.width * ocean.height;
    const values = new Float32Array(n);
    for (let j = 0; j < ocean.height; j++) for (let i = 0; i < ocean.width; i++) values[j * ocean.width + i] = i < ocean.width / 2 ? 50 : Number.NaN;
    const svg = renderRasterMapSvg({
      grid: ocean,
      values,
      domain: [0, 10_000],
      breaks: [0, 100, 300, 1000, 3000, 10_000],
      valueLabel: 'Minimum detectable altitude (m MSL)',
      ramp: 'viridis',
      opacity: 1,
      format: (v) => v.toLocaleString('en-US'),
      title: 'MDA',
      countryLabels: false,
    });
    for (const t of ['Minimum detectable altitude (m MSL)', '>100<', '>3,000<', '>10,000<']) expect(svg).toContain(t);
    const img = rasterise(svg);
    const m = mapArea(svg);
    // first class of viridis at full opacity (t = 0): #440154
    expectColor(pixel(img, m.x + m.w * 0.2, m.y + m.h * 0.55), parseColor('#440154'), 3);
    expectColor(pixel(img, m.x + m.w * 0.8, m.y + m.h * 0.55), parseColor(MAP_STYLE.sea), 3);
  });

  it('rejects a bad domain', () => {
    expect(() =>
      renderRasterMapSvg({ grid: ocean, values: new Float32Array(ocean.width * ocean.height), domain: [5, 5], valueLabel: 'v', title: 't' }),
    ).toThrow(/domain/);
  });
});

describe('text width estimate', () => {
  it('is within 10% of the width resvg lays out in DejaVu Sans', () => {
    for (const [s, size, bold] of [
      ['Pyeongtaek', 12, false],
      ['S-400 (Pyongyang)', 11, true],
      ['Engaged by 3 or more sites', 12, false],
      ['NORTH KOREA', 13, false],
      ['Minimum detectable altitude (m MSL)', 12, true],
    ] as const) {
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="60"><text x="10" y="40" font-family="DejaVu Sans" font-size="${size}"${bold ? ' font-weight="bold"' : ''}>${s}</text></svg>`;
      const r = new Resvg(svg, { font: { loadSystemFonts: true } });
      const box = r.getBBox();
      expect(box, 'text has a bounding box (fonts found)').toBeDefined();
      const est = textWidthPx(s, size, bold);
      expect(Math.abs(est / (box as { width: number }).width - 1), s).toBeLessThan(0.1);
    }
  });
});

describe('siteMarkers', () => {
  it('gives one symbol per site, the longest missile ring, and each ring label once', () => {
    const radar = {
      id: 'r',
      name: 'Fan Song',
      role: 'fire-control',
      antennaHeightM: 10,
      instrumentedRangeM: 120_000,
      refRangeM: 80_000,
      refRcsM2: 1,
      maxAltitudeM: 30_000,
    };
    const missile = (name: string, maxRangeM: number) => ({
      id: name,
      name,
      guidanceRadarIndex: 0,
      minRangeM: 7000,
      maxRangeM,
      minAltitudeM: 100,
      maxAltitudeM: 27_000,
      maxTargetSpeedMps: 1000,
    });
    const site = (id: string, lon: number) => ({
      id,
      systemId: 's-75',
      systemName: 'S-75',
      lonDeg: lon,
      latDeg: 39,
      status: 'confirmed' as const,
      radars: [radar],
      missiles: [missile('V-750', 43_000), missile('V-755', 45_000)],
    });
    const m = siteMarkers([site('a', 125), site('b', 126)] as never, { rings: 'both' });
    expect(m.sites.map((s) => [s.id, s.label, s.status])).toEqual([
      ['a', 'a', 'confirmed'],
      ['b', 'b', 'confirmed'],
    ]);
    expect(m.rings.map((r) => [r.kind, r.radiusM, r.label])).toEqual([
      ['engage', 45_000, 'V-755 45 km'],
      ['detect', 120_000, 'Fan Song 120 km'],
      ['engage', 45_000, undefined],
      ['detect', 120_000, undefined],
    ]);
  });
});
