/**
 * A/B compare: the scenario under edit (A) against another (B), analysed on A's grid. Two maps
 * side by side or stacked with a swipe handle, with cameras kept in step; or one map with the
 * delta layer (gained / lost / kept), each with its legend; and the delta table (in the results
 * column while compare is open). Shows the store's target, altitude and layer.
 */
import { effect } from '@preact/signals-core';
import { api, followJob, type CoverageJson, type DeltaRowJson } from '../api.js';
import type { Ctx } from '../component-context.js';
import { MapView, type Basemap } from '../map/map-view.js';
import { deltaPaint, layerPaint, runRasters, type LegendItem } from '../map/raster.js';
import { ScenarioDoc } from '../scenario-doc.js';
import { fmtAlt, fmtArea, fmtSigned, h, replaceChildren } from '../ui/dom.js';

type Mode = 'side' | 'swipe' | 'delta';

/** Compare in `root` (bar, maps, progress), its delta table in `table`; opens with the store's compareOpen. */
export function mountComparePanel(root: HTMLElement, table: HTMLElement, basemap: Basemap, ctx: Ctx): void {
  const view = new CompareView(root, table, basemap, ctx);
  const s = ctx.store;
  effect(() => {
    if (s.compareOpen.value) void view.open();
  });
  // What to show follows the store (the maps and the table redraw).
  effect(() => {
    s.threatId.value;
    s.altitudeM.value;
    s.layer.value;
    s.showRings.value;
    if (s.compareOpen.value) view.render();
  });
  effect(() => view.setOpacity(s.opacity.value));
}

class CompareView {
  mode: Mode = 'side';
  bFile = '';
  result: { a: CoverageJson; b: CoverageJson; deltas: DeltaRowJson[] } | null = null;
  rasters: Uint8Array | null = null;
  private mapA: MapView | null = null;
  private mapB: MapView | null = null;
  private bar: HTMLElement;
  private maps: HTMLElement;
  private paneA: HTMLElement;
  private paneB: HTMLElement;
  private swipe: HTMLInputElement;
  private swipeLine: HTMLElement;
  private progress: HTMLElement;
  private legend: HTMLElement;
  private syncing = false;
  private bDoc: ScenarioDoc | null = null;

  constructor(
    root: HTMLElement,
    private readonly table: HTMLElement,
    private readonly basemap: Basemap,
    private readonly ctx: Ctx,
  ) {
    this.bar = h('div', { class: 'compare-bar' });
    this.paneA = h('div', { class: 'pane a' }, h('div', { class: 'pane-label' }, 'A'));
    this.paneB = h('div', { class: 'pane b' }, h('div', { class: 'pane-label' }, 'B'));
    this.swipe = h('input', { type: 'range', min: 0, max: 100, value: 50, class: 'swipe-range', 'aria-label': 'Swipe position' }) as HTMLInputElement;
    this.swipe.addEventListener('input', () => this.applyMode());
    this.swipeLine = h('div', { class: 'swipe-line', 'aria-hidden': 'true' });
    this.maps = h('div', { class: 'compare-maps side' }, this.paneA, this.paneB, this.swipeLine, this.swipe);
    this.progress = h('div', { class: 'compare-progress', role: 'status', 'aria-live': 'polite' });
    this.legend = h('div', { class: 'legend compare-legend', 'aria-live': 'polite' });
    this.maps.append(this.legend);
    root.append(this.bar, this.maps, this.progress);
  }

  async open(): Promise<void> {
    const s = this.ctx.store;
    const examples = s.examples.peek();
    const other = examples.find((e) => e.file !== s.fileName.peek() && e.valid) ?? examples[0];
    if (!this.bFile && other) this.bFile = `example:${other.file}`;
    this.renderBar();
    this.renderTable();
    if (!this.mapA) {
      this.mapA = new MapView(this.paneA, this.basemap, {}, false);
      this.mapB = new MapView(this.paneB, this.basemap, {}, false);
      const sync = (from: MapView, to: MapView) => () => {
        if (this.syncing) return;
        this.syncing = true;
        to.map.jumpTo({ center: from.map.getCenter(), zoom: from.map.getZoom() });
        this.syncing = false;
      };
      this.mapA.map.on('move', sync(this.mapA, this.mapB));
      this.mapB.map.on('move', sync(this.mapB, this.mapA));
      await Promise.all([this.mapA.ready, this.mapB.ready]);
    }
    const cam = s.camera.peek();
    if (cam) this.mapA.map.jumpTo({ center: cam.center, zoom: cam.zoom });
    this.applyMode();
    if (this.result) this.render();
  }

  setOpacity(o: number): void {
    this.mapA?.setOpacity(o);
    this.mapB?.setOpacity(o);
  }

