/**
 * The workbench in a real browser: Debian Chromium driven by playwright-core (never
 * `playwright install`), WebGL through SwiftShader. Loads the app on the demo scenario, runs a
 * coverage, drags a site and checks that the map and the tables change (and times it), moves a
 * site with the keyboard, shows a validation problem in place, opens an explanation, runs a
 * compare in its three views, saves to the workspace. Screenshots go to test-artifacts/.
 *
 * Needs the built bundle (`npm run build`) and /usr/bin/chromium (`apt-get install chromium`;
 * .ci/run installs it). Without Chromium the suite is skipped with a warning, except under CI.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWebDir, startServer, type RunningServer } from '@parapet/server';

const CHROMIUM = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`workbench browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const ARTIFACTS = join(import.meta.dirname, '../../../test-artifacts');

interface AppProbe {
  coverage: { runs: { index: number; threatId: string; altitudeM: number; metrics: { engageAreaKm2: number; detectAreaKm2: number; detectedNotEngagedAreaKm2: number; sites: { id: string; maxEngageRangeKm: number }[] }; unjammed?: { metrics: { engageAreaKm2: number } } }[]; jammers: { entityId: string }[] } | null;
  job: unknown;
  coverageText: string;
  doc: { text: string };
  lastTiming: Record<string, number> & { ms: number } | null;
}

describe.skipIf(!haveChromium && !process.env.CI)('workbench in Chromium', () => {
  let server: RunningServer;
  let ctx: BrowserContext;
  let page: Page;
  let ws: string;
  let profile: string;
  const errors: string[] = [];
  const timings: Record<string, number | number[]> = {};

  const shot = (name: string, on: Page = page) => on.screenshot({ path: join(ARTIFACTS, `workbench-${name}.png`) });
  /** Waits until the coverage shown is that of the current text and no job is running. */
  const settledOn = (on: Page) =>
    on.waitForFunction(() => {
      const p = (window as unknown as { parapet?: AppProbe }).parapet;
      return !!p && !!p.coverage && !p.job && p.coverageText === p.doc.text;
    }, undefined, { timeout: 90_000 });
  const settled = () => settledOn(page);
  /**
   * A page of its own on the demo scenario, for tests that must not depend on what the tests
   * before them did to the shared page (its console errors count like the shared page's).
   */
  const freshDemoPage = async (): Promise<Page> => {
    const p = await ctx.newPage();
    p.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    p.on('pageerror', (e) => errors.push(e.message));
    p.on('dialog', (d) => void d.accept());
    await p.goto(`${server.url}#example=korea-legacy.yaml`);
    await p.waitForSelector('table.metrics tbody tr.selected');
    await settledOn(p);
    return p;
  };
  /** Waits until the map has drawn what the app last gave it. */
  const mapIdle = (on: Page) =>
    on.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const m = (window as unknown as { parapet: { map: { map: { once(e: string, f: () => void): void; triggerRepaint(): void } } } }).parapet.map.map;
          m.once('idle', () => resolve());
          m.triggerRepaint();
        }),
    );
  /** Pixels of the map (a real screenshot, decoded in the page) within `tol` of an RGB colour. */
  const mapPixelsNear = async (on: Page, rgb: [number, number, number], tol = 10): Promise<number> => {
    // The legend (which shows the colour in its swatch) floats over the map: keep it out of the shot.
    await on.locator('.legend').evaluate((el: HTMLElement) => (el.style.visibility = 'hidden'));
    const png = (await on.locator('#map').screenshot()).toString('base64');
    await on.locator('.legend').evaluate((el: HTMLElement) => (el.style.visibility = ''));
    return on.evaluate(
      async ([b64, c, t]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${b64}`;
        await img.decode();
        const cv = document.createElement('canvas');
        cv.width = img.naturalWidth;
        cv.height = img.naturalHeight;
        const g = cv.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, cv.width, cv.height).data;
        let n = 0;
        for (let o = 0; o < px.length; o += 4) if (Math.abs(px[o] - c[0]) <= t && Math.abs(px[o + 1] - c[1]) <= t && Math.abs(px[o + 2] - c[2]) <= t) n++;
        return n;
      },
      [png, rgb, tol] as const,
    );
  };
  const probe = <T>(fn: (p: AppProbe) => T): Promise<T> => page.evaluate(`(${fn.toString()})(window.parapet)`) as Promise<T>;

  beforeAll(async () => {
    if (!defaultWebDir()) throw new Error('the web bundle is not built: run `npm run build` first');
    mkdirSync(ARTIFACTS, { recursive: true });
    ws = mkdtempSync(join(tmpdir(), 'parapet-ws-'));
    profile = mkdtempSync(join(tmpdir(), 'parapet-chromium-'));
    server = await startServer({ port: 0, workspaceDir: ws });
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
    });
    page = ctx.pages()[0] ?? (await ctx.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept(d.type() === 'prompt' ? 'browser-test.yaml' : undefined));
  });

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'workbench-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await ctx?.close();
    await server?.close();
    rmSync(ws, { recursive: true, force: true });
    rmSync(profile, { recursive: true, force: true });
  });

  it('loads the demo scenario and shows its coverage on the map and in the tables', async () => {
    const t0 = Date.now();
    await page.goto(`${server.url}#example=korea-legacy.yaml`);
    await page.waitForSelector('table.metrics tbody tr.selected');
    await settled();
    timings.firstCoverageMs = Date.now() - t0;
    await page.waitForSelector('.site-marker[data-site-id="sa2-wonsan"]');
    // The map really draws: its canvas has non-background pixels where the coverage is.
    const canvasOk = await page.evaluate(() => {
      const c = document.querySelector<HTMLCanvasElement>('#map canvas');
      return !!c && c.width > 100 && c.height > 100;
    });
    expect(canvasOk).toBe(true);
    await shot('01-coverage');
  });

  it('drags a site: the map and the tables change, and the time to the new map is recorded', async () => {
    // The coverage table's figures: detected, engaged and, when the demo has stand-off jammers
    // (which can blind the moved site entirely), the same without them.
    const figures = (p: AppProbe) => p.coverage!.runs.map((r) => [r.metrics.detectAreaKm2, r.metrics.engageAreaKm2, r.unjammed?.metrics.engageAreaKm2 ?? null]);
    const before = await probe(figures);
    const mapBefore = await page.locator('#map').screenshot();
    const marker = page.locator('.site-marker[data-site-id="sa2-wonsan"] .sym');
    const box = (await marker.boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    await page.mouse.move(x, y);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(x - 7 * k, y + 4 * k);
    await page.mouse.up();
    await page.waitForFunction(() => (window as unknown as { parapet: AppProbe }).parapet.doc.text.includes('127.44') === false);
    await settled();
    await page.waitForFunction(() => (window as unknown as { parapet: AppProbe }).parapet.lastTiming !== null);
    const after = await probe(figures);
    expect(after).not.toEqual(before);
    const text = await probe((p) => p.doc.text);
    // The moved site went south-west; the file keeps its comments.
    const m = /id: sa2-wonsan\n\s+system: s-75\n\s+lon: ([\d.]+)\n\s+lat: ([\d.]+)/.exec(text)!;
    expect(Number(m[1])).toBeLessThan(127.44);
    expect(Number(m[2])).toBeLessThan(39.15);
    expect(text).toContain("# North Korea's legacy air defenses");
    const mapAfter = await page.locator('#map').screenshot();
    expect(Buffer.compare(mapBefore, mapAfter)).not.toBe(0);
    const t = await probe((p) => p.lastTiming!);
    for (const [k, v] of Object.entries(t)) timings[`drag.${k}`] = Math.round(v);
    await shot('02-after-drag');
    // Three more drags of the same site, for a median.
    const all = [t.ms];
    for (let n = 0; n < 3; n++) {
      const before2 = await probe((p) => p.doc.text);
      const b = (await marker.boundingBox())!;
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2);
      await page.mouse.down();
      for (let k = 1; k <= 5; k++) await page.mouse.move(b.x + b.width / 2 + (n % 2 ? -6 : 6) * k, b.y + b.height / 2 + 2 * k);
      await page.mouse.up();
      await page.waitForFunction((t0) => (window as unknown as { parapet: AppProbe }).parapet.doc.text !== t0, before2);
      await settled();
      await page.waitForFunction(() => (window as unknown as { parapet: AppProbe }).parapet.lastTiming !== null);
      all.push(await probe((p) => p.lastTiming!.ms));
    }
    all.sort((x, y) => x - y);
    timings['drag.allMs'] = all.map(Math.round);
    timings['drag.medianMs'] = Math.round((all[1] + all[2]) / 2);
  });

  it('moves a site with the keyboard', async () => {
    const before = await probe((p) => p.doc.text);
    await page.locator('.site-marker[data-site-id="sa2-kaesong"]').focus();
    await page.keyboard.press('Shift+ArrowUp');
    await page.waitForFunction((t) => (window as unknown as { parapet: AppProbe }).parapet.doc.text !== t, before);
    const text = await probe((p) => p.doc.text);
    expect(text).toMatch(/id: sa2-kaesong\n\s+system: s-75\n\s+lon: 126.55\n\s+lat: 38.07/);
    await settled();
  });

  it('edits the analysis altitudes in the form, and the tables follow', async () => {
    await page.locator('details.analysis-form summary').click();
    await page.locator('#analysis-alts').fill('100, 1000, 3000, 10000');
    await page.locator('#analysis-alts').press('Tab');
    await page.waitForFunction(() => (window as unknown as { parapet: AppProbe }).parapet.doc.text.includes('altitudesM: [ 100, 1000, 3000, 10000 ]'));
    await settled();
    const alts = await probe((p) => [...new Set(p.coverage!.runs.map((r) => r.altitudeM))]);
    expect(alts).toEqual([100, 1000, 3000, 10000]);
    expect(await page.getByRole('button', { name: 'Show F-16 class fighter at 3000 m' }).count()).toBe(1);
  });

  it('shows validation problems in place, with their line', async () => {
    await page.getByRole('tab', { name: /YAML/ }).click();
    const ta = page.locator('textarea.yaml');
    const text = await ta.inputValue();
    const bad = text.replace('system: s-125', 'system: s-12');
    await ta.fill(bad);
    const item = page.locator('.yaml-panel .problems li').first();
    await item.waitFor();
    const line = bad.split('\n').findIndex((l) => /system: s-12$/.test(l)) + 1;
    expect(await item.textContent()).toContain(`${line}:`);
    expect(await item.textContent()).toContain('s-125');
    expect(await page.locator(`.gutter .ln.bad`).first().textContent()).toBe(String(line));
    await shot('03-problem');
    await ta.fill(text);
    await page.locator('.yaml-panel .ok').waitFor();
    await page.getByRole('tab', { name: /Sites/ }).click();
    await settled();
  });

  it('opens the explanation of a site with its sources and derivation', async () => {
    await page.locator('table.sites').getByRole('button', { name: 'sa5-sariwon' }).click();
    const drawer = page.locator('aside.drawer');
    await drawer.locator('h2').filter({ hasText: 'sa5-sariwon' }).waitFor();
    expect(await drawer.locator('.sources a').count()).toBeGreaterThan(0);
    await drawer.locator('.trees details').first().waitFor();
    await drawer.locator('img.vcd').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => (document.querySelector('img.vcd') as HTMLImageElement | null)?.complete === true);
    await shot('04-explanation');
    await page.keyboard.press('Escape');
    await expect.poll(() => drawer.isHidden()).toBe(true);
  });

  it('lists every source of the scenario', async () => {
    await page.getByRole('tab', { name: 'Sources' }).click();
    await page.locator('.sources-panel').waitFor();
    const n = await page.locator('.sources-panel li.source').count();
    expect(n).toBeGreaterThan(5);
    await shot('05-sources');
    await page.getByRole('tab', { name: /Sites/ }).click();
  });

  it('shows the minimum detectable altitude layer', async () => {
    await page.locator('select[data-key=layer]').selectOption('mda');
    await page.locator('.legend-title', { hasText: 'Lowest altitude' }).waitFor();
    expect(await page.locator('.legend-item').count()).toBeGreaterThanOrEqual(6);
    await page.waitForTimeout(300);
    await shot('05b-mda');
    await page.locator('select[data-key=layer]').selectOption('engage');
  });

  it('shows the "detected, not engageable" layer: its colour on the map, its legend and its area in the table', async () => {
    const p = await freshDemoPage();
    try {
      // The layer with the most seen-but-not-engageable area (core's metric, sent by the server).
      const best = await p.evaluate(`(${((a: AppProbe) => {
        const runs = a.coverage!.runs;
        const r = runs.reduce((x, y) => (y.metrics.detectedNotEngagedAreaKm2 > x.metrics.detectedNotEngagedAreaKm2 ? y : x));
        return { index: r.index, area: r.metrics.detectedNotEngagedAreaKm2, detect: r.metrics.detectAreaKm2 };
      }).toString()})(window.parapet)`) as { index: number; area: number; detect: number };
      expect(best.area).toBeGreaterThan(0);
      expect(best.area).toBeLessThanOrEqual(best.detect);
      await p.locator(`[data-key="run-${best.index}"]`).click();
      // Full opacity and no rings, so that the layer's cells show its exact colour.
      await p.locator('input[data-key=opacity]').evaluate((el: HTMLInputElement) => {
        el.value = '1';
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      await p.locator('input[data-key=rings]').uncheck();
      // Control: the engagement layer does not use the colour.
      await p.locator('select[data-key=layer]').selectOption('engage');
      await mapIdle(p);
      const SEEN: [number, number, number] = [200, 20, 160];
      const before = await mapPixelsNear(p, SEEN);
      await p.locator('select[data-key=layer]').selectOption('seen');
      await p.locator('.legend-item', { hasText: 'no site can engage' }).waitFor();
      await mapIdle(p);
      const after = await mapPixelsNear(p, SEEN);
      expect(before).toBeLessThan(20);
      expect(after).toBeGreaterThan(500);
      // Its area sits in the coverage table beside the detected and engaged areas.
      expect(await p.locator('table.metrics thead th').allTextContents()).toContain('Seen, not eng. km²');
      const cell = (await p.locator(`td[data-key="seen-${best.index}"] button.num`).textContent())!;
      expect(Number(cell.replace(/,/g, ''))).toBeCloseTo(best.area, -1);
      await shot('05d-detected-not-engaged', p);
    } finally {
      await p.close();
    }
  });

  it('draws the stand-off jammers of the scenario on the map and lists them with their status and sources', async () => {
    const p = await freshDemoPage();
    try {
      await p.getByRole('tab', { name: /YAML/ }).click();
      const ta = p.locator('textarea.yaml');
      const text = await ta.inputValue();
      const entry = `  - id: growler-west
    jammer: ea-18g-class
    lon: 124.6
    lat: 37.6
    altitudeM: 9000
    status: hypothetical
    sources:
      - title: "Parapet estimate: notional stand-off orbit for the browser test"
`;
      // Ours first, before any the demo may already have.
      const jammed = /^jammers:\n/m.test(text) ? text.replace(/^jammers:\n/m, `jammers:\n${entry}`) : `${text.replace(/\s*$/, '\n')}jammers:\n${entry}`;
      await ta.fill(jammed);
      const marker = p.locator('.jammer-marker[data-jammer-id="growler-west"]');
      await marker.waitFor();
      expect(await marker.locator('.lbl').textContent()).toBe('growler-west');
      expect(await marker.getAttribute('aria-label')).toContain('hypothetical');
      // Validated (by the server, against the catalog's jammers) and run, or refused with problems.
      await p.waitForFunction(() => {
        const a = (window as unknown as { parapet: AppProbe & { problems: unknown[] } }).parapet;
        return a.problems.length > 0 || (!!a.coverage && !a.job && a.coverageText === a.doc.text);
      }, undefined, { timeout: 120_000 });
      expect(await p.evaluate(`window.parapet.problems.map((x) => x.line + ':' + x.col + ' ' + x.message)`)).toEqual([]);
      expect(await p.evaluate(`window.parapet.coverage.jammers.map((j) => j.entityId)`)).toContain('growler-west');
      await p.locator('.jamming-note').waitFor();
      expect(await p.locator('table.metrics .unjammed').count()).toBeGreaterThan(0);
      await p.getByRole('tab', { name: /Sites/ }).click();
      const item = p.locator('.jammer-list li[data-key="jammer-0"]');
      expect(await item.textContent()).toContain('hypothetical');
      await marker.locator('.sym').click();
      await p.locator('[data-key=jammer-detail]').getByText('notional stand-off orbit for the browser test').waitFor();
      await p.getByRole('tab', { name: 'Sources' }).click();
      const src = p.locator('.jammer-sources li[data-key="jammer-src-0"]');
      await src.waitFor();
      expect(await src.textContent()).toContain('growler-west');
      expect(await src.textContent()).toContain('hypothetical');
      expect(await src.locator('li.source').first().textContent()).toContain('notional stand-off orbit for the browser test');
      await p.locator('.sources-panel').waitFor();
      await shot('05e-jammers', p);
    } finally {
      await p.close();
    }
  });

  it('runs a raid Monte Carlo with progress and plays back run 0 on the map', async () => {
    await page.getByRole('tab', { name: 'Raids' }).click();
    await page.getByLabel('Runs').fill('300');
    await page.getByRole('button', { name: 'Run Monte Carlo' }).click();
    await page.locator('table.raid-groups tbody tr').first().waitFor({ timeout: 90_000 });
    expect(await page.locator('table.raid-groups tbody tr').count()).toBe(3);
    // Scrub to the middle of the raid: targets are on the map.
    await page.locator('input.raid-time').evaluate((el: HTMLInputElement) => {
      el.value = String(Math.round(Number(el.max) * 0.4));
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const points = await page.evaluate(() => {
      const src = (window as unknown as { parapet: { map: { map: { getSource(id: string): { _data?: { geojson?: { features: unknown[] } } } } } } }).parapet.map.map.getSource('raid');
      return (src as unknown as { serialize(): { data: { features: unknown[] } } }).serialize().data.features.length;
    });
    expect(points).toBeGreaterThan(0);
    await page.waitForTimeout(400);
    await shot('05c-raids');
    await page.getByRole('tab', { name: 'Coverage' }).click();
  });

  it('saves the edited scenario to the workspace', async () => {
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => existsSync(join(ws, 'browser-test.yaml'))).toBe(true);
    expect(readFileSync(join(ws, 'browser-test.yaml'), 'utf8')).toBe(await probe((p) => p.doc.text));
  });

  it('compares with the S-400 scenario: side by side, swipe, delta and the delta table', async () => {
    await page.getByRole('button', { name: 'Compare…' }).click();
    await page.getByLabel('Scenario B').selectOption('example:korea-s400-reported.yaml');
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run compare' }).click();
    const rows = page.locator('table.delta tbody tr:not(.group)');
    await rows.first().waitFor({ timeout: 90_000 });
    timings.compareMs = Date.now() - t0;
    expect(await rows.count()).toBe(9);
    // The S-400 adds engaged area at 10 km against the F-16 (gained column of that row).
    const row = page.locator('table.delta tr', { has: page.getByRole('button', { name: 'Show F-16 class fighter at 10000 m' }) });
    const gained = Number((await row.locator('td').nth(4).textContent())!.replace(/,/g, ''));
    expect(gained).toBeGreaterThan(1000);
    await page.waitForTimeout(500);
    await shot('06-compare-side');
    await page.getByRole('button', { name: 'Swipe' }).click();
    await page.waitForTimeout(500);
    await shot('07-compare-swipe');
    await page.getByRole('button', { name: 'Delta' }).click();
    await page.waitForTimeout(500);
    await shot('08-compare-delta');
    await page.getByRole('button', { name: 'Back to editing' }).click();
  });

  it('raised no console errors', () => {
    expect(errors).toEqual([]);
  });
});
