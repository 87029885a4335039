/**
 * The report as its reader gets it: an A/B report of two small scenarios (with a stand-off
 * jammer and a raid) opened in real Chromium (playwright-core, Debian's chromium) and its PDF
 * read back with poppler (pdfinfo, pdftoppm, pdftotext) — no network request, every image
 * decoded, figures and tables numbered in order, every citation resolving to its entry, every
 * catalog value sourced and matching the catalog files; a page per chapter in print; pages that
 * are not blank. A single-scenario report without PDF, and the missing-Chromium failure.
 * Skipped with a warning when Chromium is missing, except under CI (.ci/run installs it).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { explainSiteThreat, type ExplainNode } from '@parapet/core';
import { dataDir } from '../data-dir.js';
import { loadCatalog } from '../catalog/load-catalog.js';
import { parseScenarioText } from '../scenario/load-scenario.js';
import { ChromiumNotFoundError } from './report-pdf.js';
import { writeReport, type ReportFiles } from './write-report.js';
import type { ReportScenario } from './report-analysis.js';

const CHROMIUM = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`report browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);

const A = `name: Report test — two SA-2 batteries
description: Two notional SA-2 batteries between Pyongyang and the DMZ.
region:
  bbox: [125.0, 37.4, 127.2, 39.4]
  resolutionM: 3000
sites:
  - id: sa2-pyongyang
    system: s-75
    lon: 125.75
    lat: 39.03
    status: reported
    sources:
      - title: "Pyongyang: Air Defense by the Hectare (S-75 sites around the capital)"
        url: https://mynorthkorea.blogspot.com/2025
  - id: sa2-kaesong
    system: s-75
    lon: 126.55
    lat: 37.97
    status: hypothetical
    sources: [{ title: "Parapet estimate: test placement near Kaesong" }]
places:
  - { name: Seoul, lon: 126.977, lat: 37.569 }
  - { name: Kaesong, lon: 126.55, lat: 37.99 }
analysis:
  threats: [f-16]
  altitudesM: [1000, 10000]
jammers:
  - id: test-jammer
    jammer: ea-18g-class
    lon: 126.0
    lat: 37.5
    altitudeM: 9000
    status: hypothetical
    sources: [{ title: "Parapet estimate: test orbit" }]
raids:
  - id: strike
    name: Test strike
    groups:
      - id: f16-pair
        threat: f-16
        count: 2
        spacingSec: 20
        startSec: 0
        altitudeReference: msl
        route:
          - { lon: 126.9, lat: 37.6, altitudeM: 7500 }
          - { lon: 126.55, lat: 37.97, altitudeM: 7500 }
          - { lon: 125.75, lat: 39.03, altitudeM: 7500 }
`;
const B = A.replace('name: Report test — two SA-2 batteries', 'name: Report test — two SA-2 batteries plus an S-300').replace(
  'places:\n',
  `  - id: s300-pyongyang
    system: s-300pmu-2
    lon: 125.80
    lat: 39.00
    status: hypothetical
    sources: [{ title: "Parapet estimate: test placement of an S-300PMU-2" }]
places:
`,
);

const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

/** Every object with nominal, sources and confidence in a parsed catalog file: a sourced value. */
function countValues(x: unknown): number {
  if (Array.isArray(x)) return x.reduce((n: number, y) => n + countValues(y), 0);
  if (x && typeof x === 'object') {
    if ('nominal' in x && 'sources' in x && 'confidence' in x) return 1;
    return Object.values(x).reduce((n: number, y) => n + countValues(y), 0);
  }
  return 0;
}

/** Catalog paths of the inputs of an explanation tree ("s-75.radars[0].detectionRange"). */
function catalogPaths(n: ExplainNode, out = new Set<string>()): Set<string> {
  if (n.origin?.kind === 'catalog') out.add(n.origin.path);
  for (const c of n.children) catalogPaths(c, out);
  return out;
}

