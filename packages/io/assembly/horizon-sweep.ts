/**
 * The horizon sweep of packages/core/src/visibility/horizon-sweep.ts, ported to AssemblyScript
 * for speed (~2× the JavaScript kernel on V8): same algorithm, same arithmetic, same output bit
 * for bit (checked by packages/io/src/terrain/wasm-sweep.test.ts). Heights, output and scratch
 * live in a shared WebAssembly memory so that worker threads split the wedges between them.
 * The core TypeScript kernel stays the reference, tested against the exact line-of-sight oracle.
 *
 * Build: npm run build:wasm -w packages/io  (writes packages/io/wasm/horizon-sweep.wasm, which is
 * committed so that a plain `npm run build` needs no AssemblyScript step).
 *
 * Output mode: 0 = tan of the horizon elevation, 1 = minimum visible height MSL, 2 = above ground.
 */
const BATCH: i32 = 48;
const STRIP: i32 = 64;
const NO_HORIZON: f64 = -1000.0;

// Scratch layout (bytes from scratchPtr): f64 horizon, cosT, sinT [BATCH+1]; i32 rem, jv, kRow, uEnd [BATCH+1]; f64 mAt [(BATCH+1)·STRIP]; f64 invU [nMax+2]
@inline function F(p: usize, i: i32): f64 { return load<f64>(p + (<usize>i << 3)); }
@inline function SF(p: usize, i: i32, v: f64): void { store<f64>(p + (<usize>i << 3), v); }
@inline function I(p: usize, i: i32): i32 { return load<i32>(p + (<usize>i << 2)); }
@inline function SI(p: usize, i: i32, v: i32): void { store<i32>(p + (<usize>i << 2), v); }
/** Height of node k: float32 heights (NaN voids), or int16 heights with −32768 voids (SRTM style). */
@inline function H<T>(p: usize, k: i32): f64 {
  if (isInteger<T>()) {
    const v = load<i16>(p + (<usize>k << 1));
    return v == -32768 ? NaN : <f64>v;
  }
  return <f64>load<f32>(p + (<usize>k << 2));
}

export function scratchBytes(nMax: i32): i32 {
  const n = BATCH + 1;
  return n * 8 * 3 + n * 4 * 4 + n * STRIP * 8 + (nMax + 2) * 8 + 64;
}

/** The sweep over float32 heights. */
export function sweep(
  hPtr: usize, outPtr: usize, sc: usize,
  width: i32, height: i32, dx: f64, dy: f64, oc: i32, orr: i32,
  antennaMsl: f64, a: f64, maxRange: f64, raysPerCell: f64, mode: i32,
  wedgeStart: i32, wedgeEnd: i32,
): void {
  sweepImpl<f32>(hPtr, outPtr, sc, width, height, dx, dy, oc, orr, antennaMsl, a, maxRange, raysPerCell, mode, wedgeStart, wedgeEnd);
}

/** The sweep over int16 heights (−32768 = void), as read from an SRTM-style GeoTIFF. */
export function sweepI16(
  hPtr: usize, outPtr: usize, sc: usize,
  width: i32, height: i32, dx: f64, dy: f64, oc: i32, orr: i32,
  antennaMsl: f64, a: f64, maxRange: f64, raysPerCell: f64, mode: i32,
  wedgeStart: i32, wedgeEnd: i32,
): void {
  sweepImpl<i16>(hPtr, outPtr, sc, width, height, dx, dy, oc, orr, antennaMsl, a, maxRange, raysPerCell, mode, wedgeStart, wedgeEnd);
}

