/**
 * Noise jamming of a radar whose detection is calibrated by a reference range (radar/snr.ts).
 *
 * Jammer power in the radar's receiver over its noise (one-way; NAWCWPNS TP 8347, Electronic
 * Warfare and Radar Systems Engineering Handbook, §4-7 to 4-10; Skolnik, Radar Handbook,
 * 3rd ed., ch. 24 "Electronic Counter-Countermeasures", noise-jamming radar equation):
 *
 *   J/N = ERP_j · G_r(θ) · λ² / ((4π)² · R_j² · k · T₀ · F · B_j)
 *
 * with ERP_j the jammer's effective radiated power toward the radar (W), G_r(θ) the radar's
 * receive gain toward the jammer (main lobe G, or G·SLL in the sidelobes), λ the radar's
 * wavelength, R_j the jammer's range, k Boltzmann's constant, T₀ = 290 K, F the noise figure and
 * B_j the jammer's noise bandwidth (B_j ≥ the radar's bandwidth, so that B_r cancels: the radar
 * takes the fraction B_r/B_j of the jammer's power and has noise k·T₀·F·B_r).
 *
 * Detection then uses S/(N+J) = (S/N) / (1 + J/N) in place of S/N. With the calibrated model
 * S/N = SNR_req · (R₀/R)⁴, R₀ the unjammed range at the threshold Pd, a target at range R is
 * detected when
 *
 *   R⁴·(1 + J_soj/N) + K·R² ≤ R₀⁴,   K = (J/N of the self-protection jammer)·R² (constant),
 *
 * so the jammed detection (burn-through) range is the positive root
 *
 *   R_bt² = (√(K² + 4·(1 + J_soj/N)·R₀⁴) − K) / (2·(1 + J_soj/N)).
 *
 * Stand-off only (K = 0): R_bt = R₀·(1 + J/N)^(−¼). Self-protection only, J ≫ N:
 * R_bt ≈ R₀²/√K, the textbook burn-through range R_bt ∝ √(ERP_s·σ / ERP_j) (TP 8347 §4-8).
 * Notional and public: noise jamming of a given ERP only; no waveforms, no ECCM.
 */
import { geodesicInverse } from '../geo/geodesic.js';
import { minVisibleHeightSmoothM, slantRangeM } from '../geo/horizon.js';
import { wavelengthM, type Band } from './band.js';

/** Boltzmann's constant, J/K (exact, SI 2019). */
export const BOLTZMANN_J_PER_K = 1.380649e-23;
/** Standard noise temperature T₀, kelvin (IEEE). */
export const T0_K = 290;

export interface JammerLink {
  /** Effective radiated power toward the radar, watts. */
  erpW: number;
  /** Noise bandwidth the ERP is spread over, hertz (≥ the radar's bandwidth). */
  bandwidthHz: number;
}

export interface ReceiverParams {
  /** Radar centre frequency, hertz. */
  frequencyHz: number;
  /** Main-lobe receive gain, linear. */
  gainLinear: number;
  /** Average sidelobe level relative to the main lobe, linear (< 1). */
  sidelobeLinear: number;
  /** Noise figure, linear (≥ 1). */
  noiseFigureLinear: number;
  /** Azimuth 3 dB beamwidth, radians. */
  beamwidthRad: number;
}

/**
 * J/N·R_j²: the jammer-to-noise ratio at unit range (m²), for receive gain `gainLinear` toward it.
 * J/N at range R_j is this divided by R_j².
 */
export function jammerToNoiseAtUnitRange(j: JammerLink, rx: ReceiverParams, gainLinear: number): number {
  const lambda = wavelengthM(rx.frequencyHz);
  const fourPi = 4 * Math.PI;
  return (j.erpW * gainLinear * lambda * lambda) / (fourPi * fourPi * BOLTZMANN_J_PER_K * T0_K * rx.noiseFigureLinear * j.bandwidthHz);
}

/** J/N (linear) of a jammer at range `rangeM`, in the main lobe (`mainLobe`) or the sidelobes. */
export function jammerToNoise(j: JammerLink, rx: ReceiverParams, rangeM: number, mainLobe: boolean): number {
  if (!(rangeM > 0)) throw new RangeError(`rangeM must be positive, got ${rangeM}`);
  const g = mainLobe ? rx.gainLinear : rx.gainLinear * rx.sidelobeLinear;
  return jammerToNoiseAtUnitRange(j, rx, g) / (rangeM * rangeM);
}

