/**
 * End-to-end: `parapet vcd` and `parapet explain` as a user runs them (requires `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainSiteThreat, makeElevationGrid } from '@parapet/core';
import { elevationToGeoTiff, loadCatalog, renderVcdSvg, writeGeoTiff } from '@parapet/io';
import { runVcd } from '../src/commands/vcd.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const scenarioFile = join(root, 'data/scenarios/korea-s400-reported.yaml');

function parapet(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parapet vcd', () => {
  it('draws an SVG and a PNG and prints ranges that shrink with Pd and grow with RCS', () => {
    const out = mkdtempSync(join(tmpdir(), 'parapet-vcd-'));
    const f16 = parapet(['vcd', 's-400', '--threat', 'f-16', '--out', out, '--json']);
    expect(f16.code).toBe(0);
    const a = JSON.parse(f16.stdout);
    const f35 = JSON.parse(parapet(['vcd', 's-400', '--threat', 'f-35a', '--out', out, '--json']).stdout);
    for (const f of a.files) expect(existsSync(f)).toBe(true);
    expect(readFileSync(a.files[1]).subarray(1, 4).toString()).toBe('PNG');
    const at = (doc: { rangesAtHeights: { heightM: number; detectKm: Record<string, number> }[] }, h: number, pd: string): number =>
      doc.rangesAtHeights.find((r) => r.heightM === h)!.detectKm[pd];
    // At 10 km: Pd 0.9 reaches less far than Pd 0.5; the F-35A (0.001 m²) far less than the F-16 (3 m²),
    // by about (0.001/3)^¼ ≈ 0.135 where neither is horizon- or instrument-limited.
    expect(at(a, 10000, '0.9')).toBeLessThan(at(a, 10000, '0.5'));
    expect(at(f35, 10000, '0.5') / at(a, 10000, '0.5')).toBeCloseTo(Math.pow(0.001 / 3, 0.25), 1);
  });

  it('with --dem, masks behind a ridge: detection starts higher than on the smooth earth', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-vcd-dem-'));
    // A 1 km ridge 30 km south of the site (lat 38.76 at lon 125.75), flat 0 m elsewhere.
    const w = 201;
    const h = 201;
    const heights = new Float32Array(w * h);
    for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) heights[r * w + c] = 1000 * Math.exp(-(((39.5 - r * 0.01 - 38.76) / 0.03) ** 2));
    const grid = makeElevationGrid(w, h, { crs: 'geographic', x0: 124.75, y0: 39.5, dx: 0.01, dy: 0.01 }, heights);
    const dem = join(dir, 'ridge.tif');
    writeGeoTiff(dem, elevationToGeoTiff(grid, 'float32', 4326));
    const args = ['vcd', 's-400', '--threat', 'f-16', '--out', dir, '--json', '--at', '125.75,39.03', '--azimuth', '180', '--max-range', '150'];
    const smooth = JSON.parse(parapet(args).stdout);
    const r = parapet([...args, '--dem', dem]);
    expect(r.code, r.stderr).toBe(0);
    const masked = JSON.parse(r.stdout);
    const at = (doc: { rangesAtHeights: { heightM: number; detectKm: Record<string, number> }[] }, hM: number): number =>
      doc.rangesAtHeights.find((x) => x.heightM === hM)!.detectKm['0.5'];
    // Behind a 1 km ridge at 30 km, a 500 m target is seen only in front of it; the smooth earth sees it to ≈ 105 km.
    expect(at(smooth, 500)).toBeGreaterThan(90);
    expect(at(masked, 500)).toBeLessThan(31);
    // High above the ridge's shadow nothing changes.
    expect(at(masked, 20000)).toBeCloseTo(at(smooth, 20000), 0);

    // The same DEM named by a scenario's terrain section is used without --dem.
    const scen = join(dir, 'ridge.yaml');
    writeFileSync(
      scen,
      `name: ridge\nregion: { bbox: [125.0, 38.0, 126.5, 39.4], resolutionM: 5000 }\nterrain: { dem: ridge.tif }\nsites:\n  - { id: s400, system: s-400, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }\nanalysis: { threats: [f-16], altitudesM: [1000] }\n`,
    );
    const viaScenario = parapet(['vcd', 's400', '--scenario', scen, '--threat', 'f-16', '--out', dir, '--json', '--azimuth', '180', '--max-range', '150']);
    expect(viaScenario.code, viaScenario.stderr).toBe(0);
    expect(at(JSON.parse(viaScenario.stdout), 500)).toBeCloseTo(at(masked, 500), 0);
  });

  it('rejects an unknown threat with a suggestion and exit 1, no stack trace', () => {
    const r = parapet(['vcd', 's-400', '--threat', 'f-166']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/f-16/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('works for every system in the catalog (computed and drawn in-process)', () => {
    const cat = loadCatalog();
    for (const id of cat.systems.keys()) {
      const run = runVcd(id, { threat: 'f-16', pd: '0.9,0.5', values: 'nominal' }, cat);
      expect(run.rows.length).toBeGreaterThan(0);
      const svg = renderVcdSvg(run.vc, { title: id, subtitle: [], footer: [], primaryRadarIndex: run.primaryRadarIndex });
      expect(svg).not.toMatch(/NaN|Infinity/);
      // explain too, at 5 km, for a site of this system at Pyongyang
      const tree = explainSiteThreat({
        catalog: cat,
        system: cat.systems.get(id)!,
        site: { id: 'x', lonDeg: 125.75, latDeg: 39.03 },
        threat: cat.threats.get('f-16')!,
        altitudeM: 5000,
        kFactor: 4 / 3,
      });
      expect(tree.children.length).toBeGreaterThanOrEqual(cat.systems.get(id)!.radars.length);
    }
  });
});

describe('parapet explain', () => {
  it('prints the derivation with formulas and sources', () => {
    const r = parapet(['explain', scenarioFile, '--site', 's400-pyongyang', '--threat', 'f-35a', '--altitude', '10000', '--place', 'Seoul']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('R_Pd = R_ref · (σ/σ_ref)^¼ · (SNR_ref/SNR_req)^¼');
    expect(r.stdout).toMatch(/catalog s-400\.radars\[0\]\.detectionRange/);
    expect(r.stdout).toMatch(/catalog f-35a\.rcs/);
    expect(r.stdout).toMatch(/ground range s400-pyongyang → Seoul/);
  });

  it('--json gives the same tree', () => {
    const r = parapet(['explain', scenarioFile, '--site', 's400-pyongyang', '--threat', 'f-16', '--altitude', '1000', '--json']);
    expect(r.code).toBe(0);
    const tree = JSON.parse(r.stdout);
    expect(tree.id).toBe('site');
    expect(tree.children.length).toBeGreaterThan(3);
  });

  it('rejects an unknown site and place with suggestions', () => {
    expect(parapet(['explain', scenarioFile, '--site', 's400-pyongyan', '--threat', 'f-16', '--altitude', '1000']).stderr).toMatch(/s400-pyongyang/);
    expect(parapet(['explain', scenarioFile, '--site', 's400-pyongyang', '--threat', 'f-16', '--altitude', '1000', '--place', 'Seol']).code).toBe(1);
  });
});

describe('parapet coverage --bands', () => {
  it('reports every area as nominal (min–max) with min ≤ nominal ≤ max, and writes uncertainty.json', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-bands-'));
    const file = join(dir, 'b.yaml');
    writeFileSync(
      file,
      `name: bands
region: { bbox: [125.0, 37.4, 127.2, 39.4], resolutionM: 5000 }
sites:
  - { id: s400, system: s-400, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis: { threats: [f-16], altitudesM: [1000, 10000] }
`,
    );
    const r = parapet(['coverage', file, '--json', '--no-maps', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.uncertainty.layers).toHaveLength(2);
    for (const [i, l] of doc.uncertainty.layers.entries()) {
      expect(l.engageAreaKm2.min).toBeLessThanOrEqual(l.engageAreaKm2.nominal);
      expect(l.engageAreaKm2.nominal).toBeLessThanOrEqual(l.engageAreaKm2.max);
      expect(l.engageAreaKm2.nominal).toBe(doc.results[i].engageAreaKm2);
      expect(l.text).toMatch(/^engaged area [\d,]+ km²/);
    }
    expect(existsSync(join(dir, 'out', 'uncertainty.json'))).toBe(true);
  });
});

describe('parapet compare --bands', () => {
  it('says whether adding a site holds across the spread (a strict gain under every reading)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cmp-bands-'));
    const site = (id: string, system: string, lon: number, lat: number) =>
      `  - { id: ${id}, system: ${system}, lon: ${lon}, lat: ${lat}, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }`;
    const head = `region: { bbox: [125.0, 37.4, 127.2, 39.4], resolutionM: 5000 }\nplaces:\n  - { name: Seoul, lon: 126.977, lat: 37.569 }\nanalysis: { threats: [f-16], altitudesM: [10000] }\nsites:\n`;
    writeFileSync(join(dir, 'a.yaml'), `name: a\n${head}${site('sa2', 's-75', 125.75, 39.03)}\n`);
    writeFileSync(join(dir, 'b.yaml'), `name: b\n${head}${site('sa2', 's-75', 125.75, 39.03)}\n${site('s400', 's-400', 125.8, 38.9)}\n`);
    const r = parapet(['compare', join(dir, 'a.yaml'), join(dir, 'b.yaml'), '--json', '--no-maps', '--out', join(dir, 'out')]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.acrossSources).toHaveLength(1);
    const l = doc.acrossSources[0];
    expect(l.verdict).toBe('gain');
    expect(l.deltaEngageKm2.min).toBeGreaterThan(0);
    expect(l.deltaEngageKm2.min).toBeLessThanOrEqual(l.deltaEngageKm2.nominal);
  });
});
