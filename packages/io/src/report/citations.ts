/**
 * Numbering of a report's references, figures and tables. References are numbered in the order
 * of their first citation (Vancouver style); figures and tables in the order they are placed.
 * The HTML is built in document order, so the numbers read 1, 2, 3… down the page.
 */
import escapeHtml from 'escape-html';
import type { Source } from '@parapet/core';

/** One entry of the reference list. */
export interface Reference {
  /** Authors, title, publisher, year: the entry as it is printed. */
  text: string;
  url?: string;
  accessed?: string;
  /** Where Parapet uses it (e.g. "docs/models/jamming.md"), printed after the entry. */
  usedIn?: string;
}

/** A source cited by a catalog value or a scenario site, as a reference entry. */
export function sourceReference(s: Source): Reference {
  return { text: s.title, url: s.url, accessed: s.accessed };
}

const keyOf = (r: Reference): string => `${r.text}|${r.url ?? ''}`;

export class References {
  private readonly byKey = new Map<string, number>();
  private readonly list: Reference[] = [];

  /** The number of `r`, given on its first citation. */
  number(r: Reference): number {
    const k = keyOf(r);
    let n = this.byKey.get(k);
    if (n === undefined) {
      this.list.push(r);
      n = this.list.length;
      this.byKey.set(k, n);
    }
    return n;
  }

  /** "[3]" or "[3, 7]" as HTML links to the entries; empty for no references. */
  cite(...refs: Reference[]): string {
    const ns = [...new Set(refs.map((r) => this.number(r)))];
    if (ns.length === 0) return '';
    return `[${ns.map((n) => `<a class="cite" href="#ref-${n}">${n}</a>`).join(', ')}]`;
  }

  entries(): readonly Reference[] {
    return this.list;
  }

  /** The numbered list. */
  html(): string {
    const items = this.list.map((r, i) => {
      const url = r.url ? ` <a class="url" href="${escapeHtml(r.url)}">${escapeHtml(r.url)}</a>` : '';
      const accessed = r.accessed ? ` (accessed ${escapeHtml(r.accessed)})` : '';
      const used = r.usedIn ? ` <span class="used-in">Used in ${escapeHtml(r.usedIn)}.</span>` : '';
      return `<li id="ref-${i + 1}" value="${i + 1}">${escapeHtml(r.text.replace(/[.\s]+$/, ''))}.${url}${accessed}${used}</li>`;
    });
    return `<ol class="references">\n${items.join('\n')}\n</ol>`;
  }
}

/** Figure or table numbers, in the order they are placed. */
export class Counter {
  private n = 0;
  next(): number {
    return ++this.n;
  }
  get count(): number {
    return this.n;
  }
}
