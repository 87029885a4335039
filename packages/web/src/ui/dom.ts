/** Small DOM helpers: element building, redrawing from signals, number formatting. */
import { computed, effect, untracked } from '@preact/signals-core';

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/** `h('button', { class: 'x', onclick: fn }, 'Run')` */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: (Child | Child[] | Child[][])[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = String(v);
    else if (k === 'value' && 'value' in el) (el as HTMLInputElement).value = String(v);
    else if (k === 'checked' && 'checked' in el) (el as HTMLInputElement).checked = Boolean(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(2)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'string' || typeof c === 'number' ? String(c) : c);
  }
  return el;
}

/** Replaces a container's children, keeping keyboard focus on the element with the same data-key. */
export function replaceChildren(container: HTMLElement, ...children: (Node | string | null | undefined)[]): void {
  const active = document.activeElement as HTMLElement | null;
  const key = active && container.contains(active) ? active.dataset.key : undefined;
  container.replaceChildren(...children.filter((c): c is Node | string => c !== null && c !== undefined));
  if (key) container.querySelector<HTMLElement>(`[data-key="${CSS.escape(key)}"]`)?.focus();
}

export const fmtArea = (km2: number): string => (km2 >= 100 ? Math.round(km2).toLocaleString('en-US') : km2.toFixed(1));
export const fmtKm = (km: number): string => (km === 0 ? '—' : km.toFixed(0));
export const fmtAlt = (m: number | null): string => (m === null ? 'not engaged' : `${Math.round(m).toLocaleString('en-US')} m`);
export const fmtPct = (x: number): string => `${(100 * x).toFixed(0)} %`;
export const fmtSigned = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${fmtArea(Math.abs(x))}`;

/**
 * Calls `render` now and again whenever `key()` changes: the key reads the signals (tracked),
 * `render` runs untracked, so a panel redraws only when what it shows changed. Keys compare
 * element by element (Object.is): give identities and small strings, not large new objects.
 */
export function keyedEffect(key: () => readonly unknown[], render: () => void): void {
  let last: readonly unknown[] | undefined;
  const k = computed(() => {
    const next = key();
    if (last && next.length === last.length && next.every((x, i) => Object.is(x, last![i]))) return last;
    last = next;
    return next;
  });
  effect(() => {
    k.value;
    untracked(render);
  });
}
