/**
 * End-to-end `parapet simulate` (requires the build: `npm run build`, which `npm test` does first).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');

function parapet(args: string[]) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PARAPET_THREADS: '2' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const base = `name: small raid
region: { bbox: [125.0, 37.0, 127.5, 39.5], resolutionM: 3000 }
sites:
  - { id: sa2-kaesong, system: s-75, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
analysis: { threats: [f-16], altitudesM: [5000] }
`;
const raid = `raids:
  - id: strike
    groups:
      - id: vipers
        threat: f-16
        count: 4
        spacingSec: 20
        route:
          - { lon: 127.0, lat: 37.3, altitudeM: 6000 }
          - { lon: 126.5, lat: 38.6, altitudeM: 6000 }
`;

function scenarioFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'parapet-simcli-'));
  const f = join(dir, 'raid.yaml');
  writeFileSync(f, text);
  return f;
}

describe('parapet simulate', () => {
  const file = scenarioFile(base + raid);

  it('prints the summary JSON and writes the outputs; the same seed prints the same JSON', () => {
    const out = mkdtempSync(join(tmpdir(), 'parapet-simout-'));
    const a = parapet(['simulate', file, '--runs', '400', '--seed', '9', '--json', '--out', out, '--log-runs', '2']);
    expect(a.stderr).toContain('wrote');
    expect(a.code).toBe(0);
    const s = JSON.parse(a.stdout);
    expect(s.parapet.document).toBe('raid-simulation');
    expect(s.groups[0].id).toBe('vipers');
    expect(s.fireUnits[0].missilesFired.mean).toBeGreaterThan(0);
    for (const f of ['summary.json', 'runs.csv', 'events/run-000001.jsonl', 'survival.png', 'missiles.svg', 'map-run-000000.png'])
      expect(existsSync(join(out, f))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'))).toEqual(s);
    const b = parapet(['simulate', file, '--runs', '400', '--seed', '9', '--json', '--out', mkdtempSync(join(tmpdir(), 'parapet-simout-'))]);
    expect(b.stdout).toBe(a.stdout);
  });

  it('prints a readable report without --json', () => {
    const r = parapet(['simulate', file, '--runs', '200', '--out', mkdtempSync(join(tmpdir(), 'parapet-simout-'))]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/vipers\s+4 × f-16\s+\d+\.\d% \[/);
  });

  it('refuses a scenario without raids (invalid input, exit 1) and bad options (exit 2)', () => {
    const none = parapet(['simulate', scenarioFile(base), '--runs', '10']);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('no raids');
    const bad = parapet(['simulate', file, '--runs', 'many']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--runs');
    const fractional = parapet(['simulate', file, '--runs', '1.5']);
    expect(fractional.code).toBe(2);
    expect(fractional.stderr).toContain('--runs must be a whole number');
  });

  it('reports a raid mistake as FILE:LINE:COL and exits 1, without a stack trace', () => {
    const f = scenarioFile(base + raid.replace('threat: f-16', 'threat: f-61'));
    const r = parapet(['simulate', f, '--runs', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${f}:10:17: raids[0].groups[0].threat: unknown threat "f-61"`);
    expect(r.stderr).not.toContain('    at ');
  });
});