  private renderBar(): void {
    const s = this.ctx.store;
    const opt = (value: string, label: string) => h('option', { value, selected: value === this.bFile }, label);
    const files = s.workspace.peek().files;
    replaceChildren(
      this.bar,
      h('span', { class: 'who' }, h('strong', {}, 'A '), s.doc.peek().name),
      h('span', { class: 'vs' }, 'vs'),
      h(
        'label',
        {},
        h('strong', {}, 'B '),
        h(
          'select',
          { 'data-key': 'compare-b', 'aria-label': 'Scenario B', onchange: (e: Event) => (this.bFile = (e.target as HTMLSelectElement).value) },
          h(
            'optgroup',
            { label: 'Examples' },
            s.examples.peek().map((x) => opt(`example:${x.file}`, x.name)),
          ),
          files.length
            ? h(
                'optgroup',
                { label: 'Workspace' },
                files.map((f) => opt(`workspace:${f.name}`, f.name)),
              )
            : null,
        ),
      ),
      h('button', { class: 'primary', 'data-key': 'compare-run', onclick: () => void this.run() }, 'Run compare'),
      h(
        'div',
        { class: 'seg', role: 'group', 'aria-label': 'Compare view' },
        (['side', 'swipe', 'delta'] as const).map((m) =>
          h(
            'button',
            {
              class: this.mode === m ? 'active' : '',
              'aria-pressed': String(this.mode === m),
              'data-key': `mode-${m}`,
              onclick: () => {
                this.mode = m;
                this.renderBar();
                this.applyMode();
                this.render();
              },
            },
            { side: 'Side by side', swipe: 'Swipe', delta: 'Delta' }[m],
          ),
        ),
      ),
      h('button', { 'data-key': 'compare-close', onclick: () => this.ctx.actions.closeCompare() }, 'Back to editing'),
    );
  }

  private applyMode(): void {
    this.maps.className = `compare-maps ${this.mode}`;
    this.paneB.hidden = this.mode === 'delta';
    this.swipe.hidden = this.mode !== 'swipe';
    this.swipeLine.hidden = this.mode !== 'swipe';
    this.swipeLine.style.left = `${this.swipe.value}%`;
    this.paneB.style.clipPath = this.mode === 'swipe' ? `inset(0 0 0 ${this.swipe.value}%)` : '';
    this.mapA?.resize();
    this.mapB?.resize();
  }

  async run(): Promise<void> {
    const [kind, file] = [this.bFile.slice(0, this.bFile.indexOf(':')), this.bFile.slice(this.bFile.indexOf(':') + 1)];
    const bText = kind === 'workspace' ? await api.workspaceFile(file) : await api.example(file);
    this.bDoc = new ScenarioDoc(bText);
    replaceChildren(this.progress, 'Starting…');
    const s = this.ctx.store;
    let view;
    try {
      view = await api.compare({ text: s.text.peek(), file: s.fileName.peek() }, { text: bText, file }, s.valueCase.peek());
    } catch (e) {
      replaceChildren(this.progress, h('span', { class: 'error' }, `Cannot compare: ${(e as Error).message}`));
      return;
    }
    const last = view.cached
      ? { type: 'done' as const }
      : await followJob(view.id, (ev) => {
          if (ev.type === 'progress')
            replaceChildren(
              this.progress,
              `Comparing — ${[ev.step, ev.phase].filter(Boolean).join(' · ')} `,
              h('progress', { max: 1, value: ev.total ? (ev.done ?? 0) / ev.total : 0 }),
            );
        });
    if (last.type !== 'done') {
      replaceChildren(this.progress, h('span', { class: 'error' }, `Compare ${last.type}: ${'message' in last ? (last.message ?? '') : ''}`));
      return;
    }
    const [result, rasters] = await Promise.all([api.result(view.id), api.rasters(view.id)]);
    if (result.kind !== 'compare') return;
    this.result = result;
    this.rasters = rasters;
    replaceChildren(this.progress, `A and B on A's grid (${result.a.grid.width}×${result.a.grid.height} cells) · ${(result.elapsedMs / 1000).toFixed(1)} s`);
    this.render();
  }

