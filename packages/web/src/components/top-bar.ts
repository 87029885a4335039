/**
 * The top bar: the scenario (open, download, save), what the map shows (target, altitude, layer,
 * opacity, value case, spread, rings) and the actions (Auto, Run, Compare…, basemap).
 */
import type { ValueCase } from '../api.js';
import { LAYERS, type Ctx } from '../component-context.js';
import type { LayerKind } from '../map/raster.js';
import { h, keyedEffect, replaceChildren } from '../ui/dom.js';

export function mountTopBar(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  const fileInput = h('input', {
    type: 'file',
    accept: '.yaml,.yml,.json',
    hidden: true,
    onchange: (e: Event) => {
      const f = (e.target as HTMLInputElement).files?.[0];
      if (f) void a.upload(f);
    },
  }) as HTMLInputElement;
  const key = () => {
    const doc = s.doc.value;
    return [
      doc.name,
      JSON.stringify(doc.analysis()),
      s.coverage.value?.result,
      s.catalog.value,
      s.examples.value,
      s.workspace.value,
      s.fileName.value,
      s.origin.value,
      s.dirty.value,
      s.threatId.value,
      s.altitudeM.value,
      s.layer.value,
      s.uncertainty.value,
      s.online.value,
      s.valueCase.value,
      s.showRings.value,
      s.autoRun.value,
      s.problems.value.length > 0,
    ];
  };
  keyedEffect(key, () => {
    const doc = s.doc.value;
    const an = doc.analysis();
    const cov = s.coverage.value?.result;
    const catalog = s.catalog.value;
    const threats =
      cov?.threats.map((t) => ({ id: t.id, name: t.name })) ?? an.threats.map((id) => ({ id, name: catalog.threats.find((t) => t.id === id)?.name ?? id }));
    const alts = cov ? [...new Set(cov.runs.map((r) => r.altitudeM))] : an.altitudesM;
    const threatId = s.threatId.value;
    const altitudeM = s.altitudeM.value;
    const layer = s.layer.value;
    const uncertainty = s.uncertainty.value;
    const online = s.online.value;
    const openSel = h(
      'select',
      {
        'aria-label': 'Open a scenario',
        'data-key': 'open',
        onchange: (e: Event) => {
          const v = (e.target as HTMLSelectElement).value;
          (e.target as HTMLSelectElement).value = '';
          if (v.startsWith('example:')) void a.openExample(v.slice(8));
          else if (v.startsWith('workspace:')) void a.openWorkspaceFile(v.slice(10));
          else if (v === 'new') a.newScenario();
          else if (v === 'upload') fileInput.click();
        },
      },
      h('option', { value: '' }, 'Open…'),
      h(
        'optgroup',
        { label: 'Examples' },
        s.examples.value.map((e) => h('option', { value: `example:${e.file}` }, `${e.name}${e.valid ? '' : ' (has problems)'}`)),
      ),
      s.workspace.value.files.length
        ? h(
            'optgroup',
            { label: `Workspace (${s.workspace.value.dir})` },
            s.workspace.value.files.map((f) => h('option', { value: `workspace:${f.name}` }, f.name)),
          )
        : null,
      h('optgroup', { label: 'Other' }, h('option', { value: 'new' }, 'New scenario'), h('option', { value: 'upload' }, 'Upload a YAML file…')),
    );
    replaceChildren(
      root,
      h('div', { class: 'brand' }, h('strong', {}, 'Parapet'), h('span', { class: 'muted' }, ' workbench')),
      h(
        'div',
        { class: 'group file' },
        h(
          'span',
          { class: 'scenario-name', title: `${s.fileName.value} (${s.origin.value})` },
          doc.name,
          s.dirty.value ? h('span', { class: 'dirty', title: 'unsaved changes' }, ' ●') : null,
        ),
        openSel,
        fileInput,
        h('button', { onclick: () => a.download(), title: 'Download the YAML', 'data-key': 'download' }, 'Download'),
        h('button', { onclick: () => void a.save(), title: 'Save to the workspace folder', 'data-key': 'save' }, 'Save'),
      ),
      h(
        'div',
        { class: 'group analysis' },
        h(
          'label',
          {},
          'Target ',
          h(
            'select',
            { 'data-key': 'threat', onchange: (e: Event) => a.pick({ threatId: (e.target as HTMLSelectElement).value }) },
            threats.map((t) => h('option', { value: t.id, selected: t.id === threatId }, t.name)),
          ),
        ),
        h(
          'label',
          {},
          'Altitude ',
          h(
            'select',
            { 'data-key': 'altitude', onchange: (e: Event) => a.pick({ altitudeM: Number((e.target as HTMLSelectElement).value) }) },
            alts.map((m) => h('option', { value: m, selected: m === altitudeM }, `${m.toLocaleString('en-US')} m ${an.altitudeReference.toUpperCase()}`)),
          ),
        ),
        h(
          'label',
          {},
          'Layer ',
          h(
            'select',
            { 'data-key': 'layer', onchange: (e: Event) => a.pick({ layer: (e.target as HTMLSelectElement).value as LayerKind }) },
            LAYERS.map((l) =>
              h(
                'option',
                {
                  value: l.id,
                  selected: l.id === layer,
                  disabled: l.id === 'uncertainty' && !uncertainty,
                  title: l.id === 'uncertainty' && !uncertainty ? 'tick “Spread” to compute the low and high cases' : '',
                },
                l.label,
              ),
            ),
          ),
        ),
        // Read without subscribing: the slider must not be rebuilt while it is dragged.
        h(
          'label',
          {},
          'Opacity ',
          h('input', {
            type: 'range',
            min: 0.1,
            max: 1,
            step: 0.05,
            value: s.opacity.peek(),
            'data-key': 'opacity',
            'aria-label': 'Layer opacity',
            oninput: (e: Event) => (s.opacity.value = Number((e.target as HTMLInputElement).value)),
          }),
        ),
        h(
          'label',
          { title: 'Which end of the sourced spread to use' },
          'Values ',
          h(
            'select',
            { 'data-key': 'case', onchange: (e: Event) => a.setValueCase((e.target as HTMLSelectElement).value as ValueCase) },
            (['nominal', 'low', 'high'] as const).map((c) => h('option', { value: c, selected: c === s.valueCase.value }, c)),
          ),
        ),
        h(
          'label',
          { class: 'check', title: 'Also run the low and high readings of the sources (3× the work) for the uncertainty band' },
          h('input', {
            type: 'checkbox',
            checked: uncertainty,
            'data-key': 'spread',
            onchange: (e: Event) => a.setUncertainty((e.target as HTMLInputElement).checked),
          }),
          'Spread',
        ),
        h(
          'label',
          { class: 'check' },
          h('input', {
            type: 'checkbox',
            checked: s.showRings.value,
            'data-key': 'rings',
            onchange: (e: Event) => (s.showRings.value = (e.target as HTMLInputElement).checked),
          }),
          'Rings',
        ),
      ),
      h(
        'div',
        { class: 'group actions' },
        h(
          'label',
          { class: 'check', title: 'Re-run after every valid edit' },
          h('input', {
            type: 'checkbox',
            checked: s.autoRun.value,
            'data-key': 'auto',
            onchange: (e: Event) => (s.autoRun.value = (e.target as HTMLInputElement).checked),
          }),
          'Auto',
        ),
        h('button', { class: 'primary', 'data-key': 'run', onclick: () => a.run(), disabled: s.problems.value.length > 0 }, 'Run'),
        h('button', { 'data-key': 'compare', onclick: () => a.openCompare() }, 'Compare…'),
        h(
          'select',
          { 'aria-label': 'Basemap', 'data-key': 'basemap', onchange: (e: Event) => (s.online.value = (e.target as HTMLSelectElement).value === 'osm') },
          h('option', { value: 'offline', selected: !online }, 'Offline basemap'),
          h('option', { value: 'osm', selected: online }, 'OpenStreetMap (online)'),
        ),
      ),
    );
  });
}
