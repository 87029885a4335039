/**
 * `parapet vcd SITE-or-SYSTEM --threat ID [--scenario FILE --azimuth DEG] [--out DIR]` — the
 * vertical coverage diagram (range–height) of a system against a threat: detection regions at
 * several Pd, engagement zones, horizon; SVG + PNG, and a table of ranges at given heights.
 */
import type { Command } from 'commander';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import {
  computeVerticalCoverage,
  defaultVcdGroundRangeM,
  primaryRadarIndex,
  coveredRangeAtHeightM,
  DEFAULT_PD_THRESHOLD,
  effectiveEarthRadiusM,
  explainThreat,
  STANDARD_K_FACTOR,
  swerlingName,
  terrainProfileAlong,
  unknownIdMessage,
  elevationAt,
  vcdMissilesOf,
  siteBoresightRad,
  vcdRadarsOf,
  resolvedForExplain,
  resolveJammers,
  scenarioSiteRequest,
  type Catalog,
  type Scenario,
  type System,
  type TerrainProfile,
  type ValueCase,
  type VerticalCoverage,
} from '@parapet/core';
import { DemMosaic, MAX_SCENARIO_DEM_NODES, openTerrainDem, renderVcdSvg, terrainWindow, writeSvgAndPng } from '@parapet/io';
import { UsageError, UserError } from '../errors.js';
import { catalog, parseNumberOption, scenario } from '../inputs.js';
import { formatTable } from '../table.js';
import { parseValueCase } from './coverage.js';

export const VCD_HEIGHTS_M = [100, 500, 1000, 3000, 10000, 20000];

interface VcdOptions {
  threat: string;
  scenario?: string;
  azimuth?: string;
  out?: string;
  pd: string;
  engagementPd?: string;
  radar?: string;
  maxRange?: string;
  maxHeight?: string;
  values: string;
  json?: boolean;
  dem?: string;
  at?: string;
}

/** Elevation lookup for a terrain profile: metres MSL at (lon, lat), NaN outside the model. */
export type HeightAt = (lonDeg: number, latDeg: number) => number;

export interface VcdRun {
  vc: VerticalCoverage;
  system: System;
  primaryRadarIndex: number;
  rows: { heightM: number; detectKm: Record<string, number>; engageKm: number }[];
}

function parsePdList(v: string): number[] {
  const xs = v.split(',').map((x) => Number(x.trim()));
  if (!xs.length || xs.some((x) => !(x > 0 && x < 1))) throw new UsageError(`--pd must be a comma-separated list of probabilities in (0, 1), got "${v}"`);
  return [...new Set(xs)].sort((a, b) => b - a);
}

/** Resolves SITE-or-SYSTEM: a site id of the scenario, or a catalog system id. */
function resolveTarget(
  id: string,
  cat: Catalog,
  scen?: Scenario,
): { system: System; siteId?: string; antennaHeightM?: number; lonDeg?: number; latDeg?: number } {
  if (scen) {
    const site = scen.sites.find((s) => s.id === id);
    if (site) return { system: cat.systems.get(site.system)!, siteId: site.id, antennaHeightM: site.antennaHeightM, lonDeg: site.lon, latDeg: site.lat };
  }
  const system = cat.systems.get(id);
  if (system) return { system };
  const known = [...(scen ? scen.sites.map((s) => s.id) : []), ...cat.systems.keys()];
  const hint = scen ? '' : ' — a scenario site id needs --scenario FILE';
  throw new UserError(`${unknownIdMessage(scen ? 'site or system' : 'system', id, known)}${hint}`);
}

