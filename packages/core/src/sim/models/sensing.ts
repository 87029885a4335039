/**
 * Sense phase: every searching radar scans on its own period with a random phase per run, and
 * each scan detects each live target with the tabulated per-scan Pd (a Bernoulli draw when
 * 0 < Pd < 1). Track formation is M of N per radar: a radar holds a track on a target while at
 * least M of its last N scans detected it; the network holds a track while any radar does
 * (perfect, instantaneous reporting between radars and fire units — the IADS is fully
 * connected). Fire-control radars do not search and take no part here.
 */
import type { Engine, SimHandler } from '../engine.js';
import { targetName } from '../prepare.js';
import { logTime } from './log.js';
import { ACTIVE, type RaidWorld } from './world.js';

/** Number of set bits of a 32-bit integer (Hacker's Delight, 2nd ed., §5-1). */
function popcount(x: number): number {
  x = x - ((x >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

export class SensingModel implements SimHandler {
  readonly phase = 'sense' as const;
  id = -1;
  /** Per radar: first and last time any target can be detected, and the scan end. */
  private readonly windowStartSec: Float64Array;
  private readonly scanEndSec: Float64Array;
  private readonly mask: number;
  /** Per (radar, target): the time span in which the radar can detect the target. */
  private readonly spanStartSec: Float64Array;
  private readonly spanEndSec: Float64Array;

  constructor(private readonly w: RaidWorld) {
    const m = w.model;
    const nR = w.nR;
    const G = w.nG;
    this.windowStartSec = new Float64Array(nR).fill(Infinity);
    this.scanEndSec = new Float64Array(nR).fill(-Infinity);
    this.spanStartSec = new Float64Array(nR * w.nT).fill(Infinity);
    this.spanEndSec = new Float64Array(nR * w.nT).fill(-Infinity);
    for (let r = 0; r < nR; r++) {
      if (!m.radars[r].searches) continue;
      let end = -Infinity;
      for (let i = 0; i < w.nT; i++) {
        const g = m.targetGroup[i];
        const first = m.pdFirst[r * G + g];
        if (first < 0) continue;
        // Scans round their time to the nearest route sample: sample k covers [k − ½, k + ½) steps.
        const t0 = m.targetStartSec[i] + (first - 0.5) * m.stepSec;
        const t1 = m.targetStartSec[i] + (m.pdLast[r * G + g] + 0.5) * m.stepSec;
        this.spanStartSec[r * w.nT + i] = t0;
        this.spanEndSec[r * w.nT + i] = t1;
        if (t0 < this.windowStartSec[r]) this.windowStartSec[r] = t0;
        if (t1 > end) end = t1;
      }
      // Keep scanning N periods after the last possible detection so that tracks age out.
      this.scanEndSec[r] = end + (m.trackN + 1) * m.radars[r].scanPeriodSec;
    }
    this.mask = m.trackN >= 31 ? 0x7fffffff : (1 << m.trackN) - 1;
    // Whether each pattern of the last N scans holds M detections (a table up to N = 16).
    if (m.trackN <= 16) {
      this.holdsTable = new Uint8Array(1 << m.trackN);
      for (let b = 0; b < this.holdsTable.length; b++) this.holdsTable[b] = popcount(b) >= m.trackM ? 1 : 0;
    }
  }

  private readonly holdsTable: Uint8Array | undefined;

  start(engine: Engine): void {
    const m = this.w.model;
    for (let r = 0; r < this.w.nR; r++) {
      const radar = m.radars[r];
      if (!radar.searches) continue;
      const period = radar.scanPeriodSec;
      const phaseSec = engine.random() * period;
      const w0 = this.windowStartSec[r];
      if (w0 === Infinity) continue;
      const k = Math.max(0, Math.ceil((w0 - phaseSec) / period));
      engine.schedule(this.id, phaseSec + k * period, 0, r);
    }
  }

  handle(_code: number, r: number, _b: number, engine: Engine): void {
    const w = this.w;
    const m = w.model;
    const G = w.nG;
    const nT = w.nT;
    const now = engine.nowSec;
    const M = m.trackM;
    const base = r * nT;
    const inv = 1 / m.stepSec;
    const status = w.status;
    const scanBits = w.scanBits;
    const spanStart = this.spanStartSec;
    const spanEnd = this.spanEndSec;
    const targetGroup = m.targetGroup;
    const targetStart = m.targetStartSec;
    const firstDetect = w.firstDetectSec;
    const mask = this.mask;
    const table = this.holdsTable;
    for (let i = 0; i < nT; i++) {
      if (status[i] !== ACTIVE) continue;
      const old = scanBits[base + i];
      const inSpan = now >= spanStart[base + i] && now < spanEnd[base + i];
      // Out of this radar's reach with no recent detection: nothing can change.
      if (!inSpan && old === 0) continue;
      let hit = 0;
      let k = 0;
      if (inSpan) {
        k = Math.floor((now - targetStart[i]) * inv + 0.5);
        const p = m.pd[r * G + targetGroup[i]][k];
        if (p >= 1) hit = 1;
        else if (p > 0 && engine.chance(p)) hit = 1;
      }
      const bits = ((old << 1) | hit) & mask;
      if (bits === old && old === 0) continue;
      scanBits[base + i] = bits;
      if (hit === 1 && firstDetect[i] !== firstDetect[i]) {
        firstDetect[i] = now;
        w.firstDetectRadar[i] = r;
        if (w.log) {
          const radar = m.radars[r];
          w.log.push({ t: logTime(now), type: 'detect', target: targetName(m, i), site: radar.siteId, radar: radar.radarId, ...w.where(i, k) });
        }
      }
      const holds = table ? table[bits] : popcount(bits) >= M ? 1 : 0;
      if (holds !== w.supports[base + i]) {
        w.supports[base + i] = holds;
        if (holds === 1) {
          if (w.trackSupport[i]++ === 0) {
            w.trackedSinceSec[i] = now;
            if (w.firstTrackSec[i] !== w.firstTrackSec[i]) w.firstTrackSec[i] = now;
            if (w.log) {
              const radar = m.radars[r];
              w.log.push({ t: logTime(now), type: 'track', target: targetName(m, i), site: radar.siteId, radar: radar.radarId });
            }
            w.requestDecide(engine);
          }
        } else if (--w.trackSupport[i] === 0) {
          w.trackedSinceSec[i] = NaN;
          w.log?.push({ t: logTime(now), type: 'track-lost', target: targetName(m, i) });
        }
      }
    }
    const next = now + m.radars[r].scanPeriodSec;
    if (w.live > 0 && next <= this.scanEndSec[r]) engine.schedule(this.id, next, 0, r);
  }
}
