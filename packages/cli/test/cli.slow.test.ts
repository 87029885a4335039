/**
 * End-to-end: the built `parapet` command run as a user runs it (requires `npm run build`, which
 * `npm test` does first).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/parapet.js');
const scenarios = join(root, 'data/scenarios');
const fixtures = join(root, 'packages/io/test/fixtures/scenarios');

function parapet(args: string[], cwd = root, env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, PARAPET_THREADS: '2', ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const small = `name: small
region: { bbox: [125.0, 37.3, 127.3, 39.5], resolutionM: 3000 }
sites:
  - { id: sa2-pyongyang, system: s-75, lon: 125.75, lat: 39.03, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
  - { id: sa2-kaesong, system: s-75, lon: 126.55, lat: 37.97, status: hypothetical, sources: [{ title: "Parapet estimate: test" }] }
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
  - { name: Kaesong, lon: 126.55, lat: 37.99 }
analysis: { threats: [f-16], altitudesM: [100, 5000] }
`;

describe('parapet validate', () => {
  it('accepts the demo scenarios (exit 0)', () => {
    const r = parapet(['validate', join(scenarios, 'korea-legacy.yaml'), join(scenarios, 'korea-s400-reported.yaml')]);
    expect(r.stderr).toContain('valid');
    expect(r.code).toBe(0);
  });

  it('reports every problem as FILE:LINE:COL: PATH: message and exits 1, without a stack trace', () => {
    const file = join(fixtures, 'broken-references.yaml');
    const r = parapet(['validate', file]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const l of lines) expect(l).toMatch(/^.+broken-references\.yaml:\d+:\d+: [\w.[\]]+: .+$/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('parapet coverage', () => {
  it('--json prints one JSON document honouring the contract', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    const file = join(dir, 'small.yaml');
    writeFileSync(file, small);
    const r = parapet(['coverage', file, '--json', '--out', join(dir, 'out')]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results).toHaveLength(2);
    for (const res of doc.results) {
      expect(res.threat).toBe('f-16');
      expect(typeof res.altitudeM).toBe('number');
      expect(res.detectAreaKm2).toBeGreaterThan(0);
      expect(res.engageAreaKm2).toBeGreaterThan(0);
      expect(res.engageAreaKm2).toBeLessThanOrEqual(res.detectAreaKm2);
      expect(res.places.map((p: { name: string }) => p.name)).toEqual(['Seoul', 'Kaesong']);
      for (const p of res.places) expect(typeof p.engaged).toBe('boolean');
      expect(res.sites.map((s: { id: string }) => s.id)).toEqual(['sa2-pyongyang', 'sa2-kaesong']);
      for (const s of res.sites) expect(s.maxEngageRangeKm).toBeLessThanOrEqual(s.maxDetectRangeKm);
    }
    // Kaesong hosts a site: engaged except inside the missile's minimum range (it stands 2 km away).
    expect(doc.results[1].places[1].detected).toBe(true);
    expect(doc.provenance.length).toBeGreaterThan(0);
    expect(doc.uncertainty).toBeDefined(); // bands run by default
    expect(existsSync(join(dir, 'out', 'summary.json'))).toBe(true);
    // Google Earth: the KML (with the bands the run computed) and its KMZ beside the GeoJSON.
    expect(existsSync(join(dir, 'out', 'coverage.geojson'))).toBe(true);
    expect(readFileSync(join(dir, 'out', 'coverage.kml'), 'utf8')).toContain('<name>Uncertainty bands</name>');
    expect(readFileSync(join(dir, 'out', 'coverage.kmz')).readUInt32LE(0)).toBe(0x04034b50);
    const nominalOnly = JSON.parse(parapet(['coverage', file, '--json', '--no-bands', '--no-maps', '--out', join(dir, 'out2')]).stdout);
    expect(nominalOnly.uncertainty).toBeUndefined();
    expect(readFileSync(join(dir, 'out2', 'coverage.kml'), 'utf8')).not.toContain('Uncertainty bands');
    expect(nominalOnly.results[0].engageAreaKm2).toBe(doc.results[0].engageAreaKm2);
  });

  it('a usage mistake exits 2', () => {
    expect(parapet(['coverage']).code).toBe(2);
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    writeFileSync(join(dir, 's.yaml'), small);
    const r = parapet(['coverage', join(dir, 's.yaml'), '--values', 'bogus']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--values must be low, nominal or high');
  });

  it('an invalid scenario exits 1 and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'parapet-cli-'));
    const r = parapet(['coverage', join(fixtures, 'broken-region.yaml'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(1);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });
});

describe('parapet catalog', () => {
  it('show prints values with their sources', () => {
    const r = parapet(['catalog', 'show', 's-75']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/missiles\[0\]\.maxRange = .* km {3}\[confidence: \w+\]/);
    expect(r.stdout).toContain('source: ');
  });

  it('an unknown id exits 1 with a suggestion', () => {
    const r = parapet(['catalog', 'show', 's-76']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('did you mean "s-75"');
  });
});

describe('parapet compare', () => {
  it('--json gives the coverage deltas and, when both scenarios have raids, the raid comparison', () => {
    const out = mkdtempSync(join(tmpdir(), 'parapet-cmp-'));
    const r = parapet([
      'compare',
      join(scenarios, 'korea-legacy.yaml'),
      join(scenarios, 'korea-s400-reported.yaml'),
      '--json',
      '--no-bands',
      '--no-maps',
      '--runs',
      '200',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.layers).toHaveLength(9);
    expect(doc.raids.runs).toEqual({ a: 200, b: 200 });
    const s = doc.raids.overall.survival;
    for (const p of [s.a, s.b]) {
      expect(p.lo).toBeLessThanOrEqual(p.p);
      expect(p.p).toBeLessThanOrEqual(p.hi);
    }
    expect(existsSync(join(out, 'a', 'raids', 'summary.json'))).toBe(true);
  });
});

describe('parapet demo', () => {
  it('prints the comparison for Seoul, Osan and Pyeongtaek and writes its outputs', () => {
    const out = mkdtempSync(join(tmpdir(), 'parapet-demo-'));
    const r = parapet(['demo', '--out', out]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    for (const place of ['Seoul', 'Osan', 'Pyeongtaek']) expect(r.stdout).toContain(place);
    for (const threat of ['f-16', 'f-35a', 'cruise-missile']) expect(r.stdout).toContain(threat);
    const cmp = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
    expect(cmp.layers).toHaveLength(9);
    // Adding a site can only add coverage: nothing is lost, and B ≥ A everywhere.
    for (const l of cmp.layers) {
      expect(l.engageAreaKm2.lost).toBe(0);
      expect(l.engageAreaKm2.b).toBeGreaterThanOrEqual(l.engageAreaKm2.a);
    }
    expect(readdirSync(out).length).toBeGreaterThan(0);
  }, 400_000); // the whole demo: about 1.5–2 min on 2 idle cores, more under load
});

describe('parapet demo with a DEM in the cache', () => {
  it('uses the cached DEM; over an all-sea DEM its areas equal the smooth-earth ones', () => {
    // A cache whose every tile of the demo's window is marked open sea (as `dem fetch` records a
    // tile the server does not have): terrain masking over a sea-level DEM must reproduce the
    // analytic smooth-earth horizon.
    const cache = mkdtempSync(join(tmpdir(), 'parapet-xdg-'));
    const dir = join(cache, 'parapet', 'dem', 'srtm');
    mkdirSync(dir, { recursive: true });
    for (let lat = 35; lat <= 40; lat++) for (let lon = 123; lon <= 129; lon++) writeFileSync(join(dir, `N${lat}E${lon}.sea`), '');
    const smoothOut = mkdtempSync(join(tmpdir(), 'parapet-demo-'));
    const terrainOut = mkdtempSync(join(tmpdir(), 'parapet-demo-'));
    const empty = mkdtempSync(join(tmpdir(), 'parapet-xdg-'));
    const smooth = parapet(['demo', '--no-maps', '--runs', '20', '--out', smoothOut], root, { XDG_CACHE_HOME: empty });
    expect(smooth.code, smooth.stderr).toBe(0);
    expect(smooth.stdout).toContain('npx parapet dem fetch --scenario');
    const terrain = parapet(['demo', '--no-maps', '--runs', '20', '--out', terrainOut], root, { XDG_CACHE_HOME: cache });
    expect(terrain.code, terrain.stderr).toBe(0);
    expect(terrain.stdout).toMatch(/Line of sight: terrain: SRTM/);
    expect(terrain.stdout).not.toContain('dem fetch');
    const a = JSON.parse(readFileSync(join(smoothOut, 's400', 'summary.json'), 'utf8'));
    const b = JSON.parse(readFileSync(join(terrainOut, 's400', 'summary.json'), 'utf8'));
    a.results.forEach((ra: { engageAreaKm2: number; detectAreaKm2: number }, i: number) => {
      const rb = b.results[i];
      expect(Math.abs(rb.engageAreaKm2 - ra.engageAreaKm2)).toBeLessThanOrEqual(0.01 * ra.engageAreaKm2 + 5);
      expect(Math.abs(rb.detectAreaKm2 - ra.detectAreaKm2)).toBeLessThanOrEqual(0.01 * ra.detectAreaKm2 + 5);
    });
  }, 300_000);
});
