/**
 * Small synthetic catalogs and scenarios for the simulation's tests and benchmarks (not part of
 * the public API): one notional SAM system and one notional jet, with every value stated here.
 */
import { makeCatalog, type Catalog } from '../catalog/catalog.js';
import type { Radar, System, Threat } from '../catalog/schema.js';
import { BANDS } from '../radar/band.js';
import type { Value } from '../catalog/value.js';
import type { Doctrine } from '../scenario/raid-schema.js';
import type { Scenario } from '../scenario/schema.js';

const SRC = [{ title: 'Parapet estimate: test fixture' }];

function v(nominal: number, unit: string): Value {
  return { nominal, unit, sources: SRC, confidence: 'low' };
}

export interface TestSystemOptions {
  pk?: number;
  /** Missile average speed, m/s (default 1000). */
  missileSpeedMps?: number;
  targetChannels?: number;
  missileChannels?: number;
  launchers?: number;
  missilesPerLauncher?: number;
  reloadTimeSec?: number;
  reactionTimeSec?: number;
  /** Missile envelope (defaults 3–40 km, 50 m – 20 km). */
  minRangeKm?: number;
  maxRangeKm?: number;
  maxAltitudeKm?: number;
  /** Without missiles: an early-warning radar only. */
  noMissiles?: boolean;
}

/**
 * "test-sam": a surveillance radar (20 m mast, 150 km vs 1 m², instrumented 200 km, 10 s scan)
 * and a fire-control radar (10 m mast, 100 km vs 1 m², instrumented 150 km) guiding one missile.
 */
export function testSystem(o: TestSystemOptions = {}): System {
  return {
    id: 'test-sam',
    name: 'Test SAM',
    aliases: [],
    origin: 'test',
    role: 'sam',
    description: 'synthetic',
    sources: SRC,
    radars: [
      {
        id: 'acq',
        name: 'acquisition',
        role: 'surveillance',
        antennaHeight: v(20, 'm'),
        instrumentedRange: v(200, 'km'),
        detectionRange: v(150, 'km'),
        referenceRcs: v(1, 'm2'),
        maxAltitude: v(30, 'km'),
        scanPeriod: v(10, 's'),
        band: testBand(),
        receiver: testReceiver(),
      },
      {
        id: 'fc',
        name: 'fire control',
        role: 'fire-control',
        antennaHeight: v(10, 'm'),
        instrumentedRange: v(150, 'km'),
        detectionRange: v(100, 'km'),
        referenceRcs: v(1, 'm2'),
        maxAltitude: v(30, 'km'),
        scanPeriod: v(1, 's'),
        band: testBand(),
        receiver: testReceiver(),
      },
    ],
    missiles: o.noMissiles
      ? []
      : [
          {
            id: 'msl',
            name: 'test missile',
            guidanceRadar: 'fc',
            minRange: v(o.minRangeKm ?? 3, 'km'),
            maxRange: v(o.maxRangeKm ?? 40, 'km'),
            minAltitude: v(50, 'm'),
            maxAltitude: v(o.maxAltitudeKm ?? 20, 'km'),
            maxTargetSpeed: v(1000, 'm/s'),
            averageSpeed: v(o.missileSpeedMps ?? 1000, 'm/s'),
            pk: v(o.pk ?? 0.5, '1'),
          },
        ],
    fireUnit: {
      targetChannels: v(o.targetChannels ?? 1, 'count'),
      missileChannels: v(o.missileChannels ?? 2, 'count'),
      launchers: v(o.launchers ?? 4, 'count'),
      missilesPerLauncher: v(o.missilesPerLauncher ?? 1, 'count'),
      reloadTime: v(o.reloadTimeSec ?? 600, 's'),
      reactionTime: v(o.reactionTimeSec ?? 10, 's'),
    },
  };
}

/** S band at 3 GHz. */
export function testBand(): Radar['band'] {
  return { letter: 'S', frequency: v(3, 'GHz') };
}

/** A receiver of 35 dBi, −25 dB sidelobes, 2° beam, 4 dB noise figure. */
export function testReceiver(): Radar['receiver'] {
  return { gain: v(35, 'dB'), sidelobeLevel: v(-25, 'dB'), beamwidth: v(2, 'deg'), noiseFigure: v(4, 'dB') };
}

/** The same RCS in every band, front aspect only. */
export function flatRcs(m2: number): Threat['rcs'] {
  return { front: Object.fromEntries(BANDS.map((b) => [b, v(m2, 'm2')])) as Threat['rcs']['front'] };
}

/** "test-jet": 1 m², 250 m/s, Swerling 1. */
export function testThreat(): Threat {
  return { id: 'test-jet', name: 'Test jet', category: 'fighter', description: 'synthetic', rcs: flatRcs(1), speed: v(250, 'm/s'), swerling: 1, sources: SRC };
}

export function testCatalog(o: TestSystemOptions = {}): Catalog {
  return makeCatalog([testSystem(o)], [testThreat()]);
}

export interface TestScenarioOptions {
  /** Route longitude (the site is at 127.0 E, 37.0 N); default 127.0 (straight overhead). */
  routeLonDeg?: number;
  altitudeM?: number;
  count?: number;
  spacingSec?: number;
  doctrine?: Doctrine;
  reserveMissiles?: number;
}

/** One test-sam site at (127.0 E, 37.0 N); one group flying north from 36.0 N to 38.0 N. */
export function testScenario(o: TestScenarioOptions = {}): Scenario {
  const lon = o.routeLonDeg ?? 127.0;
  const alt = o.altitudeM ?? 5000;
  return {
    name: 'sim test',
    region: { bbox: [125, 35, 129, 39], resolutionM: 1000 },
    earth: { kFactor: 4 / 3 },
    sites: [
      { id: 'sam', system: 'test-sam', lon: 127.0, lat: 37.0, status: 'hypothetical', sources: SRC, doctrine: o.doctrine, reserveMissiles: o.reserveMissiles },
    ],
    places: [],
    analysis: { threats: ['test-jet'], altitudesM: [alt], altitudeReference: 'msl' },
    raids: [
      {
        id: 'raid',
        startSec: 0,
        groups: [
          {
            id: 'jets',
            threat: 'test-jet',
            count: o.count ?? 1,
            spacingSec: o.spacingSec ?? 0,
            startSec: 0,
            altitudeReference: 'msl',
            route: [
              { lon, lat: 36.0, altitudeM: alt },
              { lon, lat: 38.0, altitudeM: alt },
            ],
          },
        ],
      },
    ],
  };
}
