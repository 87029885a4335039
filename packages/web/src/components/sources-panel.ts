/**
 * The sources (left, "Sources"): every citation behind the scenario — the stand-off jammers first,
 * each with its status and the sources of its position, then published sources and Parapet
 * estimates, each with what cites it. Fetched when the tab is shown and the text changed.
 */
import { effect } from '@preact/signals-core';
import { api } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';
import { scenarioSourcesView, sourceList } from '../ui/explain-view.js';
import { jammerLabel } from '../ui/scenario-labels.js';

export function mountSourcesPanel(root: HTMLElement, { store: s }: Ctx): void {
  let shownFor: string | null = null;
  let seq = 0;
  effect(() => {
    if (s.leftTab.value !== 'sources') {
      shownFor = null;
      return;
    }
    const text = s.text.value;
    const resolved = s.coverage.peek()?.result.jammers;
    if (shownFor === text) return;
    shownFor = text;
    const jammers = s.doc.peek().jammers();
    const jammerView = jammers.length
      ? h(
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
                h(
                  'div',
                  {},
                  h('span', { class: `dot jam status-${j.status}` }),
                  h('strong', {}, j.id),
                  h('span', { class: 'muted' }, ` ${jammerLabel(j, resolved)}`),
                ),
                j.sources.length ? sourceList(j.sources) : h('div', { class: 'field-problem' }, 'no source given: a jammer needs at least one'),
              ),
            ),
          ),
        )
      : null;
    replaceChildren(root, h('div', { class: 'muted' }, 'Loading sources…'));
    const mine = ++seq;
    void api.sources(text, s.fileName.peek()).then(
      (r) => mine === seq && replaceChildren(root, jammerView, scenarioSourcesView(r.sources)),
      (e: Error) => mine === seq && replaceChildren(root, h('p', { class: 'error' }, `Fix the scenario's problems to list its sources (${e.message})`)),
    );
  });
}
