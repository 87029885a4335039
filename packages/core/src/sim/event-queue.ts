/**
 * The event queue of the simulation kernel: a binary min-heap (Williams 1964; Cormen et al.,
 * Introduction to Algorithms, ch. 6) over parallel typed arrays, so that pushing and popping
 * allocate nothing once the arrays have grown.
 *
 * Order: time, then phase (move < sense < decide < engage), then insertion sequence. Equal keys
 * never occur, so the order — and therefore a run — is fully determined by the events pushed.
 */

const SEQ_SPAN = 2 ** 40;

export class EventQueue {
  private timeSec: Float64Array = new Float64Array(256);
  /** phase · 2^40 + sequence: exact in a double for phase < 2^12 and < 2^40 events. */
  private order: Float64Array = new Float64Array(256);
  private model: Int32Array = new Int32Array(256);
  private code: Int32Array = new Int32Array(256);
  private argA: Int32Array = new Int32Array(256);
  private argB: Int32Array = new Int32Array(256);
  private n = 0;
  private seq = 0;

  // The popped event, read by the engine after `pop()`.
  topTimeSec = 0;
  topPhase = 0;
  topModel = 0;
  topCode = 0;
  topA = 0;
  topB = 0;

  get size(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
    this.seq = 0;
  }

  private grow(): void {
    const cap = this.timeSec.length * 2;
    const f64 = (a: Float64Array): Float64Array => {
      const b = new Float64Array(cap);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array => {
      const b = new Int32Array(cap);
      b.set(a);
      return b;
    };
    this.timeSec = f64(this.timeSec);
    this.order = f64(this.order);
    this.model = i32(this.model);
    this.code = i32(this.code);
    this.argA = i32(this.argA);
    this.argB = i32(this.argB);
  }

  private less(i: number, j: number): boolean {
    const ti = this.timeSec[i];
    const tj = this.timeSec[j];
    return ti < tj || (ti === tj && this.order[i] < this.order[j]);
  }

  private move(from: number, to: number): void {
    this.timeSec[to] = this.timeSec[from];
    this.order[to] = this.order[from];
    this.model[to] = this.model[from];
    this.code[to] = this.code[from];
    this.argA[to] = this.argA[from];
    this.argB[to] = this.argB[from];
  }

  push(tSec: number, phase: number, model: number, code: number, a: number, b: number): void {
    if (this.n + 1 >= this.timeSec.length) this.grow();
    // Sift up using slot n as the hole and the last slot as scratch for the new event.
    const s = this.timeSec.length - 1;
    this.timeSec[s] = tSec;
    this.order[s] = phase * SEQ_SPAN + this.seq++;
    this.model[s] = model;
    this.code[s] = code;
    this.argA[s] = a;
    this.argB[s] = b;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(s, p)) break;
      this.move(p, i);
      i = p;
    }
    this.move(s, i);
  }

  /** Removes the earliest event into the `top*` fields; false when empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    this.topTimeSec = this.timeSec[0];
    this.topPhase = Math.floor(this.order[0] / SEQ_SPAN);
    this.topModel = this.model[0];
    this.topCode = this.code[0];
    this.topA = this.argA[0];
    this.topB = this.argB[0];
    const last = --this.n;
    if (last === 0) return true;
    // Sift the last event down from the root.
    const s = this.timeSec.length - 1;
    this.move(last, s);
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= last) break;
      const r = l + 1;
      const c = r < last && this.less(r, l) ? r : l;
      if (!this.less(c, s)) break;
      this.move(c, i);
      i = c;
    }
    this.move(s, i);
    return true;
  }
}
