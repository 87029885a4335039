import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv (RFC 4180)', () => {
  it('writes plain fields bare and ends every record with CRLF', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['x', 1.5],
          ['y', -2],
        ],
      ),
    ).toBe('a,b\r\nx,1.5\r\ny,-2\r\n');
  });

  it('quotes fields with commas, quotes and line breaks, doubling inner quotes (§2.6–2.7)', () => {
    const csv = toCsv(
      ['name', 'note'],
      [
        ['Seoul, ROK', 'said "maybe"'],
        ['two\nlines', 'cr\rhere'],
      ],
    );
    expect(csv).toBe('name,note\r\n"Seoul, ROK","said ""maybe"""\r\n"two\nlines","cr\rhere"\r\n');
  });

  it('writes null, undefined and non-finite numbers as empty fields and booleans as words', () => {
    expect(toCsv(['a', 'b', 'c', 'd'], [[null, undefined, Number.NaN, true]])).toBe('a,b,c,d\r\n,,,true\r\n');
  });

  it('keeps spaces as part of the field (§2.4)', () => {
    expect(toCsv(['a'], [[' x ']])).toBe('a\r\n x \r\n');
  });

  it('rejects a row of the wrong length', () => {
    expect(() => toCsv(['a', 'b'], [['x']])).toThrow(/rows\[0\] has 1 fields, the header has 2/);
  });
});
