/**
 * Map rendering time on the Korea sample at 1 km (613 × 1166 cells): SVG assembly (basemap,
 * raster PNG encode, labels) and resvg rasterisation at 1.5×. Target: under ~1 s together.
 * Run: npx vitest bench --run packages/io/src/render/coverage-map.bench.ts
 */
import { bench, describe } from 'vitest';
import { coverageCaptionLines, renderCoverageMapSvg } from './coverage-map.js';
import { discCounts, KOREA_DISCS, KOREA_PLACES, KOREA_SITES, koreaSampleGrid, koreaSampleRings, syntheticRelief } from './korea-sample.js';
import { svgToPng } from './svg-to-png.js';

const grid = koreaSampleGrid(1000);
const counts = discCounts(grid, KOREA_DISCS);
const relief = syntheticRelief(grid);
const common = {
  grid,
  ...counts,
  title: 'Engagement coverage — F-16-class fighter at 1,000 m MSL',
  captionLines: coverageCaptionLines({
    scenarioName: 'korea-s400-reported',
    threatName: 'F-16-class fighter',
    altitudeM: 1000,
    altitudeReference: 'msl',
    kFactor: 4 / 3,
    sources: { values: 57, high: 12, medium: 30, low: 15 },
  }),
  sites: KOREA_SITES,
  places: KOREA_PLACES,
  rings: koreaSampleRings(),
};
const svg = renderCoverageMapSvg(common);
const svgRelief = renderCoverageMapSvg({ ...common, reliefElevationM: relief });

describe(`coverage map, ${grid.width}×${grid.height} cells`, () => {
  bench('SVG', () => {
    renderCoverageMapSvg(common);
  });
  bench('SVG with shaded relief', () => {
    renderCoverageMapSvg({ ...common, reliefElevationM: relief });
  });
  bench('PNG (resvg, 1.5×)', () => {
    svgToPng(svg);
  });
  bench('PNG with shaded relief (resvg, 1.5×)', () => {
    svgToPng(svgRelief);
  });
  bench('SVG + PNG with shaded relief', () => {
    svgToPng(renderCoverageMapSvg({ ...common, reliefElevationM: relief }));
  });
});
