/**
 * End-to-end `parapet sensitivity` (requires the build: `npm run build`, which `npm test` does
 * first): the table, the JSON document and the files it writes; bad options and inputs exit with
 * the CLI's codes and located messages.
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

const TEXT = `name: small sensitivity
region: { bbox: [125.5, 37.2, 127.5, 38.8], resolutionM: 5000 }
sites:
  - { id: sa3, system: s-125, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Kaesong, lon: 126.6, lat: 37.9 }
analysis: { threats: [f-16], altitudesM: [5000] }
raids:
  - id: strike
    groups:
      - id: vipers
        threat: f-16
        count: 2
        spacingSec: 20
        route:
          - { lon: 127.0, lat: 37.3, altitudeM: 6000 }
          - { lon: 126.5, lat: 38.6, altitudeM: 6000 }
`;

function scenarioFile(text: string): string {
  const f = join(mkdtempSync(join(tmpdir(), 'parapet-senscli-')), 'small.yaml');
  writeFileSync(f, text);
  return f;
}

describe('parapet sensitivity', () => {
  const file = scenarioFile(TEXT);

  it('prints the document with --json and writes it with the charts; the table names the drivers', () => {
    const out = mkdtempSync(join(tmpdir(), 'parapet-sensout-'));
    const a = parapet(['sensitivity', file, '--draws', '3', '--runs', '8', '--seed', '2', '--group', 'entry', '--json', '--out', out]);
    expect(a.code).toBe(0);
    const doc = JSON.parse(a.stdout);
    expect(doc.parapet).toEqual({ document: 'sensitivity', version: 1 });
    expect(doc.evaluations).toBe(1 + 3 * (2 + 2));
    expect(JSON.parse(readFileSync(join(out, 'sensitivity.json'), 'utf8'))).toEqual(doc);
    for (const f of [
      'tornado-survival-vipers.svg',
      'tornado-survival-vipers.png',
      'outcome-survival-vipers.png',
      'tornado-engaged-area-f-16-5000.png',
      'tornado-lowest-engaged-altitude-kaesong-f-16.svg',
    ]) {
      expect(existsSync(join(out, f)), f).toBe(true);
    }
    expect(a.stderr).toContain('13 model runs');
    // 8 runs of 2 aircraft: the dice make most of the spread across 3 draws, and the table says so.
    const noisy = parapet(['sensitivity', file, '--draws', '3', '--runs', '8', '--seed', '2', '--group', 'entry', '--out', out]);
    expect(noisy.code).toBe(0);
    expect(noisy.stdout).toContain('Raid survival across the sources’ spread');
    expect(noisy.stdout).toContain('no attribution to the sources');
    const t = parapet(['sensitivity', file, '--draws', '3', '--runs', '400', '--seed', '2', '--group', 'entry', '--out', out]);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('vipers survival (2 × F-16)');
    expect(t.stdout).toMatch(/S-125 +[-\d.]+ \[/);
  });

  it('refuses bad options (exit 2) and bad input (exit 1) with clear messages', () => {
    const usage = parapet(['sensitivity', file, '--group', 'system']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--group must be one of factor, part, entry, got "system"');
    expect(parapet(['sensitivity', file, '--draws', '1']).code).toBe(2);
    const only = parapet(['sensitivity', file, '--only', 's-126']);
    expect(only.code).toBe(1);
    expect(only.stderr).toContain('did you mean "s-125"');
    const bad = scenarioFile(TEXT.replace('system: s-125', 'system: s-1250'));
    const located = parapet(['sensitivity', bad]);
    expect(located.code).toBe(1);
    expect(located.stderr).toMatch(new RegExp(`${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:\\d+: sites\\[0\\]\\.system: unknown system "s-1250"`));
    const nothing = parapet(['sensitivity', scenarioFile(TEXT.slice(0, TEXT.indexOf('raids:'))), '--no-coverage']);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toContain('nothing to analyse');
  });
});
