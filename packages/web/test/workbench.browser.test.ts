/**
 * The workbench in a real browser: Debian Chromium driven by playwright-core (never
 * `playwright install`), WebGL through SwiftShader. Every test opens its own browser context and
 * page on an example (and the save test its own server and workspace), so none depends on what
 * another did or on their order; one server (and its warm engine) serves the rest.
 *
 * The map is checked by its pixels: cells the job reports covered, projected by MapLibre from the
 * grid's definition, show the layer's colour on a screenshot, and cells it reports uncovered do
 * not. Edit → map times (median of five drags on the demo with its stand-off jammer, and their
 * parts) and screenshots go to test-artifacts/.
 *
 * Needs the built bundle (`npm run build`) and /usr/bin/chromium (`apt-get install chromium`;
 * .ci/run installs it). Without Chromium the suite is skipped with a warning, except under CI.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '@parapet/server';

const CHROMIUM = process.env.PARAPET_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) console.warn(`workbench browser tests SKIPPED: no Chromium at ${CHROMIUM} (apt-get install chromium)`);
const ARTIFACTS = join(import.meta.dirname, '../../../test-artifacts');
const WEB_DIR = join(import.meta.dirname, '../dist');
const LEGACY = 'korea-legacy.yaml';
/** The demo: legacy sites, a reported S-400 and a stand-off jammer. */
const DEMO = 'korea-s400-reported.yaml';
const ENGAGE_RGB: [number, number, number] = [214, 69, 24];
const SEEN_RGB: [number, number, number] = [200, 20, 160];