/** Computes the diagram and its table (no files). */
export function runVcd(targetId: string, opts: VcdOptions, cat: Catalog = catalog(), heightAt?: HeightAt): VcdRun {
  const scen = opts.scenario ? scenario(opts.scenario, cat) : undefined;
  const target = resolveTarget(targetId, cat, scen);
  const { system, antennaHeightM } = target;
  const threatEntry = cat.threats.get(opts.threat);
  if (!threatEntry) throw new UserError(unknownIdMessage('threat', opts.threat, [...cat.threats.keys()]));
  const valueCase: ValueCase = parseValueCase(opts.values);
  const pdLevels = parsePdList(opts.pd);
  const scenarioPd = (scen?.analysis as { pd?: number } | undefined)?.pd;
  const engagementPd = opts.engagementPd ? parseNumberOption('--engagement-pd', opts.engagementPd, 1e-6, 0.999999) : (scenarioPd ?? DEFAULT_PD_THRESHOLD);
  const k = scen?.earth.kFactor ?? STANDARD_K_FACTOR;
  const a = effectiveEarthRadiusM(k);
  const siteEntry = scen && target.siteId ? scen.sites.find((x) => x.id === target.siteId) : undefined;
  // A scenario site: the scenario's aspect, self-protection jammer and stand-off jammers, as on its maps.
  const threat = siteEntry
    ? {
        ...explainThreat(threatEntry, valueCase).params,
        ...resolvedForExplain(scenarioSiteRequest({ scenario: scen!, catalog: cat, valueCase }, siteEntry.id, threatEntry.id)).threat,
      }
    : explainThreat(threatEntry, valueCase).params;
  if (opts.azimuth !== undefined) parseNumberOption('--azimuth', opts.azimuth, -360, 360);
  // The cut's azimuth against the site's sector radars; a catalog system's sector radars face the cut.
  const cutAzimuthRad = siteEntry && opts.azimuth !== undefined ? (Number(opts.azimuth) * Math.PI) / 180 : undefined;
  const radars = vcdRadarsOf(system, valueCase, antennaHeightM, siteEntry ? siteBoresightRad(scen!, siteEntry) : 0);
  const missiles = vcdMissilesOf(system, valueCase);

  // Primary radar: --radar, else the one that sees this threat farthest at Pd 0.5 (along the cut).
  const primary = opts.radar ? radars.findIndex((r) => r.id === opts.radar) : primaryRadarIndex(radars, threat, cutAzimuthRad);
  if (primary < 0)
    throw new UserError(
      unknownIdMessage(
        `radar of ${system.id}`,
        opts.radar!,
        radars.map((r) => r.id),
      ),
    );
  const allPd = [...new Set([...pdLevels, engagementPd])];
  const maxGroundRangeM = opts.maxRange
    ? parseNumberOption('--max-range', opts.maxRange, 1, 5000) * 1000
    : defaultVcdGroundRangeM(radars, primary, missiles, allPd, threat);
  let terrain: TerrainProfile | undefined;
  if (heightAt) {
    if (opts.azimuth === undefined) throw new UsageError('--dem needs --azimuth (the direction of the cut, degrees from north)');
    let lonDeg = target.lonDeg;
    let latDeg = target.latDeg;
    if (opts.at) {
      const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(opts.at);
      if (!m) throw new UsageError(`--at must be LON,LAT in degrees, got "${opts.at}"`);
      lonDeg = parseNumberOption('--at longitude', m[1], -180, 360);
      latDeg = parseNumberOption('--at latitude', m[2], -90, 90);
    }
    if (lonDeg === undefined || latDeg === undefined) throw new UsageError('--dem needs a site position: a site of --scenario, or --at LON,LAT');
    const az = parseNumberOption('--azimuth', opts.azimuth, -360, 360);
    const profile = terrainProfileAlong(heightAt, lonDeg, latDeg, az, maxGroundRangeM, Math.max(50, maxGroundRangeM / 4000));
    if (profile.voids === profile.groundRangeM.length) throw new UserError(`the DEM has no data along azimuth ${az}° from ${lonDeg}, ${latDeg}`);
    if (profile.voids > 0)
      process.stderr.write(
        `parapet: ${profile.voids} of ${profile.groundRangeM.length} profile samples fall outside the DEM or on voids; filled from the previous sample\n`,
      );
    terrain = profile;
  }
  const vc = computeVerticalCoverage({
    radars,
    missiles,
    threat,
    azimuthRad: cutAzimuthRad,
    site: siteEntry ? { lonDeg: siteEntry.lon, latDeg: siteEntry.lat } : undefined,
    jamming: scen ? { standOff: resolveJammers(scen, cat, valueCase) } : undefined,
    pdLevels: allPd,
    engagementPd,
    earthRadiusM: a,
    maxGroundRangeM,
    terrain,
  });
  // Contours drawn for the primary radar at the requested levels; other radars at the engagement Pd.
  vc.detections = vc.detections.filter((d) => (d.radarIndex === primary ? pdLevels.includes(d.pd) : d.pd === engagementPd));
  const rows = VCD_HEIGHTS_M.map((h) => {
    const detectKm: Record<string, number> = {};
    for (const pd of pdLevels) detectKm[String(pd)] = coveredRangeAtHeightM(vc, h, { kind: 'detect', radarIndex: primary, pd }) / 1000;
    const engageKm = Math.max(0, ...missiles.map((_, mi) => coveredRangeAtHeightM(vc, h, { kind: 'engage', missileIndex: mi }) / 1000));
    return { heightM: h, detectKm, engageKm };
  });
  return { vc, system, primaryRadarIndex: primary, rows };
}

