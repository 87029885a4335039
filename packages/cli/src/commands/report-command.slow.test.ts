/**
 * `parapet report` as a user runs it (the built command, spawned): an HTML-only report with
 * --no-pdf, a clear exit 1 when no Chromium is found, located errors for a bad scenario, and
 * usage errors for bad options. The report's content is checked in Chromium by
 * packages/io/src/report/write-report.browser.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');

const SMALL = `name: Report command test
region: { bbox: [125.0, 37.3, 127.3, 39.5], resolutionM: 4000 }
sites:
  - { id: sa2-pyongyang, system: s-75, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: sa2-kaesong, system: s-75, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
analysis: { threats: [f-16], altitudesM: [5000] }
`;

function parapet(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, PARAPET_THREADS: '2', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('parapet report', () => {
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'parapet-report-cli-'));
    file = join(dir, 'small.yaml');
    writeFileSync(file, SMALL);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the HTML report only with --no-pdf, and names it with its size on stdout', () => {
    const out = join(dir, 'html-only');
    // No Chromium is needed for --no-pdf: a path that does not exist must not matter.
    const r = parapet(['report', file, '--no-pdf', '--out', out, '--runs', '10'], { PARAPET_CHROMIUM: join(dir, 'no-chromium') });
    expect(r.stderr).not.toContain('internal error');
    expect(r.code).toBe(0);
    const html = join(out, 'report.html');
    expect(existsSync(html)).toBe(true);
    expect(existsSync(join(out, 'report.pdf'))).toBe(false);
    const bytes = readFileSync(html).length;
    expect(r.stdout).toContain(`${html} (${bytes.toLocaleString('en-US')} bytes`);
    const text = readFileSync(html, 'utf8');
    expect(text).toContain('<title>Report command test — Parapet report</title>');
    // The reproduce block gives the command that makes the same report.
    expect(text).toContain(`npx parapet report ${file} --out ${out} --runs 10 --seed 1 --no-pdf`);
  });

  it('exits 1 with a clear message, before computing anything, when no Chromium is found', () => {
    const out = join(dir, 'no-chromium-out');
    const r = parapet(['report', file, '--out', out], { PARAPET_CHROMIUM: join(dir, 'no-chromium') });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^parapet: PARAPET_CHROMIUM is .*no-chromium, which does not exist: the PDF needs Chromium \(apt-get install chromium\), or skip it with --no-pdf\n$/,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('reports a bad scenario as FILE:LINE:COL and exits 1', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, SMALL.replace('system: s-75, lon: 126.55', 'system: s-7, lon: 126.55'));
    const r = parapet(['report', bad, '--no-pdf', '--out', join(dir, 'bad-out')]);
    expect(r.code).toBe(1);
    const line = SMALL.split('\n').findIndex((l) => l.includes('sa2-kaesong')) + 1;
    expect(r.stderr).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:${line}:\\d+: sites\\[1\\]\\.system: `));
  });

  it('refuses a bad --runs or --seed as a usage error (exit 2)', () => {
    expect(parapet(['report', file, '--no-pdf', '--runs', '0']).code).toBe(2);
    expect(parapet(['report', file, '--no-pdf', '--seed', '1.5']).code).toBe(2);
  });
});
