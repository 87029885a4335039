/**
 * Raids (right, "Raids"): a Monte Carlo of the scenario's raids (runs, seed, progress, cancel),
 * the results as tables and small charts with their 95% intervals, and a playback of run 0 drawn
 * on the map (through the store's raid overlay): members along their routes (blue, orange once
 * detected, red when killed, green on arrival), missile flyouts from launch to intercept, and a
 * timeline to scrub or play.
 */
import { effect } from '@preact/signals-core';
import { api, followJob, type JobEvent, type SimulationJson } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';

type Log = SimulationJson['playback']['log'];

const pct = (p: { p: number; lo: number; hi: number }): string => `${(100 * p.p).toFixed(0)} % (${(100 * p.lo).toFixed(0)}–${(100 * p.hi).toFixed(0)})`;
const mean = (m: { mean: number; lo: number; hi: number }): string => `${m.mean.toFixed(1)} (${m.lo.toFixed(1)}–${m.hi.toFixed(1)})`;
const sec = (s: number | undefined): string => (s === undefined ? '—' : s >= 90 ? `${(s / 60).toFixed(1)} min` : `${s.toFixed(0)} s`);

/** A bar chart as SVG: one bar per value, x labels under every `labelEvery` bar. */
function barChart(
  values: readonly number[],
  opts: { title: string; xLabel: (i: number) => string; labelEvery?: number; color?: string; width?: number; height?: number },
): SVGSVGElement {
  const W = opts.width ?? 360;
  const H = opts.height ?? 110;
  const pad = { l: 30, r: 6, t: 16, b: 18 };
  const max = Math.max(1e-9, ...values);
  const bw = (W - pad.l - pad.r) / Math.max(1, values.length);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${W} ${H}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', opts.title);
  const el = (tag: string, attrs: Record<string, string | number>, text?: string) => {
    const e = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (text !== undefined) e.textContent = text;
    svg.append(e);
    return e;
  };
  el('text', { x: pad.l, y: 11, class: 'chart-title' }, opts.title);
  el('line', { x1: pad.l, y1: H - pad.b, x2: W - pad.r, y2: H - pad.b, class: 'axis' });
  el('text', { x: pad.l - 4, y: pad.t + 8, class: 'tick', 'text-anchor': 'end' }, max >= 10 ? max.toFixed(0) : max.toPrecision(2));
  values.forEach((v, i) => {
    const bh = ((H - pad.t - pad.b) * v) / max;
    el('rect', { x: pad.l + i * bw + 0.5, y: H - pad.b - bh, width: Math.max(1, bw - 1), height: bh, fill: opts.color ?? '#1f5f99' });
    if (i % (opts.labelEvery ?? 1) === 0) el('text', { x: pad.l + i * bw + bw / 2, y: H - 5, class: 'tick', 'text-anchor': 'middle' }, opts.xLabel(i));
  });
  return svg;
}

/** The raid panel in `root`; it draws on the map while its tab is open. */
export function mountRaidPanel(root: HTMLElement, ctx: Ctx): void {
  const panel = new RaidPanel(root, ctx);
  effect(() => {
    const open = ctx.store.rightTab.value === 'raids';
    ctx.store.text.value;
    if (open) {
      panel.render();
      panel.draw();
    } else panel.hide();
  });
}

