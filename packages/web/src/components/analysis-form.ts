/** The analysis form (left, under the sites): targets, altitudes, altitude reference and grid cell, edited in the YAML. */
import type { Ctx } from '../component-context.js';
import { h, keyedEffect, replaceChildren } from '../ui/dom.js';
import { problemsAt } from '../ui/scenario-labels.js';

export function mountAnalysisForm(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  keyedEffect(
    () => [JSON.stringify([s.doc.value.analysis(), s.doc.value.resolutionM()]), s.problems.value, s.catalog.value],
    () => {
      const doc = s.doc.value;
      const an = doc.analysis();
      const problems = s.problems.value;
      const problemLine = (prefix: string) => {
        const p = problemsAt(problems, prefix);
        return p.length ? h('div', { class: 'field-problem', role: 'alert' }, p.map((x) => `${x.line}:${x.col} ${x.message}`).join('; ')) : null;
      };
      replaceChildren(
        root,
        h(
          'details',
          { class: 'analysis-form', open: s.analysisOpen.peek(), ontoggle: (e: Event) => (s.analysisOpen.value = (e.target as HTMLDetailsElement).open) },
          h('summary', {}, h('h2', {}, 'Analysis')),
          h(
            'fieldset',
            { class: 'threats' },
            h('legend', {}, 'Targets'),
            s.catalog.value.threats.map((t) =>
              h(
                'label',
                { class: 'check-row' },
                h('input', {
                  type: 'checkbox',
                  checked: an.threats.includes(t.id),
                  'data-key': `threat-${t.id}`,
                  onchange: (e: Event) => {
                    const on = (e.target as HTMLInputElement).checked;
                    const next = on ? [...an.threats, t.id] : an.threats.filter((x) => x !== t.id);
                    a.edit((d) => d.setAnalysisList('threats', next));
                  },
                }),
                ` ${t.name}`,
              ),
            ),
            problemLine('analysis.threats'),
          ),
          h(
            'div',
            { class: 'field' },
            h('label', { for: 'analysis-alts' }, 'Altitudes, m (comma-separated)'),
            h('input', {
              id: 'analysis-alts',
              value: an.altitudesM.join(', '),
              'data-key': 'analysis-alts',
              onchange: (e: Event) => {
                const xs = (e.target as HTMLInputElement).value
                  .split(/[,\s]+/)
                  .filter(Boolean)
                  .map(Number);
                a.edit((d) => d.setAnalysisList('altitudesM', xs));
              },
            }),
            problemLine('analysis.altitudesM'),
          ),
          h(
            'div',
            { class: 'row2' },
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'analysis-ref' }, 'Altitudes above'),
              h(
                'select',
                {
                  id: 'analysis-ref',
                  'data-key': 'analysis-ref',
                  onchange: (e: Event) => a.edit((d) => d.setAnalysisField('altitudeReference', (e.target as HTMLSelectElement).value)),
                },
                h('option', { value: 'msl', selected: an.altitudeReference === 'msl' }, 'sea level (MSL)'),
                h('option', { value: 'agl', selected: an.altitudeReference === 'agl' }, 'ground (AGL)'),
              ),
            ),
            h(
              'div',
              { class: 'field' },
              h('label', { for: 'analysis-res' }, 'Grid cell, m'),
              h('input', {
                id: 'analysis-res',
                type: 'number',
                min: 50,
                max: 50000,
                step: 50,
                value: doc.resolutionM() ?? '',
                'data-key': 'analysis-res',
                onchange: (e: Event) => a.edit((d) => d.setResolutionM(Number((e.target as HTMLInputElement).value))),
              }),
              problemLine('region.resolutionM'),
            ),
          ),
        ),
      );
    },
  );
}
