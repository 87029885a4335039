import { describe, expect, it } from 'vitest';
import { SystemSchema, ThreatSchema, type System, type Threat } from '../catalog/schema.js';
import { effectiveEarthRadiusM } from '../geo/earth.js';
import { geodesicDirect } from '../geo/geodesic.js';
import type { ResolvedJammer } from '../scenario/resolve.js';
import { BANDS } from '../radar/band.js';
import { computeVerticalCoverage, coveredRangeAtHeightM } from '../radar/vertical-coverage.js';
import { vcdMissilesOf, vcdRadarsOf, explainThreat } from './catalog-models.js';
import { explainSiteThreat } from './explain-site.js';
import { findNode, type ExplainNode } from './explain-node.js';

const src = [{ title: 'Test source' }];
const v = (nominal: number, unit: string, low?: number, high?: number) => ({ nominal, low, high, unit, sources: src, confidence: 'low' as const });

/** S band at 3 GHz; a 35 dBi receiver with −25 dB sidelobes, a 2° beam and a 4 dB noise figure. */
const sBand = { letter: 'S', frequency: v(3, 'GHz') };
const receiver = { gain: v(35, 'dB'), sidelobeLevel: v(-25, 'dB'), beamwidth: v(2, 'deg'), noiseFigure: v(4, 'dB') };

const system: System = SystemSchema.parse({
  id: 'sam',
  name: 'Test SAM',
  origin: 'nowhere',
  description: 'test',
  sources: src,
  radars: [
    {
      id: 'sr',
      name: 'Search radar',
      role: 'surveillance',
      antennaHeight: v(20, 'm'),
      instrumentedRange: v(400, 'km'),
      detectionRange: v(300, 'km', 250, 350),
      referenceRcs: v(1, 'm2'),
      maxAltitude: v(30, 'km'),
      band: sBand,
      receiver,
      pfa: 1e-6,
      pulsesIntegrated: 10,
    },
    {
      id: 'fc',
      name: 'Fire-control radar',
      role: 'fire-control',
      antennaHeight: v(10, 'm'),
      instrumentedRange: v(250, 'km'),
      detectionRange: v(200, 'km'),
      referenceRcs: v(1, 'm2'),
      referencePd: v(0.5, '1'),
      maxAltitude: v(30, 'km'),
      band: sBand,
      receiver,
    },
  ],
  missiles: [
    {
      id: 'msl',
      name: 'Missile',
      guidanceRadar: 'fc',
      minRange: v(5, 'km'),
      maxRange: v(150, 'km'),
      minAltitude: v(10, 'm'),
      maxAltitude: v(27, 'km'),
      maxTargetSpeed: v(2000, 'm/s'),
    },
  ],
});
const threat: Threat = ThreatSchema.parse({
  id: 'jet',
  name: 'Jet',
  category: 'fighter',
  description: 'x',
  rcs: { front: Object.fromEntries(BANDS.map((b) => [b, v(0.1, 'm2')])) },
  speed: v(250, 'm/s'),
  sources: src,
});

function allNodes(n: ExplainNode): ExplainNode[] {
  return [n, ...n.children.flatMap(allNodes)];
}

