import { describe, expect, it } from 'vitest';
import { valuesOf } from '@parapet/core';
import { loadCatalog } from './load-catalog.js';

describe('built-in catalog', () => {
  const catalog = loadCatalog();

  it('validates against the schema', () => {
    expect(catalog.systems.size).toBeGreaterThan(0);
    expect(catalog.threats.size).toBeGreaterThan(0);
  });

  it('gives every numeric value a source and a confidence', () => {
    const entries = [...catalog.systems.values(), ...catalog.threats.values()];
    let count = 0;
    for (const e of entries) {
      for (const { path, value } of valuesOf(e)) {
        count++;
        expect(value.sources.length, `${e.id}.${path} has no source`).toBeGreaterThan(0);
        for (const s of value.sources) expect(s.title.trim(), `${e.id}.${path} has an empty source title`).not.toBe('');
        expect(['high', 'medium', 'low']).toContain(value.confidence);
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('leaves no bare number outside a sourced value', () => {
    // Numbers allowed outside {nominal, …}: the Swerling case, Pfa and pulse counts (model settings).
    const allowed = new Set(['swerling', 'pfa', 'pulsesIntegrated', 'minElevation']);
    const bare: string[] = [];
    const walk = (x: unknown, path: string, key: string): void => {
      if (typeof x === 'number' && !allowed.has(key)) bare.push(path);
      else if (Array.isArray(x)) x.forEach((y, i) => walk(y, `${path}[${i}]`, key));
      else if (typeof x === 'object' && x !== null && !('nominal' in x)) for (const [k, y] of Object.entries(x)) walk(y, `${path}.${k}`, k);
    };
    for (const e of [...catalog.systems.values(), ...catalog.threats.values()]) walk(e, e.id, '');
    expect(bare).toEqual([]);
  });
});
