import type { ProductTable } from "./product-table.js";
import type { FastDotResult } from "./fast-result.js";

/** Parameters of the binary64 tensor-core kernel (binary32 registers). */
export interface TcKernelParams {
  readonly blockSize: number;
  readonly fracBits: number;
  readonly neab: number;
  /** Rounding of each block result into the binary32 register. */
  readonly blockRounding: "rne" | "rtz";
  /** Products per promotion into a binary32 RNE accumulator, or null (plain tensor core). */
  readonly promotionInterval: number | null;
}

const FP32_MAX = (2 - 2 ** -23) * 2 ** 127;
const FP32_MIN_NORMAL = 2 ** -126;
const TWO_128 = 2 ** 128;

/** Why a tensor-core configuration cannot run in binary64, or null when it can. */
export function tcKernelLimit(p: TcKernelParams): string | null {
  // Each truncated addend is an integer below 2^(fracBits+neab+1) quanta; blockSize+1 of them must sum exactly.
  const bits = p.fracBits + p.neab + 1 + Math.ceil(Math.log2(p.blockSize + 1));
  return bits <= 53 ? null : `the binary64 tensor-core kernel needs fracBits+neab+1+log2(blockSize+1) ≤ 53, got ${bits}`;
}

/**
 * Tensor-core block FMA chain (see ops/block-fma.ts) over a product table, in binary64 arithmetic, bit-exact:
 * the quantum Q = 2^(emax − fracBits − neab) is a power of two, so x·(1/Q) and trunc are exact; the truncated
 * addends are integers whose sum is exact by `tcKernelLimit`; S·Q is exact; one Math.fround of an exact double
 * is the RNE binary32 rounding, and RTZ steps back one binary32 ulp when fround went away from zero.
 * With promotion, every `promotionInterval` products the block partial is added into a binary32 accumulator
 * with `Math.fround(acc + partial)` (correctly rounded: two binary32 operands, Figueroa 1995; such a sum is
 * never tiny and inexact, so it cannot underflow). `c` must be a binary32 value.
 */
export function tcTableDot(
  table: ProductTable,
  params: TcKernelParams,
  a: Uint8Array,
  b: Uint8Array,
  c: number,
): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`tcTableDot: length mismatch (${n} vs ${b.length})`);
  const limit = tcKernelLimit(params);
  if (limit) throw new RangeError(limit);
  const T = table.products;
  const shift = params.fracBits + params.neab;
  const rtz = params.blockRounding === "rtz";
  const bs = params.blockSize;
  const interval = params.promotionInterval ?? n + 1; // no promotion: one interval covering everything
  const promote = params.promotionInterval !== null;
  // Scratch (local, not module state): exponent bits of a double, binary32 stepping, the block's products.
  const f64 = new Float64Array(1);
  const w32 = new Uint32Array(f64.buffer);
  const hi = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0; // little-endian: high word at 1
  const f32 = new Float32Array(1);
  const u32 = new Uint32Array(f32.buffer);
  const buf = new Float64Array(bs);
  let inexact = false;
  let overflow = false;
  let underflow = false;
  let invalid = false;
  let acc = c; // binary32 register (the tensor core's, or the promoted fp32 accumulator)

  for (let start = 0; start < n; start += interval) {
    const end = start + interval < n ? start + interval : n;
    let d = promote ? 0 : acc; // the block chain's register
    for (let lo = start; lo < end; lo += bs) {
      const m = (lo + bs < end ? lo + bs : end) - lo;
      let maxAbs = d < 0 ? -d : d;
      let nan = d !== d;
      for (let j = 0; j < m; j++) {
        const p = T[(a[lo + j]! << 8) | b[lo + j]!]!;
        buf[j] = p;
        const ap = p < 0 ? -p : p;
        if (ap > maxAbs) maxAbs = ap;
        else if (ap !== ap) nan = true;
      }
      if (nan || maxAbs === Infinity) {
        const r = specialBlock(table, a, b, lo, lo + m, d);
        if (r.invalid) invalid = true;
        d = r.value;
        continue;
      }
      if (maxAbs === 0) {
        d = zeroBlock(T, a, b, lo, lo + m, d);
        continue;
      }
      f64[0] = maxAbs;
      const emax = ((w32[hi]! >>> 20) & 0x7ff) - 1023; // maxAbs is a normal double
      w32[1 - hi] = 0;
      w32[hi] = (shift - emax + 1023) << 20;
      const inv = f64[0]!; // 2^(shift − emax) = 1/Q, so scaling is exact
      w32[hi] = (emax - shift + 1023) << 20;
      const q = f64[0]!;
      let y = d * inv;
      let s = Math.trunc(y);
      if (s !== y) inexact = true;
      for (let j = 0; j < m; j++) {
        y = buf[j]! * inv;
        const t = Math.trunc(y);
        if (t !== y) inexact = true;
        s += t;
      }
      // Exact. s ≠ −0: the largest addend truncates to an integer of magnitude ≥ 1, and integers that cancel
      // give +0 (as the reference's exact sum does); all-zero blocks were handled above.
      const v = s * q;
      let r = Math.fround(v);
      if (r !== v) {
        if (rtz && (r > v ? r > 0 : r < 0)) {
          f32[0] = r;
          u32[0] = u32[0]! - 1; // one binary32 step toward zero (∞ becomes ±max)
          r = f32[0]!;
        }
        if (r !== v) {
          inexact = true;
          const av = v < 0 ? -v : v;
          if (rtz ? av >= TWO_128 : av > FP32_MAX && (r === Infinity || r === -Infinity)) overflow = true;
          if (av < FP32_MIN_NORMAL) underflow = true;
        }
      }
      d = r;
    }
    if (!promote) {
      acc = d;
      continue;
    }
    const s = acc + d;
    const r = Math.fround(s);
    if (r !== s || s - acc !== d || s - d !== acc) {
      if (r !== r) {
        if (acc === acc && d === d) invalid = true; // ∞ − ∞
      } else if (r === Infinity || r === -Infinity) {
        if (acc - acc === 0 && d - d === 0) {
          overflow = true;
          inexact = true;
        }
      } else inexact = true;
    }
    acc = r;
  }
  return { value: acc, flags: { inexact, overflow, underflow, invalid } };
}

/** IEEE rules for a block with a NaN or ∞ addend: NaN if any NaN or ∞ − ∞ (invalid also for 0 × ∞). */
function specialBlock(
  table: ProductTable,
  a: Uint8Array,
  b: Uint8Array,
  lo: number,
  hi: number,
  d: number,
): { value: number; invalid: boolean } {
  let nan = d !== d;
  let pos = d === Infinity;
  let neg = d === -Infinity;
  let invalid = false;
  for (let i = lo; i < hi; i++) {
    const k = (a[i]! << 8) | b[i]!;
    const p = table.products[k]!;
    if (p !== p) {
      nan = true;
      if (table.invalid[k] === 1) invalid = true;
    } else if (p === Infinity) pos = true;
    else if (p === -Infinity) neg = true;
  }
  if (pos && neg) invalid = true;
  return { value: nan || (pos && neg) ? NaN : pos ? Infinity : -Infinity, invalid };
}

/** A block of zeros: −0 only if every addend is −0 (IEEE 754 §6.3). */
function zeroBlock(T: Float64Array, a: Uint8Array, b: Uint8Array, lo: number, hi: number, d: number): number {
  if (!Object.is(d, -0)) return 0;
  for (let i = lo; i < hi; i++) if (!Object.is(T[(a[i]! << 8) | b[i]!], -0)) return 0;
  return -0;
}
