/**
 * Schema of the catalog: air-defense systems (radars + missiles) and threats. Every number is a
 * sourced `Value`. A radar keeps its instrumented range (the display/processing limit) apart from
 * its detection range against a stated reference RCS — the two are often confused in public
 * sources.
 */
import { z } from 'zod';
import { SourceSchema, valueOf } from './value.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens');

export const RADAR_ROLES = ['surveillance', 'acquisition', 'fire-control', 'multifunction'] as const;

export const RadarSchema = z
  .object({
    id,
    name: z.string(),
    role: z.enum(RADAR_ROLES),
    band: z.string().optional(),
    antennaHeight: valueOf('length'),
    instrumentedRange: valueOf('length'),
    detectionRange: valueOf('length').describe('detection range against referenceRcs'),
    referenceRcs: valueOf('area'),
    referencePd: valueOf('ratio').optional(),
    maxAltitude: valueOf('length'),
    minElevation: z.number().optional(),
    scanPeriod: valueOf('time').optional(),
    pfa: z.number().gt(0).lt(1).optional(),
    pulsesIntegrated: z.number().int().positive().optional(),
    note: z.string().optional(),
  })
  .strict();
export type Radar = z.infer<typeof RadarSchema>;

export const MissileSchema = z
  .object({
    id,
    name: z.string(),
    guidanceRadar: id.describe('id of the radar of the same system that guides this missile'),
    minRange: valueOf('length'),
    maxRange: valueOf('length'),
    minAltitude: valueOf('length'),
    maxAltitude: valueOf('length'),
    maxTargetSpeed: valueOf('speed'),
    averageSpeed: valueOf('speed').optional(),
    pk: valueOf('ratio').optional(),
    note: z.string().optional(),
  })
  .strict();
export type Missile = z.infer<typeof MissileSchema>;

export const FireUnitSchema = z
  .object({
    targetChannels: valueOf('count').optional(),
    missileChannels: valueOf('count').optional(),
    launchers: valueOf('count').optional(),
    missilesPerLauncher: valueOf('count').optional(),
    reloadTime: valueOf('time').optional(),
    reactionTime: valueOf('time').optional(),
  })
  .strict();

export const SystemSchema = z
  .object({
    id,
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    origin: z.string(),
    role: z.enum(['sam', 'bmd', 'early-warning']).default('sam'),
    description: z.string(),
    sources: z.array(SourceSchema).min(1),
    radars: z.array(RadarSchema).min(1),
    missiles: z.array(MissileSchema).default([]),
    fireUnit: FireUnitSchema.optional(),
    note: z.string().optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const radarIds = new Set(s.radars.map((r) => r.id));
    s.missiles.forEach((m, i) => {
      if (!radarIds.has(m.guidanceRadar)) {
        ctx.addIssue({ code: 'custom', path: ['missiles', i, 'guidanceRadar'], message: `unknown radar "${m.guidanceRadar}" (this system has: ${[...radarIds].join(', ')})` });
      }
    });
  });
export type System = z.infer<typeof SystemSchema>;

export const THREAT_CATEGORIES = ['fighter', 'bomber', 'cruise-missile', 'drone', 'ballistic-missile'] as const;

export const ThreatSchema = z
  .object({
    id,
    name: z.string(),
    category: z.enum(THREAT_CATEGORIES),
    description: z.string(),
    rcs: valueOf('area').describe('frontal-aspect radar cross section'),
    speed: valueOf('speed'),
    swerling: z.number().int().min(0).max(4).default(1),
    sources: z.array(SourceSchema).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Threat = z.infer<typeof ThreatSchema>;