describe('explainSiteThreat', () => {
  const base = {
    catalog: { systems: new Map(), threats: new Map(), jammers: new Map() },
    system,
    threat,
    site: { id: 'site-1', lonDeg: 125.75, latDeg: 39.03 },
    kFactor: 4 / 3,
  };

  it('agrees with the vertical coverage diagram on every detection and engagement range', () => {
    const a = effectiveEarthRadiusM(4 / 3);
    const vc = computeVerticalCoverage({
      radars: vcdRadarsOf(system, 'nominal'),
      missiles: vcdMissilesOf(system, 'nominal'),
      threat: explainThreat(threat, 'nominal').params,
      pdLevels: [0.5],
      engagementPd: 0.5,
      earthRadiusM: a,
      maxGroundRangeM: 450e3,
      samples: 901,
    });
    for (const h of [100, 3000, 12000]) {
      const tree = explainSiteThreat({ ...base, altitudeM: h });
      expect(findNode(tree, 'radar.sr.groundRangeAtAltitude')!.value as number).toBeCloseTo(
        coveredRangeAtHeightM(vc, h, { kind: 'detect', radarIndex: 0, pd: 0.5 }),
        -1,
      );
      expect(findNode(tree, 'radar.fc.groundRangeAtAltitude')!.value as number).toBeCloseTo(
        coveredRangeAtHeightM(vc, h, { kind: 'detect', radarIndex: 1, pd: 0.5 }),
        -1,
      );
      expect(findNode(tree, 'missile.msl.groundRangeAtAltitude')!.value as number).toBeCloseTo(
        coveredRangeAtHeightM(vc, h, { kind: 'engage', missileIndex: 0 }),
        -1,
      );
    }
  });

  it('derives the RCS-scaled range with the textbook formula at Pd* = Pd_ref (Swerling I both)', () => {
    const tree = explainSiteThreat({ ...base, altitudeM: 10000 });
    // R = R_ref·(σ/σ_ref)^¼ when the threshold equals the calibration Pd and the fluctuation models match.
    expect(findNode(tree, 'radar.fc.pdRange')!.value as number).toBeCloseTo(200e3 * Math.pow(0.1, 0.25), 0);
  });

  it('names every catalog input with its path, sources and confidence, and flags defaults', () => {
    const tree = explainSiteThreat({ ...base, altitudeM: 5000 });
    const nodes = allNodes(tree);
    const cat = nodes.filter((n) => n.origin?.kind === 'catalog');
    expect(cat.length).toBeGreaterThan(10);
    for (const n of cat) {
      if (n.origin?.kind !== 'catalog') continue;
      expect(n.origin.sources.length).toBeGreaterThan(0);
      expect(n.origin.path).toMatch(/^(sam|jet)\./);
    }
    expect(findNode(tree, 'radar.sr.refPd')!.origin!.kind).toBe('default');
    expect(findNode(tree, 'radar.fc.refPd')!.origin!.kind).toBe('catalog');
    expect(findNode(tree, 'radar.fc.pfa')!.origin!.kind).toBe('default');
  });

  it('explains a place: geodesic range, horizon, Pd, verdicts', () => {
    // Seoul from Pyongyang: ≈ 195 km. At 1 km altitude a 20 m antenna's horizon is ≈ 149 km: hidden.
    const tree = explainSiteThreat({ ...base, altitudeM: 1000, place: { name: 'Seoul', lonDeg: 126.977, latDeg: 37.569 } });
    expect((findNode(tree, 'place.groundRange')!.value as number) / 1000).toBeCloseTo(195, -1);
    expect(findNode(tree, 'place.radar.sr.detected')!.value).toBe(false);
    expect(findNode(tree, 'place')!.value).toBe(false);
    // At 12 km the target is above the horizon but beyond R = 300 km·0.1^¼ ≈ 169 km: Pd < 0.5.
    const high = explainSiteThreat({ ...base, altitudeM: 12000, place: { name: 'Seoul', lonDeg: 126.977, latDeg: 37.569 } });
    expect(findNode(high, 'place.radar.sr.detected')!.value).toBe(false);
    expect(findNode(high, 'place.radar.sr.pd')!.value as number).toBeLessThan(0.5);
    // ≈ 90 km out, at 12 km: detected by both radars (Pd above the threshold) and engaged.
    const near = explainSiteThreat({ ...base, altitudeM: 12000, place: { name: 'P', lonDeg: 126.2, latDeg: 38.3 } });
    expect(findNode(near, 'place.radar.sr.detected')!.value).toBe(true);
    expect(findNode(near, 'place.radar.sr.pd')!.value as number).toBeGreaterThan(0.5);
    expect(findNode(near, 'place')!.value).toBe(true);
  });

  it('uses the low end of every spread for the coverage-minimising case', () => {
    const tree = explainSiteThreat({ ...base, altitudeM: 10000, valueCase: 'low' });
    expect(findNode(tree, 'radar.sr.refRange')!.value).toBe(250e3);
  });
});

