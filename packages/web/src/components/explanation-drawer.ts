/**
 * The explanation drawer (right): for a site, place, target or metric, where its numbers come
 * from (core explain through /api/explain); for a site also its vertical coverage diagram, cut
 * along a typed azimuth or toward a point clicked on the map. Closed with × or Escape.
 */
import { effect } from '@preact/signals-core';
import { api, type ExplainSubject } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, replaceChildren } from '../ui/dom.js';
import { explanationView } from '../ui/explain-view.js';

export function mountExplanationDrawer(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  const close = () => h('button', { class: 'close', 'aria-label': 'Close the explanation', onclick: () => a.closeExplain() }, '×');
  let seq = 0;

  const showVcd = async (siteId: string, cut: { azimuthDeg?: number; toLonDeg?: number; toLatDeg?: number }): Promise<void> => {
    const slot = root.querySelector<HTMLElement>('.vcd-slot');
    if (!slot) return;
    const azimuth = h('input', {
      type: 'number',
      min: 0,
      max: 360,
      step: 1,
      value: cut.azimuthDeg ?? '',
      placeholder: 'deg',
      'aria-label': 'Azimuth of the cut, degrees from north',
      'data-key': 'vcd-az',
    }) as HTMLInputElement;
    const controls = h(
      'form',
      {
        class: 'vcd-cut',
        onsubmit: (e: Event) => {
          e.preventDefault();
          const v = Number(azimuth.value);
          void showVcd(siteId, azimuth.value.trim() === '' || !Number.isFinite(v) ? {} : { azimuthDeg: v });
        },
      },
      h('label', {}, 'Cut along azimuth ', azimuth, '°'),
      h('button', { type: 'submit', class: 'small', 'data-key': 'vcd-cut' }, 'Draw'),
      h('span', { class: 'muted small' }, ' or click the map toward a point. The terrain profile shows when the scenario has terrain.'),
    );
    const head = h('h3', {}, 'Vertical coverage diagram');
    replaceChildren(slot, head, controls, h('p', { class: 'muted' }, 'Drawing…'));
    const threatId = s.threatId.peek();
    try {
      const svg = await api.vcd({ text: s.text.peek(), file: s.fileName.peek(), siteId, threatId, valueCase: s.valueCase.peek(), ...cut });
      const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
      const img = h('img', { src: url, class: 'vcd', alt: `Vertical coverage diagram of ${siteId} against ${threatId}` });
      replaceChildren(slot, head, controls, h('a', { href: url, target: '_blank', rel: 'noopener', title: 'Open full size' }, img));
    } catch (e) {
      replaceChildren(slot, head, controls, h('p', { class: 'error' }, (e as Error).message));
    }
  };

  const show = async (subject: ExplainSubject): Promise<void> => {
    const mine = ++seq;
    replaceChildren(root, h('p', { class: 'muted' }, 'Loading…'));
    try {
      const threatId = s.threatId.peek();
      const altitudeM = s.altitudeM.peek();
      const e = await api.explain({
        text: s.text.peek(),
        file: s.fileName.peek(),
        valueCase: s.valueCase.peek(),
        subject,
        threatId: threatId || undefined,
        altitudeM: altitudeM || undefined,
      });
      if (mine !== seq) return;
      replaceChildren(root, close(), explanationView(e));
      if (subject.kind === 'site' && threatId) void showVcd(subject.id, {});
    } catch (err) {
      if (mine === seq) replaceChildren(root, close(), h('p', { class: 'error' }, (err as Error).message));
    }
  };

  effect(() => {
    const subject = s.explain.value;
    root.hidden = subject === null;
    if (!subject) return;
    void show(subject).then(() => root.focus());
  });
  // A map click toward a point cuts the open site's diagram there.
  effect(() => {
    const to = s.vcdToward.value;
    const subject = s.explain.peek();
    if (to && subject?.kind === 'site') void showVcd(subject.id, { toLonDeg: to.lonDeg, toLatDeg: to.latDeg });
  });
}
