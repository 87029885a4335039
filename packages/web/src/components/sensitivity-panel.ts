/**
 * Sensitivity (right, "Raids", under the Monte Carlo): which source disagreement drives the
 * answer. POST /api/sensitivity with the scenario under edit and small defaults (SMALL below:
 * few draws, few raid runs, no coverage headlines, so it ends in seconds), followed as a job;
 * then a headline to choose (raid survival first), its tornado chart (Sobol first-order S1 and
 * total ST per group of sources) and its distribution across the draws (GET
 * /api/jobs/:id/tornado.svg and outcome.svg), and the group with the largest ST. The full
 * analysis is `parapet sensitivity` (docs/models/sensitivity.md).
 */
import { effect, signal } from '@preact/signals-core';
import { api, ApiError, followJob, type JobEvent, type SensitivityDocument } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';

/** The workbench's quick analysis: 6 draws (6 × (groups + 2) + 1 design points) of 12 raid runs each, raid headlines only. */
const SMALL = { draws: 6, runs: 12, seed: 1, coverage: false } as const;

type Headline = SensitivityDocument['headlines'][number];

/** Raid survival first, then the rest in the document's order. */
function ordered(doc: SensitivityDocument): Headline[] {
  return [...doc.headlines].sort((a, b) => Number(b.kind === 'survival') - Number(a.kind === 'survival'));
}

const index = (x: number | null): string => (x === null ? '–' : x.toFixed(2));

export function mountSensitivityPanel(root: HTMLElement, { store: s }: Ctx): void {
  const job = signal<{ id: string; event: JobEvent; doc?: SensitivityDocument } | null>(null);
  const headlineId = signal('');
  const error = signal('');

  const run = async (): Promise<void> => {
    error.value = '';
    try {
      const view = await api.sensitivity({ text: s.text.peek(), file: s.fileName.peek(), ...SMALL });
      job.value = { id: view.id, event: { type: 'progress', phase: view.status } };
      const last = view.status === 'done' ? ({ type: 'done' } as JobEvent) : await followJob(view.id, (ev) => (job.value = { id: view.id, event: ev }));
      if (last.type !== 'done') {
        job.value = { id: view.id, event: last };
        return;
      }
      const result = await api.result(view.id);
      if (result.kind !== 'sensitivity') throw new Error(`job ${view.id} is not a sensitivity analysis`);
      const doc = result.sensitivity.document;
      headlineId.value = ordered(doc)[0]?.id ?? '';
      job.value = { id: view.id, event: last, doc };
    } catch (e) {
      job.value = null;
      error.value = e instanceof ApiError || e instanceof Error ? e.message : String(e);
    }
  };

  effect(() => {
    const j = job.value;
    const doc = j?.doc;
    const chosen = doc?.headlines.find((x) => x.id === headlineId.value);
    const top = chosen?.indices[0];
    replaceChildren(
      root,
      h('h2', {}, 'Sensitivity'),
      h(
        'p',
        { class: 'muted small' },
        `Draws the sources' low–high spreads (${SMALL.draws} draws, ${SMALL.runs} raid runs each) and splits each result's variance among them (Sobol S1, ST). For more draws: parapet sensitivity.`,
      ),
      h(
        'button',
        {
          class: 'primary',
          'data-key': 'sensitivity-run',
          disabled: s.problems.value.length > 0 || (j !== null && j.event.type === 'progress'),
          onclick: () => void run(),
        },
        'Which source drives the answer?',
      ),
      j && j.event.type === 'progress'
        ? h(
            'p',
            { class: 'small', role: 'status' },
            `Sensitivity — ${[j.event.phase, j.event.total ? `${j.event.done ?? 0}/${j.event.total}` : ''].filter(Boolean).join(' ')} `,
            h('progress', { max: 1, value: j.event.total ? (j.event.done ?? 0) / j.event.total : 0 }),
          )
        : null,
      j && (j.event.type === 'error' || j.event.type === 'cancelled')
        ? h('p', { class: 'error small' }, `Sensitivity ${j.event.type}: ${j.event.message ?? ''}`)
        : null,
      error.value ? h('p', { class: 'error small' }, `Sensitivity: ${error.value}`) : null,
      j && doc
        ? h(
            'div',
            { class: 'sensitivity' },
            h(
              'label',
              { class: 'small' },
              'Result ',
              h(
                'select',
                {
                  'data-key': 'sensitivity-headline',
                  'aria-label': 'Sensitivity result',
                  onchange: (e: Event) => (headlineId.value = (e.target as HTMLSelectElement).value),
                },
                ordered(doc).map((x) => h('option', { value: x.id, selected: x.id === headlineId.value }, x.label)),
              ),
            ),
            top ? h('p', { class: 'small', 'data-key': 'sensitivity-top' }, `Top factor: ${top.label} (S1 ${index(top.s1)}, ST ${index(top.st)})`) : null,
            chosen
              ? [
                  h('img', { class: 'sensitivity-tornado', alt: `Tornado chart: ${chosen.label}`, src: api.sensitivityChartUrl(j.id, 'tornado', chosen.id) }),
                  h('img', {
                    class: 'sensitivity-outcome',
                    alt: `Distribution across the draws: ${chosen.label}`,
                    src: api.sensitivityChartUrl(j.id, 'outcome', chosen.id),
                  }),
                ]
              : null,
          )
        : null,
    );
  });
}
