import { describe, expect, it } from 'vitest';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { SmoothEarthVisibility } from '../coverage/visibility-provider.js';
import { swerlingDetection } from '../sim/models/detection-model.js';
import { prepareSimulation } from '../sim/prepare.js';
import { testCatalog, testScenario } from '../sim/sim-fixtures.js';
import { MemoSwerlingDetection } from './memo-detection.js';

describe('remembered Swerling detection', () => {
  const scen = testScenario({ count: 3, spacingSec: 30 });
  const vis = new SmoothEarthVisibility(effectiveEarthRadiusM(4 / 3), [], 4 / 3);

  it('prepares exactly the model swerlingDetection prepares, also when it remembers from an earlier model', () => {
    const plain = prepareSimulation(scen, testCatalog(), vis, { detection: swerlingDetection() });
    const memo = new MemoSwerlingDetection();
    const first = prepareSimulation(scen, testCatalog(), vis, { detection: memo });
    const again = prepareSimulation(scen, testCatalog(), vis, { detection: memo });
    expect(first).toEqual(plain);
    expect(again).toEqual(plain);
    expect(plain.pd.some((t) => t.some((x) => x > 0 && x < 1))).toBe(true);
  });

  it('keeps radars of different calibrations apart, and forgets on clear', () => {
    const memo = new MemoSwerlingDetection();
    const near = prepareSimulation(scen, testCatalog(), vis, { detection: memo });
    const cat = testCatalog();
    cat.systems.get('test-sam')!.radars[0].detectionRange.nominal = 90;
    const shorter = prepareSimulation(scen, cat, vis, { detection: memo });
    expect(shorter).toEqual(prepareSimulation(scen, cat, vis, { detection: swerlingDetection() }));
    expect(shorter.pd[0]).not.toEqual(near.pd[0]);
    memo.clear();
    expect(prepareSimulation(scen, testCatalog(), vis, { detection: memo })).toEqual(near);
  });
});
