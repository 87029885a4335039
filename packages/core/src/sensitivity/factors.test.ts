import { describe, expect, it } from 'vitest';
import { testScenario } from '../sim/sim-fixtures.js';
import { groupFactors } from './factor-groups.js';
import { designator, enumerateFactors, type Factor } from './factors.js';
import { jammedScenario, spreadCatalog } from './sensitivity-fixtures.js';

const ids = (fs: Factor[]): string[] => fs.map((f) => f.id);

describe('uncertain factors of a scenario', () => {
  const cat = spreadCatalog();

  it('lists only values with a spread, one factor per statement, in a fixed order', () => {
    const fs = enumerateFactors(testScenario(), cat, { raids: true, coverage: true, jamming: true });
    expect(ids(fs)).toEqual([
      'test-sam/acq/range',
      'test-sam/acq/antenna',
      'test-sam/acq/scan',
      'test-sam/fc/limits',
      'test-sam/msl/pk',
      'test-sam/msl/envelope',
      'test-sam/fire-unit/channels',
      'test-sam/fire-unit/timing',
      'test-jet/rcs',
      'test-jet/speed',
    ]);
    const envelope = fs.find((f) => f.id === 'test-sam/msl/envelope')!;
    expect(envelope.members.map((m) => m.where)).toEqual(['missiles[0].maxRange', 'missiles[0].averageSpeed']);
    expect(envelope.label).toBe('test-sam msl envelope');
    // One threat's RCS table is one factor: every band of the front aspect, on a log scale.
    const rcs = fs.find((f) => f.id === 'test-jet/rcs')!;
    expect(rcs.members).toHaveLength(7);
    expect(rcs.members.every((m) => m.distribution.scale === 'log' && m.sense === 1)).toBe(true);
  });

  it('coverage alone draws no scan period, Pk, average speed or fire unit', () => {
    const fs = enumerateFactors(testScenario(), cat, { raids: false, coverage: true, jamming: true });
    expect(ids(fs)).toEqual(['test-sam/acq/range', 'test-sam/acq/antenna', 'test-sam/fc/limits', 'test-sam/msl/envelope', 'test-jet/rcs', 'test-jet/speed']);
    expect(fs[3].members.map((m) => m.where)).toEqual(['missiles[0].maxRange']);
  });

  it('draws receivers and the jammer only when a jammer of the radar band acts', () => {
    const on = enumerateFactors(jammedScenario(), cat, { raids: true, coverage: false, jamming: true });
    expect(ids(on)).toContain('test-sam/acq/receiver');
    expect(ids(on)).toContain('test-soj/emission');
    expect(on.find((f) => f.id === 'test-soj/emission')!.members.map((m) => [m.where, m.sense])).toEqual([['erp', -1]]);
    const off = enumerateFactors(jammedScenario(), cat, { raids: true, coverage: false, jamming: false });
    expect(ids(off).some((id) => id.endsWith('/receiver') || id.startsWith('test-soj'))).toBe(false);
  });

  it('leaves out antenna heights every site overrides and speeds every raid group sets', () => {
    const scen = testScenario();
    scen.sites[0].antennaHeightM = 25;
    scen.raids![0].groups[0].speedMps = 240;
    const fs = enumerateFactors(scen, cat, { raids: true, coverage: false, jamming: true });
    expect(ids(fs)).not.toContain('test-sam/acq/antenna');
    expect(ids(fs)).not.toContain('test-jet/speed');
  });

  it('draws only the entries named in `only`, and names an unknown one', () => {
    expect(ids(enumerateFactors(testScenario(), cat, { raids: true, coverage: true, jamming: true, only: ['test-jet'] }))).toEqual([
      'test-jet/rcs',
      'test-jet/speed',
    ]);
    expect(() => enumerateFactors(testScenario(), cat, { raids: true, coverage: true, jamming: true, only: ['test-jat'] })).toThrow(/did you mean "test-jet"/);
  });

  it('groups factors by part and by entry for attribution', () => {
    const fs = enumerateFactors(jammedScenario(), cat, { raids: true, coverage: true, jamming: true });
    expect(groupFactors(fs, 'part').map((g) => g.label)).toEqual([
      'test-sam radars',
      'test-sam missiles',
      'test-sam fire unit',
      'test-jet RCS',
      'test-jet speed',
      'test-soj emission',
    ]);
    expect(groupFactors(fs, 'entry').map((g) => [g.id, g.factors.length])).toEqual([
      ['test-sam', 9],
      ['test-jet', 2],
      ['test-soj', 1],
    ]);
    expect(groupFactors(fs, 'factor')).toHaveLength(fs.length);
  });
});

describe('designators for labels', () => {
  it('takes a designator-like first word, a quoted nickname, else the id', () => {
    expect(designator('S-400 Triumf', 's-400')).toBe('S-400');
    expect(designator('92N6E "Grave Stone" multifunction fire-control radar', '92n6e')).toBe('92N6E');
    expect(designator('"Big Back" regimental early-warning radar', 'big-back')).toBe('Big Back');
    expect(designator('THAAD', 'thaad')).toBe('THAAD');
    expect(designator('Tomahawk-class land-attack cruise missile', 'cruise-missile')).toBe('cruise-missile');
  });
});