/**
 * Jammed detection (burn-through) range, metres: the largest R with
 * R⁴·(1 + jnStandOff) + kSelfM2·R² ≤ R₀⁴ (see the module comment).
 * @param unjammedRangeM - R₀, the detection range at the threshold Pd without jamming
 * @param jnStandOff - total J/N of the stand-off jammers (linear, ≥ 0)
 * @param kSelfM2 - J/N·R² of a self-protection jammer carried by the target (m², ≥ 0)
 */
export function burnThroughRangeM(unjammedRangeM: number, jnStandOff: number, kSelfM2: number): number {
  if (!(jnStandOff >= 0) || !(kSelfM2 >= 0)) throw new RangeError(`jamming terms must be ≥ 0, got J/N ${jnStandOff}, K ${kSelfM2}`);
  const r04 = unjammedRangeM * unjammedRangeM * unjammedRangeM * unjammedRangeM;
  const a = 1 + jnStandOff;
  if (kSelfM2 === 0) return unjammedRangeM * Math.pow(a, -0.25);
  // The positive root (√(K² + 4a·R₀⁴) − K)/(2a), written as 2R₀⁴/(√(K² + 4a·R₀⁴) + K): the same
  // number without the cancellation that loses every digit when K ≫ R₀² (strong self-protection).
  const r2 = (2 * r04) / (Math.sqrt(kSelfM2 * kSelfM2 + 4 * a * r04) + kSelfM2);
  return Math.sqrt(r2);
}

/** True if azimuth `azRad` lies within `halfWidthRad` of `centreRad` (angles in radians). */
export function withinAzimuth(azRad: number, centreRad: number, halfWidthRad: number): boolean {
  let d = (azRad - centreRad) % (2 * Math.PI);
  if (d < -Math.PI) d += 2 * Math.PI;
  else if (d > Math.PI) d -= 2 * Math.PI;
  return Math.abs(d) <= halfWidthRad;
}

/** A stand-off jammer as it acts on one radar: J/N in its main lobe and sidelobes, and its azimuth. */
export interface ActingJammer {
  id: string;
  /** J/N (linear) when the radar looks within half a beamwidth of the jammer. */
  mainJn: number;
  /** J/N (linear) otherwise. */
  sideJn: number;
  /** Azimuth of the jammer from the radar, radians clockwise from north. */
  azimuthRad: number;
}

/** What `actingJammers` needs of a stand-off jammer. */
export interface PlacedJammer extends JammerLink {
  entityId: string;
  lonDeg: number;
  latDeg: number;
  altitudeM: number;
  bands: readonly Band[];
}

/**
 * The stand-off jammers that act on a radar of `band` with antenna at `antennaMslM` at
 * (lonDeg, latDeg): those jamming its band and above its smooth-earth horizon
 * (h_j ≥ h_min(R_j), geo/horizon.ts), each with J/N at its slant range.
 */
export function actingJammers(
  lonDeg: number,
  latDeg: number,
  antennaMslM: number,
  band: Band,
  rx: ReceiverParams,
  jammers: readonly PlacedJammer[],
  earthRadiusM: number,
): ActingJammer[] {
  const out: ActingJammer[] = [];
  for (const j of jammers) {
    if (!j.bands.includes(band)) continue;
    const g = geodesicInverse(lonDeg, latDeg, j.lonDeg, j.latDeg);
    const d = Math.max(1, g.distanceM);
    if (j.altitudeM < minVisibleHeightSmoothM(d, antennaMslM, earthRadiusM)) continue;
    const slant = slantRangeM(d, antennaMslM, j.altitudeM, earthRadiusM);
    const main = jammerToNoiseAtUnitRange(j, rx, rx.gainLinear) / (slant * slant);
    out.push({ id: j.entityId, mainJn: main, sideJn: main * rx.sidelobeLinear, azimuthRad: (g.azimuthDeg * Math.PI) / 180 });
  }
  return out;
}

/** Total stand-off J/N on a radar looking at azimuth `azimuthRad` (main lobe within half a beamwidth). */
export function standOffJn(acting: readonly ActingJammer[], azimuthRad: number, beamwidthRad: number): number {
  let jn = 0;
  for (let i = 0; i < acting.length; i++) {
    const a = acting[i];
    jn += withinAzimuth(azimuthRad, a.azimuthRad, beamwidthRad / 2) ? a.mainJn : a.sideJn;
  }
  return jn;
}