/** window.parapet as the tests read it (app.ts Probe). */
interface Probe {
  store: {
    coverage: {
      value: {
        jobId: string;
        text: string;
        rasters: Uint8Array;
        result: { grid: Grid; threats: { id: string }[]; jammers: { entityId: string }[]; runs: RunProbe[] };
      } | null;
    };
    preview: {
      value: { text: string; rasters: Uint8Array; focus: { threatId: string; altitudeM: number; engageOffset: number; detectOffset: number } } | null;
    };
    job: { value: unknown };
    text: { value: string };
    problems: { value: { line: number; col: number; message: string }[] };
    timing: { value: (Record<string, number> & { ms: number; stage: string }) | null };
    threatId: { value: string };
    altitudeM: { value: number };
  };
  map: {
    map: {
      once(e: string, f: () => void): void;
      triggerRepaint(): void;
      project(p: [number, number]): { x: number; y: number };
      getSource(id: string): unknown;
    };
  };
}
interface Grid {
  westDeg: number;
  southDeg: number;
  eastDeg: number;
  northDeg: number;
  width: number;
  height: number;
}
interface RunProbe {
  index: number;
  threatId: string;
  altitudeM: number;
  engageOffset: number;
  detectOffset: number;
  metrics: { engageAreaKm2: number; detectAreaKm2: number; detectedNotEngagedAreaKm2: number; threatName: string };
  unjammed?: { metrics: { engageAreaKm2: number } };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

describe.skipIf(!haveChromium && !process.env.CI)('workbench in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  const timings: Record<string, unknown> = {};

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIR, 'index.html'))) throw new Error('the web bundle is not built: run `npm run build` first');
    mkdirSync(ARTIFACTS, { recursive: true });
    server = await startServer({ port: 0, workspaceDir: mkdtempSync(join(tmpdir(), 'parapet-ws-')), webDir: WEB_DIR });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--use-angle=swiftshader',
        '--enable-unsafe-swiftshader',
      ],
    });
  });

  afterAll(async () => {
    writeFileSync(join(ARTIFACTS, 'workbench-timings.json'), `${JSON.stringify(timings, null, 2)}\n`);
    await browser?.close();
    if (server) {
      await server.close();
      rmSync(server.workspace.dir, { recursive: true, force: true });
    }
  });

  /**
   * Runs `fn` on a page of its own (own browser context) showing `example` on `on`, and fails on
   * any console error or uncaught exception in it. `settle`: wait for the first coverage.
   */
  async function withPage(
    example: string,
    fn: (p: Page) => Promise<void>,
    opts: { on?: RunningServer; settle?: boolean; prompt?: string } = {},
  ): Promise<void> {
    const ctx = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await ctx.newPage();
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('dialog', (d) => void d.accept(d.type() === 'prompt' ? opts.prompt : undefined));
    try {
      await page.goto(`${(opts.on ?? server).url}#example=${example}`);
      await page.waitForFunction(() => !!(window as unknown as { parapet?: Probe }).parapet);
      if (opts.settle !== false) await settled(page);
      await fn(page);
      expect(errors).toEqual([]);
    } finally {
      await ctx.close();
    }
  }

  /** Waits until the coverage shown is that of the current text and no job is running. */
  const settled = (p: Page, timeout = 240_000) =>
    p.waitForFunction(
      () => {
        const s = (window as unknown as { parapet?: Probe }).parapet?.store;
        return !!s && !!s.coverage.value && !s.job.value && s.coverage.value.text === s.text.value;
      },
      undefined,
      { timeout },
    );
  const probe = <T>(p: Page, fn: (x: Probe) => T): Promise<T> => p.evaluate(`(${fn.toString()})(window.parapet)`) as Promise<T>;
  const shot = (p: Page, name: string) => p.screenshot({ path: join(ARTIFACTS, `workbench-${name}.png`) });
  /** Waits until the map has drawn what the app last gave it. */
  const mapIdle = (p: Page) =>
    p.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const m = (window as unknown as { parapet: Probe }).parapet.map.map;
          m.once('idle', () => resolve());
          m.triggerRepaint();
        }),
    );
  /** Full opacity and no rings: the layer's cells then show its exact colour. */
  const solidLayer = async (p: Page) => {
    await p.locator('input[data-key=opacity]').evaluate((el: HTMLInputElement) => {
      el.value = '1';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await p.locator('input[data-key=rings]').uncheck();
  };
  /** The map as pixels (a screenshot without the legend, markers and labels), RGBA rows. */
  const mapPixels = async (p: Page): Promise<{ width: number; height: number; data: number[] }> => {
    await p.addStyleTag({ content: '.legend, .maplibregl-marker, .status { visibility: hidden !important; }' });
    await mapIdle(p);
    const png = (await p.locator('#map').screenshot()).toString('base64');
    return p.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const cv = document.createElement('canvas');
      cv.width = img.naturalWidth;
      cv.height = img.naturalHeight;
      const g = cv.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return { width: cv.width, height: cv.height, data: [...g.getImageData(0, 0, cv.width, cv.height).data] };
    }, png);
  };
  const near = (px: { width: number; data: number[] }, x: number, y: number, rgb: [number, number, number], tol = 12): boolean => {
    const o = (Math.round(y) * px.width + Math.round(x)) * 4;
    return Math.abs(px.data[o] - rgb[0]) <= tol && Math.abs(px.data[o + 1] - rgb[1]) <= tol && Math.abs(px.data[o + 2] - rgb[2]) <= tol;
  };
  const countNear = (px: { width: number; height: number; data: number[] }, rgb: [number, number, number], tol = 12): number => {
    let n = 0;
    for (let o = 0; o < px.data.length; o += 4)
      if (Math.abs(px.data[o] - rgb[0]) <= tol && Math.abs(px.data[o + 1] - rgb[1]) <= tol && Math.abs(px.data[o + 2] - rgb[2]) <= tol) n++;
    return n;
  };
  /**
   * Screen points (map container pixels) of cells of the shown run that are deep inside the
   * engaged area (`inside`) or well away from it (`outside`): every cell within 3 of them alike.
   * Cell centres from the grid's definition, west + (i + ½)·Δλ and north − (j + ½)·Δφ, projected
   * by MapLibre.
   */
  const samplePoints = (p: Page) =>
    p.evaluate(() => {
      const { store, map } = (window as unknown as { parapet: Probe }).parapet;
      const cov = store.coverage.value!;
      const g = cov.result.grid;
      const run = cov.result.runs.find((r) => r.threatId === store.threatId.value && r.altitudeM === store.altitudeM.value)!;
      const e = cov.rasters.subarray(run.engageOffset, run.engageOffset + g.width * g.height);
      const canvas = document.querySelector<HTMLCanvasElement>('#map canvas')!;
      const W = canvas.clientWidth;
      const H = canvas.clientHeight;
      const uniform = (i: number, j: number, want: boolean): boolean => {
        for (let dj = -3; dj <= 3; dj++)
          for (let di = -3; di <= 3; di++) {
            const ii = i + di;
            const jj = j + dj;
            if (ii < 0 || jj < 0 || ii >= g.width || jj >= g.height) return false;
            if (e[jj * g.width + ii] > 0 !== want) return false;
          }
        return true;
      };
      const inside: { x: number; y: number }[] = [];
      const outside: { x: number; y: number }[] = [];
      for (let j = 3; j < g.height - 3; j += 7)
        for (let i = 3; i < g.width - 3; i += 7) {
          const lon = g.westDeg + ((i + 0.5) * (g.eastDeg - g.westDeg)) / g.width;
          const lat = g.northDeg - ((j + 0.5) * (g.northDeg - g.southDeg)) / g.height;
          const pt = map.map.project([lon, lat]);
          if (pt.x < 60 || pt.y < 60 || pt.x > W - 60 || pt.y > H - 60) continue;
          if (e[j * g.width + i] > 0 ? uniform(i, j, true) : uniform(i, j, false)) (e[j * g.width + i] > 0 ? inside : outside).push({ x: pt.x, y: pt.y });
        }
      return { inside, outside };
    });

  it('loads the demo and draws its engagement zone where the job says, cell by cell', async () => {
    const t0 = Date.now();
    await withPage(LEGACY, async (p) => {
      timings.firstCoverageMs = Date.now() - t0;
      await p.waitForSelector('.site-marker[data-site-id="sa2-wonsan"]');
      await solidLayer(p);
      const pts = await samplePoints(p);
      expect(pts.inside.length).toBeGreaterThan(30);
      expect(pts.outside.length).toBeGreaterThan(30);
      const px = await mapPixels(p);
      const hitIn = pts.inside.filter((q) => near(px, q.x, q.y, ENGAGE_RGB)).length;
      const hitOut = pts.outside.filter((q) => near(px, q.x, q.y, ENGAGE_RGB)).length;
      // Coastlines and borders are drawn over the coverage: a few covered points show them instead.
      expect(hitIn / pts.inside.length).toBeGreaterThan(0.9);
      expect(hitOut).toBe(0);
      await shot(p, '01-coverage');
    });
  }, 300_000);

  it('drags a site of the demo: the layer on screen first, the same as the whole analysis; five drags timed', async () => {
    await withPage(DEMO, async (p) => {
      const figures = (x: Probe) =>
        x.store.coverage.value!.result.runs.map((r) => [r.metrics.detectAreaKm2, r.metrics.engageAreaKm2, r.unjammed?.metrics.engageAreaKm2 ?? null]);
      const before = await probe(p, figures);
      const mapBefore = await p.locator('#map').screenshot();
      const marker = p.locator('.site-marker[data-site-id="sa2-wonsan"] .sym');
      const all: Record<string, number>[] = [];
      for (let n = 0; n < 5; n++) {
        const text0 = await probe(p, (x) => x.store.text.value);
        const b = (await marker.boundingBox())!;
        const x = b.x + b.width / 2;
        const y = b.y + b.height / 2;
        await p.mouse.move(x, y);
        await p.mouse.down();
        // South-west first (a longer move), then small moves back and forth.
        for (let k = 1; k <= 8; k++) await p.mouse.move(n === 0 ? x - 7 * k : x + (n % 2 ? 5 : -5) * k, n === 0 ? y + 4 * k : y + 2 * k);
        await p.mouse.up();
        const upAt = Date.now();
        await p.waitForFunction((t) => (window as unknown as { parapet: Probe }).parapet.store.text.value !== t, text0);
        await settled(p);
        // Until the whole analysis (every layer, the tables) is in, as the test sees it.
        const wholeMs = Date.now() - upAt;
        await p.waitForFunction(() => (window as unknown as { parapet: Probe }).parapet.store.timing.value !== null);
        all.push({ ...(await probe(p, (q) => q.store.timing.value!)), wholeMs });
        // The layer computed first equals the whole analysis' same layer, byte for byte.
        const same = await probe(p, (q) => {
          const { preview, coverage } = q.store;
          const pre = preview.value;
          const cov = coverage.value!;
          if (!pre || pre.text !== cov.text) return 'no preview of this text';
          const g = cov.result.grid;
          const n = g.width * g.height;
          const run = cov.result.runs.find((r) => r.threatId === pre.focus.threatId && r.altitudeM === pre.focus.altitudeM)!;
          for (const [a, b] of [
            [pre.focus.engageOffset, run.engageOffset],
            [pre.focus.detectOffset, run.detectOffset],
          ])
            for (let k = 0; k < n; k++) if (pre.rasters[a + k] !== cov.rasters[b + k]) return `differs at cell ${k}`;
          return 'same';
        });
        expect(same).toBe('same');
      }
      const after = await probe(p, figures);
      expect(after).not.toEqual(before);
      // The moved site went south-west overall; the file keeps its comments.
      const text = await probe(p, (x) => x.store.text.value);
      const m = /id: sa2-wonsan\n\s+system: s-75\n\s+lon: ([\d.]+)\n\s+lat: ([\d.]+)/.exec(text)!;
      expect(Number(m[2])).toBeLessThan(39.15);
      expect(text).toContain('# North Korea');
      expect(Buffer.compare(mapBefore, await p.locator('#map').screenshot())).not.toBe(0);
      expect(all.every((t) => t.stage === 'focus')).toBe(true);
      const parts = ['ms', 'wholeMs', 'clientMs', 'requestMs', 'computeMs', 'serverComputeMs', 'transferMs', 'colourMs', 'paintMs'];
      timings.drag = {
        scenario: DEMO,
        site: 'sa2-wonsan',
        runs: all.map((t) => Object.fromEntries(parts.map((k) => [k, Math.round(t[k])]))),
        median: Object.fromEntries(parts.map((k) => [k, Math.round(median(all.map((t) => t[k])))])),
      };
      console.log(`edit → map on ${DEMO}, median of ${all.length} drags: ${JSON.stringify((timings.drag as { median: unknown }).median)}`);
      await shot(p, '02-after-drag');
    });
  }, 600_000);

  it('moves a site with the keyboard', async () => {
    await withPage(LEGACY, async (p) => {
      const before = await probe(p, (x) => x.store.text.value);
      await p.locator('.site-marker[data-site-id="sa2-kaesong"]').focus();
      await p.keyboard.press('Shift+ArrowUp');
      await p.waitForFunction((t) => (window as unknown as { parapet: Probe }).parapet.store.text.value !== t, before);
      expect(await probe(p, (x) => x.store.text.value)).toMatch(/id: sa2-kaesong\n\s+system: s-75\n\s+lon: 126.55\n\s+lat: 38.07/);
      await settled(p);
    });
  }, 300_000);

  it('edits the analysis altitudes in the form, and the tables follow', async () => {
    await withPage(LEGACY, async (p) => {
      await p.locator('details.analysis-form summary').click();
      await p.locator('#analysis-alts').fill('100, 1000, 3000, 10000');
      await p.locator('#analysis-alts').press('Tab');
      await p.waitForFunction(() => (window as unknown as { parapet: Probe }).parapet.store.text.value.includes('altitudesM: [ 100, 1000, 3000, 10000 ]'));
      await settled(p);
      expect(await probe(p, (x) => [...new Set(x.store.coverage.value!.result.runs.map((r) => r.altitudeM))])).toEqual([100, 1000, 3000, 10000]);
      expect(await p.getByRole('button', { name: 'Show F-16 class fighter at 3000 m' }).count()).toBe(1);
    });
  }, 300_000);

  it('shows validation problems in place, with their line', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('tab', { name: /YAML/ }).click();
      const ta = p.locator('textarea.yaml');
      const text = await ta.inputValue();
      const bad = text.replace('system: s-125', 'system: s-12');
      await ta.fill(bad);
      const item = p.locator('.yaml-panel .problems li').first();
      await item.waitFor();
      const line = bad.split('\n').findIndex((l) => /system: s-12$/.test(l)) + 1;
      expect(await item.textContent()).toContain(`${line}:`);
      expect(await item.textContent()).toContain('s-125');
      expect(await p.locator('.gutter .ln.bad').first().textContent()).toBe(String(line));
      await shot(p, '03-problem');
      await ta.fill(text);
      await p.locator('.yaml-panel .ok').waitFor();
      await settled(p);
    });
  }, 300_000);

  it('opens the explanation of a site with its sources, derivation and diagram', async () => {
    await withPage(LEGACY, async (p) => {
      await p.locator('table.sites').getByRole('button', { name: 'sa5-sariwon' }).click();
      const drawer = p.locator('aside.drawer');
      await drawer.locator('h2').filter({ hasText: 'sa5-sariwon' }).waitFor();
      expect(await drawer.locator('.sources a').count()).toBeGreaterThan(0);
      await drawer.locator('.trees details').first().waitFor();
      await drawer.locator('img.vcd').waitFor({ timeout: 60_000 });
      await p.waitForFunction(() => (document.querySelector('img.vcd') as HTMLImageElement | null)?.complete === true);
      await shot(p, '04-explanation');
      await p.keyboard.press('Escape');
      await expect.poll(() => drawer.isHidden()).toBe(true);
    });
  }, 300_000);

  it('lists every source of the scenario', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('tab', { name: 'Sources' }).click();
      await p.locator('.sources-panel').waitFor();
      expect(await p.locator('.sources-panel li.source').count()).toBeGreaterThan(5);
      await shot(p, '05-sources');
    });
  }, 300_000);

  it('shows the minimum detectable altitude layer in its colours', async () => {
    await withPage(LEGACY, async (p) => {
      await solidLayer(p);
      await p.locator('select[data-key=layer]').selectOption('mda');
      await p.locator('.legend-title', { hasText: 'Lowest altitude' }).waitFor();
      expect(await p.locator('.legend-item').count()).toBeGreaterThanOrEqual(6);
      const px = await mapPixels(p);
      // Below 100 m next to the radars, then 100–300 m and 300 m–1 km further out: the legend's first
      // three colours are each on the map (an F-16 is out of range before its MDA reaches 1 km).
      const below100 = countNear(px, [63, 0, 125], 6);
      const to300 = countNear(px, [84, 39, 143], 6);
      const to1000 = countNear(px, [117, 107, 177], 6);
      expect(to1000).toBeGreaterThan(100);
      expect(to300).toBeGreaterThan(100);
      expect(below100).toBeGreaterThan(100);
      await shot(p, '05b-mda');
    });
  }, 300_000);

  it('shows the "detected, not engageable" layer: its colour on the map, its legend and its area in the table', async () => {
    await withPage(LEGACY, async (p) => {
      // The layer with the most seen-but-not-engageable area (core's metric, sent by the server).
      const best = await probe(p, (x) => {
        const runs = x.store.coverage.value!.result.runs;
        const r = runs.reduce((a, b) => (b.metrics.detectedNotEngagedAreaKm2 > a.metrics.detectedNotEngagedAreaKm2 ? b : a));
        return { index: r.index, area: r.metrics.detectedNotEngagedAreaKm2, detect: r.metrics.detectAreaKm2 };
      });
      expect(best.area).toBeGreaterThan(0);
      expect(best.area).toBeLessThanOrEqual(best.detect);
      await p.locator(`[data-key="run-${best.index}"]`).click();
      await solidLayer(p);
      // Control: the engagement layer does not use the colour.
      await p.locator('select[data-key=layer]').selectOption('engage');
      const before = countNear(await mapPixels(p), SEEN_RGB, 10);
      await p.locator('select[data-key=layer]').selectOption('seen');
      await p.locator('.legend-item', { hasText: 'no site can engage' }).waitFor({ state: 'attached' });
      const after = countNear(await mapPixels(p), SEEN_RGB, 10);
      expect(before).toBeLessThan(20);
      expect(after).toBeGreaterThan(500);
      expect(await p.locator('table.metrics thead th').allTextContents()).toContain('Seen, not eng. km²');
      const cell = (await p.locator(`td[data-key="seen-${best.index}"] button.num`).textContent())!;
      expect(Number(cell.replace(/,/g, ''))).toBeCloseTo(best.area, -1);
      await shot(p, '05d-detected-not-engaged');
    });
  }, 300_000);

  it('draws a stand-off jammer added in the YAML and lists it with its status and sources', async () => {
    await withPage(LEGACY, async (p) => {
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
      await p.waitForFunction(
        () => {
          const s = (window as unknown as { parapet: Probe }).parapet.store;
          return s.problems.value.length > 0 || (!!s.coverage.value && !s.job.value && s.coverage.value.text === s.text.value);
        },
        undefined,
        { timeout: 240_000 },
      );
      expect(await probe(p, (x) => x.store.problems.value.map((q) => `${q.line}:${q.col} ${q.message}`))).toEqual([]);
      expect(await probe(p, (x) => x.store.coverage.value!.result.jammers.map((j) => j.entityId))).toContain('growler-west');
      await p.locator('.jamming-note').waitFor();
      expect(await p.locator('table.metrics .unjammed').count()).toBeGreaterThan(0);
      await p.getByRole('tab', { name: /Sites/ }).click();
      expect(await p.locator('.jammer-list li[data-key="jammer-0"]').textContent()).toContain('hypothetical');
      await marker.locator('.sym').click();
      await p.locator('[data-key=jammer-detail]').getByText('notional stand-off orbit for the browser test').waitFor();
      await p.getByRole('tab', { name: 'Sources' }).click();
      const src = p.locator('.jammer-sources li[data-key="jammer-src-0"]');
      await src.waitFor();
      expect(await src.textContent()).toContain('growler-west');
      expect(await src.textContent()).toContain('hypothetical');
      expect(await src.locator('li.source').first().textContent()).toContain('notional stand-off orbit for the browser test');
      await shot(p, '05e-jammers');
    });
  }, 300_000);

  it('runs a raid Monte Carlo with progress and plays back run 0 on the map', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('tab', { name: 'Raids' }).click();
      await p.getByLabel('Runs').fill('300');
      await p.getByRole('button', { name: 'Run Monte Carlo' }).click();
      await p.locator('table.raid-groups tbody tr').first().waitFor({ timeout: 120_000 });
      expect(await p.locator('table.raid-groups tbody tr').count()).toBe(3);
      // Scrub to the middle of the raid: targets are on the map.
      await p.locator('input.raid-time').evaluate((el: HTMLInputElement) => {
        el.value = String(Math.round(Number(el.max) * 0.4));
        el.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const points = await p.evaluate(() => {
        const src = (window as unknown as { parapet: Probe }).parapet.map.map.getSource('raid') as { serialize(): { data: { features: unknown[] } } };
        return src.serialize().data.features.length;
      });
      expect(points).toBeGreaterThan(0);
      await mapIdle(p);
      await shot(p, '05c-raids');
    });
  }, 300_000);

  it('shows which source drives a raid: the tornado chart, the outcome distribution and the top factor', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('tab', { name: 'Raids' }).click();
      const t0 = Date.now();
      await p.getByRole('button', { name: 'Which source drives the answer?' }).click();
      const tornado = p.locator('img.sensitivity-tornado');
      await tornado.waitFor({ timeout: 120_000 });
      timings.sensitivityMs = Date.now() - t0;
      await expect.poll(() => tornado.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 30_000 }).toBeGreaterThan(0);
      expect(await p.locator('img.sensitivity-outcome').evaluate((img: HTMLImageElement) => img.decode().then(() => img.naturalWidth))).toBeGreaterThan(0);
      // The headline shown and its top factor, checked against the job's own document.
      const src = (await tornado.getAttribute('src'))!;
      const [, jobId, headline] = /^api\/jobs\/(\w+)\/tornado\.svg\?headline=(.+)$/.exec(src)!;
      const res = (await (await fetch(new URL(`api/jobs/${jobId}/result`, server.url))).json()) as {
        sensitivity: { document: { headlines: { id: string; kind: string; indices: { label: string }[] }[]; groups: { label: string }[] } };
      };
      const doc = res.sensitivity.document;
      const shown = doc.headlines.find((x) => x.id === decodeURIComponent(headline))!;
      expect(shown.kind).toBe('survival');
      expect(await p.getByLabel('Sensitivity result').inputValue()).toBe(shown.id);
      const line = (await p.locator('[data-key=sensitivity-top]').textContent())!;
      expect(doc.groups.map((g) => g.label)).toContain(shown.indices[0].label);
      expect(line).toContain(shown.indices[0].label);
      expect(line).toMatch(/S1 (-?\d\.\d\d|–), ST (-?\d\.\d\d|–)/);
      await shot(p, '05d-sensitivity');
    });
  }, 300_000);

  it('saves the edited scenario to its own workspace', async () => {
    const ws = mkdtempSync(join(tmpdir(), 'parapet-ws-save-'));
    const own = await startServer({ port: 0, workspaceDir: ws, webDir: WEB_DIR });
    try {
      // Saving needs the text only: no coverage is awaited (the server's engine is cold).
      await withPage(
        LEGACY,
        async (p) => {
          await p.locator('.site-marker[data-site-id="sa2-kaesong"]').focus();
          await p.keyboard.press('ArrowUp');
          await p.getByRole('button', { name: 'Save' }).click();
          await expect.poll(() => existsSync(join(ws, 'browser-test.yaml'))).toBe(true);
          expect(readFileSync(join(ws, 'browser-test.yaml'), 'utf8')).toBe(await probe(p, (x) => x.store.text.value));
          expect(readFileSync(join(ws, 'browser-test.yaml'), 'utf8')).toMatch(/id: sa2-kaesong\n\s+system: s-75\n\s+lon: 126.55\n\s+lat: 37.98/);
        },
        { on: own, settle: false, prompt: 'browser-test.yaml' },
      );
    } finally {
      await own.close();
      rmSync(ws, { recursive: true, force: true });
    }
  }, 300_000);

  it('compares with the S-400 scenario: side by side, swipe, delta and the delta table', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('button', { name: 'Compare…' }).click();
      await p.getByLabel('Scenario B').selectOption(`example:${DEMO}`);
      const t0 = Date.now();
      await p.getByRole('button', { name: 'Run compare' }).click();
      const rows = p.locator('table.delta tbody tr:not(.group)');
      await rows.first().waitFor({ timeout: 240_000 });
      timings.compareMs = Date.now() - t0;
      expect(await rows.count()).toBe(9);
      // The S-400 adds engaged area at 10 km against the F-16 (gained column of that row).
      const row = p.locator('table.delta tr', { has: p.getByRole('button', { name: 'Show F-16 class fighter at 10000 m' }) });
      expect(Number((await row.locator('td').nth(4).textContent())!.replace(/,/g, ''))).toBeGreaterThan(1000);
      await shot(p, '06-compare-side');
      await p.getByRole('button', { name: 'Swipe' }).click();
      await shot(p, '07-compare-swipe');
      await p.getByRole('button', { name: 'Delta' }).click();
      await p.locator('.compare-legend .legend-item', { hasText: 'gained in B' }).waitFor();
      await shot(p, '08-compare-delta');
      await p.getByRole('button', { name: 'Back to editing' }).click();
      await p.locator('#map').waitFor({ state: 'visible' });
    });
  }, 300_000);

  it('exports the coverage and asks for a report through the export panel (the endpoints that exist)', async () => {
    await withPage(LEGACY, async (p) => {
      await p.getByRole('tab', { name: 'Export' }).click();
      const jobId = await probe(p, (x) => x.store.coverage.value!.jobId);
      // What the server offers right now, asked directly: each button is checked against it.
      const status = async (path: string, init?: RequestInit) => (await fetch(new URL(path, server.url), init)).status;
      for (const f of ['geojson', 'kml', 'kmz', 'geotiff', 'png', 'csv']) {
        const button = p.locator(`[data-key="export-${f}"]`);
        expect(await button.isEnabled()).toBe(true);
        const code = await status(`api/jobs/${jobId}/export/${f}${f === 'geotiff' || f === 'png' ? '?layer=f-16@100' : ''}`);
        if (code === 200) {
          const [download] = await Promise.all([p.waitForEvent('download'), button.click()]);
          expect((await download.path()) && readFileSync((await download.path())!).length).toBeGreaterThan(0);
        } else {
          await button.click();
          await p.locator('[data-key=export-message].error').waitFor();
          expect(await p.locator('[data-key=export-message]').textContent()).toMatch(/no such endpoint|HTTP|job/);
        }
      }
      const text = await probe(p, (x) => x.store.text.value);
      const reportCode = await status('api/report', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text, file: LEGACY }),
      });
      await p.getByRole('button', { name: 'Report', exact: true }).click();
      if (reportCode === 202) {
        await p.locator('[data-key=report-html]').waitFor({ timeout: 240_000 });
        expect(await p.locator('[data-key=report-pdf]').getAttribute('href')).toMatch(/^api\/jobs\/\w+\/report\.pdf$/);
      } else {
        await p.locator('.export-panel .error').waitFor();
      }
      await shot(p, '09-export');
    });
  }, 300_000);
});
