import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../catalog/load-catalog.js';
import { formatProblem, InputError } from '../problems.js';
import { loadScenario, MAX_SCENARIO_BYTES, parseScenarioText } from './load-scenario.js';

const fixtures = fileURLToPath(new URL('../../test/fixtures/scenarios/', import.meta.url));
const catalog = loadCatalog();

describe('scenario validation messages (golden files; REGEN=1 rewrites them — review the diff by eye)', () => {
  for (const f of readdirSync(fixtures).filter((x) => x.startsWith('broken-') && x.endsWith('.yaml'))) {
    it(f, () => {
      const file = `fixtures/${f}`;
      const r = parseScenarioText(readFileSync(join(fixtures, f), 'utf8'), file, catalog);
      expect(r.ok).toBe(false);
      const text = `${r.problems.map(formatProblem).join('\n')}\n`;
      const golden = join(fixtures, `${basename(f, '.yaml')}.expected.txt`);
      if (process.env.REGEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

describe('scenario messages point at the offending YAML node', () => {
  it('line and column of an unknown system are those of its value', () => {
    const text =
      'name: x\nregion: { bbox: [124, 36, 130, 41] }\nsites:\n  - id: a\n    system: s-76\n    lon: 125\n    lat: 39\n    status: reported\n    sources: [{ title: t }]\nanalysis: { threats: [f-16], altitudesM: [100] }\n';
    const r = parseScenarioText(text, 'x.yaml', catalog);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ line: 5, col: 13, path: 'sites[0].system' });
    expect(r.problems[0].message).toContain('did you mean "s-75"');
  });

  it('JSON scenarios are accepted', () => {
    const doc = {
      name: 'json',
      region: { bbox: [124, 36, 130, 41] },
      sites: [{ id: 'a', system: 's-75', lon: 125, lat: 39, status: 'reported', sources: [{ title: 't' }] }],
      analysis: { threats: ['f-16'], altitudesM: [100] },
    };
    const r = parseScenarioText(JSON.stringify(doc, null, 2), 'x.json', catalog);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.earth.kFactor).toBeCloseTo(4 / 3, 12);
  });

  it('a missing file is an InputError naming it, not a crash', () => {
    expect(() => loadScenario('/nonexistent/scenario.yaml', catalog)).toThrow(InputError);
    expect(() => loadScenario('/nonexistent/scenario.yaml', catalog)).toThrow(/scenario\.yaml:1:1: no such file/);
  });
});

describe('only a regular file of at most 5 MB is read (golden file file-refusals.expected.txt)', () => {
  it('directories, FIFOs, devices, oversized files and missing files are refused before any read', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'parapet-refuse-'));
    try {
      const cases: string[] = [join(tmp, 'missing.yaml'), tmp];
      let fifo = true;
      try {
        execFileSync('mkfifo', [join(tmp, 'pipe.yaml')]);
        symlinkSync(join(tmp, 'pipe.yaml'), join(tmp, 'link-to-pipe.yaml'));
      } catch {
        fifo = false;
      }
      // Opening a FIFO without a writer would block this test forever: it must be refused on stat.
      if (fifo) cases.push(join(tmp, 'pipe.yaml'), join(tmp, 'link-to-pipe.yaml'));
      if (existsSync('/dev/zero')) cases.push('/dev/zero');
      const big = join(tmp, 'big.yaml');
      writeFileSync(big, '');
      truncateSync(big, MAX_SCENARIO_BYTES + 1); // sparse: nothing is written
      cases.push(big);
      const lines = cases.map((f) => {
        try {
          loadScenario(f, catalog);
          return `${f}: loaded?!`;
        } catch (e) {
          expect(e).toBeInstanceOf(InputError);
          return (e as InputError).problems.map(formatProblem).join('\n');
        }
      });
      const text = `${lines.join('\n').replaceAll(tmp, 'TMP')}\n`;
      if (!fifo || !existsSync('/dev/zero')) return; // the golden file is for a POSIX system with mkfifo
      const golden = join(fixtures, 'file-refusals.expected.txt');
      if (process.env.REGEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
      expect(text).toBe(readFileSync(golden, 'utf8'));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('a file at the size limit is read', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'parapet-size-'));
    try {
      const f = join(tmp, 'ok.yaml');
      const body = readFileSync(join(fixtures, 'broken-references.yaml'), 'utf8');
      writeFileSync(f, body + '#'.repeat(MAX_SCENARIO_BYTES - Buffer.byteLength(body)));
      expect(() => loadScenario(f, catalog)).toThrow(/unknown system "s-76"/);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
