/** Sticky IEEE flags a block step raises (mutated in place: the hot loop allocates nothing). */
export interface TcStepFlags {
  inexact: boolean;
  overflow: boolean;
  underflow: boolean;
}

const FP32_MAX = (2 - 2 ** -23) * 2 ** 127;
const FP32_MIN_NORMAL = 2 ** -126;
const TWO_128 = 2 ** 128;

/** Scratch views for a block step (one per caller, reused across steps). */
export interface TcScratch {
  readonly f64: Float64Array;
  readonly w32: Uint32Array;
  readonly hi: number;
  readonly f32: Float32Array;
  readonly u32: Uint32Array;
}

export function tcScratch(): TcScratch {
  const f64 = new Float64Array(1);
  const f32 = new Float32Array(1);
  return {
    f64,
    w32: new Uint32Array(f64.buffer),
    hi: new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0, // little-endian: high word at index 1
    f32,
    u32: new Uint32Array(f32.buffer),
  };
}

/**
 * One tensor-core block FMA on binary64 (ops/block-fma.ts semantics): d + Σ buf[0..m), every addend aligned to
 * the largest, truncated toward zero below Q = 2^(emax − shift) (shift = fracBits + neab), summed exactly, and
 * rounded once to binary32 (RNE, or RTZ). Exact in binary64: Q is a power of two, so x/Q and trunc are exact;
 * the truncated addends are integers whose sum fits 53 bits (tc-dot.ts `tcKernelLimit`); S·Q is exact; one
 * Math.fround of an exact double is the RNE binary32 rounding, and RTZ steps one binary32 ulp back when fround
 * went away from zero. `maxAbs` is max(|d|, |buf[j]|), finite and > 0 (callers handle zero and special blocks).
 */
export function tcBlockStep(d: number, buf: Float64Array, m: number, maxAbs: number, shift: number, rtz: boolean, s: TcScratch, flags: TcStepFlags): number {
  const { f64, w32, hi, f32, u32 } = s;
  f64[0] = maxAbs;
  const emax = ((w32[hi]! >>> 20) & 0x7ff) - 1023; // maxAbs is a normal double
  w32[1 - hi] = 0;
  w32[hi] = (shift - emax + 1023) << 20;
  const inv = f64[0]!; // 2^(shift − emax) = 1/Q, so scaling is exact
  w32[hi] = (emax - shift + 1023) << 20;
  const q = f64[0]!;
  let y = d * inv;
  let sum = Math.trunc(y);
  if (sum !== y) flags.inexact = true;
  for (let j = 0; j < m; j++) {
    y = buf[j]! * inv;
    const t = Math.trunc(y);
    if (t !== y) flags.inexact = true;
    sum += t;
  }
  // Exact. sum ≠ −0: the largest addend truncates to an integer of magnitude ≥ 1, and integers that cancel
  // give +0 (as the reference's exact sum does).
  const v = sum * q;
  let r = Math.fround(v);
  if (r !== v) {
    if (rtz && (r > v ? r > 0 : r < 0)) {
      f32[0] = r;
      u32[0] = u32[0]! - 1; // one binary32 step toward zero (∞ becomes ±max)
      r = f32[0]!;
    }
    if (r !== v) {
      flags.inexact = true;
      const av = v < 0 ? -v : v;
      if (rtz ? av >= TWO_128 : av > FP32_MAX && (r === Infinity || r === -Infinity)) flags.overflow = true;
      if (av < FP32_MIN_NORMAL) flags.underflow = true;
    }
  }
  return r;
}
