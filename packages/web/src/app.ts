/**
 * The workbench's shell: lays out the regions (top bar, left and right columns with their tabs,
 * the map, the explanation drawer), creates the store, the coverage runner and the actions, and
 * mounts one component in each region. Components own their region and talk only through the
 * store and the actions (docs/web.md has the map of who owns what).
 */
import { effect } from '@preact/signals-core';
import { createActions } from './actions.js';
import { api } from './api.js';
import type { Ctx } from './component-context.js';
import { mountAnalysisForm } from './components/analysis-form.js';
import { mountComparePanel } from './components/compare-panel.js';
import { mountCoverageTables } from './components/coverage-tables.js';
import { mountExplanationDrawer } from './components/explanation-drawer.js';
import { mountExportPanel } from './components/export-panel.js';
import { mountMapPanel } from './components/map-panel.js';
import { mountRaidPanel } from './components/raid-panel.js';
import { mountScenarioEditor } from './components/scenario-editor.js';
import { mountSensitivityPanel } from './components/sensitivity-panel.js';
import { mountSourcesPanel } from './components/sources-panel.js';
import { mountStatusBar } from './components/status-bar.js';
import { mountTopBar } from './components/top-bar.js';
import { mountYamlEditor } from './components/yaml-editor.js';
import { CoverageRunner } from './coverage-runner.js';
import type { Basemap, MapView } from './map/map-view.js';
import { createStore, type LeftTab, type RightTab, type Store } from './store.js';
import { h } from './ui/dom.js';

/** A row of tabs that shows one of `bodies` (by the signal's value). */
function tabs<T extends string>(sig: { value: T }, items: [T, () => string][], bodies: Record<T, HTMLElement>): HTMLElement {
  const bar = h('div', { class: 'tabs', role: 'tablist' });
  effect(() => {
    const cur = sig.value;
    bar.replaceChildren(
      ...items.map(([id, label]) =>
        h(
          'button',
          {
            role: 'tab',
            'aria-selected': String(cur === id),
            class: cur === id ? 'tab active' : 'tab',
            'data-key': `tab-${id}`,
            onclick: () => (sig.value = id),
          },
          label(),
        ),
      ),
    );
    for (const [id, el] of Object.entries(bodies) as [T, HTMLElement][]) el.hidden = id !== cur;
  });
  return bar;
}

/** What the browser tests read (window.parapet): the state, and the main map. */
export interface Probe {
  store: Store;
  map: MapView;
}

export async function startApp(root: HTMLElement): Promise<void> {
  const store = createStore();
  const runner = new CoverageRunner(store);
  const actions = createActions(store, runner);
  const ctx: Ctx = { store, actions };

  // Layout.
  const header = h('header', { class: 'topbar' });
  const left = { scenario: h('div', { class: 'scenario-panel' }), yaml: h('div', { class: 'left-yaml' }), sources: h('div', { class: 'sources-tab' }) };
  const sitesRoot = h('div', {});
  const analysisRoot = h('div', {});
  const placesRoot = h('div', {});
  left.scenario.append(sitesRoot, analysisRoot, placesRoot);
  const mapEl = h('div', { class: 'map', id: 'map', 'aria-label': 'Map' });
  const legend = h('div', { class: 'legend', 'aria-live': 'polite' });
  const status = h('div', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const compareWrap = h('div', { class: 'compare-wrap', hidden: true });
  const mapWrap = h('main', { class: 'map-wrap' }, mapEl, compareWrap, legend, status);
  const right = {
    coverage: h('div', { class: 'right-body' }),
    raids: h('div', { class: 'right-body' }),
    export: h('div', { class: 'right-body export-panel' }),
  };
  const raidRoot = h('div', {});
  const sensitivityRoot = h('div', { class: 'sensitivity-panel' });
  right.raids.append(raidRoot, sensitivityRoot);
  const compareTable = h('div', { hidden: true });
  const drawer = h('aside', { class: 'drawer', hidden: true, 'aria-label': 'Explanation', tabindex: -1 });
  const leftTabs = tabs<LeftTab>(
    store.leftTab,
    [
      ['scenario', () => 'Sites & places'],
      ['yaml', () => `YAML${store.problems.value.length ? ` (${store.problems.value.length})` : ''}`],
      ['sources', () => 'Sources'],
    ],
    left,
  );
  const rightTabs = tabs<RightTab>(
    store.rightTab,
    [
      ['coverage', () => 'Coverage'],
      ['raids', () => 'Raids'],
      ['export', () => 'Export'],
    ],
    right,
  );
  root.replaceChildren(
    h(
      'div',
      { class: 'shell' },
      header,
      h('aside', { class: 'left panel', 'aria-label': 'Scenario' }, leftTabs, left.scenario, left.yaml, left.sources),
      mapWrap,
      h('aside', { class: 'right panel', 'aria-label': 'Results' }, rightTabs, right.coverage, right.raids, right.export, compareTable),
      drawer,
    ),
  );
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    if (store.explain.peek()) actions.closeExplain();
    else if (store.addMode.peek()) actions.setAddMode(null);
  });

  const [catalog, basemap, examples, workspace] = await Promise.all([
    api.catalog(),
    api.basemap() as Promise<unknown> as Promise<Basemap>,
    api.examples(),
    api.workspace(),
  ]);
  store.catalog.value = catalog;
  store.examples.value = examples;
  store.workspace.value = workspace;

  mountTopBar(header, ctx);
  mountStatusBar(status, ctx);
  mountScenarioEditor(sitesRoot, placesRoot, ctx);
  mountAnalysisForm(analysisRoot, ctx);
  mountYamlEditor(left.yaml, ctx);
  mountSourcesPanel(left.sources, ctx);
  mountCoverageTables(right.coverage, ctx);
  mountRaidPanel(raidRoot, ctx);
  mountSensitivityPanel(sensitivityRoot, ctx);
  mountExportPanel(right.export, ctx);
  mountExplanationDrawer(drawer, ctx);
  const map = await mountMapPanel(mapEl, legend, basemap, ctx);
  mountComparePanel(compareWrap, compareTable, basemap, ctx);

  // Compare takes the map area and the results column while open.
  effect(() => {
    const open = store.compareOpen.value;
    mapEl.hidden = open;
    legend.hidden = open;
    compareWrap.hidden = !open;
    mapWrap.classList.toggle('comparing', open);
    rightTabs.hidden = open;
    compareTable.hidden = !open;
    for (const [id, el] of Object.entries(right)) el.hidden = open || id !== store.rightTab.peek();
    if (!open) map.resize();
  });

  const wanted = new URLSearchParams(location.hash.slice(1)).get('example');
  const first = examples.find((e) => e.file === wanted) ?? examples.find((e) => e.valid) ?? examples[0];
  if (first) await actions.openExample(first.file);
  else actions.newScenario();
  (window as unknown as { parapet: Probe }).parapet = { store, map };
}