describe('explainSiteThreat: jamming, the elevation limit and the aspect, as the maps have them', () => {
  const base = {
    catalog: { systems: new Map(), threats: new Map(), jammers: new Map() },
    system,
    threat,
    site: { id: 'site-1', lonDeg: 125.75, latDeg: 39.03 },
    kFactor: 4 / 3,
  };
  const a = effectiveEarthRadiusM(4 / 3);

  it('a stand-off jammer 150 km north shortens R to R_Pd·(1 + J/N_sidelobe)^(−¼), J/N by hand', () => {
    const north = geodesicDirect(125.75, 39.03, 0, 150e3);
    const erpW = 1e3;
    const jam: ResolvedJammer = {
      id: 'soj',
      name: 'soj',
      entityId: 'j1',
      jammerId: 'soj',
      bands: ['S'],
      erpW,
      bandwidthHz: 100e6,
      lonDeg: north.lonDeg,
      latDeg: north.latDeg,
      altitudeM: 8000,
      status: 'hypothetical',
    };
    const tree = explainSiteThreat({ ...base, altitudeM: 5000, standOffJammers: [jam] });
    // J/N = ERP·G·sl·λ²/((4π)²·R_j²·k·T₀·F·B_j), the S-band receiver of the test system (35 dBi, −25 dB, NF 4 dB, 3 GHz).
    const slant = Math.sqrt((a + 20) ** 2 + (a + 8000) ** 2 - 2 * (a + 20) * (a + 8000) * Math.cos(150e3 / a));
    const lambda = 299_792_458 / 3e9;
    const jn = (erpW * 10 ** 3.5 * 10 ** -2.5 * lambda ** 2) / ((4 * Math.PI) ** 2 * slant ** 2 * 1.380649e-23 * 290 * 10 ** 0.4 * 100e6);
    const pdRange = findNode(tree, 'radar.sr.pdRange')!.value as number;
    expect(jn).toBeGreaterThan(0.1);
    expect(findNode(tree, 'radar.sr.burnThrough')!.value as number).toBeCloseTo(pdRange * (1 + jn) ** -0.25, 0);
    expect(findNode(tree, 'radar.sr.range')!.value as number).toBeCloseTo(Math.min(400e3, pdRange * (1 + jn) ** -0.25), 0);
    // Over a place on the jammer's bearing the main lobe takes it: a shorter range there.
    const onBearing = explainSiteThreat({
      ...base,
      altitudeM: 5000,
      standOffJammers: [jam],
      place: { name: 'N', lonDeg: north.lonDeg, latDeg: geodesicDirect(125.75, 39.03, 0, 50e3).latDeg },
    });
    expect(findNode(onBearing, 'place.radar.sr.range')!.value as number).toBeLessThan(findNode(tree, 'radar.sr.range')!.value as number);
  });

  it('an elevation limit opens a cone of silence: the detection span starts where the E_max ray reaches h', () => {
    const capped: System = { ...system, radars: system.radars.map((r, i) => (i === 0 ? { ...r, maxElevation: v(30, 'deg') } : r)) };
    const tree = explainSiteThreat({ ...base, system: capped, altitudeM: 12_000 });
    const n = findNode(tree, 'radar.sr.groundRangeAtAltitude')!;
    expect(n.note).toMatch(/cone of silence/);
    // Flat-earth estimate of the inner edge: h / tan E_max ≈ 20.8 km (curvature moves it by metres).
    const inner = Number(/nearer than ([\d.]+) km/.exec(n.note!)![1]);
    expect(inner).toBeCloseTo(12 / Math.tan(Math.PI / 6), 0);
    expect(findNode(tree, 'radar.sr.maxElevation')!.value).toBeCloseTo(Math.PI / 6, 12);
  });

  it('reads the RCS at the scenario’s aspect (side), as the maps do', () => {
    const sided: Threat = { ...threat, rcs: { ...threat.rcs, side: Object.fromEntries(BANDS.map((b) => [b, v(1.6, 'm2')])) as Threat['rcs']['front'] } };
    const front = explainSiteThreat({ ...base, threat: sided, altitudeM: 10_000 });
    const side = explainSiteThreat({ ...base, threat: sided, altitudeM: 10_000, aspect: 'side' });
    // R ∝ σ^¼: 16 times the RCS doubles the range.
    expect((findNode(side, 'radar.fc.pdRange')!.value as number) / (findNode(front, 'radar.fc.pdRange')!.value as number)).toBeCloseTo(2, 9);
  });
});
