/**
 * Schema of the catalog: air-defense systems (radars + missiles) and threats. Every number is a
 * sourced `Value`. A radar keeps its instrumented range (the display/processing limit) apart from
 * its detection range against a stated reference RCS — the two are often confused in public
 * sources.
 */
import { z } from 'zod';
import { BAND_EDGES_HZ, BANDS, frequencyInBand } from '../radar/band.js';
import { SourceSchema, UNIT_FACTORS, valueOf } from './value.js';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and hyphens');

export const RADAR_ROLES = ['surveillance', 'acquisition', 'fire-control', 'multifunction'] as const;

/** A radar's IEEE letter band and its centre frequency (radar/band.ts). */
export const BandSchema = z
  .object({
    letter: z.enum(BANDS),
    frequency: valueOf('frequency').describe('centre frequency'),
  })
  .strict()
  .superRefine((b, ctx) => {
    const f = b.frequency.nominal * ((UNIT_FACTORS.frequency as Record<string, number>)[b.frequency.unit] ?? NaN);
    if (Number.isFinite(f) && !frequencyInBand(f, b.letter)) {
      const [lo, hi] = BAND_EDGES_HZ[b.letter];
      ctx.addIssue({
        code: 'custom',
        path: ['frequency', 'nominal'],
        message: `${b.frequency.nominal} ${b.frequency.unit} is outside the ${b.letter} band (${lo / 1e9}–${hi / 1e9} GHz)`,
      });
    }
  });

/** What noise jamming needs of a receiver (radar/jamming.ts): J/N = ERP·G_r(θ)·λ² / ((4π)²·R_j²·k·T₀·F·B_j). */
export const ReceiverSchema = z
  .object({
    gain: valueOf('power').describe('main-lobe receive gain, dBi'),
    sidelobeLevel: valueOf('power').describe('average sidelobe level relative to the main lobe, dB (negative)'),
    beamwidth: valueOf('angle').describe('azimuth 3 dB beamwidth'),
    noiseFigure: valueOf('power').describe('receiver noise figure, dB'),
  })
  .strict();

/** An azimuth sector covered at once (phased arrays); absent = all-round. */
export const SectorSchema = z
  .object({
    halfWidth: valueOf('angle').describe('half-width of the azimuth sector about the boresight'),
    steerable: z.boolean().describe('true: the array can be turned to another azimuth between scans'),
  })
  .strict();

export const RadarSchema = z
  .object({
    id,
    name: z.string(),
    role: z.enum(RADAR_ROLES),
    band: BandSchema,
    receiver: ReceiverSchema,
    sector: SectorSchema.optional(),
    maxElevation: valueOf('angle').optional(),
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
        ctx.addIssue({
          code: 'custom',
          path: ['missiles', i, 'guidanceRadar'],
          message: `unknown radar "${m.guidanceRadar}" (this system has: ${[...radarIds].join(', ')})`,
        });
      }
    });
  });
export type System = z.infer<typeof SystemSchema>;

export const THREAT_CATEGORIES = ['fighter', 'bomber', 'cruise-missile', 'drone', 'ballistic-missile'] as const;

/** RCS by radar band (radar/band.ts), one sourced value per band. */
export const BandRcsSchema = z
  .object(Object.fromEntries(BANDS.map((b) => [b, valueOf('area')])) as Record<(typeof BANDS)[number], ReturnType<typeof valueOf>>)
  .strict();

/** RCS by aspect sector (front / side / rear) and band; side and rear where sources give them (radar/aspect.ts). */
export const RcsSchema = z
  .object({
    front: BandRcsSchema,
    side: BandRcsSchema.optional(),
    rear: BandRcsSchema.optional(),
  })
  .strict();

export const ThreatSchema = z
  .object({
    id,
    name: z.string(),
    category: z.enum(THREAT_CATEGORIES),
    description: z.string(),
    rcs: RcsSchema,
    typicalAltitude: valueOf('length').optional().describe('typical ingress / mission altitude'),
    speed: valueOf('speed'),
    swerling: z.number().int().min(0).max(4).default(1),
    sources: z.array(SourceSchema).min(1),
    note: z.string().optional(),
  })
  .strict();
export type Threat = z.infer<typeof ThreatSchema>;

export const JAMMER_KINDS = ['stand-off', 'self-protection'] as const;

/** A notional noise jammer (radar/jamming.ts): ERP toward the radar, spread over a noise bandwidth. */
export const JammerSchema = z
  .object({
    id,
    name: z.string(),
    kind: z.enum(JAMMER_KINDS),
    description: z.string(),
    sources: z.array(SourceSchema).min(1),
    bands: z.array(z.enum(BANDS)).min(1).describe('the radar bands it jams'),
    erp: valueOf('power').describe('effective radiated power toward the radar, dBW'),
    bandwidth: valueOf('frequency').describe('noise bandwidth the ERP is spread over'),
    note: z.string().optional(),
  })
  .strict();
export type Jammer = z.infer<typeof JammerSchema>;
