/**
 * The scenario editor (left, "Sites & places"): general problems, the sites (select one to edit its
 * fields in a form), the stand-off jammers (listed, with the selected one's catalog values and
 * sources), and the places. Every change is an edit of the YAML through the actions.
 */
import type { InputProblem } from '../api.js';
import type { Ctx } from '../component-context.js';
import type { JammerView, ScenarioDoc, SiteView } from '../scenario-doc.js';
import { h, keyedEffect, replaceChildren } from '../ui/dom.js';
import { jammerLabel, problemsAt } from '../ui/scenario-labels.js';
import { sourceList } from '../ui/explain-view.js';

export function mountScenarioEditor(sitesRoot: HTMLElement, placesRoot: HTMLElement, ctx: Ctx): void {
  const { store: s, actions: a } = ctx;
  const siteForm = (sv: SiteView, problems: readonly InputProblem[]): HTMLElement => {
    const i = sv.index;
    const field = (key: string, label: string, input: HTMLElement): HTMLElement => {
      const probs = problemsAt(problems, `sites[${i}].${key}`);
      input.setAttribute('data-key', `site-${key}`);
      input.id = `site-${key}`;
      if (probs.length) input.setAttribute('aria-invalid', 'true');
      return h(
        'div',
        { class: probs.length ? 'field invalid' : 'field' },
        h('label', { for: `site-${key}` }, label),
        input,
        probs.length ? h('div', { class: 'field-problem', role: 'alert' }, probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')) : null,
      );
    };
    const set =
      (key: Parameters<ScenarioDoc['setSiteField']>[1], numeric = false) =>
      (e: Event) => {
        const raw = (e.target as HTMLInputElement).value.trim();
        const v = raw === '' ? undefined : numeric ? Number(raw) : raw;
        a.edit((d) => d.setSiteField(i, key, v));
      };
    const systems = s.catalog.value.systems;
    return h(
      'form',
      { class: 'site-form', onsubmit: (e: Event) => e.preventDefault(), 'aria-label': `Edit site ${sv.id}` },
      h('h3', {}, `Site ${sv.id}`),
      field('id', 'Id', h('input', { value: sv.id, onchange: set('id') })),
      field(
        'system',
        'System',
        h(
          'select',
          { onchange: set('system') },
          systems.some((x) => x.id === sv.system) ? null : h('option', { value: sv.system, selected: true }, `${sv.system} (not in the catalog)`),
          systems.map((x) => h('option', { value: x.id, selected: x.id === sv.system }, `${x.name}${x.aliases.length ? ` (${x.aliases[0]})` : ''}`)),
        ),
      ),
      field(
        'status',
        'Status',
        h(
          'select',
          { onchange: set('status') },
          ['confirmed', 'reported', 'hypothetical'].map((x) => h('option', { value: x, selected: x === sv.status }, x)),
        ),
      ),
      field(
        'antennaHeightM',
        'Antenna height, m (blank: catalog)',
        h('input', {
          type: 'number',
          min: 0,
          max: 1000,
          step: 1,
          value: sv.antennaHeightM ?? '',
          placeholder: 'catalog value',
          onchange: set('antennaHeightM', true),
        }),
      ),
      h(
        'div',
        { class: 'row2' },
        field('lat', 'Latitude °', h('input', { type: 'number', step: 0.001, value: sv.lat, onchange: set('lat', true) })),
        field('lon', 'Longitude °', h('input', { type: 'number', step: 0.001, value: sv.lon, onchange: set('lon', true) })),
      ),
      field(
        'sources',
        'Source of the placement',
        h('input', { value: sv.sourceTitle ?? '', onchange: (e: Event) => a.edit((d) => d.setSourceTitle(i, (e.target as HTMLInputElement).value)) }),
      ),
      field('note', 'Note', h('input', { value: sv.note ?? '', onchange: set('note') })),
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'button', 'data-key': 'site-explain', onclick: () => a.explain({ kind: 'site', id: sv.id }) }, 'Explain'),
        h('button', { type: 'button', class: 'danger', 'data-key': 'site-delete', onclick: () => a.deleteSite(i) }, 'Delete'),
        h('button', { type: 'button', 'data-key': 'site-close', onclick: () => a.selectSite(null) }, 'Done'),
      ),
    );
  };

  const jammerDetail = (j: JammerView, problems: readonly InputProblem[]): HTMLElement => {
    const resolved = s.coverage.value?.result.jammers?.find((x) => x.entityId === j.id);
    const probs = problemsAt(problems, `jammers[${j.index}]`);
    return h(
      'div',
      { class: 'jammer-detail', 'data-key': 'jammer-detail' },
      h('h3', {}, `Stand-off jammer ${j.id}`),
      h(
        'div',
        { class: 'muted small' },
        `${j.jammer}${resolved ? ` — ${resolved.bands.join(', ')} bands, ERP ${(10 * Math.log10(resolved.erpW)).toFixed(0)} dBW over ${(resolved.bandwidthHz / 1e6).toLocaleString('en-US')} MHz (${s.valueCase.value} values)` : ''}`,
      ),
      h('div', { class: 'muted small' }, `${j.lat.toFixed(3)}, ${j.lon.toFixed(3)} · ${j.status}`),
      j.note ? h('div', { class: 'muted small' }, j.note) : null,
      j.sources.length ? sourceList(j.sources) : null,
      probs.length ? h('div', { class: 'field-problem', role: 'alert' }, probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('; ')) : null,
    );
  };

  const jammerPanel = (jammers: JammerView[], problems: readonly InputProblem[]): HTMLElement | null => {
    if (!jammers.length) return null;
    const selected = s.selectedJammer.value;
    return h(
      'div',
      { class: 'jammer-panel' },
      h('div', { class: 'section-head' }, h('h2', {}, `Stand-off jammers (${jammers.length})`)),
      h(
        'ul',
        { class: 'site-list jammer-list', 'aria-label': 'Stand-off jammers' },
        jammers.map((j) => {
          const probs = problemsAt(problems, `jammers[${j.index}]`);
          return h(
            'li',
            { class: `${j.index === selected ? 'selected' : ''} ${probs.length ? 'has-problem' : ''}`, 'data-key': `jammer-${j.index}` },
            h(
              'button',
              { class: 'link', onclick: () => a.selectJammer(j.index === selected ? null : j.index) },
              h('span', { class: `dot jam status-${j.status}` }),
              j.id,
            ),
            h('span', { class: 'muted' }, ` ${jammerLabel(j, s.coverage.value?.result.jammers)}`),
            probs.length ? h('span', { class: 'badge', title: probs.map((p) => `${p.line}:${p.col} ${p.message}`).join('\n') }, `${probs.length}`) : null,
          );
        }),
      ),
      selected !== null && jammers[selected] ? jammerDetail(jammers[selected], problems) : null,
      h('p', { class: 'muted hint' }, 'Drag a jammer on the map to move it (or focus it and use the arrow keys); edit the rest under jammers: in the YAML.'),
    );
  };

  const body = sitesRoot;
  const placesSlot = placesRoot;

  // Sites and jammers: the list shows no positions, the forms those of the selected site or jammer.
  const sitesKey = () => {
    const doc = s.doc.value;
    const sel = s.selectedSite.value;
    const selJ = s.selectedJammer.value;
    const sites = doc.sites().map((x) => (x.index === sel ? x : { ...x, lon: 0, lat: 0 }));
    const jammers = doc.jammers().map((x) => (x.index === selJ ? x : { ...x, lon: 0, lat: 0 }));
    return [
      JSON.stringify([sites, jammers]),
      sel,
      selJ,
      s.addMode.value,
      s.problems.value,
      s.catalog.value,
      s.coverage.value?.result.jammers,
      s.valueCase.value,
    ];
  };
  keyedEffect(sitesKey, () => {
    const doc = s.doc.value;
    const problems = s.problems.value;
    const sites = doc.sites();
    const selected = s.selectedSite.value;
    const addMode = s.addMode.value;
    const general = problems.filter((p) => !/^(sites|places|jammers)\[/.test(p.path));
    const sel = selected !== null ? sites[selected] : undefined;
    replaceChildren(
      body,
      general.length
        ? h(
            'ul',
            { class: 'problems' },
            general.map((p) => h('li', {}, `${p.line}:${p.col} ${p.path ? `${p.path}: ` : ''}${p.message}`)),
          )
        : null,
      h(
        'div',
        { class: 'section-head' },
        h('h2', {}, `Sites (${sites.length})`),
        h(
          'button',
          {
            class: addMode === 'site' ? 'small active' : 'small',
            'data-key': 'add-site',
            'aria-pressed': String(addMode === 'site'),
            onclick: () => a.setAddMode(addMode === 'site' ? null : 'site'),
          },
          '+ Site',
        ),
      ),
      h(
        'ul',
        { class: 'site-list' },
        sites.map((sv) => {
          const probs = problemsAt(problems, `sites[${sv.index}]`);
          return h(
            'li',
            { class: `${sv.index === selected ? 'selected' : ''} ${probs.length ? 'has-problem' : ''}` },
            h(
              'button',
              { class: 'link', 'data-key': `site-${sv.index}`, onclick: () => a.selectSite(sv.index) },
              h('span', { class: `dot status-${sv.status}` }),
              sv.id,
            ),
            h('span', { class: 'muted' }, ` ${sv.system} · ${sv.status}`),
            probs.length ? h('span', { class: 'badge', title: probs.map((p) => p.message).join('\n') }, `${probs.length}`) : null,
          );
        }),
      ),
      sel
        ? siteForm(sel, problems)
        : h('p', { class: 'muted hint' }, 'Select a site to edit it; drag it on the map, or focus it and use the arrow keys (Shift: ×10).'),
      jammerPanel(doc.jammers(), problems),
    );
    const j = s.selectedJammer.value;
    if (j !== null) body.querySelector<HTMLElement>(`[data-key="jammer-${j}"]`)?.scrollIntoView({ block: 'nearest' });
  });

  // Places.
  keyedEffect(
    () => [JSON.stringify(s.doc.value.places()), s.addMode.value, s.problems.value],
    () => {
      const doc = s.doc.value;
      const problems = s.problems.value;
      const places = doc.places();
      const addMode = s.addMode.value;
      replaceChildren(
        placesSlot,
        h(
          'div',
          { class: 'section-head' },
          h('h2', {}, `Places (${places.length})`),
          h(
            'button',
            {
              class: addMode === 'place' ? 'small active' : 'small',
              'data-key': 'add-place',
              'aria-pressed': String(addMode === 'place'),
              onclick: () => a.setAddMode(addMode === 'place' ? null : 'place'),
            },
            '+ Place',
          ),
        ),
        h(
          'ul',
          { class: 'place-list' },
          places.map((p) => {
            const probs = problemsAt(problems, `places[${p.index}]`);
            return h(
              'li',
              { class: probs.length ? 'has-problem' : '' },
              h('input', {
                'aria-label': `Place ${p.index + 1} name`,
                value: p.name,
                'data-key': `place-name-${p.index}`,
                onchange: (e: Event) => a.edit((d) => d.setPlaceField(p.index, 'name', (e.target as HTMLInputElement).value)),
              }),
              h('span', { class: 'muted coords' }, `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}`),
              h(
                'button',
                {
                  class: 'small',
                  'aria-label': `Delete place ${p.name}`,
                  'data-key': `place-del-${p.index}`,
                  onclick: () => a.edit((d) => d.deletePlace(p.index)),
                },
                '×',
              ),
              probs.length ? h('div', { class: 'field-problem' }, probs.map((x) => x.message).join('; ')) : null,
            );
          }),
        ),
      );
    },
  );
}
