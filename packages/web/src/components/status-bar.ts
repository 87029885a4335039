/**
 * The status line over the map: the coverage job's progress (with Cancel), else the last message,
 * else what is shown (grid, line of sight, compute time) and the last edit → map time.
 */
import { effect } from '@preact/signals-core';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';

export function mountStatusBar(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  effect(() => {
    const j = s.job.value;
    if (j) {
      const ev = j.event;
      const frac = ev.total ? (ev.done ?? 0) / ev.total : 0;
      const what = [j.stage === 'focus' ? 'layer on screen' : '', ev.step, ev.phase].filter(Boolean).join(' · ');
      root.classList.remove('error');
      root.classList.add('busy');
      replaceChildren(
        root,
        h('span', { class: 'spinner', 'aria-hidden': 'true' }),
        h('span', {}, `Computing coverage — ${what} `),
        h('progress', { max: 1, value: frac, 'aria-label': 'progress' }),
        h('button', { class: 'small', onclick: () => a.cancel(), 'data-key': 'cancel' }, 'Cancel'),
      );
      return;
    }
    root.classList.remove('busy');
    const f = s.flash.value;
    root.classList.toggle('error', f?.error === true);
    const cov = s.coverage.value;
    const t = s.timing.value;
    const parts: (string | HTMLElement)[] = [];
    if (f) parts.push(f.message);
    else if (cov) {
      const g = cov.result.grid;
      const stale = cov.text !== s.text.value;
      parts.push(
        `${stale ? 'Showing the last valid run · ' : ''}${g.width}×${g.height} cells of ${g.resolutionM >= 1000 ? `${g.resolutionM / 1000} km` : `${g.resolutionM} m`} · ${cov.result.visibilityLabel} · ${(cov.result.elapsedMs / 1000).toFixed(1)} s`,
      );
      if (t) parts.push(h('span', { class: 'timing', 'data-ms': t.ms.toFixed(0) }, ` · edit → map ${(t.ms / 1000).toFixed(2)} s`));
    }
    replaceChildren(root, ...parts);
  });
}