@inline function sweepImpl<T>(
  hPtr: usize, outPtr: usize, sc: usize,
  width: i32, height: i32, dx: f64, dy: f64, oc: i32, orr: i32,
  antennaMsl: f64, a: f64, maxRange: f64, raysPerCell: f64, mode: i32,
  wedgeStart: i32, wedgeEnd: i32,
): void {
  const n1 = BATCH + 1;
  const pHz = sc;
  const pCos = pHz + <usize>(n1 * 8);
  const pSin = pCos + <usize>(n1 * 8);
  const pRem = pSin + <usize>(n1 * 8);
  const pJv = pRem + <usize>(n1 * 4);
  const pK = pJv + <usize>(n1 * 4);
  const pEnd = pK + <usize>(n1 * 4);
  const pM = (pEnd + <usize>(n1 * 4) + 7) & ~<usize>7;
  const pInvU = pM + <usize>(n1 * STRIP * 8);

  const rho0 = a + antennaMsl;
  const maxR2 = maxRange * maxRange;
  const invA2 = 1.0 / (a * a);
  const base = orr * width + oc;
  const heights = mode >= 1;
  const agl = mode == 2;
  if (wedgeStart == 0) store<f32>(outPtr + (<usize>base << 2), <f32>(agl ? 0.0 : heights ? -Infinity : NO_HORIZON));
  const nx = <i32>Math.ceil(maxRange / dx);
  const ny = <i32>Math.ceil(maxRange / dy);
  let first: i32 = 0;
  for (let si: i32 = 0; si < 4; si++) {
    let n: i32, stepU: i32, sideStepV: i32, vMin: i32, vMax: i32;
    let cu: f64, cv: f64;
    if (si == 0) { n = min(nx, width - 1 - oc); stepU = 1; sideStepV = width; vMin = -orr; vMax = height - 1 - orr; cu = dx; cv = dy; }
    else if (si == 1) { n = min(ny, height - 1 - orr); stepU = width; sideStepV = -1; vMin = -(width - 1 - oc); vMax = oc; cu = dy; cv = dx; }
    else if (si == 2) { n = min(nx, oc); stepU = -1; sideStepV = -width; vMin = -(height - 1 - orr); vMax = orr; cu = dx; cv = dy; }
    else { n = min(ny, orr); stepU = -width; sideStepV = 1; vMin = -oc; vMax = width - 1 - oc; cu = dy; cv = dx; }
    if (n < 0) n = 0;
    const scale: i32 = max(1, <i32>Math.round(raysPerCell * <f64>n));
    const count: i32 = n > 0 ? 2 * scale : 0;
    const w0 = max(wedgeStart, first) - first;
    const w1 = min(wedgeEnd, first + count) - first;
    first += count;
    if (w0 >= w1) continue;
    for (let u: i32 = 1; u <= n + 1; u++) SF(pInvU, u, 1.0 / <f64>u);
    const invScale = 1.0 / <f64>scale;
    const cu2 = cu * cu;
    const cv2 = cv * cv;
    for (let b0 = w0; b0 < w1; b0 += BATCH) {
      const nw = min(w1 - b0, BATCH);
      const nr = nw + 1;
      const p0 = b0 - scale;
      let uMax: i32 = 0;
      for (let r: i32 = 0; r < nr; r++) {
        const p = p0 + r;
        const q = p < 0 ? -p : p;
        const t = <f64>q / <f64>scale;
        const lenU = Math.sqrt(cu2 + t * t * cv2);
        const vTop = p < 0 ? -vMin : vMax;
        let ue = min(n, <i32>Math.floor(maxRange / lenU));
        if (q > 0) ue = min(ue, <i32>((<i64>vTop * <i64>scale) / <i64>q));
        SI(pEnd, r, ue);
        SF(pCos, r, 1.0); SF(pSin, r, 0.0); SF(pHz, r, NO_HORIZON);
        SI(pRem, r, 0); SI(pJv, r, 0); SI(pK, r, base);
        if (ue > uMax) uMax = ue;
      }
      for (let u0: i32 = 1; u0 <= uMax; u0 += STRIP) {
        const u1 = min(uMax, u0 + STRIP - 1);
        for (let r: i32 = 0; r < nr; r++) {
          const p = p0 + r;
          const neg = p < 0;
          const q = neg ? -p : p;
          const t = <f64>q / <f64>scale;
          const dTheta = Math.sqrt(cu2 + t * t * cv2) / a;
          const cd = Math.cos(dTheta);
          const sd = Math.sin(dTheta);
          const stepV = neg ? -sideStepV : sideStepV;
          const invQ = q > 0 ? 1.0 / <f64>q : 0.0;
          let rem = I(pRem, r);
          let jv = I(pJv, r);
          let k = I(pK, r);
          let c = F(pCos, r);
          let sn = F(pSin, r);
          let hz = F(pHz, r);
          const ue = I(pEnd, r);
          const uLive = ue < u1 ? ue : u1;
          const slot = pM + (<usize>(r * STRIP - u0) << 3);
          let u = u0;
          for (; u <= uLive; u++) {
            k += stepU;
            rem += q;
            const cp = c;
            const sp = sn;
            c = cp * cd - sp * sd;
            sn = sp * cd + cp * sd;
            if (rem >= scale) {
              rem -= scale;
              jv++;
              k += stepV;
              if (rem != 0) {
                const fu = 1.0 - <f64>rem * invQ;
                const z0 = H<T>(hPtr, k - stepU);
                const z = z0 + fu * (H<T>(hPtr, k) - z0);
                const dl = fu * dTheta;
                const dl2 = dl * dl;
                const cdl = 1.0 - 0.5 * dl2;
                const sdl = dl * (1.0 - dl2 / 6.0);
                const cs = cp * cdl - sp * sdl;
                const ss = sp * cdl + cp * sdl;
                const rho = a + z;
                if (rho * cs - rho0 > hz * rho * ss) hz = (rho * cs - rho0) / (rho * ss);
              }
            }
            store<f64>(slot + (<usize>u << 3), hz);
            let z = H<T>(hPtr, k);
            if (rem != 0) z += <f64>rem * invScale * (H<T>(hPtr, k + stepV) - z);
            const rho = a + z;
            if (rho * c - rho0 > hz * rho * sn) hz = (rho * c - rho0) / (rho * sn);
          }
          for (; u <= u1; u++) {
            rem += q;
            if (rem >= scale) { rem -= scale; jv++; }
            store<f64>(slot + (<usize>u << 3), NaN);
          }
          SI(pRem, r, rem); SI(pJv, r, jv); SI(pK, r, k);
          SF(pCos, r, c); SF(pSin, r, sn); SF(pHz, r, hz);
        }
        const pLast = p0 + nw - 1;
        const pTop = pLast + 1;
        for (let u = u0; u <= u1; u++) {
          // Exact integer floor division: the batch's first and last rays at column u.
          let vLo = floorDiv(p0 * u, scale) + 1;
          let vHi = floorDiv(pTop * u, scale);
          if (vLo > vHi) continue;
          if (vHi > vMax) vHi = vMax;
          if (vLo < vMin) vLo = vMin;
          const uu = <f64>u * <f64>u * cu2;
          const sOverU = <f64>scale * F(pInvU, u);
          const colBase = pM + (<usize>(u - u0 - p0 * STRIP) << 3);
          for (let v = vLo; v <= vHi; v++) {
            const s2 = uu + <f64>v * <f64>v * cv2;
            if (s2 > maxR2) continue;
            const x = <f64>v * sOverU;
            let p = <i32>Math.ceil(x) - 1;
            if (p < p0) p = p0; else if (p > pLast) p = pLast;
            const sp = colBase + (<usize>(p * STRIP) << 3);
            const mA = load<f64>(sp);
            const mB = load<f64>(sp + (<usize>STRIP << 3));
            let mv: f64;
            if (isNaN(mA)) { if (isNaN(mB)) continue; mv = mB; }
            else if (isNaN(mB)) mv = mA;
            else mv = mA + (x - <f64>p) * (mB - mA);
            const idx = base + u * stepU + v * sideStepV;
            if (heights) {
              const th2 = s2 * invA2;
              const th = Math.sqrt(th2);
              const cc = 1.0 - th2 * (0.5 - th2 * (1.0 / 24.0 - th2 * (1.0 / 720.0)));
              const ss = th * (1.0 - th2 * (1.0 / 6.0 - th2 * (1.0 / 120.0 - th2 * (1.0 / 5040.0))));
              const d = cc - mv * ss;
              mv = d > 0 ? rho0 / d - a : Infinity;
              if (agl) { const z = H<T>(hPtr, idx); mv = mv > z ? mv - z : 0.0; }
            }
            store<f32>(outPtr + (<usize>idx << 2), <f32>mv);
          }
        }
      }
    }
  }
}

@inline function floorDiv(a: i32, b: i32): i32 {
  const q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}