  /** Redraws maps and table for the store's target, altitude and layer. */
  render(): void {
    this.renderTable();
    if (!this.result || !this.rasters || !this.mapA || !this.mapB) return;
    const s = this.ctx.store;
    const threatId = s.threatId.peek();
    const altitudeM = s.altitudeM.peek();
    const { a, b } = this.result;
    const ia = a.runs.findIndex((r) => r.threatId === threatId && r.altitudeM === altitudeM);
    const ib = b.runs.findIndex((r) => r.threatId === threatId && r.altitudeM === altitudeM);
    const layer = s.layer.peek();
    const kind = layer === 'uncertainty' || layer === 'none' ? 'engage' : layer;
    let legend: LegendItem[] | undefined;
    if (this.mode === 'delta' && ia >= 0 && ib >= 0) {
      const n = a.grid.width * a.grid.height;
      const useDetect = kind === 'detect';
      const ra = a.runs[ia];
      const rb = b.runs[ib];
      const offA = useDetect ? ra.detectOffset : ra.engageOffset;
      const offB = useDetect ? rb.detectOffset : rb.engageOffset;
      const paint = deltaPaint(this.rasters.subarray(offA, offA + n), this.rasters.subarray(offB, offB + n));
      this.mapA.setCoverage(a.grid, paint);
      legend = paint.legend;
    } else {
      const pa = layerPaint(runRasters(a, this.rasters, ia), kind);
      this.mapA.setCoverage(a.grid, pa);
      this.mapB.setCoverage(b.grid, layerPaint(runRasters(b, this.rasters, ib), kind));
      legend = pa?.legend;
    }
    replaceChildren(
      this.legend,
      ...(legend ?? []).map((it) =>
        h('div', { class: 'legend-item' }, h('span', { class: 'swatch', style: `background: rgb(${it.color[0]},${it.color[1]},${it.color[2]})` }), it.label),
      ),
    );
    const showRings = s.showRings.peek();
    const doc = s.doc.peek();
    this.mapA.setRings(showRings ? a.ringFeatures : undefined);
    this.mapB.setRings(showRings ? b.ringFeatures : undefined);
    this.mapA.setSites(doc.sites(), null, new Set());
    this.mapB.setSites(this.bDoc?.sites() ?? [], null, new Set());
    this.mapA.setJammers(doc.jammers());
    this.mapB.setJammers(this.bDoc?.jammers() ?? []);
    const places = (cov: CoverageJson, i: number) =>
      new Map(
        (cov.runs[i]?.metrics.places ?? []).map((p) => [p.name, p.engaged ? ('engaged' as const) : p.detected ? ('detected' as const) : ('clear' as const)]),
      );
    this.mapA.setPlaces(doc.places(), places(a, ia));
    this.mapB.setPlaces(this.bDoc?.places() ?? [], places(b, ib));
    this.setOpacity(s.opacity.peek());
  }

  private renderTable(): void {
    const s = this.ctx.store;
    const r = h('div', { class: 'right-body' });
    replaceChildren(this.table, r);
    if (!this.result) {
      replaceChildren(r, h('h2', {}, 'Compare'), h('p', { class: 'muted' }, 'Choose scenario B and run the comparison. A is the scenario under edit.'));
      return;
    }
    const { deltas } = this.result;
    const cur = deltas.find((d) => d.threatId === s.threatId.peek() && d.altitudeM === s.altitudeM.peek());
    replaceChildren(
      r,
      h('h2', {}, 'Engaged area: B − A'),
      h(
        'table',
        { class: 'metrics delta', 'aria-label': 'Delta table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'r' }, 'Altitude'),
            h('th', { class: 'r', title: 'engaged area in A, km²' }, 'A km²'),
            h('th', { class: 'r', title: 'engaged area in B, km²' }, 'B km²'),
            h('th', { class: 'r', title: 'B − A, km²' }, 'Δ km²'),
            h('th', { class: 'r', title: 'engaged in B only, km²' }, 'gained'),
            h('th', { class: 'r', title: 'engaged in A only, km²' }, 'lost'),
          ),
        ),
        h(
          'tbody',
          {},
          deltas.flatMap((d, k) => [
            k === 0 || deltas[k - 1].threatId !== d.threatId ? h('tr', { class: 'group' }, h('td', { colspan: 6 }, d.threatName)) : null,
            h(
              'tr',
              { class: d === cur ? 'selected' : '', onclick: () => this.ctx.actions.pick({ threatId: d.threatId, altitudeM: d.altitudeM }) },
              h(
                'td',
                { class: 'r' },
                h('button', { class: 'link', 'aria-label': `Show ${d.threatName} at ${d.altitudeM} m` }, `${d.altitudeM.toLocaleString('en-US')} m`),
              ),
              h('td', { class: 'r' }, fmtArea(d.engageAreaA)),
              h('td', { class: 'r' }, fmtArea(d.engageAreaB)),
              h('td', { class: `r ${d.engageAreaB > d.engageAreaA ? 'bad' : ''}` }, fmtSigned(d.engageAreaB - d.engageAreaA)),
              h('td', { class: 'r' }, fmtArea(d.engage.gainedAreaKm2)),
              h('td', { class: 'r' }, fmtArea(d.engage.lostAreaKm2)),
            ),
          ]),
        ),
      ),
      cur ? h('h2', {}, 'Places', h('span', { class: 'muted small' }, ` · ${cur.threatName} at ${cur.altitudeM.toLocaleString('en-US')} m`)) : null,
      cur
        ? h(
            'table',
            { class: 'places', 'aria-label': 'Places, A vs B' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Place'), h('th', { class: 'r' }, 'Lowest engaged A'), h('th', { class: 'r' }, 'B'))),
            h(
              'tbody',
              {},
              cur.places.map((p) =>
                h(
                  'tr',
                  {},
                  h('td', {}, p.name),
                  h('td', { class: 'r' }, fmtAlt(p.lowestEngagedAltitudeA)),
                  h('td', { class: `r ${p.lowestEngagedAltitudeB !== p.lowestEngagedAltitudeA ? 'changed' : ''}` }, fmtAlt(p.lowestEngagedAltitudeB)),
                ),
              ),
            ),
          )
        : null,
      h('p', { class: 'muted small' }, 'Both scenarios are analysed on A’s grid with the same value case. Rows are the (target, altitude) pairs both analyse.'),
    );
  }
}
