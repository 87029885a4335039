import { describe, expect, it } from 'vitest';
import { checkScenario } from '../scenario/check.js';
import { testCatalog, testScenario } from './sim-fixtures.js';

const cat = testCatalog();

function withRaids(raids: unknown, extra: Record<string, unknown> = {}): unknown {
  return { ...testScenario(), raids, ...extra };
}

const group = {
  id: 'g',
  threat: 'test-jet',
  count: 2,
  route: [
    { lon: 127, lat: 36, altitudeM: 100 },
    { lon: 127, lat: 37, altitudeM: 100 },
  ],
};

describe('scenario raids: validation', () => {
  it('accepts a raid and applies the stated defaults', () => {
    const r = checkScenario(withRaids([{ id: 'r', groups: [group] }]), cat);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const g = r.scenario.raids![0].groups[0];
    expect([g.spacingSec, g.startSec, g.altitudeReference]).toEqual([0, 0, 'msl']);
  });

  it('reports an unknown threat at its path, with a did-you-mean hint', () => {
    const r = checkScenario(withRaids([{ id: 'r', groups: [{ ...group, threat: 'test-jets' }] }]), cat);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toContainEqual({ path: ['raids', 0, 'groups', 0, 'threat'], message: 'unknown threat "test-jets" (did you mean "test-jet"?)' });
  });

  it('reports duplicate group ids across raids and duplicate raid ids', () => {
    const r = checkScenario(
      withRaids([
        { id: 'r', groups: [group] },
        { id: 'r', groups: [group] },
      ]),
      cat,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toContain('raids.1.id');
    expect(paths).toContain('raids.1.groups.0.id');
  });

  it('reports structural problems and reference problems together', () => {
    const r = checkScenario(withRaids([{ id: 'r', groups: [{ ...group, threat: 'nope', count: 0, route: [group.route[0]] }] }]), cat);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['raids.0.groups.0.threat', 'raids.0.groups.0.count', 'raids.0.groups.0.route']));
  });

  it('accepts doctrine shoot-look-shoot or { salvo: N } on the scenario and on sites, and nothing else', () => {
    const ok = checkScenario(withRaids([{ id: 'r', groups: [group] }], { doctrine: { salvo: 2 } }), cat);
    expect(ok.ok).toBe(true);
    const bad = checkScenario(withRaids([{ id: 'r', groups: [group] }], { doctrine: 'salvo' }), cat);
    expect(bad.ok).toBe(false);
  });
});
