import { describe, expect, it } from 'vitest';
import { Engine, type Phase, type SimHandler } from './engine.js';
import { EventQueue } from './event-queue.js';
import { streamStates } from './random.js';

describe('event queue', () => {
  it('pops in (time, phase, insertion) order — checked against a sort of 5,000 events', () => {
    const q = new EventQueue();
    const ref: { t: number; phase: number; seq: number }[] = [];
    let x = 12345;
    const rnd = (): number => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 2 ** 32;
    };
    for (let i = 0; i < 5000; i++) {
      const t = Math.floor(rnd() * 100); // many equal times
      const phase = Math.floor(rnd() * 4);
      q.push(t, phase, 0, i, 0, 0);
      ref.push({ t, phase, seq: i });
    }
    ref.sort((a, b) => a.t - b.t || a.phase - b.phase || a.seq - b.seq);
    const got: number[] = [];
    while (q.pop()) got.push(q.topCode);
    expect(got).toEqual(ref.map((r) => r.seq));
  });
});

class Recorder implements SimHandler {
  id = -1;
  constructor(
    readonly phase: Phase,
    private readonly out: string[],
    private readonly first?: (e: Engine) => void,
  ) {}
  start(e: Engine): void {
    this.first?.(e);
  }
  handle(code: number, a: number, _b: number, e: Engine): void {
    this.out.push(`${e.nowSec}:${this.phase}:${code}`);
    if (a > 0) e.schedule(this.id, e.nowSec + a, code + 1);
  }
}

describe('engine', () => {
  it('runs events at equal times in phase order move → sense → decide → engage', () => {
    const out: string[] = [];
    const e = new Engine();
    const engage = new Recorder('engage', out);
    const decide = new Recorder('decide', out);
    const sense = new Recorder('sense', out);
    const move = new Recorder('move', out, (en) => {
      en.schedule(engage.id, 5, 1);
      en.schedule(decide.id, 5, 1);
      en.schedule(sense.id, 5, 1);
      en.schedule(move.id, 5, 1, 2); // reschedules itself at 7
    });
    engage.id = e.addModel(engage);
    decide.id = e.addModel(decide);
    sense.id = e.addModel(sense);
    move.id = e.addModel(move);
    const n = e.run(streamStates(0, 0, 1), 0);
    expect(out).toEqual(['5:move:1', '5:sense:1', '5:decide:1', '5:engage:1', '7:move:2']);
    expect(n).toBe(5);
  });

  it('refuses to schedule into the past', () => {
    const e = new Engine();
    e.addModel({ phase: 'move', start: (en) => en.schedule(0, 3, 0), handle: (_c, _a, _b, en) => en.schedule(0, 1, 0) });
    expect(() => e.run(streamStates(0, 0, 1), 0)).toThrow(/before the current time/);
  });
});
