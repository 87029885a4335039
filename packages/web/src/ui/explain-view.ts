/** Renders an explanation (from /api/explain) and a scenario's sources list. */
import type { ExplainNode, Explanation, ScenarioSource, Source } from '../api.js';
import { formatExplainValue } from '@parapet/core';
import { h } from './dom.js';

function sourceItem(s: Source): HTMLElement {
  const estimate = /^Parapet estimate/i.test(s.title);
  return h(
    'li',
    { class: estimate ? 'source estimate' : 'source' },
    s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title) : s.title,
    s.accessed ? h('span', { class: 'muted' }, ` (accessed ${s.accessed})`) : null,
  );
}

export function sourceList(sources: readonly Source[]): HTMLElement {
  return h('ul', { class: 'sources' }, sources.map(sourceItem));
}

function originView(n: ExplainNode): HTMLElement | null {
  const o = n.origin;
  if (!o) return null;
  if (o.kind === 'catalog') {
    const spread =
      o.low !== undefined || o.high !== undefined ? ` (sources: ${o.low ?? o.nominal}–${o.high ?? o.nominal} ${o.unit}; ${o.valueCase} taken)` : '';
    return h(
      'div',
      { class: 'origin' },
      h('span', { class: 'muted' }, `catalog ${o.path}: ${o.nominal} ${o.unit}${spread}`),
      h('span', { class: `conf conf-${o.confidence}` }, o.confidence),
      o.note ? h('div', { class: 'muted' }, o.note) : null,
      sourceList(o.sources),
    );
  }
  if (o.kind === 'scenario') return h('div', { class: 'origin muted' }, `scenario ${o.path}${o.note ? ` — ${o.note}` : ''}`);
  if (o.kind === 'default') return h('div', { class: 'origin muted' }, `default: ${o.note}`);
  return h('div', { class: 'origin muted' }, o.reference);
}

/** A derivation tree: each result with its formula, substituted numbers and inputs. */
export function treeView(n: ExplainNode, depth = 0): HTMLElement {
  const headParts = (): (HTMLElement | string)[] => [
    h('span', { class: 'node-label' }, n.label),
    n.symbol ? h('span', { class: 'sym' }, ` ${n.symbol} = `) : ': ',
    h('strong', {}, formatExplainValue(n)),
  ];
  const head = h('summary', {}, headParts());
  const body = [
    n.formula ? h('div', { class: 'formula' }, n.formula) : null,
    n.substituted ? h('div', { class: 'formula subst' }, n.substituted) : null,
    originView(n),
    n.note ? h('div', { class: 'muted' }, n.note) : null,
  ];
  if (!n.children.length && !n.formula && !n.substituted) return h('div', { class: 'leaf' }, headParts(), body);
  return h(
    'details',
    { class: 'node', open: depth < 1 },
    head,
    body,
    n.children.map((c) => treeView(c, depth + 1)),
  );
}

export function explanationView(e: Explanation): HTMLElement {
  return h(
    'article',
    { class: 'explanation' },
    h('h2', {}, e.title),
    e.subtitle ? h('p', { class: 'subtitle' }, e.subtitle) : null,
    e.note ? h('p', { class: 'note' }, e.note) : null,
    e.sources.length ? h('div', {}, h('h3', {}, 'Sources'), sourceList(e.sources)) : null,
    e.trees?.length
      ? h(
          'section',
          { class: 'trees' },
          h('h3', {}, 'Derivation'),
          h('p', { class: 'muted small' }, 'Each number from its formula and inputs; open a line for its own inputs and sources.'),
          e.trees.map((t) => h('div', { class: 'tree' }, e.trees!.length > 1 ? h('h4', {}, t.siteId) : null, treeView(t.tree))),
        )
      : null,
    h('div', { class: 'vcd-slot' }),
    e.sections.map((s) =>
      h(
        'section',
        {},
        h('h3', {}, s.heading),
        h(
          'dl',
          { class: 'rows' },
          s.rows.map((r) => [
            h('dt', {}, r.label, r.confidence ? h('span', { class: `conf conf-${r.confidence}`, title: `confidence: ${r.confidence}` }, r.confidence) : null),
            h(
              'dd',
              {},
              r.value ? h('strong', {}, r.value) : null,
              r.spread ? h('span', { class: 'spread' }, ` (sources: ${r.spread})`) : null,
              r.formula ? h('div', { class: 'formula' }, r.formula) : null,
              r.note ? h('div', { class: 'muted' }, r.note) : null,
              r.sources?.length ? sourceList(r.sources) : null,
            ),
          ]),
        ),
      ),
    ),
  );
}

export function scenarioSourcesView(sources: readonly ScenarioSource[]): HTMLElement {
  const published = sources.filter((s) => !s.projectEstimate);
  const estimates = sources.filter((s) => s.projectEstimate);
  const item = (s: ScenarioSource) =>
    h(
      'li',
      { class: s.projectEstimate ? 'source estimate' : 'source' },
      s.url ? h('a', { href: s.url, target: '_blank', rel: 'noopener noreferrer' }, s.title) : h('span', {}, s.title),
      h(
        'div',
        { class: 'cited-by' },
        [...new Set(s.citedBy.map((c) => (c.path ? `${c.subject}: ${c.path}` : c.subject)))].slice(0, 8).join(' · '),
        s.citedBy.length > 8 ? ` · … (${s.citedBy.length} in all)` : '',
      ),
    );
  return h(
    'div',
    { class: 'sources-panel' },
    h(
      'p',
      { class: 'muted' },
      `${sources.length} citations behind this scenario: ${published.length} published sources and ${estimates.length} Parapet estimates.`,
    ),
    h('h3', {}, 'Published sources'),
    h('ul', { class: 'sources' }, published.map(item)),
    h('h3', {}, 'Parapet estimates'),
    h('ul', { class: 'sources' }, estimates.map(item)),
  );
}