/** Grey levels of a binary PGM (P5) written by pdftoppm -gray. */
function pgmPixels(file: string): Uint8Array {
  const buf = readFileSync(file);
  // Header: "P5", width, height, maxval, each separated by whitespace, then one byte of whitespace.
  let pos = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[pos]))) pos++;
    let f = '';
    while (!/\s/.test(String.fromCharCode(buf[pos]))) f += String.fromCharCode(buf[pos++]);
    fields.push(f);
  }
  expect(fields[0]).toBe('P5');
  const [w, h] = [Number(fields[1]), Number(fields[2])];
  return buf.subarray(pos + 1, pos + 1 + w * h);
}

function variance(px: Uint8Array): number {
  let s = 0;
  let s2 = 0;
  for (const v of px) {
    s += v;
    s2 += v * v;
  }
  const m = s / px.length;
  return s2 / px.length - m * m;
}

describe.skipIf(!haveChromium && !process.env.CI)('parapet report in Chromium and as PDF', () => {
  const catalog = loadCatalog();
  let dir: string;
  let report: ReportFiles;
  let single: ReportFiles;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const failed: string[] = [];
  let fileA: string;
  let fileB: string;

  const input = (file: string, text: string): ReportScenario => {
    const r = parseScenarioText(text, file, catalog);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return { file, text, scenario: r.scenario };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'parapet-report-'));
    fileA = join(dir, 'a.yaml');
    fileB = join(dir, 'b.yaml');
    writeFileSync(fileA, A);
    writeFileSync(fileB, B);
    report = await writeReport({
      a: input(fileA, A),
      b: input(fileB, B),
      catalog,
      outDir: join(dir, 'ab'),
      runs: 40,
      seed: 3,
      pdf: true,
      chromium: CHROMIUM,
      command: `npx parapet report ${fileA} ${fileB} --runs 40 --seed 3`,
    });
    single = await writeReport({
      a: input(fileA, A),
      catalog,
      outDir: join(dir, 'single'),
      runs: 20,
      seed: 1,
      pdf: false,
      command: `npx parapet report ${fileA} --no-pdf`,
    });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    page = await browser.newPage();
    page.on('request', (r) => requests.push(r.url()));
    page.on('requestfailed', (r) => failed.push(`${r.url().slice(0, 80)}: ${r.failure()?.errorText}`));
    await page.goto(pathToFileURL(report.html).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads with no request but the file itself and data: URIs, none failed', () => {
    expect(failed).toEqual([]);
    expect(requests.length).toBeGreaterThan(0);
    for (const u of requests) expect(u.startsWith('file:') || u.startsWith('data:'), u.slice(0, 80)).toBe(true);
    expect(requests.filter((u) => u.startsWith('file:'))).toEqual([pathToFileURL(report.html).href]);
  });

  it('decodes every image, one per figure', async () => {
    const imgs = await page.evaluate(() =>
      [...document.images].map((i) => ({ ok: i.complete, w: i.naturalWidth, h: i.naturalHeight, inFigure: i.closest('figure') !== null })),
    );
    expect(imgs.length).toBe(report.figures);
    for (const i of imgs) {
      expect(i.ok && i.w > 0 && i.h > 0).toBe(true);
      expect(i.inFigure).toBe(true);
    }
    // Per layer (2): coverage of A and of B, the delta, B's bands and seen-not-engageable maps;
    // MDA of A, of B and its change; per scenario a survival chart and a track map.
    expect(report.figures).toBe(2 * (2 + 1 + 2) + 3 + 2 * 2);
  });

  it('numbers figures and tables 1, 2, 3… in reading order, each with a caption', async () => {
    const figs = await page.evaluate(() =>
      [...document.querySelectorAll('figure')].map((f) => ({
        id: f.id,
        label: f.querySelector('figcaption .label')?.textContent,
        caption: f.querySelector('figcaption')?.textContent ?? '',
      })),
    );
    expect(figs.map((f) => f.id)).toEqual(figs.map((_, i) => `fig-${i + 1}`));
    expect(figs.map((f) => f.label)).toEqual(figs.map((_, i) => `Figure ${i + 1}.`));
    for (const f of figs) expect(f.caption.length).toBeGreaterThan(40);
    const tables = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => t.querySelector('caption .label')?.textContent));
    expect(tables).toEqual(tables.map((_, i) => `Table ${i + 1}.`));
    expect(tables.length).toBe(report.tables);
  });

  it('resolves every [n] citation to its reference entry, numbered by first citation, each cited', async () => {
    const r = await page.evaluate(() => {
      const cites = [...document.querySelectorAll<HTMLAnchorElement>('a.cite')].map((a) => {
        const target = document.getElementById(a.getAttribute('href')!.slice(1));
        return {
          n: Number(a.textContent),
          href: a.getAttribute('href'),
          resolves: target !== null && target.tagName === 'LI' && target.parentElement!.matches('ol.references'),
          value: target?.getAttribute('value'),
        };
      });
      const entries = [...document.querySelectorAll('ol.references > li')].map((li) => ({ id: li.id, text: li.textContent ?? '' }));
      return { cites, entries };
    });
    expect(r.cites.length).toBeGreaterThan(0);
    for (const c of r.cites) {
      expect(c.resolves, String(c.href)).toBe(true);
      expect(c.href).toBe(`#ref-${c.n}`);
      expect(c.value).toBe(String(c.n));
    }
    expect(r.entries.map((e) => e.id)).toEqual(r.entries.map((_, i) => `ref-${i + 1}`));
    const firstUse = [...new Set(r.cites.map((c) => c.n))];
    expect(firstUse).toEqual(r.entries.map((_, i) => i + 1));
    expect(r.entries.length).toBe(report.references);
    // The scenario's own published source and the model literature are among them.
    expect(r.entries.some((e) => e.text.includes('mynorthkorea.blogspot.com'))).toBe(true);
    expect(r.entries.some((e) => e.text.includes('TP 8347'))).toBe(true);
  });

  it('gives every catalog value a source, and lists exactly the values of the catalog files used', async () => {
    const rows = await page.evaluate(() =>
      [...document.querySelectorAll('tr.catalog-value')].map((tr) => ({
        entry: tr.getAttribute('data-entry')!,
        path: tr.getAttribute('data-path')!,
        cites: tr.querySelectorAll('td:last-child a.cite').length,
        estimates: [...tr.querySelectorAll('td:last-child .estimate')].filter((e) => /^Parapet estimate/.test(e.textContent ?? '')).length,
      })),
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.cites + r.estimates, `${r.entry} ${r.path}`).toBeGreaterThan(0);
    // Independent of the catalog loader: the YAML files read here, their value objects counted.
    const files: Record<string, string> = {
      's-75': 'systems/s-75.yaml',
      's-300pmu-2': 'systems/s-300pmu-2.yaml',
      'f-16': 'threats/f-16.yaml',
      'ea-18g-class': 'jammers/ea-18g-class.yaml',
    };
    expect(new Set(rows.map((r) => r.entry))).toEqual(new Set(Object.keys(files)));
    for (const [id, f] of Object.entries(files)) {
      const expected = countValues(parse(readFileSync(join(dataDir(), 'catalog', f), 'utf8')));
      expect(rows.filter((r) => r.entry === id).length, id).toBe(expected);
    }
    // Every catalog value the derivation of a site's ranges reads (core/explain) has its row.
    const listed = new Set(rows.map((r) => `${r.entry}.${r.path}`));
    const b = parseScenarioText(B, 'b.yaml', catalog);
    if (!b.ok) throw new Error('B is invalid');
    for (const site of b.scenario.sites) {
      const tree = explainSiteThreat({
        catalog,
        system: catalog.systems.get(site.system)!,
        site: { id: site.id, lonDeg: site.lon, latDeg: site.lat },
        threat: catalog.threats.get('f-16')!,
        altitudeM: 1000,
        kFactor: 4 / 3,
      });
      for (const p of catalogPaths(tree)) expect(listed.has(p), p).toBe(true);
    }
  });

  it('says how to reproduce it: the command, the versions and the SHA-256 of the inputs', async () => {
    const text = (await page.locator('#reproduce').textContent()) ?? '';
    expect(text).toContain(`npx parapet report ${fileA} ${fileB} --runs 40 --seed 3`);
    expect(text).toContain(sha(A));
    expect(text).toContain(sha(B));
    expect(text).toContain(sha(readFileSync(join(dataDir(), 'catalog/systems/s-75.yaml'))));
    expect(text).toContain(process.version);
    expect(text).toContain(JSON.parse(readFileSync(join(dataDir(), '../package.json'), 'utf8')).version);
    expect(text).toContain('40 runs, seed 3');
  });

  it('has every chapter, and starts each on a new page in print', async () => {
    const ids = await page.evaluate(() => [...document.querySelectorAll('section.chapter')].map((s) => s.id));
    expect(ids).toEqual([
      'question',
      'scenarios',
      'coverage',
      'change',
      'uncertainty',
      'seen-not-engageable',
      'mda',
      'jamming',
      'raids',
      'method',
      'catalog',
      'reproduce',
      'references',
    ]);
    await page.emulateMedia({ media: 'print' });
    const breaks = await page.evaluate(() => [...document.querySelectorAll('section.chapter')].map((s) => getComputedStyle(s).breakBefore));
    expect(breaks.every((b) => b === 'page')).toBe(true);
    // Nothing wider than an A4 text column (174 mm at 96 px/in): Chromium would shrink the pages.
    await page.setViewportSize({ width: Math.floor((174 / 25.4) * 96), height: 1000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBe(0);
    await page.emulateMedia({ media: 'screen' });
  });

  it('prints to a PDF of several non-blank pages with the title and the references', () => {
    const info = spawnSync('pdfinfo', [report.pdf!], { encoding: 'utf8' });
    expect(info.status).toBe(0);
    const pages = Number(/^Pages:\s+(\d+)/m.exec(info.stdout)![1]);
    expect(pages).toBeGreaterThan(1);
    expect(report.pages).toBe(pages);
    const png = join(dir, 'pages');
    const r = spawnSync('pdftoppm', ['-r', '40', '-gray', report.pdf!, png]);
    expect(r.status).toBe(0);
    const files = readdirSync(dir).filter((f) => f.startsWith('pages') && f.endsWith('.pgm'));
    expect(files.length).toBe(pages);
    for (const f of files) expect(variance(pgmPixels(join(dir, f))), f).toBeGreaterThan(0);
    const text = spawnSync('pdftotext', ['-layout', report.pdf!, '-'], { encoding: 'utf8' }).stdout;
    // pdftotext may split the title over lines: compare with whitespace collapsed.
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Report test — two SA-2 batteries plus an S-300 compared with Report test — two SA-2 batteries');
    expect(text).toMatch(/^\s*References\s*$/m);
  });

  it('writes a single-scenario report without PDF when asked', () => {
    expect(existsSync(single.html)).toBe(true);
    expect(single.pdf).toBeUndefined();
    expect(existsSync(join(dir, 'single', 'report.pdf'))).toBe(false);
    const html = readFileSync(single.html, 'utf8');
    expect(html).not.toContain('id="change"');
    // Per layer coverage, bands, seen-not-engageable (2 layers), one MDA, survival and track map.
    expect(single.figures).toBe(3 * 2 + 1 + 2);
    expect(existsSync(join(dir, 'single', 'data', 'maps', 'f-16-1000m-msl.svg'))).toBe(true);
  });

  it('fails at once, before any computation, when Chromium is missing', async () => {
    const saved = process.env.PARAPET_CHROMIUM;
    process.env.PARAPET_CHROMIUM = join(dir, 'no-such-chromium');
    try {
      const out = join(dir, 'none');
      await expect(writeReport({ a: input(fileA, A), catalog, outDir: out, runs: 1, seed: 1, command: 'x' })).rejects.toThrow(ChromiumNotFoundError);
      expect(existsSync(out)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.PARAPET_CHROMIUM;
      else process.env.PARAPET_CHROMIUM = saved;
    }
  });
});
