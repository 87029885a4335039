/**
 * The workbench: one scenario under edit (a YAML document), its validation problems, the coverage
 * job that follows every valid edit, and the panels that show them. State lives here; panels are
 * re-drawn from it by the render functions below.
 */
import { api, ApiError, followJob, type CoverageJson, type InputProblem, type JobEvent, type System, type Threat, type ValueCase, type WorkspaceFile } from './api.js';
import { CompareView } from './compare.js';
import { RaidPanel } from './raids.js';
import { MapView, type Basemap } from './map/map-view.js';
import { layerPaint, type LayerKind, type LegendItem } from './map/raster.js';
import { newScenarioText, ScenarioDoc, type JammerView } from './scenario-doc.js';
import { fmtAlt, fmtArea, fmtKm, fmtPct, h, replaceChildren } from './ui/dom.js';
import { explanationView, scenarioSourcesView, sourceList } from './ui/explain-view.js';
import type { ExplainSubject } from './api.js';

export interface Example {
  file: string;
  name: string;
  valid: boolean;
}

type Tab = 'scenario' | 'yaml' | 'sources';
type AddMode = 'site' | 'place' | null;

/** Timings the browser tests read: edit → coverage painted. */
export interface Timing {
  /** Edit → painted, and its parts: until the job was accepted, computed, fetched. */
  ms: number;
  submitMs: number;
  computeMs: number;
  fetchMs: number;
  paintMs: number;
  serverComputeMs: number;
}

const LAYERS: { id: LayerKind; label: string; disabled?: string }[] = [
  { id: 'engage', label: 'Engagement zone' },
  { id: 'detect', label: 'Detection' },
  { id: 'seen', label: 'Detected, not engageable' },
  { id: 'overlap', label: 'Overlapping zones (count)' },
  { id: 'ring', label: 'Range ring vs real coverage' },
  { id: 'uncertainty', label: 'Uncertainty band (low–high sources)' },
  { id: 'mda', label: 'Minimum detectable altitude' },
  { id: 'none', label: 'No coverage layer' },
];

export class App {
  catalog!: { systems: System[]; threats: Threat[] };
  examples: Example[] = [];
  workspace: { dir: string; files: WorkspaceFile[] } = { dir: '', files: [] };
  doc!: ScenarioDoc;
  fileName = 'scenario.yaml';
  origin = '';
  dirty = false;
  problems: InputProblem[] = [];
  valueCase: ValueCase = 'nominal';
  uncertainty = false;
  autoRun = true;
  layer: LayerKind = 'engage';
  opacity = 0.6;
  showRings = true;
  online = false;
  threatId = '';
  altitudeM = 0;
  selectedSite: number | null = null;
  selectedJammer: number | null = null;
  tab: Tab = 'scenario';
  analysisOpen = false;
  rightTab: 'coverage' | 'raids' = 'coverage';
  readonly raids = new RaidPanel(this);
  addMode: AddMode = null;
  coverage: CoverageJson | null = null;
  rasters: Uint8Array | null = null;
  /** Text the shown coverage was computed from (to tell when it is stale). */
  coverageText = '';
  job: { id: string; event: JobEvent; text: string; abort: AbortController } | null = null;
  lastTiming: Timing | null = null;
  private editAt = 0;
  private validateTimer = 0;
  private validateSeq = 0;
  map!: MapView;
  compare: CompareView | null = null;
  readonly el: Record<string, HTMLElement> = {};

  constructor(private readonly root: HTMLElement) {}

  async start(): Promise<void> {
    this.layout();
    const [catalog, basemap, examples, workspace] = await Promise.all([api.catalog(), api.basemap() as Promise<unknown> as Promise<Basemap>, api.examples(), api.workspace()]);
    this.catalog = catalog;
    this.examples = examples;
    this.workspace = workspace;
    this.map = new MapView(this.el.map, basemap, {
      onSiteMove: (i, lon, lat) => this.edit(() => this.doc.moveSite(i, lon, lat), { keepFocusOnSite: i }),
      onSiteSelect: (i) => this.selectSite(i, true),
      onSiteDelete: (i) => this.deleteSite(i),
      onPlaceMove: (i, lon, lat) => this.edit(() => this.doc.movePlace(i, lon, lat)),
      onPlaceSelect: (i) => this.explain({ kind: 'place', name: this.doc.places()[i].name }),
      onJammerMove: (i, lon, lat) => this.edit(() => this.doc.moveJammer(i, lon, lat)),
      onJammerSelect: (i) => this.selectJammer(i),
      onMapClick: (lon, lat) => this.mapClick(lon, lat),
    });
    await this.map.ready;
    const wanted = new URLSearchParams(location.hash.slice(1)).get('example');
    const first = examples.find((e) => e.file === wanted) ?? examples.find((e) => e.valid) ?? examples[0];
    if (first) await this.openExample(first.file);
    else this.openText(newScenarioText(catalog.systems[0]?.id ?? 's-75', catalog.threats[0]?.id ?? 'f-16'), 'new-scenario.yaml', 'new');
    (window as unknown as { parapet: App }).parapet = this;
  }

  // ---------------------------------------------------------------- layout

