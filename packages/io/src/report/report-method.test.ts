/**
 * The method section against the model notes it summarises: every note named exists, and every
 * work cited for a part is cited by one of that part's notes (matched by a distinctive phrase
 * of the work, read from the notes themselves).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { References } from './citations.js';
import { LITERATURE, METHOD, methodHtml } from './method.js';

const ROOT = join(import.meta.dirname, '../../../..');

/** What a note must contain for the report to say it cites the work. */
const PHRASE: Record<keyof typeof LITERATURE, RegExp> = {
  skolnikIntro: /Skolnik(, \*?Introduction to Radar Systems| §8\.4)/,
  skolnikHandbook: /Radar Handbook/,
  itu834: /ITU-R P\.834/,
  karney: /GeographicLib/,
  diFranco: /DiFranco & Rubin/,
  meyerMayer: /Meyer & Mayer/,
  richards: /Richards, \*Fundamentals of Radar Signal Processing/,
  shnidman1989: /Shnidman, "The calculation of the probability of detection/,
  ieee521: /IEEE Std 521-2019/,
  knott: /Knott/,
  tp8347: /TP 8347/,
  newcombe: /Newcombe/,
  kish: /Kish 1965/,
};

describe('report method section', () => {
  it('names only model notes that exist in the repository', () => {
    for (const part of METHOD) for (const d of part.docs) expect(existsSync(join(ROOT, d)), d).toBe(true);
  });

  it('cites for each part only works that one of its notes cites', () => {
    for (const part of METHOD) {
      const notes = part.docs
        .map((d) => readFileSync(join(ROOT, d), 'utf8'))
        .join(' ')
        .replace(/\s+/g, ' ');
      const cited = part.paragraphs.flatMap((p) => [...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as keyof typeof LITERATURE));
      for (const k of cited) {
        expect(LITERATURE[k], `${part.title}: unknown work ${k}`).toBeDefined();
        // GeographicLib is the library the notes name; Karney's paper is its algorithm's reference.
        expect(notes, `${part.title} cites ${k}, which none of ${part.docs.join(', ')} cites`).toMatch(PHRASE[k]);
      }
    }
  });

  it('numbers the citations in order of first use and links each to its entry', () => {
    const refs = new References();
    const html = methodHtml(refs, METHOD, { raids: true, jamming: true });
    const cited = [...html.matchAll(/href="#ref-(\d+)"/g)].map((m) => Number(m[1]));
    const firsts = [...new Set(cited)];
    expect(firsts).toEqual(firsts.map((_, i) => i + 1));
    expect(refs.entries().length).toBe(firsts.length);
    // Every work of LITERATURE is cited by some part.
    expect(refs.entries().length).toBe(Object.keys(LITERATURE).length);
    expect(html).not.toMatch(/\{\w+\}/);
  });

  it('leaves out the jamming and raid parts when the report has neither', () => {
    const html = methodHtml(new References(), METHOD, { raids: false, jamming: false });
    expect(html).not.toContain('<h3>Noise jamming</h3>');
    expect(html).not.toContain('<h3>Raid simulation</h3>');
    expect(html).toContain('<h3>Detection</h3>');
  });
});
