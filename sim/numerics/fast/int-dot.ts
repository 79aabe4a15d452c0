import type { ProductTable } from "./product-table.js";
import type { FastDotResult } from "./fast-result.js";

const noFloatFlags = (overflow: boolean) => ({ inexact: false, overflow, underflow: false, invalid: false });

/** Products per chunk: a chunk runs untested when no partial sum inside it can leave the register. */
const CHUNK = 1024;
/** Largest |a·b| for int8 × int8: (−128)·(−128). */
const INT8_MAX_PRODUCT = 16384;
const INT32_MAX = 2147483647;

/**
 * int8 × int8 into a wrapping 32-bit register with Int32 arithmetic: acc = (acc + a·b) | 0, the two's-complement
 * wrap of the exact sum (|a·b| ≤ 2^14, so acc + a·b is exact before `| 0`). The sticky overflow (Q) flag costs
 * nothing in the common case: a chunk of CHUNK products starting from |acc| ≤ 2^31 − 1 − CHUNK·2^14 cannot leave
 * the int32 range, so it runs without a test; other chunks use the branch-free sign test (the exact sum left the
 * range iff acc and a·b have the same sign and the wrapped sum the other: (acc ^ w) & (p ^ w) < 0).
 * `c` must be an int32 value.
 */
export function int8DotInt32Wrap(a: Int8Array, b: Int8Array, c: number): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`int8DotInt32Wrap: length mismatch (${n} vs ${b.length})`);
  const safe = INT32_MAX - CHUNK * INT8_MAX_PRODUCT;
  let acc = c | 0;
  let sign = 0;
  for (let start = 0; start < n; start += CHUNK) {
    const end = start + CHUNK < n ? start + CHUNK : n;
    if (acc <= safe && acc >= -safe) {
      for (let i = start; i < end; i++) acc = (acc + a[i]! * b[i]!) | 0;
    } else {
      for (let i = start; i < end; i++) {
        const p = a[i]! * b[i]!;
        const w = (acc + p) | 0;
        sign |= (acc ^ w) & (p ^ w);
        acc = w;
      }
    }
  }
  return { value: acc, flags: noFloatFlags(sign < 0) };
}

/** An integer register for the table kernel. */
export interface IntRegister {
  readonly widthBits: number;
  readonly signed: boolean;
  readonly overflow: "wrap" | "saturate";
}

/**
 * Integer products from a table (any ≤ 8-bit integer formats) into an integer register of at most 52 bits.
 * Signed 32-bit wrapping registers run in Int32 arithmetic like `int8DotInt32Wrap`; others in binary64, where
 * |acc| < 2^52 and |product| ≤ 2^16 make every sum exact and wrapping (subtracting a multiple of 2^width) exact
 * too. Chunks that provably stay in range (|acc| + CHUNK·maxAbs inside the register) run without tests, summed
 * in Int32 from `intProducts`; overflow is the sticky flag of the reference.
 */
export function intTableDot(table: ProductTable, reg: IntRegister, a: Uint8Array, b: Uint8Array, c: number): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`intTableDot: length mismatch (${n} vs ${b.length})`);
  if (reg.widthBits > 52) throw new RangeError(`intTableDot: register of ${reg.widthBits} bits is wider than 52`);
  const span = 2 ** reg.widthBits;
  const lo = reg.signed ? -(span / 2) : 0;
  const hi = reg.signed ? span / 2 - 1 : span - 1;
  const reach = CHUNK * table.maxAbs; // how far one chunk can move the sum
  if (reg.overflow === "wrap" && reg.signed && reg.widthBits === 32 && table.intProducts) {
    const P = table.intProducts;
    const safe = INT32_MAX - reach;
    let acc = c | 0;
    let sign = 0;
    for (let start = 0; start < n; start += CHUNK) {
      const end = start + CHUNK < n ? start + CHUNK : n;
      if (acc <= safe && acc >= -safe) {
        for (let i = start; i < end; i++) acc = (acc + P[(a[i]! << 8) | b[i]!]!) | 0;
      } else {
        for (let i = start; i < end; i++) {
          const p = P[(a[i]! << 8) | b[i]!]!;
          const w = (acc + p) | 0;
          sign |= (acc ^ w) & (p ^ w);
          acc = w;
        }
      }
    }
    return { value: acc, flags: noFloatFlags(sign < 0) };
  }
  const P = table.intProducts;
  const T = table.products;
  const wrap = reg.overflow === "wrap";
  let acc = c;
  let overflow = false;
  for (let start = 0; start < n; start += CHUNK) {
    const end = start + CHUNK < n ? start + CHUNK : n;
    if (P && acc - reach >= lo && acc + reach <= hi) {
      // Partial sums of a chunk stay below CHUNK·2^16 = 2^26 in magnitude: exact in Int32 arithmetic, whose
      // one-cycle adds make the loop-carried chain shorter than binary64's; acc + s is exact too (< 2^53).
      let s = 0;
      for (let i = start; i < end; i++) s = (s + P[(a[i]! << 8) | b[i]!]!) | 0;
      acc += s;
    } else if (acc - reach >= lo && acc + reach <= hi) {
      for (let i = start; i < end; i++) acc += T[(a[i]! << 8) | b[i]!]!;
    } else {
      for (let i = start; i < end; i++) {
        let s = acc + T[(a[i]! << 8) | b[i]!]!;
        if (s > hi || s < lo) {
          overflow = true;
          s = wrap ? s - span * Math.floor((s - lo) / span) : s > hi ? hi : lo;
        }
        acc = s;
      }
    }
  }
  return { value: acc, flags: noFloatFlags(overflow) };
}

/**
 * int8 × int8 into any integer register of at most 52 bits (wrapping or saturating, signed or not): the products
 * come straight from Int8Array views (a·b in Int32, no table lookup). A chunk of CHUNK products starting from
 * |acc| with acc ± CHUNK·2^14 inside the register cannot reach a limit, so no step of it wraps or saturates and
 * the register after it is the exact sum: the chunk is summed in Int32 (|partial| ≤ 2^24: exact, and one-cycle
 * adds keep the loop-carried chain as short as a plain loop's) and added once
 * (exact in binary64, |acc| < 2^52). Other chunks step one product at a time like `intTableDot`, with the
 * reference's sticky overflow flag. `c` must be an integer in the register's range.
 */
export function int8DotInt(a: Int8Array, b: Int8Array, reg: IntRegister, c: number): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`int8DotInt: length mismatch (${n} vs ${b.length})`);
  if (reg.widthBits > 52) throw new RangeError(`int8DotInt: register of ${reg.widthBits} bits is wider than 52`);
  const span = 2 ** reg.widthBits;
  const lo = reg.signed ? -(span / 2) : 0;
  const hi = reg.signed ? span / 2 - 1 : span - 1;
  const reach = CHUNK * INT8_MAX_PRODUCT;
  const wrap = reg.overflow === "wrap";
  let acc = c;
  let overflow = false;
  for (let start = 0; start < n; start += CHUNK) {
    const end = start + CHUNK < n ? start + CHUNK : n;
    if (acc - reach >= lo && acc + reach <= hi) {
      let s = 0;
      for (let i = start; i < end; i++) s = (s + a[i]! * b[i]!) | 0;
      acc += s;
    } else {
      for (let i = start; i < end; i++) {
        let s = acc + a[i]! * b[i]!;
        if (s > hi || s < lo) {
          overflow = true;
          s = wrap ? s - span * Math.floor((s - lo) / span) : s > hi ? hi : lo;
        }
        acc = s;
      }
    }
  }
  return { value: acc, flags: noFloatFlags(overflow) };
}
