/**
 * End-to-end: `parapet vcd` and `parapet explain` as a user runs them (requires `npm run build`).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainSiteThreat } from '@parapet/core';
import { loadCatalog, renderVcdSvg } from '@parapet/io';
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
      const tree = explainSiteThreat({ catalog: cat, system: cat.systems.get(id)!, site: { id: 'x', lonDeg: 125.75, latDeg: 39.03 }, threat: cat.threats.get('f-16')!, altitudeM: 5000, kFactor: 4 / 3 });
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
