/**
 * Schema of a scenario file: region, earth model, sites (city-level, notional, each with a status
 * and its own sources), places of interest, and what to analyse. Structure only; references to
 * the catalog are checked by `checkScenario`.
 */
import { z } from 'zod';
import { SourceSchema } from '../catalog/value.js';
import { ASPECTS } from '../radar/aspect.js';
import { VOID_FILL_POLICIES } from '../terrain/elevation-grid.js';
import { DEM_SOURCE_IDS } from '../terrain/elevation-source.js';
import { DoctrineSchema, RaidSchema } from './raid-schema.js';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'ids are letters, digits, "-" and "_"');
const lon = z.number().min(-180).max(360);
const lat = z.number().min(-90).max(90);

export const SITE_STATUSES = ['confirmed', 'reported', 'hypothetical'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];

export const SiteSchema = z
  .object({
    id,
    system: z.string(),
    lon,
    lat,
    antennaHeightM: z.number().min(0).max(1000).optional().describe('overrides every radar antenna height of the system'),
    boresightDeg: z
      .number()
      .min(0)
      .max(360)
      .optional()
      .describe("azimuth the site's sector radars face, degrees from north (default: toward the centroid of the places)"),
    doctrine: DoctrineSchema.optional().describe('fire doctrine in simulations; default: the scenario doctrine'),
    reserveMissiles: z.number().int().min(0).max(10_000).optional().describe('missiles held for reloads in simulations (default 0)'),
    status: z.enum(SITE_STATUSES),
    sources: z.array(SourceSchema).min(1, 'a site needs at least one source (a "Parapet estimate: …" title for a notional placement)'),
    note: z.string().optional(),
  })
  .strict();
export type Site = z.infer<typeof SiteSchema>;

export const JammerEntitySchema = z
  .object({
    id,
    jammer: z.string().describe('a catalog jammer id (`parapet catalog`)'),
    lon,
    lat,
    altitudeM: z.number().min(0).max(30_000),
    status: z.enum(SITE_STATUSES),
    sources: z.array(SourceSchema).min(1, 'a jammer needs at least one source (a "Parapet estimate: …" title for a notional position)'),
    note: z.string().optional(),
  })
  .strict();
export type JammerEntity = z.infer<typeof JammerEntitySchema>;

export const PlaceSchema = z.object({ name: z.string().min(1), lon, lat }).strict();
export type Place = z.infer<typeof PlaceSchema>;

export const TerrainSchema = z
  .object({
    dem: z
      .string()
      .min(1)
      .describe('a DEM file or folder (.hgt, .hgt.gz, GeoTIFF), relative to the scenario file, or "cache" for the `parapet dem fetch` cache'),
    source: z.enum(DEM_SOURCE_IDS).optional().describe('with dem: cache, which fetched source to use (default: copernicus-90, else whichever is cached)'),
    fill: z.enum(VOID_FILL_POLICIES).default('interpolate').describe('what to do with voids in the DEM'),
    resolutionM: z
      .number()
      .min(10)
      .max(5000)
      .optional()
      .describe(
        'finest DEM spacing line of sight is traced at, metres: the DEM is read no finer than this (default: its own spacing, but at least a quarter of region.resolutionM)',
      ),
  })
  .strict();
export type TerrainConfig = z.infer<typeof TerrainSchema>;

export const ALTITUDE_REFERENCES = ['msl', 'agl'] as const;
export type AltitudeReference = (typeof ALTITUDE_REFERENCES)[number];

export const ScenarioSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    region: z
      .object({
        bbox: z.tuple([lon, lat, lon, lat]).describe('[west, south, east, north] in degrees'),
        resolutionM: z.number().min(50).max(50_000).default(1000),
      })
      .strict()
      .superRefine((r, ctx) => {
        const [w, s, e, n] = r.bbox;
        if (e <= w) ctx.addIssue({ code: 'custom', path: ['bbox'], message: `east (${e}) must be greater than west (${w})` });
        if (n <= s) ctx.addIssue({ code: 'custom', path: ['bbox'], message: `north (${n}) must be greater than south (${s})` });
      }),
    earth: z
      .object({
        kFactor: z
          .number()
          .min(0.5)
          .max(10)
          .default(4 / 3),
      })
      .strict()
      .default({ kFactor: 4 / 3 }),
    terrain: TerrainSchema.optional().describe('terrain masking from a DEM (docs/terrain.md); smooth earth without it'),
    sites: z.array(SiteSchema).min(1, 'a scenario needs at least one site'),
    places: z.array(PlaceSchema).default([]),
    analysis: z
      .object({
        threats: z.array(z.string()).min(1),
        altitudesM: z.array(z.number().min(0).max(100_000)).min(1),
        altitudeReference: z.enum(ALTITUDE_REFERENCES).default('msl'),
        pd: z.number().gt(0).lt(1).optional().describe('detection threshold: the single-scan Pd a radar must reach (default 0.5; docs/models/pd-swerling.md)'),
        aspect: z.enum(ASPECTS).optional().describe('aspect the coverage maps assume to every radar (default front: nose-on; docs/models/aspect.md)'),
        selfProtectionJammer: z.string().optional().describe('a catalog self-protection jammer carried by every analysed threat (docs/models/jamming.md)'),
      })
      .strict(),
    jammers: z.array(JammerEntitySchema).optional().describe('notional stand-off noise jammers (docs/models/jamming.md)'),
    raids: z.array(RaidSchema).optional().describe('notional raids for `parapet simulate`'),
    doctrine: DoctrineSchema.optional().describe('default fire doctrine of every site in simulations (default shoot-look-shoot)'),
  })
  .strict();
export type Scenario = z.infer<typeof ScenarioSchema>;
/** A scenario as written in a file, before defaults are applied. */
export type ScenarioInput = z.input<typeof ScenarioSchema>;

/** A problem in a scenario, located by its path in the document (e.g. ["sites", 2, "system"]). */
export interface ScenarioIssue {
  path: (string | number)[];
  message: string;
}
