import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.js';
import { makeRegionGrid } from '../geo/region-grid.js';
import { checkScenario, regionGridSize, SCENARIO_LIMITS } from './check.js';

// The reference checks need catalog ids; an empty catalog makes every system unknown, so these
// tests look only at the issues of the limits under test.
const catalog = { systems: new Map(), threats: new Map(), jammers: new Map() } as unknown as Catalog;

const site = (i: number, lon = 125) => ({ id: `s${i}`, system: 's-75', lon, lat: 39, status: 'reported', sources: [{ title: 't' }] });
const doc = (over: Record<string, unknown> = {}) => ({
  name: 'x',
  region: { bbox: [124, 36, 130, 41], resolutionM: 1000 },
  sites: [site(0)],
  analysis: { threats: ['f-16'], altitudesM: [100] },
  ...over,
});
const issuesAt = (d: unknown, path: string) => {
  const r = checkScenario(d, catalog);
  return r.ok ? [] : r.issues.filter((i) => i.path.join('.') === path).map((i) => i.message);
};

describe('checkScenario limits (stated in the messages, checked before any allocation)', () => {
  it('counts of sites, places, jammers, threats, altitudes, raids, groups and waypoints', () => {
    expect(issuesAt(doc({ sites: Array.from({ length: 201 }, (_, i) => site(i)) }), 'sites')).toEqual(['too many sites: 201 (the limit is 200)']);
    expect(issuesAt(doc({ sites: Array.from({ length: 200 }, (_, i) => site(i)) }), 'sites')).toEqual([]);
    expect(issuesAt(doc({ places: Array.from({ length: 501 }, (_, i) => ({ name: `p${i}`, lon: 1, lat: 1 })) }), 'places')).toEqual([
      'too many places: 501 (the limit is 500)',
    ]);
    expect(issuesAt(doc({ analysis: { threats: Array(51).fill('f-16'), altitudesM: Array(51).fill(1) } }), 'analysis.threats')).toEqual([
      'too many threats: 51 (the limit is 50)',
    ]);
    expect(issuesAt(doc({ analysis: { threats: ['f-16'], altitudesM: Array(51).fill(1) } }), 'analysis.altitudesM')).toEqual([
      'too many altitudes: 51 (the limit is 50)',
    ]);
    expect(issuesAt(doc({ raids: Array(51).fill({}) }), 'raids')).toEqual(['too many raids: 51 (the limit is 50)']);
    const group = { id: 'g', threat: 'f-16', count: 1000, route: Array(501).fill({ lon: 1, lat: 1, altitudeM: 1 }) };
    expect(issuesAt(doc({ raids: [{ id: 'r', groups: Array(51).fill(group) }] }), 'raids.0.groups')).toEqual([
      'too many groups in a raid: 51 (the limit is 50)',
    ]);
    expect(issuesAt(doc({ raids: [{ id: 'r', groups: [group] }] }), 'raids.0.groups.0.route')).toEqual([
      'too many waypoints in a route: 501 (the limit is 500)',
    ]);
    expect(issuesAt(doc({ raids: [{ id: 'r', groups: Array(11).fill(group) }] }), 'raids')).toEqual([
      'too many aircraft in the raids: 11,000 in all groups together (the limit is 10,000)',
    ]);
  });

  it('a whole-world grid at 50 m is refused at region.resolutionM, naming cells and memory', () => {
    const [msg] = issuesAt(doc({ region: { bbox: [-180, -85, 180, 85], resolutionM: 50 } }), 'region.resolutionM');
    expect(msg).toMatch(
      /^the region grid would have \d+×\d+ = [\d,]+ cells at 50 m, beyond the limit of 4,000,000 cells \(about [\d,.]+ GB at ~48 bytes per cell\)/,
    );
  });

  it('the grid is sized exactly as makeRegionGrid sizes it', () => {
    for (const [bbox, res] of [
      [[123.8, 35.8, 129.8, 40.8], 1000],
      [[-10, 50, 2, 60], 250],
      [[10, -40, 11, -39], 50],
    ] as const) {
      const g = makeRegionGrid({ westDeg: bbox[0], southDeg: bbox[1], eastDeg: bbox[2], northDeg: bbox[3] }, res);
      expect(regionGridSize(bbox, res)).toEqual({ width: g.width, height: g.height });
    }
  });

  it('estimated peak memory is checked with the number of layers', () => {
    const d = doc({ region: { bbox: [120, 30, 140, 45], resolutionM: 1000 }, analysis: { threats: Array(50).fill('f-16'), altitudesM: Array(50).fill(100) } });
    const [msg] = issuesAt(d, 'region.resolutionM');
    expect(msg).toMatch(/^estimated peak memory [\d,.]+ GB \([\d,]+ cells × ~40032 bytes for 2500 threat×altitude layers\) is beyond the limit of 2 GB/);
  });

  it('the example-sized region passes the limits', () => {
    const r = checkScenario(doc(), catalog);
    expect(r.ok ? [] : r.issues.filter((i) => i.path[0] === 'region')).toEqual([]);
  });

  it('a region that crosses the antimeridian is refused at region.bbox', () => {
    expect(issuesAt(doc({ region: { bbox: [170, 30, 190, 40] } }), 'region.bbox')[0]).toMatch(
      /cross the antimeridian are not supported \(west 170, east 190\)/,
    );
    expect(issuesAt(doc({ region: { bbox: [190, 30, 200, 40] }, sites: [site(0, -165)] }), 'region.bbox')[0]).toMatch(
      /longitudes beyond 180 .* negative longitudes.*\[-170, -160\]/,
    );
    // Entirely beyond 180 with sites in the same convention: as before.
    expect(issuesAt(doc({ region: { bbox: [190, 30, 200, 40] }, sites: [site(0, 195)] }), 'region.bbox')).toEqual([]);
    // A site outside the bbox is not a region problem.
    expect(issuesAt(doc({ sites: [site(0, 100)] }), 'region.bbox')).toEqual([]);
  });

  it('a region reaching beyond 85° latitude is refused at region.bbox', () => {
    expect(issuesAt(doc({ region: { bbox: [0, 80, 10, 86] } }), 'region.bbox')).toEqual([
      `regions must lie between -${SCENARIO_LIMITS.maxAbsLatDeg}° and ${SCENARIO_LIMITS.maxAbsLatDeg}° latitude (south 80, north 86): the grid and the maps are not valid near the poles`,
    ]);
    expect(issuesAt(doc({ region: { bbox: [0, -90, 10, -85] } }), 'region.bbox')).toHaveLength(1);
    expect(issuesAt(doc({ region: { bbox: [0, 80, 10, 85] } }), 'region.bbox')).toEqual([]);
  });

  it('region limits are reported even when another part of the document is invalid', () => {
    const d = doc({ name: '', region: { bbox: [170, 30, 190, 40] } });
    expect(issuesAt(d, 'name')).toHaveLength(1);
    expect(issuesAt(d, 'region.bbox')).toHaveLength(1);
  });
});