function fmtRange(km: number): string {
  return km > 0 ? km.toFixed(0) : '—';
}

export function registerVcd(program: Command): void {
  program
    .command('vcd')
    .description('vertical coverage diagram (range–height) of a system or scenario site against a threat')
    .argument('<site-or-system>', 'a site id of --scenario, or a catalog system id')
    .requiredOption('--threat <id>', 'threat id from the catalog')
    .option('--scenario <file>', 'scenario file: its site (antenna height), earth k factor and analysis.pd')
    .option('--azimuth <deg>', 'azimuth of the cut, degrees from north (used with terrain)')
    .option('--out <dir>', 'output folder', join('out', 'vcd'))
    .option('--pd <list>', 'Pd levels of the detection contours', '0.9,0.5,0.1')
    .option('--engagement-pd <p>', 'detection threshold of the guidance radar for the engagement zone (default: analysis.pd or 0.5)')
    .option('--radar <id>', 'radar whose Pd contours are drawn (default: the one that sees the threat farthest)')
    .option('--max-range <km>', 'ground range shown (default: the longest missile or detection reach)')
    .option('--max-height <km>', 'height shown (default: from the contents)')
    .option('--values <case>', 'read the sources at their low (coverage-minimising), nominal or high values', 'nominal')
    .option('--json', 'print the ranges at heights as JSON on stdout')
    .option('--dem <path>', "terrain (GeoTIFF or SRTM .hgt files, or a folder of them) for the profile along --azimuth; default: the scenario's terrain")
    .option('--at <lon,lat>', 'site position for --dem when the target is a catalog system')
    .action(async (target: string, opts: VcdOptions) => {
      const cat = catalog();
      let heightAt: HeightAt | undefined;
      let terrainLabel: string | undefined;
      const scen = opts.scenario ? scenario(opts.scenario, cat) : undefined;
      if (opts.dem) {
        // A DEM file or folder (.tif, .hgt): read over its own extent.
        const mosaic = await DemMosaic.open([opts.dem]);
        const land = mosaic.entries.filter((e) => e.kind !== 'sea');
        const bbox = {
          westDeg: Math.min(...land.map((e) => e.west)),
          southDeg: Math.min(...land.map((e) => e.south)),
          eastDeg: Math.max(...land.map((e) => e.east)),
          northDeg: Math.max(...land.map((e) => e.north)),
        };
        const grid = await mosaic.readWindow(bbox, { maxNodes: MAX_SCENARIO_DEM_NODES });
        heightAt = (lon, lat) => elevationAt(grid, lon, lat);
        terrainLabel = mosaic.label;
      } else if (scen?.terrain) {
        if (opts.azimuth === undefined)
          process.stderr.write('parapet: the scenario has terrain; pass --azimuth DEG to cut the diagram along it (drawing the smooth earth)\n');
        else {
          const mosaic = await openTerrainDem(scen.terrain);
          const grid = await mosaic.readWindow(terrainWindow(scen), { maxNodes: MAX_SCENARIO_DEM_NODES });
          heightAt = (lon, lat) => elevationAt(grid, lon, lat);
          terrainLabel = mosaic.label;
        }
      }
      if (opts.azimuth !== undefined && !heightAt)
        process.stderr.write(
          'parapet: note: --azimuth only matters with terrain (--dem, or a --scenario with a terrain: section); the diagram is the same in every direction on a smooth earth\n',
        );
      const run = runVcd(target, opts, cat, heightAt);
      const { vc, system, primaryRadarIndex: p } = run;
      const radar = vc.input.radars[p];
      const t = vc.input.threat;
      const threatEntry = cat.threats.get(t.id)!;
      const cal = radar.model.calibration;
      const pdLevels = parsePdList(opts.pd);
      const title = `Vertical coverage — ${system.name} vs ${threatEntry.name}`;
      const subtitle = [
        `${radar.name}; target RCS ${t.rcsM2} m² (Swerling ${swerlingName(t.swerling)}), speed ${Math.round(t.speedMps)} m/s · ${opts.values} values`,
        `Calibration: ${(cal.refRangeM / 1000).toFixed(0)} km vs ${cal.refRcsM2} m² at Pd ${cal.refPd}, Pfa ${cal.pfa}, ${cal.pulses} pulse${cal.pulses > 1 ? 's' : ''} integrated · single-scan Pd · 4/3 earth, ${vc.input.terrain ? `terrain: ${terrainLabel}` : 'smooth'}${opts.azimuth !== undefined ? ` · azimuth ${opts.azimuth}°` : ''}`,
      ];
      const footer = [
        'Parameters: Parapet catalog (public sources, mostly low confidence; see `parapet catalog show` and `parapet explain`). Notional; for analysis and education only.',
        'Model: free-space detection range from the radar equation (SNR ∝ σ/R⁴) and exact Swerling Pd, cut by the horizon; no multipath lobing, no elevation beam pattern, no clutter.',
      ];
      const table = {
        title: `Farthest ground range (km) at height`,
        columns: ['height', ...pdLevels.map((pd) => `Pd ${pd}`), 'engaged'],
        rows: run.rows.map((r) => [
          `${r.heightM >= 1000 ? `${r.heightM / 1000} km` : `${r.heightM} m`}`,
          ...pdLevels.map((pd) => fmtRange(r.detectKm[String(pd)])),
          fmtRange(r.engageKm),
        ]),
      };
      const svg = renderVcdSvg(vc, {
        title,
        subtitle,
        footer,
        primaryRadarIndex: p,
        maxHeightM: opts.maxHeight ? parseNumberOption('--max-height', opts.maxHeight, 0.1, 500) * 1000 : undefined,
        table,
      });
      mkdirSync(opts.out!, { recursive: true });
      const base = join(opts.out!, `vcd-${target}-${t.id}`);
      const { svgPath, pngPath } = writeSvgAndPng(base, svg);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({
            system: system.id,
            threat: t.id,
            radar: radar.id,
            valueCase: opts.values,
            engagementPd: vc.input.engagementPd,
            contours: vc.detections.map((d) => ({
              radar: vc.input.radars[d.radarIndex].id,
              pd: d.pd,
              slantRangeKm: d.rangeM / 1000,
              pdRangeKm: d.pdRangeM / 1000,
            })),
            rangesAtHeights: run.rows,
            files: [svgPath, pngPath],
          })}\n`,
        );
      } else {
        process.stdout.write(`${title}\n${subtitle.join('\n')}\n\n`);
        process.stdout.write(
          `${formatTable(run.rows, [
            { header: 'height', cell: (r) => (r.heightM >= 1000 ? `${r.heightM / 1000} km` : `${r.heightM} m`), align: 'right' },
            ...pdLevels.map((pd) => ({
              header: `detect Pd ${pd} (km)`,
              cell: (r: VcdRun['rows'][number]) => fmtRange(r.detectKm[String(pd)]),
              align: 'right' as const,
            })),
            { header: `engaged (km)`, cell: (r) => fmtRange(r.engageKm), align: 'right' },
          ])}\n`,
        );
        process.stderr.write(`wrote ${svgPath} and ${pngPath}\n`);
      }
    });
}