class RaidPanel {
  runs = 1000;
  seed = 1;
  job: { id: string; event: JobEvent; abort: AbortController } | null = null;
  result: SimulationJson | null = null;
  resultText = '';
  tSec = 0;
  playing = false;
  speed = 30;
  private raf = 0;
  private lastFrame = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly ctx: Ctx,
  ) {}

  hasRaids(): boolean {
    return /^raids:/m.test(this.ctx.store.text.peek());
  }

  async run(): Promise<void> {
    if (this.job) this.cancel();
    const abort = new AbortController();
    const s = this.ctx.store;
    const text = s.text.peek();
    let view;
    try {
      view = await api.simulate(text, s.fileName.peek(), s.valueCase.peek(), this.runs, this.seed);
    } catch (e) {
      this.ctx.actions.flash(`Cannot simulate: ${(e as Error).message}`, true);
      return;
    }
    const job = { id: view.id, event: { type: 'progress', phase: view.status } as JobEvent, abort };
    this.job = job;
    this.render();
    const last = view.cached
      ? ({ type: 'done' } as JobEvent)
      : await followJob(
          view.id,
          (ev) => {
            if (this.job !== job) return;
            job.event = ev;
            this.renderProgress();
          },
          abort.signal,
        );
    if (this.job !== job) return;
    this.job = null;
    if (last.type !== 'done') {
      this.ctx.actions.flash(last.type === 'cancelled' ? 'Simulation cancelled' : `Simulation failed: ${last.message ?? ''}`, last.type !== 'cancelled');
      this.render();
      return;
    }
    const r = await api.result(view.id);
    if (r.kind !== 'simulate') return;
    this.result = r.simulation;
    this.resultText = text;
    this.tSec = 0;
    this.render();
    this.draw();
  }

  cancel(): void {
    const j = this.job;
    if (!j) return;
    this.job = null;
    j.abort.abort();
    void api.cancel(j.id).catch(() => undefined);
    this.render();
  }

  /** Stops playback and clears the map overlay (when leaving the raids tab). */
  hide(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    this.ctx.store.raidOverlay.value = null;
  }

  private renderProgress(): void {
    const slot = this.root.querySelector<HTMLElement>('.raid-progress');
    if (!slot || !this.job) return;
    const ev = this.job.event;
    replaceChildren(
      slot,
      `Simulating — ${ev.phase ?? ''} ${ev.total && ev.phase === 'runs' ? `${ev.done}/${ev.total} runs` : ''} `,
      h('progress', { max: 1, value: ev.total ? (ev.done ?? 0) / ev.total : 0 }),
      h('button', { class: 'small', onclick: () => this.cancel() }, 'Cancel'),
    );
  }

  render(): void {
    const root = this.root;
    const r = this.result;
    const stale = r && this.resultText !== this.ctx.store.text.peek();
    const controls = h(
      'form',
      {
        class: 'raid-controls',
        onsubmit: (e: Event) => {
          e.preventDefault();
          void this.run();
        },
      },
      h(
        'label',
        {},
        'Runs ',
        h('input', {
          type: 'number',
          min: 1,
          max: 100000,
          step: 1,
          value: this.runs,
          'data-key': 'raid-runs',
          onchange: (e: Event) => (this.runs = Math.max(1, Math.round(Number((e.target as HTMLInputElement).value) || 1))),
        }),
      ),
      h(
        'label',
        {},
        'Seed ',
        h('input', {
          type: 'number',
          min: 0,
          step: 1,
          value: this.seed,
          'data-key': 'raid-seed',
          onchange: (e: Event) => (this.seed = Math.max(0, Math.round(Number((e.target as HTMLInputElement).value) || 0))),
        }),
      ),
      h('button', { type: 'submit', class: 'primary', 'data-key': 'raid-run', disabled: !this.hasRaids() }, 'Run Monte Carlo'),
    );
    if (!this.hasRaids()) {
      replaceChildren(
        root,
        h('h2', {}, 'Raids'),
        controls,
        h('p', { class: 'muted' }, 'This scenario has no raids. Add a raids: section (see docs/simulation.md) to simulate one.'),
      );
      return;
    }
    const parts: (HTMLElement | null)[] = [h('h2', {}, 'Raids'), controls, h('div', { class: 'raid-progress', role: 'status', 'aria-live': 'polite' })];
    if (r) {
      const s = r.summary;
      parts.push(
        stale ? h('p', { class: 'warn' }, 'The scenario changed since this run: run again to update.') : null,
        h(
          'dl',
          { class: 'headline' },
          h('dt', {}, 'Raid members surviving'),
          h('dd', {}, h('strong', {}, pct(s.overall.survival)), h('span', { class: 'muted' }, ` of ${s.overall.targets}`)),
          h('dt', {}, 'Leakers per run'),
          h('dd', {}, mean(s.overall.leakers)),
          h('dt', {}, 'Runs with a leaker'),
          h('dd', {}, pct(s.overall.anyLeaker)),
          h('dt', {}, 'Missiles fired per run'),
          h('dd', {}, mean(s.overall.missilesFired)),
        ),
        h(
          'p',
          { class: 'muted small' },
          `${s.runs} runs, seed ${s.seed}, ${s.valueCase} values · ${r.threads} thread(s), ${((r.prepareMs + r.runMs) / 1000).toFixed(1)} s · 95% intervals · ${s.model.detection}; ${s.model.lineOfSight}`,
        ),
        h('h2', {}, 'Groups'),
        h(
          'table',
          { class: 'raid-groups', 'aria-label': 'Raid groups' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', {}, 'Group'),
              h('th', { class: 'r' }, 'n'),
              h('th', { class: 'r' }, 'Survive'),
              h('th', { class: 'r' }, 'Detected'),
              h('th', { class: 'r', title: 'median time from first detection to arrival' }, 'Warning'),
            ),
          ),
          h(
            'tbody',
            {},
            s.groups.map((g) =>
              h(
                'tr',
                {},
                h('td', {}, g.id, h('div', { class: 'muted small' }, g.threatName)),
                h('td', { class: 'r' }, g.count),
                h('td', { class: 'r' }, pct(g.survival)),
                h('td', { class: 'r' }, pct(g.firstDetection.detected)),
                h('td', { class: 'r' }, sec(g.firstDetection.warningSec?.p50)),
              ),
            ),
          ),
        ),
        h('h2', {}, 'Fire units'),
        h(
          'table',
          { class: 'raid-fus', 'aria-label': 'Fire units' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Site'), h('th', { class: 'r' }, 'Fired'), h('th', { class: 'r' }, 'Kills'))),
          h(
            'tbody',
            {},
            s.fireUnits
              .filter((f) => f.missilesFired.max > 0)
              .map((f) =>
                h(
                  'tr',
                  {},
                  h('td', {}, f.site, h('div', { class: 'muted small' }, f.doctrine)),
                  h('td', { class: 'r' }, mean(f.missilesFired)),
                  h('td', { class: 'r' }, mean(f.kills)),
                ),
              ),
          ),
        ),
        h(
          'div',
          { class: 'charts' },
          barChart(
            s.overall.leakersHistogram.map((x) => x / s.runs),
            {
              title: 'Leakers per run (share of runs)',
              xLabel: (i) => String(i),
              labelEvery: Math.max(1, Math.ceil(s.overall.leakersHistogram.length / 12)),
              color: '#b3261e',
            },
          ),
          barChart(s.timeline.launchesPerRun, {
            title: `Launches per run per ${s.timeline.binSec} s`,
            xLabel: (i) => `${Math.round((i * s.timeline.binSec) / 60)}m`,
            labelEvery: Math.max(1, Math.ceil(s.timeline.launchesPerRun.length / 8)),
          }),
        ),
        this.playbackControls(r),
      );
    }
    replaceChildren(root, ...parts);
    this.renderProgress();
  }

  private playbackControls(r: SimulationJson): HTMLElement {
    const p = r.playback;
    const slider = h('input', {
      type: 'range',
      min: 0,
      max: Math.ceil(p.horizonSec),
      step: 1,
      value: this.tSec,
      'aria-label': 'Playback time',
      class: 'raid-time',
      'data-key': 'raid-time',
      oninput: (e: Event) => {
        this.tSec = Number((e.target as HTMLInputElement).value);
        this.draw();
      },
    });
    return h(
      'section',
      { class: 'playback' },
      h('h2', {}, `Playback of run ${p.run}`),
      h(
        'div',
        { class: 'playback-row' },
        h('button', { class: 'small', 'data-key': 'raid-play', onclick: () => (this.playing ? this.pause() : this.play()) }, this.playing ? 'Pause' : 'Play'),
        slider,
        h('span', { class: 'raid-clock' }, sec(this.tSec)),
        h(
          'select',
          { 'aria-label': 'Playback speed', onchange: (e: Event) => (this.speed = Number((e.target as HTMLSelectElement).value)) },
          [10, 30, 60, 120].map((x) => h('option', { value: x, selected: x === this.speed }, `×${x}`)),
        ),
      ),
      h(
        'p',
        { class: 'muted small' },
        'Blue: flying, not yet detected · orange: detected · red: killed · green: reached its last waypoint. Red lines: missiles in flight.',
      ),
    );
  }

  play(): void {
    if (!this.result) return;
    if (this.tSec >= this.result.playback.horizonSec) this.tSec = 0;
    this.playing = true;
    this.lastFrame = performance.now();
    const step = (now: number): void => {
      if (!this.playing || !this.result) return;
      this.tSec = Math.min(this.result.playback.horizonSec, this.tSec + ((now - this.lastFrame) / 1000) * this.speed);
      this.lastFrame = now;
      this.draw();
      if (this.tSec >= this.result.playback.horizonSec) this.pause();
      else this.raf = requestAnimationFrame(step);
    };
    this.raf = requestAnimationFrame(step);
    this.render();
  }

  pause(): void {
    this.playing = false;
    cancelAnimationFrame(this.raf);
    if (this.ctx.store.rightTab.peek() === 'raids') this.render();
  }

  /** Draws the state of run 0 at tSec on the map. */
  draw(): void {
    const r = this.result;
    if (!r) return;
    const p = r.playback;
    const t = this.tSec;
    const log: Log = p.log;
    const killedAt = new Map<string, { t: number; lon: number; lat: number }>();
    const detectedAt = new Map<string, number>();
    for (const e of log) {
      if (e.type === 'intercept' && e.result === 'kill' && !killedAt.has(e.target)) killedAt.set(e.target, { t: e.t, lon: e.lon, lat: e.lat });
      if (e.type === 'detect' && !detectedAt.has(e.target)) detectedAt.set(e.target, e.t);
    }
    const points: GeoJSON.Feature[] = [];
    for (const g of p.groups) {
      const last = g.route.length - 1;
      for (const m of g.members) {
        const tm = t - m.startSec;
        if (tm < 0) continue;
        const kill = killedAt.get(m.name);
        if (kill && kill.t <= t) {
          points.push({
            type: 'Feature',
            properties: { kind: 'kill', status: 'killed', name: m.name },
            geometry: { type: 'Point', coordinates: [kill.lon, kill.lat] },
          });
          continue;
        }
        const x = tm / p.stepSec;
        const i = Math.min(last, Math.floor(x));
        const f = Math.min(1, x - i);
        const a = g.route[i];
        const b = g.route[Math.min(last, i + 1)];
        const arrived = x >= last;
        const status = arrived ? 'arrived' : (detectedAt.get(m.name) ?? Infinity) <= t ? 'detected' : 'flying';
        points.push({
          type: 'Feature',
          properties: { kind: 'target', status, name: m.name },
          geometry: { type: 'Point', coordinates: arrived ? [g.route[last][0], g.route[last][1]] : [a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f] },
        });
      }
    }
    const shots: GeoJSON.Feature[] = [];
    const siteAt = new Map(p.sites.map((s) => [s.id, [s.lonDeg, s.latDeg]]));
    for (const e of log) {
      if (e.type === 'launch' && e.t <= t && t < e.tIntercept) {
        const from = siteAt.get(e.fu);
        if (!from) continue;
        const f = (t - e.t) / Math.max(1e-6, e.tIntercept - e.t);
        shots.push({
          type: 'Feature',
          properties: {},
          geometry: { type: 'LineString', coordinates: [from, [from[0] + (e.lon - from[0]) * f, from[1] + (e.lat - from[1]) * f]] },
        });
      }
      if (e.type === 'intercept' && e.result === 'miss' && e.t <= t && t < e.t + 20) {
        points.push({ type: 'Feature', properties: { kind: 'miss', status: 'miss' }, geometry: { type: 'Point', coordinates: [e.lon, e.lat] } });
      }
    }
    const routes: GeoJSON.FeatureCollection = {
      type: 'FeatureCollection',
      features: p.groups.map((g) => ({ type: 'Feature', properties: { id: g.id }, geometry: { type: 'LineString', coordinates: g.waypoints } })),
    };
    this.ctx.store.raidOverlay.value = {
      routes,
      shots: { type: 'FeatureCollection', features: shots },
      points: { type: 'FeatureCollection', features: points },
    };
    const clock = this.root.querySelector('.raid-clock');
    if (clock) clock.textContent = sec(t);
    const slider = this.root.querySelector<HTMLInputElement>('.raid-time');
    if (slider && document.activeElement !== slider) slider.value = String(Math.round(t));
  }
}