  private layout(): void {
    const e = this.el;
    e.header = h('header', { class: 'topbar' });
    e.left = h('aside', { class: 'left panel', 'aria-label': 'Scenario' });
    e.mapWrap = h('main', { class: 'map-wrap' });
    e.map = h('div', { class: 'map', id: 'map', 'aria-label': 'Map' });
    e.legend = h('div', { class: 'legend', 'aria-live': 'polite' });
    e.status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
    e.compareWrap = h('div', { class: 'compare-wrap', hidden: true });
    e.mapWrap.append(e.map, e.compareWrap, e.legend, e.status);
    e.right = h('aside', { class: 'right panel', 'aria-label': 'Results' });
    e.drawer = h('aside', { class: 'drawer', hidden: true, 'aria-label': 'Explanation', tabindex: -1 });
    this.root.replaceChildren(h('div', { class: 'shell' }, e.header, e.left, e.mapWrap, e.right, e.drawer));
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') {
        if (!e.drawer.hidden) this.closeDrawer();
        else if (this.addMode) this.setAddMode(null);
      }
    });
  }

  // ---------------------------------------------------------------- opening and saving

  async openExample(file: string): Promise<void> {
    this.openText(await api.example(file), file, 'example');
  }

  async openWorkspaceFile(file: string): Promise<void> {
    this.openText(await api.workspaceFile(file), file, 'workspace');
  }

  openText(text: string, fileName: string, origin: string): void {
    this.doc = new ScenarioDoc(text);
    this.fileName = fileName;
    this.origin = origin;
    this.dirty = false;
    this.selectedSite = null;
    this.selectedJammer = null;
    this.coverage = null;
    this.rasters = null;
    this.coverageText = '';
    const a = this.doc.analysis();
    this.threatId = a.threats[0] ?? '';
    this.altitudeM = a.altitudesM[0] ?? 0;
    const bbox = this.doc.bbox();
    if (bbox) this.map.fitBbox(bbox);
    this.renderAll();
    this.scheduleValidate(0);
  }

  async save(): Promise<void> {
    let name = this.fileName;
    if (this.origin !== 'workspace') {
      const asked = prompt('Save to the workspace as:', name.replace(/\.ya?ml$/, '') + (this.origin === 'example' ? '-edited.yaml' : '.yaml'));
      if (!asked) return;
      name = /\.ya?ml$/.test(asked) ? asked : `${asked}.yaml`;
    }
    try {
      const r = await api.save(name, this.doc.text);
      this.fileName = r.saved.name;
      this.origin = 'workspace';
      this.dirty = false;
      this.workspace = await api.workspace();
      this.flash(`Saved ${r.saved.name} to ${this.workspace.dir}${r.problems.length ? ` (with ${r.problems.length} problem(s) still to fix)` : ''}`);
    } catch (e) {
      this.flash(`Not saved: ${(e as Error).message}`, true);
    }
    this.renderHeader();
  }

  download(): void {
    const blob = new Blob([this.doc.text], { type: 'text/yaml' });
    const a = h('a', { href: URL.createObjectURL(blob), download: this.fileName });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  async upload(file: File): Promise<void> {
    this.openText(await file.text(), file.name, 'upload');
  }

  // ---------------------------------------------------------------- editing

  /** Applies an edit to the YAML document, then re-validates (and re-runs when valid). */
  edit(fn: () => void, opts: { keepFocusOnSite?: number } = {}): void {
    fn();
    this.dirty = true;
    this.editAt = performance.now();
    this.lastTiming = null;
    this.renderMarkers();
    this.renderLeft();
    this.renderHeader();
    if (opts.keepFocusOnSite !== undefined) {
      const s = this.doc.sites()[opts.keepFocusOnSite];
      if (s && document.activeElement === document.body) this.map.focusSite(s.id);
    }
    this.scheduleValidate(0);
  }

  /** Text typed in the YAML editor. */
  setText(text: string): void {
    this.doc = new ScenarioDoc(text);
    this.dirty = true;
    this.editAt = performance.now();
    this.renderMarkers();
    this.renderHeader();
    this.scheduleValidate(400);
  }

  private scheduleValidate(delayMs: number): void {
    clearTimeout(this.validateTimer);
    this.validateTimer = window.setTimeout(() => void this.validate(), delayMs);
  }

  private async validate(): Promise<void> {
    const seq = ++this.validateSeq;
    const text = this.doc.text;
    let r: { ok: boolean; problems: InputProblem[] };
    try {
      r = await api.validate(text, this.fileName);
    } catch (e) {
      this.flash(`Cannot validate: ${(e as Error).message}`, true);
      return;
    }
    if (seq !== this.validateSeq) return;
    this.problems = r.problems;
    this.renderLeft();
    this.renderMarkers();
    this.renderHeader();
    if (r.ok && this.autoRun) void this.run();
    else if (!r.ok) this.flash(`${r.problems.length} problem(s) in the scenario — see the Scenario and YAML tabs`, true);
  }

  selectSite(i: number | null, explain: boolean): void {
    this.selectedSite = i;
    this.tab = 'scenario';
    this.renderLeft();
    this.renderMarkers();
    if (i !== null && explain) {
      const s = this.doc.sites()[i];
      if (s) void this.explain({ kind: 'site', id: s.id });
    }
  }

  /** Shows a stand-off jammer in the Sites & places list (jammers are edited in the YAML). */
  selectJammer(i: number | null): void {
    this.selectedJammer = i;
    this.tab = 'scenario';
    this.renderLeft();
    this.renderMarkers();
    if (i !== null) this.el.left.querySelector<HTMLElement>(`[data-key="jammer-${i}"]`)?.scrollIntoView({ block: 'nearest' });
  }

  deleteSite(i: number): void {
    const s = this.doc.sites()[i];
    if (!s || !confirm(`Delete site ${s.id}?`)) return;
    this.selectedSite = null;
    this.edit(() => this.doc.deleteSite(i));
  }

  setAddMode(m: AddMode): void {
    this.addMode = m;
    this.el.map.classList.toggle('adding', m !== null);
    this.renderLeft();
    if (m) this.flash(`Click on the map to add a ${m} (Esc to stop)`);
  }

  private mapClick(lon: number, lat: number): void {
    if (!this.addMode && this.vcdSite && !this.el.drawer.hidden) {
      void this.showVcd(this.vcdSite, { toLonDeg: lon, toLatDeg: lat });
      return;
    }
    if (this.addMode === 'site') {
      const system = this.doc.sites()[0]?.system || this.catalog.systems[0]?.id || 's-75';
      const id = this.doc.freeSiteId(`${system}-new`);
      let idx = 0;
      this.edit(() => (idx = this.doc.addSite({ id, system, lon, lat })));
      this.setAddMode(null);
      this.selectSite(idx, false);
    } else if (this.addMode === 'place') {
      const used = new Set(this.doc.places().map((p) => p.name));
      let n = 1;
      while (used.has(`Place ${n}`)) n++;
      this.edit(() => this.doc.addPlace({ name: `Place ${n}`, lon, lat }));
      this.setAddMode(null);
    }
  }

  // ---------------------------------------------------------------- running

  async run(): Promise<void> {
    const text = this.doc.text;
    if (this.job && this.job.text === text) return;
    if (this.job) this.cancel();
    const abort = new AbortController();
    const editAt = this.editAt;
    let view;
    try {
      view = await api.coverage(text, this.fileName, this.valueCase, this.uncertainty);
    } catch (e) {
      if (e instanceof ApiError && e.problems.length) {
        this.problems = e.problems;
        this.renderLeft();
      }
      this.flash(`Cannot run: ${(e as Error).message}`, true);
      return;
    }
    const submittedAt = performance.now();
    const job: NonNullable<App['job']> = { id: view.id, event: { type: 'progress', phase: view.status }, text, abort };
    this.job = job;
    this.renderStatus();
    const last = view.cached ? ({ type: 'done' } as JobEvent) : await followJob(view.id, (ev) => {
      if (this.job !== job) return;
      job.event = ev;
      this.renderStatus();
    }, abort.signal);
    if (this.job !== job) return;
    if (last.type !== 'done') {
      this.job = null;
      this.flash(last.type === 'cancelled' ? 'Cancelled' : `Failed: ${last.message ?? 'unknown error'}`, last.type !== 'cancelled');
      return;
    }
    const doneAt = performance.now();
    const [result, rasters] = await Promise.all([api.result(view.id), api.rasters(view.id)]);
    if (this.job !== job) return;
    this.job = null;
    if (result.kind !== 'coverage') return;
    const fetchedAt = performance.now();
    this.coverage = result.coverage;
    this.rasters = rasters;
    this.coverageText = text;
    if (!this.coverage.threats.some((t) => t.id === this.threatId)) this.threatId = this.coverage.threats[0]?.id ?? '';
    if (!this.coverage.runs.some((r) => r.altitudeM === this.altitudeM)) this.altitudeM = this.coverage.runs[0]?.altitudeM ?? 0;
    this.renderCoverage();
    this.renderRight();
    this.renderHeader();
    this.renderMarkers();
    // Wait for the map to draw the new image before taking the time.
    this.map.map.once('idle', () => {
      const paintedAt = performance.now();
      if (editAt > 0) {
        this.lastTiming = {
          ms: paintedAt - editAt,
          submitMs: submittedAt - editAt,
          computeMs: doneAt - submittedAt,
          fetchMs: fetchedAt - doneAt,
          paintMs: paintedAt - fetchedAt,
          serverComputeMs: result.coverage.elapsedMs,
        };
        this.editAt = 0;
      }
      this.renderStatus();
    });
    this.map.map.triggerRepaint();
  }

  cancel(): void {
    const j = this.job;
    if (!j) return;
    this.job = null;
    j.abort.abort();
    void api.cancel(j.id).catch(() => undefined);
    this.renderStatus();
  }

  private runIndex(): number {
    return this.coverage?.runs.findIndex((r) => r.threatId === this.threatId && r.altitudeM === this.altitudeM) ?? -1;
  }

  // ---------------------------------------------------------------- explanations

  async explain(subject: ExplainSubject): Promise<void> {
    const d = this.el.drawer;
    this.vcdSite = null;
    d.hidden = false;
    replaceChildren(d, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const e = await api.explain({ text: this.doc.text, file: this.fileName, valueCase: this.valueCase, subject, threatId: this.threatId || undefined, altitudeM: this.altitudeM || undefined });
      replaceChildren(d, h('button', { class: 'close', 'aria-label': 'Close the explanation', onclick: () => this.closeDrawer() }, '×'), explanationView(e));
      if (subject.kind === 'site' && this.threatId) void this.showVcd(subject.id);
    } catch (err) {
      replaceChildren(d, h('button', { class: 'close', 'aria-label': 'Close', onclick: () => this.closeDrawer() }, '×'), h('p', { class: 'error' }, (err as Error).message));
    }
    d.focus();
  }

  /** Site whose diagram is open in the drawer (a map click then cuts the diagram toward it). */
  vcdSite: string | null = null;

  /** The vertical coverage diagram of a site, under its explanation; `cut` picks an azimuth. */
  async showVcd(siteId: string, cut: { azimuthDeg?: number; toLonDeg?: number; toLatDeg?: number } = {}): Promise<void> {
    const slot = this.el.drawer.querySelector<HTMLElement>('.vcd-slot');
    if (!slot) return;
    this.vcdSite = siteId;
    const azimuth = h('input', { type: 'number', min: 0, max: 360, step: 1, value: cut.azimuthDeg ?? '', placeholder: 'deg', 'aria-label': 'Azimuth of the cut, degrees from north', 'data-key': 'vcd-az' }) as HTMLInputElement;
    const controls = h(
      'form',
      { class: 'vcd-cut', onsubmit: (e: Event) => {
        e.preventDefault();
        const v = Number(azimuth.value);
        void this.showVcd(siteId, azimuth.value.trim() === '' || !Number.isFinite(v) ? {} : { azimuthDeg: v });
      } },
      h('label', {}, 'Cut along azimuth ', azimuth, '°'),
      h('button', { type: 'submit', class: 'small', 'data-key': 'vcd-cut' }, 'Draw'),
      h('span', { class: 'muted small' }, ' or click the map toward a point. The terrain profile shows when the scenario has terrain.'),
    );
    const head = h('h3', {}, 'Vertical coverage diagram');
    replaceChildren(slot, head, controls, h('p', { class: 'muted' }, 'Drawing…'));
    try {
      const svg = await api.vcd({ text: this.doc.text, file: this.fileName, siteId, threatId: this.threatId, valueCase: this.valueCase, ...cut });
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      const img = h('img', { src: url, class: 'vcd', alt: `Vertical coverage diagram of ${siteId} against ${this.threatId}` });
      replaceChildren(slot, head, controls, h('a', { href: url, target: '_blank', rel: 'noopener', title: 'Open full size' }, img));
    } catch (e) {
      replaceChildren(slot, head, controls, h('p', { class: 'error' }, (e as Error).message));
    }
  }

  closeDrawer(): void {
    this.el.drawer.hidden = true;
    this.vcdSite = null;
  }

  // ---------------------------------------------------------------- compare

  async openCompare(): Promise<void> {
    this.el.map.hidden = true;
    this.el.compareWrap.hidden = false;
    this.el.mapWrap.classList.add('comparing');
    this.compare ??= new CompareView(this, this.el.compareWrap);
    await this.compare.open();
  }

  closeCompare(): void {
    this.compare?.close();
    this.el.compareWrap.hidden = true;
    this.el.mapWrap.classList.remove('comparing');
    this.el.map.hidden = false;
    this.map.resize();
    this.renderRight();
    this.renderLegend();
  }

  // ---------------------------------------------------------------- rendering

  renderAll(): void {
    this.renderHeader();
    this.renderLeft();
    this.renderMarkers();
    this.renderCoverage();
    this.renderRight();
    this.renderStatus();
  }

  flash(msg: string, error = false): void {
    this.el.status.dataset.flash = msg;
    this.el.status.classList.toggle('error', error);
    this.renderStatus();
  }

  renderStatus(): void {
    const s = this.el.status;
    const j = this.job;
    if (j) {
      const ev = j.event;
      const frac = ev.total ? (ev.done ?? 0) / ev.total : 0;
      const what = [ev.step, ev.phase].filter(Boolean).join(' · ');
      replaceChildren(
        s,
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', {}, `Computing coverage — ${what} `),
        h('progress', { max: 1, value: frac, 'aria-label': 'progress' }),
        h('button', { class: 'small', onclick: () => this.cancel(), 'data-key': 'cancel' }, 'Cancel'),
      );
      s.classList.remove('error');
      s.classList.add('busy');
      return;
    }
    s.classList.remove('busy');
    const parts: (string | HTMLElement)[] = [];
    if (s.dataset.flash) parts.push(s.dataset.flash);
    else if (this.coverage) {
      const stale = this.coverageText !== this.doc.text;
      parts.push(`${stale ? 'Showing the last valid run · ' : ''}${this.coverage.grid.width}×${this.coverage.grid.height} cells of ${this.coverage.grid.resolutionM >= 1000 ? `${this.coverage.grid.resolutionM / 1000} km` : `${this.coverage.grid.resolutionM} m`} · ${this.coverage.visibilityLabel} · ${(this.coverage.elapsedMs / 1000).toFixed(1)} s`);
      if (this.lastTiming) parts.push(h('span', { class: 'timing', 'data-ms': this.lastTiming.ms.toFixed(0) }, ` · edit → map ${(this.lastTiming.ms / 1000).toFixed(1)} s`));
    }
    replaceChildren(s, ...parts);
    delete s.dataset.flash;
  }

  renderHeader(): void {
    const hdr = this.el.header;
    const a = this.doc?.analysis() ?? { threats: [], altitudesM: [], altitudeReference: 'msl' };
    const threats = this.coverage?.threats.map((t) => ({ id: t.id, name: t.name })) ?? a.threats.map((id) => ({ id, name: this.catalog?.threats.find((t) => t.id === id)?.name ?? id }));
    const alts = this.coverage ? [...new Set(this.coverage.runs.map((r) => r.altitudeM))] : a.altitudesM;
    const fileInput = h('input', { type: 'file', accept: '.yaml,.yml,.json', hidden: true, onchange: (e: Event) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) void this.upload(f);
    } }) as HTMLInputElement;
    const openSel = h(
      'select',
      { 'aria-label': 'Open a scenario', 'data-key': 'open', onchange: (e: Event) => {
        const v = (e.target as HTMLSelectElement).value;
        (e.target as HTMLSelectElement).value = '';
        if (v.startsWith('example:')) void this.openExample(v.slice(8));
        else if (v.startsWith('workspace:')) void this.openWorkspaceFile(v.slice(10));
        else if (v === 'new') this.openText(newScenarioText(this.catalog.systems[0]?.id ?? 's-75', this.catalog.threats[0]?.id ?? 'f-16'), 'new-scenario.yaml', 'new');
        else if (v === 'upload') fileInput.click();
      } },
      h('option', { value: '' }, 'Open…'),
      h('optgroup', { label: 'Examples' }, this.examples.map((e) => h('option', { value: `example:${e.file}` }, `${e.name}${e.valid ? '' : ' (has problems)'}`))),
      this.workspace.files.length ? h('optgroup', { label: `Workspace (${this.workspace.dir})` }, this.workspace.files.map((f) => h('option', { value: `workspace:${f.name}` }, f.name))) : null,
      h('optgroup', { label: 'Other' }, h('option', { value: 'new' }, 'New scenario'), h('option', { value: 'upload' }, 'Upload a YAML file…')),
    );
    const runIdx = this.runIndex();
    replaceChildren(
      hdr,
      h('div', { class: 'brand' }, h('strong', {}, 'Parapet'), h('span', { class: 'muted' }, ' workbench')),
      h(
        'div',
        { class: 'group file' },
        h('span', { class: 'scenario-name', title: `${this.fileName} (${this.origin})` }, this.doc?.name ?? '', this.dirty ? h('span', { class: 'dirty', title: 'unsaved changes' }, ' ●') : null),
        openSel,
        fileInput,
        h('button', { onclick: () => this.download(), title: 'Download the YAML', 'data-key': 'download' }, 'Download'),
        h('button', { onclick: () => void this.save(), title: 'Save to the workspace folder', 'data-key': 'save' }, 'Save'),
      ),
      h(
        'div',
        { class: 'group analysis' },
        h('label', {}, 'Target ', h('select', { 'data-key': 'threat', onchange: (e: Event) => this.pick({ threatId: (e.target as HTMLSelectElement).value }) }, threats.map((t) => h('option', { value: t.id, selected: t.id === this.threatId }, t.name)))),
        h('label', {}, 'Altitude ', h('select', { 'data-key': 'altitude', onchange: (e: Event) => this.pick({ altitudeM: Number((e.target as HTMLSelectElement).value) }) }, alts.map((m) => h('option', { value: m, selected: m === this.altitudeM }, `${m.toLocaleString('en-US')} m ${a.altitudeReference.toUpperCase()}`)))),
        h('label', {}, 'Layer ', h('select', { 'data-key': 'layer', onchange: (e: Event) => this.pick({ layer: (e.target as HTMLSelectElement).value as LayerKind }) }, LAYERS.map((l) => h('option', { value: l.id, selected: l.id === this.layer, disabled: Boolean(l.disabled) || (l.id === 'uncertainty' && !this.uncertainty), title: l.disabled ?? (l.id === 'uncertainty' && !this.uncertainty ? 'tick “Spread” to compute the low and high cases' : '') }, l.label)))),
        h('label', {}, 'Opacity ', h('input', { type: 'range', min: 0.1, max: 1, step: 0.05, value: this.opacity, 'data-key': 'opacity', 'aria-label': 'Layer opacity', oninput: (e: Event) => {
          this.opacity = Number((e.target as HTMLInputElement).value);
          this.map.setOpacity(this.opacity);
          this.compare?.setOpacity(this.opacity);
        } })),
        h('label', { title: 'Which end of the sourced spread to use' }, 'Values ', h('select', { 'data-key': 'case', onchange: (e: Event) => {
          this.valueCase = (e.target as HTMLSelectElement).value as ValueCase;
          void this.run();
        } }, (['nominal', 'low', 'high'] as const).map((c) => h('option', { value: c, selected: c === this.valueCase }, c)))),
        h('label', { class: 'check', title: 'Also run the low and high readings of the sources (3× the work) for the uncertainty band' }, h('input', { type: 'checkbox', checked: this.uncertainty, 'data-key': 'spread', onchange: (e: Event) => {
          this.uncertainty = (e.target as HTMLInputElement).checked;
          if (this.uncertainty) this.layer = 'uncertainty';
          else if (this.layer === 'uncertainty') this.layer = 'engage';
          void this.run();
          this.renderHeader();
        } }), 'Spread'),
        h('label', { class: 'check' }, h('input', { type: 'checkbox', checked: this.showRings, 'data-key': 'rings', onchange: (e: Event) => {
          this.showRings = (e.target as HTMLInputElement).checked;
          this.renderCoverage();
        } }), 'Rings'),
      ),
      h(
        'div',
        { class: 'group actions' },
        h('label', { class: 'check', title: 'Re-run after every valid edit' }, h('input', { type: 'checkbox', checked: this.autoRun, 'data-key': 'auto', onchange: (e: Event) => (this.autoRun = (e.target as HTMLInputElement).checked) }), 'Auto'),
        h('button', { class: 'primary', 'data-key': 'run', onclick: () => void this.run(), disabled: this.problems.length > 0 }, 'Run'),
        h('button', { 'data-key': 'compare', onclick: () => void this.openCompare() }, 'Compare…'),
        h('select', { 'aria-label': 'Basemap', 'data-key': 'basemap', onchange: (e: Event) => {
          this.online = (e.target as HTMLSelectElement).value === 'osm';
          this.map.setOnlineBasemap(this.online);
        } }, h('option', { value: 'offline', selected: !this.online }, 'Offline basemap'), h('option', { value: 'osm', selected: this.online }, 'OpenStreetMap (online)')),
      ),
    );
    void runIdx;
  }

  private pick(p: { threatId?: string; altitudeM?: number; layer?: LayerKind }): void {
    Object.assign(this, p);
    this.renderCoverage();
    this.renderRight();
    this.renderMarkers();
    this.compare?.render();
  }

  renderCoverage(): void {
    if (!this.map) return;
    const i = this.runIndex();
    const paint = this.coverage && this.rasters && i >= 0 ? layerPaint(this.coverage, this.rasters, i, this.layer) : undefined;
    this.map.setCoverage(this.coverage?.grid, paint);
    this.map.setOpacity(this.opacity);
    this.map.setRings(this.showRings ? this.coverage?.ringFeatures : undefined);
    this.renderLegend(paint?.legend);
  }

  renderLegend(items?: LegendItem[]): void {
    const t = this.coverage?.threats.find((x) => x.id === this.threatId);
    replaceChildren(
      this.el.legend,
      ...(items?.length
        ? [
            h('div', { class: 'legend-title' }, this.layer === 'mda' ? `Lowest altitude at which a ${t?.name ?? 'target'} is detected` : `${t?.name ?? ''} at ${this.altitudeM.toLocaleString('en-US')} m`),
            ...items.map((it) => h('div', { class: 'legend-item' }, h('span', { class: 'swatch', style: `background: rgba(${it.color[0]},${it.color[1]},${it.color[2]},${this.opacity})` }), it.label)),
          ]
        : []),
      ...(this.showRings && this.coverage
        ? [
            h('div', { class: 'legend-item' }, h('span', { class: 'line missile' }), 'missile range ring'),
            h('div', { class: 'legend-item' }, h('span', { class: 'line radar' }), 'radar instrumented range'),
          ]
        : []),
      ...(this.doc?.jammers().length
        ? [h('div', { class: 'legend-item' }, h('span', { class: 'jam dot status-confirmed', 'aria-hidden': 'true' }), 'stand-off jammer (noise)')]
        : []),
    );
  }

  renderMarkers(): void {
    if (!this.map || !this.doc) return;
    const withProblems = new Set<number>();
    for (const p of this.problems) {
      const m = /^sites\[(\d+)\]/.exec(p.path);
      if (m) withProblems.add(Number(m[1]));
    }
    this.map.setSites(this.doc.sites(), this.selectedSite, withProblems);
    const jammerProblems = new Set<number>();
    for (const p of this.problems) {
      const m = /^jammers\[(\d+)\]/.exec(p.path);
      if (m) jammerProblems.add(Number(m[1]));
    }
    this.map.setJammers(this.doc.jammers(), this.selectedJammer, jammerProblems);
    const outcome = new Map<string, 'engaged' | 'detected' | 'clear'>();
    const run = this.coverage?.runs[this.runIndex()];
    for (const p of run?.metrics.places ?? []) outcome.set(p.name, p.engaged ? 'engaged' : p.detected ? 'detected' : 'clear');
    this.map.setPlaces(this.doc.places(), outcome);
  }

  renderLeft(): void {
    const tabs: [Tab, string][] = [
      ['scenario', `Sites & places`],
      ['yaml', `YAML${this.problems.length ? ` (${this.problems.length})` : ''}`],
      ['sources', 'Sources'],
    ];
    const bar = h(
      'div',
      { class: 'tabs', role: 'tablist' },
      tabs.map(([id, label]) =>
        h('button', { role: 'tab', 'aria-selected': String(this.tab === id), class: this.tab === id ? 'tab active' : 'tab', 'data-key': `tab-${id}`, onclick: () => {
          this.tab = id;
          this.renderLeft();
        } }, label),
      ),
    );
    let body: HTMLElement;
    if (this.tab === 'scenario') body = this.scenarioPanel();
    else if (this.tab === 'yaml') body = this.yamlPanel();
    else {
      body = h('div', { class: 'muted' }, 'Loading sources…');
      const jammers = this.jammerSourcesView();
      void api.sources(this.doc.text, this.fileName).then(
        (r) => body.replaceWith(jammers ? h('div', {}, jammers, scenarioSourcesView(r.sources)) : scenarioSourcesView(r.sources)),
        (e: Error) => body.replaceWith(h('p', { class: 'error' }, `Fix the scenario's problems to list its sources (${e.message})`)),
      );
    }
    replaceChildren(this.el.left, bar, body);
  }

  private problemsAt(prefix: string): InputProblem[] {
    return this.problems.filter((p) => p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`));
  }

  private scenarioPanel(): HTMLElement {
    const sites = this.doc.sites();
    const places = this.doc.places();
    const general = this.problems.filter((p) => !/^(sites|places|jammers)\[/.test(p.path));
    const sel = this.selectedSite !== null ? sites[this.selectedSite] : undefined;
    return h(
      'div',
      { class: 'scenario-panel' },
      general.length ? h('ul', { class: 'problems' }, general.map((p) => h('li', {}, `${p.line}:${p.col} ${p.path ? `${p.path}: ` : ''}${p.message}`))) : null,
      h(
        'div',
        { class: 'section-head' },
        h('h2', {}, `Sites (${sites.length})`),
        h('button', { class: this.addMode === 'site' ? 'small active' : 'small', 'data-key': 'add-site', 'aria-pressed': String(this.addMode === 'site'), onclick: () => this.setAddMode(this.addMode === 'site' ? null : 'site') }, '+ Site'),
      ),
      h(
        'ul',
        { class: 'site-list' },
        sites.map((s) => {
          const probs = this.problemsAt(`sites[${s.index}]`);
          return h(
            'li',
            { class: `${s.index === this.selectedSite ? 'selected' : ''} ${probs.length ? 'has-problem' : ''}` },
            h('button', { class: 'link', 'data-key': `site-${s.index}`, onclick: () => this.selectSite(s.index, false) }, h('span', { class: `dot status-${s.status}` }), s.id),
            h('span', { class: 'muted' }, ` ${s.system} · ${s.status}`),
            probs.length ? h('span', { class: 'badge', title: probs.map((p) => p.message).join('\n') }, `${probs.length}`) : null,
          );
        }),
      ),
      sel ? this.siteForm(sel) : h('p', { class: 'muted hint' }, 'Select a site to edit it; drag it on the map, or focus it and use the arrow keys (Shift: ×10).'),
      this.jammerPanel(),
      this.analysisForm(),
      h(
        'div',
        { class: 'section-head' },
        h('h2', {}, `Places (${places.length})`),
        h('button', { class: this.addMode === 'place' ? 'small active' : 'small', 'data-key': 'add-place', 'aria-pressed': String(this.addMode === 'place'), onclick: () => this.setAddMode(this.addMode === 'place' ? null : 'place') }, '+ Place'),
      ),
      h(
        'ul',
        { class: 'place-list' },
        places.map((p) => {
          const probs = this.problemsAt(`places[${p.index}]`);
          return h(
            'li',
            { class: probs.length ? 'has-problem' : '' },
            h('input', { 'aria-label': `Place ${p.index + 1} name`, value: p.name, 'data-key': `place-name-${p.index}`, onchange: (e: Event) => this.edit(() => this.doc.setPlaceField(p.index, 'name', (e.target as HTMLInputElement).value)) }),
            h('span', { class: 'muted coords' }, `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`),
            h('button', { class: 'small', 'aria-label': `Delete place ${p.name}`, 'data-key': `place-del-${p.index}`, onclick: () => this.edit(() => this.doc.deletePlace(p.index)) }, '×'),
            probs.length ? h('div', { class: 'field-problem' }, probs.map((x) => x.message).join('; ')) : null,
          );
        }),
      ),
    );
  }

  /** Targets, altitudes, altitude reference and grid resolution of the analysis. */
  private analysisForm(): HTMLElement {
    const a = this.doc.analysis();
    const probs = (prefix: string) => this.problemsAt(prefix);
    const problemLine = (prefix: string) => {
      const p = probs(prefix);
      return p.length ? h('div', { class: 'field-problem', role: 'alert' }, p.map((x) => `${x.line}:${x.col} ${x.message}`).join('; ')) : null;
    };
    return h(
      'details',
      { class: 'analysis-form', open: this.analysisOpen, ontoggle: (e: Event) => (this.analysisOpen = (e.target as HTMLDetailsElement).open) },
      h('summary', {}, h('h2', {}, 'Analysis')),
      h(
        'fieldset',
        { class: 'threats' },
        h('legend', {}, 'Targets'),
        this.catalog.threats.map((t) =>
          h('label', { class: 'check-row' }, h('input', { type: 'checkbox', checked: a.threats.includes(t.id), 'data-key': `threat-${t.id}`, onchange: (e: Event) => {
            const on = (e.target as HTMLInputElement).checked;
            const next = on ? [...a.threats, t.id] : a.threats.filter((x) => x !== t.id);
            this.edit(() => this.doc.setAnalysisList('threats', next));
          } }), ` ${t.name}`),
        ),
        problemLine('analysis.threats'),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'analysis-alts' }, 'Altitudes, m (comma-separated)'),
        h('input', { id: 'analysis-alts', value: a.altitudesM.join(', '), 'data-key': 'analysis-alts', onchange: (e: Event) => {
          const xs = (e.target as HTMLInputElement).value.split(/[,\s]+/).filter(Boolean).map(Number);
          this.edit(() => this.doc.setAnalysisList('altitudesM', xs));
        } }),
        problemLine('analysis.altitudesM'),
      ),
      h(
        'div',
        { class: 'row2' },
        h('div', { class: 'field' }, h('label', { for: 'analysis-ref' }, 'Altitudes above'), h('select', { id: 'analysis-ref', 'data-key': 'analysis-ref', onchange: (e: Event) => this.edit(() => this.doc.setAnalysisField('altitudeReference', (e.target as HTMLSelectElement).value)) }, h('option', { value: 'msl', selected: a.altitudeReference === 'msl' }, 'sea level (MSL)'), h('option', { value: 'agl', selected: a.altitudeReference === 'agl' }, 'ground (AGL)'))),
        h('div', { class: 'field' }, h('label', { for: 'analysis-res' }, 'Grid cell, m'), h('input', { id: 'analysis-res', type: 'number', min: 50, max: 50000, step: 50, value: this.doc.resolutionM() ?? '', 'data-key': 'analysis-res', onchange: (e: Event) => this.edit(() => this.doc.setResolutionM(Number((e.target as HTMLInputElement).value))) }), problemLine('region.resolutionM')),
      ),
    );
  }

  /** The scenario's stand-off jammers, listed like sites (status, type, altitude); null without any. */
  private jammerPanel(): HTMLElement | null {
    const jammers = this.doc.jammers();
    if (!jammers.length) return null;
    return h(
      'div',
      { class: 'jammer-panel' },
      h('div', { class: 'section-head' }, h('h2', {}, `Stand-off jammers (${jammers.length})`)),
      h(
        'ul',
        { class: 'site-list jammer-list', 'aria-label': 'Stand-off jammers' },
        jammers.map((j) => {
          const probs = this.problemsAt(`jammers[${j.index}]`);
          return h(
            'li',
            { class: `${j.index === this.selectedJammer ? 'selected' : ''} ${probs.length ? 'has-problem' : ''}`, 'data-key': `jammer-${j.index}` },
            h('button', { class: 'link', onclick: () => this.selectJammer(j.index === this.selectedJammer ? null : j.index) }, h('span', { class: `dot jam status-${j.status}` }), j.id),
            h('span', { class: 'muted' }, ` ${this.jammerLabel(j)}`),
            probs.length ? h('span', { class: 'badge', title: probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n') }, `${probs.length}`) : null,
          );
        }),
      ),
      this.selectedJammer !== null && jammers[this.selectedJammer] ? this.jammerDetail(jammers[this.selectedJammer]) : null,
      h('p', { class: 'muted hint' }, 'Drag a jammer on the map to move it (or focus it and use the arrow keys); edit the rest under jammers: in the YAML.'),
    );
  }

  /** "EA-18G … · reported · 9,000 m": the catalog name when the last run resolved it, else its id. */
  private jammerLabel(j: JammerView): string {
    const resolved = this.coverage?.jammers?.find((x) => x.entityId === j.id);
    const alt = Number.isFinite(j.altitudeM) ? ` · ${Math.round(j.altitudeM).toLocaleString('en-US')} m` : '';
    return `${resolved?.name ?? j.jammer} · ${j.status}${alt}`;
  }

  private jammerDetail(j: JammerView): HTMLElement {
    const resolved = this.coverage?.jammers?.find((x) => x.entityId === j.id);
    const probs = this.problemsAt(`jammers[${j.index}]`);
    return h(
      'div',
      { class: 'jammer-detail', 'data-key': 'jammer-detail' },
      h('h3', {}, `Stand-off jammer ${j.id}`),
      h('div', { class: 'muted small' }, `${j.jammer}${resolved ? ` — ${resolved.bands.join(', ')} bands, ERP ${(10 * Math.log10(resolved.erpW)).toFixed(0)} dBW over ${(resolved.bandwidthHz / 1e6).toLocaleString('en-US')} MHz (${this.valueCase} values)` : ''}`),
      h('div', { class: 'muted small' }, `${j.lat.toFixed(3)}, ${j.lon.toFixed(3)} · ${j.status}`),
      j.note ? h('div', { class: 'muted small' }, j.note) : null,
      j.sources.length ? sourceList(j.sources) : null,
      probs.length ? h('div', { class: 'field-problem', role: 'alert' }, probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')) : null,
    );
  }

  /** Top of the Sources tab: each stand-off jammer with its status and the sources of its position. */
  private jammerSourcesView(): HTMLElement | null {
    const jammers = this.doc.jammers();
    if (!jammers.length) return null;
    return h(
      'section',
      { class: 'jammer-sources', 'aria-label': 'Sources of the stand-off jammers' },
      h('h3', {}, `Stand-off jammers (${jammers.length})`),
      h(
        'ul',
        { class: 'jammer-list' },
        jammers.map((j) =>
          h(
            'li',
            { 'data-key': `jammer-src-${j.index}` },
            h('div', {}, h('span', { class: `dot jam status-${j.status}` }), h('strong', {}, j.id), h('span', { class: 'muted' }, ` ${this.jammerLabel(j)}`)),
            j.sources.length ? sourceList(j.sources) : h('div', { class: 'field-problem' }, 'no source given: a jammer needs at least one'),
          ),
        ),
      ),
    );
  }

  private siteForm(s: ReturnType<ScenarioDoc['sites']>[number]): HTMLElement {
    const i = s.index;
    const field = (key: string, label: string, input: HTMLElement): HTMLElement => {
      const probs = this.problemsAt(`sites[${i}].${key}`);
      input.setAttribute('data-key', `site-${key}`);
      input.id = `site-${key}`;
      if (probs.length) input.setAttribute('aria-invalid', 'true');
      return h('div', { class: probs.length ? 'field invalid' : 'field' }, h('label', { for: `site-${key}` }, label), input, probs.length ? h('div', { class: 'field-problem', role: 'alert' }, probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')) : null);
    };
    const set = (key: Parameters<ScenarioDoc['setSiteField']>[1], numeric = false) => (e: Event) => {
      const raw = (e.target as HTMLInputElement).value.trim();
      const v = raw === '' ? undefined : numeric ? Number(raw) : raw;
      this.edit(() => this.doc.setSiteField(i, key, v));
    };
    const systems = this.catalog.systems;
    return h(
      'form',
      { class: 'site-form', onsubmit: (e: Event) => e.preventDefault(), 'aria-label': `Edit site ${s.id}` },
      h('h3', {}, `Site ${s.id}`),
      field('id', 'Id', h('input', { value: s.id, onchange: set('id') })),
      field(
        'system',
        'System',
        h(
          'select',
          { onchange: set('system') },
          systems.some((x) => x.id === s.system) ? null : h('option', { value: s.system, selected: true }, `${s.system} (not in the catalog)`),
          systems.map((x) => h('option', { value: x.id, selected: x.id === s.system }, `${x.name}${x.aliases.length ? ` (${x.aliases[0]})` : ''}`)),
        ),
      ),
      field('status', 'Status', h('select', { onchange: set('status') }, ['confirmed', 'reported', 'hypothetical'].map((x) => h('option', { value: x, selected: x === s.status }, x)))),
      field('antennaHeightM', 'Antenna height, m (blank: catalog)', h('input', { type: 'number', min: 0, max: 1000, step: 1, value: s.antennaHeightM ?? '', placeholder: 'catalog value', onchange: set('antennaHeightM', true) })),
      h('div', { class: 'row2' }, field('lat', 'Latitude °', h('input', { type: 'number', step: 0.001, value: s.lat, onchange: set('lat', true) })), field('lon', 'Longitude °', h('input', { type: 'number', step: 0.001, value: s.lon, onchange: set('lon', true) }))),
      field('sources', 'Source of the placement', h('input', { value: s.sourceTitle ?? '', onchange: (e: Event) => this.edit(() => this.doc.setSourceTitle(i, (e.target as HTMLInputElement).value)) })),
      field('note', 'Note', h('input', { value: s.note ?? '', onchange: set('note') })),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', 'data-key': 'site-explain', onclick: () => void this.explain({ kind: 'site', id: s.id }) }, 'Explain'),
        h('button', { type: 'button', class: 'danger', 'data-key': 'site-delete', onclick: () => this.deleteSite(i) }, 'Delete'),
        h('button', { type: 'button', 'data-key': 'site-close', onclick: () => this.selectSite(null, false) }, 'Done'),
      ),
    );
  }

  private yamlPanel(): HTMLElement {
    const text = this.doc.text;
    const lines = text.split('\n');
    const byLine = new Map<number, InputProblem[]>();
    for (const p of this.problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
    const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' }, lines.map((_, k) => h('div', { class: byLine.has(k + 1) ? 'ln bad' : 'ln', title: byLine.get(k + 1)?.map((p) => p.message).join('\n') ?? '' }, String(k + 1))));
    const ta = h('textarea', { class: 'yaml', spellcheck: 'false', 'aria-label': 'Scenario YAML', 'data-key': 'yaml', wrap: 'off' }) as HTMLTextAreaElement;
    ta.value = text;
    ta.addEventListener('input', () => this.setText(ta.value));
    ta.addEventListener('scroll', () => (gutter.scrollTop = ta.scrollTop));
    const goTo = (line: number): void => {
      const off = lines.slice(0, line - 1).reduce((a, l) => a + l.length + 1, 0);
      ta.focus();
      ta.setSelectionRange(off, off + (lines[line - 1]?.length ?? 0));
      ta.scrollTop = Math.max(0, (line - 5) * 17);
    };
    return h(
      'div',
      { class: 'yaml-panel' },
      this.problems.length
        ? h('ul', { class: 'problems' }, this.problems.map((p) => h('li', {}, h('button', { class: 'link', onclick: () => goTo(p.line) }, `${p.line}:${p.col}`), ` ${p.path ? `${p.path}: ` : ''}${p.message}`)))
        : h('p', { class: 'ok' }, '✓ valid'),
      h('div', { class: 'editor' }, gutter, ta),
      h('p', { class: 'muted hint' }, 'Edits here re-validate as you type; the map and forms follow when the YAML parses.'),
    );
  }

  renderRight(): void {
    if (this.compare?.active) return;
    const tabs = h(
      'div',
      { class: 'tabs', role: 'tablist' },
      (['coverage', 'raids'] as const).map((id) =>
        h('button', { role: 'tab', 'aria-selected': String(this.rightTab === id), class: this.rightTab === id ? 'tab active' : 'tab', 'data-key': `rtab-${id}`, onclick: () => {
          if (this.rightTab === id) return;
          this.rightTab = id;
          if (id !== 'raids') this.raids.hide();
          this.renderRight();
          if (id === 'raids') this.raids.draw();
        } }, id === 'coverage' ? 'Coverage' : 'Raids'),
      ),
    );
    const body = h('div', { class: 'right-body' });
    replaceChildren(this.el.right, tabs, body);
    if (this.rightTab === 'raids') this.raids.render(body);
    else this.renderCoverageTables(body);
  }

  private renderCoverageTables(r: HTMLElement): void {
    const cov = this.coverage;
    if (!cov) {
      replaceChildren(r, h('h2', {}, 'Results'), h('p', { class: 'muted' }, this.problems.length ? 'Fix the problems in the scenario to compute its coverage.' : 'Computing…'));
      return;
    }
    const i = this.runIndex();
    const run = cov.runs[i];
    const num = (value: string, metric: string, title?: string) => h('button', { class: 'num', title: title ?? 'Where does this number come from?', onclick: () => void this.explain({ kind: 'metric', name: metric }) }, value);
    const spread = (lo?: number, hi?: number) => (lo !== undefined && hi !== undefined ? h('span', { class: 'spread', title: 'low–high reading of the sources' }, `${fmtArea(lo)}–${fmtArea(hi)}`) : null);
    const unjammed = (v?: number) => (v !== undefined ? h('span', { class: 'unjammed', title: 'the same layer without the stand-off jammers, km²' }, fmtArea(v)) : null);
    const jammers = cov.jammers ?? [];
    const layerRows = cov.runs.flatMap((x, k) => [
      k === 0 || cov.runs[k - 1].threatId !== x.threatId
        ? h('tr', { class: 'group' }, h('td', { colspan: 6 }, h('button', { class: 'link', onclick: () => void this.explain({ kind: 'threat', id: x.threatId }), title: 'About this target' }, x.metrics.threatName)))
        : null,
      h(
        'tr',
        { class: x.index === i ? 'selected' : '', onclick: () => this.pick({ threatId: x.threatId, altitudeM: x.altitudeM }) },
        h('td', { class: 'r' }, h('button', { class: 'link', 'data-key': `run-${x.index}`, 'aria-label': `Show ${x.metrics.threatName} at ${x.altitudeM} m`, onclick: (e: Event) => {
          e.stopPropagation();
          this.pick({ threatId: x.threatId, altitudeM: x.altitudeM });
        } }, `${x.altitudeM.toLocaleString('en-US')} m`)),
        h('td', { class: 'r' }, num(fmtArea(x.metrics.detectAreaKm2), 'detectAreaKm2'), spread(x.low?.metrics.detectAreaKm2, x.high?.metrics.detectAreaKm2), unjammed(x.unjammed?.metrics.detectAreaKm2)),
        h('td', { class: 'r' }, num(fmtArea(x.metrics.engageAreaKm2), 'engageAreaKm2'), spread(x.low?.metrics.engageAreaKm2, x.high?.metrics.engageAreaKm2), unjammed(x.unjammed?.metrics.engageAreaKm2)),
        h('td', { class: 'r seen', 'data-key': `seen-${x.index}` }, num(fmtArea(x.metrics.detectedNotEngagedAreaKm2), 'detectedNotEngagedAreaKm2'), spread(x.low?.metrics.detectedNotEngagedAreaKm2, x.high?.metrics.detectedNotEngagedAreaKm2), unjammed(x.unjammed?.metrics.detectedNotEngagedAreaKm2)),
        h('td', { class: 'r' }, num(fmtPct(x.metrics.engageRingFraction), 'engageRingFraction')),
        h('td', { class: 'r' }, num(fmtArea(x.metrics.multiEngageAreaKm2), 'multiEngageAreaKm2')),
      ),
    ]);
    const places = run?.metrics.places ?? [];
    const sites = run?.metrics.sites ?? [];
    replaceChildren(
      r,
      h('h2', {}, 'Coverage', h('span', { class: 'muted small' }, ` · ${this.valueCase} values`)),
      jammers.length ? h('p', { class: 'muted small jamming-note' }, `With ${jammers.length} stand-off jammer${jammers.length > 1 ? 's' : ''} acting (${jammers.map((j) => j.entityId).join(', ')}). `, h('span', { class: 'unjammed' }, 'Purple figures'), ': the same layer without them.') : null,
      h(
        'table',
        { class: 'metrics', 'aria-label': 'Coverage by target and altitude' },
        h('thead', {}, h('tr', {}, h('th', { class: 'r' }, 'Altitude'), h('th', { class: 'r', title: 'detected area, km²' }, 'Detect km²'), h('th', { class: 'r', title: 'engaged area, km²' }, 'Engage km²'), h('th', { class: 'r', title: 'detected by some radar but engageable by no site, km²: seen, not shot' }, 'Seen, not eng. km²'), h('th', { class: 'r', title: 'engaged area / range-ring area' }, 'of ring'), h('th', { class: 'r', title: 'area engaged by ≥ 2 sites, km²' }, '≥2 sites'))),
        h('tbody', {}, layerRows),
      ),
      run ? h('h2', {}, 'Places', h('span', { class: 'muted small' }, ` · ${run.metrics.threatName} at ${run.altitudeM.toLocaleString('en-US')} m`)) : null,
      run
        ? h(
            'table',
            { class: 'places', 'aria-label': 'Places of interest' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Place'), h('th', {}, 'At this altitude'), h('th', { class: 'r', title: 'lowest altitude at which some site engages' }, 'Lowest engaged'))),
            h(
              'tbody',
              {},
              places.map((p) =>
                h(
                  'tr',
                  {},
                  h('td', {}, h('button', { class: 'link', onclick: () => void this.explain({ kind: 'place', name: p.name }) }, p.name)),
                  h('td', { class: p.engaged ? 'bad' : p.detected ? 'warn' : 'good' }, p.engaged ? `engaged by ${p.engagedBy.join(', ')}` : p.detected ? `detected by ${p.detectedBy.join(', ')}` : 'not detected'),
                  h('td', { class: 'r' }, num(fmtAlt(p.lowestEngagedAltitudeM), 'lowestEngagedAltitudeM')),
                ),
              ),
            ),
          )
        : null,
      run ? h('h2', {}, 'Sites') : null,
      run
        ? h(
            'table',
            { class: 'sites', 'aria-label': 'Sites in this layer' },
            h('thead', {}, h('tr', {}, h('th', {}, 'Site'), h('th', {}, 'System'), h('th', { class: 'r', title: 'longest ground range detected in this layer, km' }, 'Detect km'), h('th', { class: 'r', title: 'longest ground range engaged in this layer, km' }, 'Engage km'))),
            h(
              'tbody',
              {},
              sites.map((s) => {
                const rs = cov.sites.find((x) => x.id === s.id);
                return h(
                  'tr',
                  {},
                  h('td', {}, h('button', { class: 'link', onclick: () => void this.explain({ kind: 'site', id: s.id }) }, s.id)),
                  h('td', {}, rs?.systemName ?? ''),
                  h('td', { class: 'r' }, num(fmtKm(s.maxDetectRangeKm), 'maxDetectRangeKm')),
                  h('td', { class: 'r' }, num(fmtKm(s.maxEngageRangeKm), 'maxEngageRangeKm')),
                );
              }),
            ),
          )
        : null,
      h('p', { class: 'muted small' }, 'Click any number or name for where it comes from. Positions are notional and city-level; analysis and education only.'),
    );
  }
}
