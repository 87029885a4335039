/**
 * coverage.kml read by GDAL (Debian gdal-bin) through its LIBKML driver — Google's libkml, the
 * reference KML library — with every polygon checked by GEOS (ST_IsValid) and measured on the
 * WGS84 ellipsoid by SpatiaLite (ST_Area(geometry, 1)): the areas the placemarks state must agree
 * with the geodesic areas of the polygons themselves, and each range ring's with π·r².
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkScenario } from '@parapet/core';
import { loadCatalog } from '../catalog/load-catalog.js';
import { runCoverageBands } from '../pipeline/coverage-bands.js';
import { writeCoverageOutputs } from '../pipeline/coverage-outputs.js';
import { closePools } from '../pipeline/worker-pool.js';

const doc = {
  name: 'KML through GDAL',
  region: { bbox: [125.0, 37.6, 127.0, 39.4], resolutionM: 4000 },
  sites: [
    { id: 'sa2', system: 's-75', lon: 125.75, lat: 39.03, status: 'confirmed', sources: [{ title: 'Parapet estimate: test' }] },
    { id: 's400', system: 's-400', lon: 125.8, lat: 38.9, status: 'reported', sources: [{ title: 'Parapet estimate: test' }] },
  ],
  places: [{ name: 'Kaesong', lon: 126.55, lat: 37.99 }],
  analysis: { threats: ['f-16'], altitudesM: [1000, 10000] },
};

let out: string;
let file: string;

function ogrinfo(...args: string[]): string {
  const r = spawnSync('ogrinfo', ['-ro', '-q', ...args], { encoding: 'utf8' });
  if (r.error) throw new Error(`ogrinfo (Debian gdal-bin) is needed for this test: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`ogrinfo failed: ${r.stderr}`);
  return r.stdout;
}

/** Layer names as GDAL lists them ("N: name", with a geometry type in parentheses when known). */
function layers(): string[] {
  return ogrinfo('-so', file)
    .split('\n')
    .map((l) => /^\d+: (.*?)(?: \((?:Multi )?(?:Point|Polygon|Unknown \(any\))\))?$/.exec(l.trim())?.[1])
    .filter((n): n is string => n !== undefined);
}

/** Each feature of a layer: its name, GEOS validity and geodesic area (m²). */
function measured(layer: string): { name: string; valid: number; areaM2: number }[] {
  const text = ogrinfo(
    file,
    '-dialect',
    'sqlite',
    '-sql',
    `SELECT Name AS name, ST_IsValid(geometry) AS valid, ST_Area(geometry, 1) AS m2 FROM "${layer.replace(/"/g, '""')}"`,
  );
  const rows: { name: string; valid: number; areaM2: number }[] = [];
  for (const block of text.split(/\n\s*OGRFeature\(SELECT\):\d+\n/).slice(1)) {
    const field = (name: string) => new RegExp(`^\\s*${name} \\(\\w+\\) = (.*)$`, 'm').exec(block)?.[1];
    rows.push({ name: field('name') ?? '', valid: Number(field('valid')), areaM2: Number(field('m2')) });
  }
  return rows;
}

beforeAll(async () => {
  const cat = loadCatalog();
  const checked = checkScenario(doc, cat);
  if (!checked.ok) throw new Error(JSON.stringify(checked.issues));
  const bands = await runCoverageBands(checked.scenario, cat);
  out = mkdtempSync(join(tmpdir(), 'parapet-kml-gdal-'));
  await writeCoverageOutputs(bands.cases.nominal, cat, 'kml-gdal.yaml', out, { maps: false, bands: bands.layers });
  file = join(out, 'coverage.kml');
});

afterAll(async () => {
  rmSync(out, { recursive: true, force: true });
  await closePools();
});

describe('coverage.kml through GDAL/libkml', () => {
  it('opens with one layer per folder: sites, rings, each coverage layer, bands and MDA classes', () => {
    const names = layers();
    expect(names.slice(0, 3)).toEqual(['Sites', 'Range rings', 'Coverage']);
    expect(names).toContain('F-16 class fighter at 1,000 m MSL');
    expect(names).toContain('Uncertainty bands');
    expect(names).toContain('Minimum detectable altitude');
  });

  it('holds valid polygons whose geodesic areas are the areas stated (within 2%: corners cut by the tracing)', () => {
    let checked = 0;
    for (const layer of layers()) {
      for (const f of measured(layer)) {
        const stated = /\(([\d,.]+) km²\)$/.exec(f.name);
        if (!stated) continue;
        expect(f.valid, `${layer}: ${f.name}`).toBe(1);
        const km2 = Number(stated[1].replace(/,/g, ''));
        expect(Math.abs(f.areaM2 / 1e6 - km2), `${layer}: ${f.name}`).toBeLessThanOrEqual(Math.max(0.02 * km2, 20));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(15);
  });

  it('draws range rings whose geodesic area is π·r² within 0.5% (r ≪ earth radius)', () => {
    const rings = measured('Range rings');
    expect(rings.length).toBe(4);
    for (const r of rings) {
      const km = Number(/, ([\d,.]+) km$/.exec(r.name)![1].replace(/,/g, ''));
      // On a sphere a cap of geodesic radius r has area 2πR²(1 − cos(r/R)) ≈ πr²(1 − r²/12R²); the 180-gon loses 0.02%.
      expect(r.areaM2 / (Math.PI * (km * 1000) ** 2)).toBeCloseTo(1, 2);
    }
  });
});
