import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, unknownIdMessage } from './did-you-mean.js';

describe('did you mean', () => {
  it('edit distance of textbook pairs', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('s-400', 's-400')).toBe(0);
  });

  it('suggests the closest id for a typo, nothing for a stranger', () => {
    expect(didYouMean('s-4000', ['s-400', 's-300pmu-2', 's-75'])).toBe('s-400');
    expect(didYouMean('patriot-9000-xl', ['s-400', 's-75'])).toBeUndefined();
    expect(unknownIdMessage('system', 's-4000', ['s-400'])).toBe('unknown system "s-4000" (did you mean "s-400"?)');
  });
});
