/**
 * The coverage assembled from per-site parts is the io pipeline's, number for number: after a
 * cold start, after a site moves, after the stand-off jammer moves, and for the focused layer
 * (whose new site gets a frame only out to its radar horizon). The oracle is runCoverage and
 * minDetectableAltitude over the whole scenario, run afresh each time.
 */
import { join } from 'node:path';
import { dataDir, loadCatalog, loadScenario, runCoverage } from '@parapet/io';
import type { Scenario } from '@parapet/core';
import { describe, expect, it } from 'vitest';
import { analysisData } from './compute.js';
import { cachedCoverage, cachedFocus, siteHorizonM, type CoverageData } from './incremental-coverage.js';
import { SiteCache } from './site-cache.js';

const catalog = loadCatalog();
/** The demo (jammer, 13 sites, 4 places, 3 threats × 3 altitudes) on a 4 km grid, to stay quick. */
function demo(): Scenario {
  const s = loadScenario(join(dataDir(), 'scenarios/korea-s400-reported.yaml'), catalog);
  s.region.resolutionM = 4000;
  return s;
}

/** Everything the job result carries, rasters as plain arrays. */
function comparable(d: CoverageData) {
  const run = (r: CoverageData['runs'][number]) => ({
    metrics: r.metrics,
    detect: [...r.layer.detectCount],
    engage: [...r.layer.engageCount],
    sites: r.layer.sites,
  });
  return {
    runs: d.runs.map(run),
    unjammed: d.unjammedRuns?.map(run),
    rings: { ...d.rings, engageRing: [...d.rings.engageRing], detectRing: [...d.rings.detectRing] },
    mda: d.mdaMslM.map((m) => [...m]),
    jammers: d.jammers,
    sites: d.sites,
  };
}

async function oracle(s: Scenario) {
  return comparable(analysisData(await runCoverage(s, catalog, { valueCase: 'nominal' })));
}

describe('coverage from per-site parts', () => {
  it('equals the whole pipeline cold, after a site moves and after the jammer moves, recomputing only what changed', async () => {
    const cache = new SiteCache();
    const s = demo();
    expect(s.jammers?.length).toBeGreaterThan(0);
    const cold = await cachedCoverage(s, catalog, { valueCase: 'nominal', cache });
    expect(comparable(cold)).toEqual(await oracle(s));
    const sitesCold = cache.stats().sites;
    expect(sitesCold).toBe(s.sites.length);

    // A site moves: one new site entry; the answer is still the pipeline's.
    const moved = structuredClone(s);
    const i = moved.sites.findIndex((x) => x.id === 'sa2-wonsan');
    moved.sites[i].lon -= 0.2;
    moved.sites[i].lat -= 0.1;
    const bytesBefore = cache.stats().bytes;
    const warm = await cachedCoverage(moved, catalog, { valueCase: 'nominal', cache });
    expect(cache.stats().sites).toBe(sitesCold + 1);
    expect(comparable(warm)).toEqual(await oracle(moved));
    // The moved site's parts are all that was added.
    expect(cache.stats().bytes).toBeGreaterThan(bytesBefore);

    // The jammer moves: every site's jammed parts change (same site entries), unjammed ones stay.
    const jam = structuredClone(moved);
    jam.jammers![0].lon += 0.3;
    const jammed = await cachedCoverage(jam, catalog, { valueCase: 'nominal', cache });
    expect(cache.stats().sites).toBe(sitesCold + 1);
    const o = await oracle(jam);
    expect(comparable(jammed)).toEqual(o);
    // The move matters: some jammed layer differs from before the jammer moved.
    expect(o.runs.map((r) => r.metrics.detectAreaKm2)).not.toEqual(comparable(warm).runs.map((r) => r.metrics.detectAreaKm2));
  }, 180_000);

  it('the focused layer equals the whole analysis for that layer, with a horizon-limited frame for a new site', async () => {
    const cache = new SiteCache();
    const s = demo();
    await cachedCoverage(s, catalog, { valueCase: 'nominal', cache });
    const moved = structuredClone(s);
    moved.sites.find((x) => x.id === 'sa2-wonsan')!.lat -= 0.15;
    const full = await cachedCoverage(moved, catalog, { valueCase: 'nominal', cache: new SiteCache() });
    for (const [threatId, altitudeM] of [
      ['f-16', 100],
      ['cruise-missile', 1000],
    ] as const) {
      const f = await cachedFocus(moved, catalog, { valueCase: 'nominal', focus: { threatId, altitudeM, rings: false, mda: false }, cache });
      const run = full.runs.find((r) => r.metrics.threatId === threatId && r.metrics.altitudeM === altitudeM)!;
      expect([...f.layer.detectCount]).toEqual([...run.layer.detectCount]);
      expect([...f.layer.engageCount]).toEqual([...run.layer.engageCount]);
      expect(f.layer.sites).toEqual(run.layer.sites);
      expect(f.places).toEqual(run.metrics.places);
    }
    // Rings and MDA on request, from whole frames.
    const f = await cachedFocus(moved, catalog, { valueCase: 'nominal', focus: { threatId: 'f-35a', altitudeM: 10000, rings: true, mda: true }, cache });
    expect([...f.rings!.engageRing]).toEqual([...full.rings.engageRing]);
    expect([...f.mdaMslM!]).toEqual([...full.mdaMslM[full.threats.findIndex((t) => t.id === 'f-35a')]]);
  }, 180_000);

  it('bounds a site by its radar horizon: a(acos(a/(a+h_r)) + acos(a/(a+h_t))), 4/3 earth', () => {
    const a = 6_371_000 * (4 / 3);
    const site = { radars: [{ antennaHeightM: 10 }, { antennaHeightM: 30 }] } as Parameters<typeof siteHorizonM>[0];
    // Textbook check: d ≈ 4.12 km·(√h_r + √h_t) with heights in metres, for a 4/3 earth.
    const approxKm = 4.12 * (Math.sqrt(30) + Math.sqrt(100));
    expect(siteHorizonM(site, 100, a) / 1000).toBeCloseTo(approxKm, 0);
  });
});
