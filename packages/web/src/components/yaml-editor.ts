/**
 * The YAML editor (left, "YAML"): the scenario file itself, edited in place, with its problems
 * listed by line (click to jump) and marked in the gutter. The text area stays the same element
 * while typing; it takes the store's text only when the text changed elsewhere (a drag, a form).
 */
import { effect } from '@preact/signals-core';
import type { InputProblem } from '../api.js';
import type { Ctx } from '../component-context.js';
import { h, keyedEffect, replaceChildren } from '../ui/dom.js';

export function mountYamlEditor(root: HTMLElement, { store: s, actions: a }: Ctx): void {
  const ta = h('textarea', { class: 'yaml', spellcheck: 'false', 'aria-label': 'Scenario YAML', 'data-key': 'yaml', wrap: 'off' }) as HTMLTextAreaElement;
  const gutter = h('div', { class: 'gutter', 'aria-hidden': 'true' });
  const problemsList = h('div', {});
  ta.addEventListener('input', () => a.setText(ta.value));
  ta.addEventListener('scroll', () => (gutter.scrollTop = ta.scrollTop));
  replaceChildren(
    root,
    h(
      'div',
      { class: 'yaml-panel' },
      problemsList,
      h('div', { class: 'editor' }, gutter, ta),
      h('p', { class: 'muted hint' }, 'Edits here re-validate as you type; the map and forms follow when the YAML parses.'),
    ),
  );

  const goTo = (line: number): void => {
    const lines = ta.value.split('\n');
    const off = lines.slice(0, line - 1).reduce((x, l) => x + l.length + 1, 0);
    ta.focus();
    ta.setSelectionRange(off, off + (lines[line - 1]?.length ?? 0));
    ta.scrollTop = Math.max(0, (line - 5) * 17);
  };

  effect(() => {
    const text = s.text.value;
    if (ta.value !== text) ta.value = text;
  });
  // The gutter and the list change with the number of lines and the problems only.
  keyedEffect(
    () => [s.text.value.split('\n').length, s.problems.value],
    () => {
      const text = s.text.value;
      const problems = s.problems.value;
      const byLine = new Map<number, InputProblem[]>();
      for (const p of problems) byLine.set(p.line, [...(byLine.get(p.line) ?? []), p]);
      const lines = text.split('\n').length;
      const rows: HTMLElement[] = [];
      for (let k = 1; k <= lines; k++)
        rows.push(
          h(
            'div',
            {
              class: byLine.has(k) ? 'ln bad' : 'ln',
              title:
                byLine
                  .get(k)
                  ?.map((p) => p.message)
                  .join('\n') ?? '',
            },
            String(k),
          ),
        );
      gutter.replaceChildren(...rows);
      gutter.scrollTop = ta.scrollTop;
      replaceChildren(
        problemsList,
        problems.length
          ? h(
              'ul',
              { class: 'problems' },
              problems.map((p) =>
                h('li', {}, h('button', { class: 'link', onclick: () => goTo(p.line) }, `${p.line}:${p.col}`), ` ${p.path ? `${p.path}: ` : ''}${p.message}`),
              ),
            )
          : h('p', { class: 'ok' }, '✓ valid'),
      );
    },
  );
}
