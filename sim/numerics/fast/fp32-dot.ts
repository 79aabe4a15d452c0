import type { Flags } from "../round-pack.js";
import type { ProductTable } from "./product-table.js";
import type { FastDotResult } from "./fast-result.js";
import type { F32TableKernels } from "./fp32-dot-wasm.js";

const exactFlags = (inexact: boolean): Flags => ({ inexact, overflow: false, underflow: false, invalid: false });

/**
 * c + Σ a_i·b_i accumulated sequentially in binary32 with round-to-nearest-even, from a product table whose
 * finite products are all binary32 values (`table.fp32Exact`). Then fp32-seq and fp32-fma coincide (rounding
 * the product is a no-op) and each step adds two binary32 values: `Math.fround(acc + p)` is the correctly
 * rounded sum, because the binary64 sum is rounded only once more and 53 ≥ 2·24 + 2 (Figueroa 1995).
 *
 * Flags are those of IEEE 754 §7 (and of the reference), at full speed:
 * - a step is exact iff the binary64 sum is exact (s − acc = p and s − p = acc: for the larger operand this is
 *   Fast2Sum's exact error test) and fround leaves it unchanged;
 * - inexact is sticky, so after the first step that fails the test the loop runs without tests;
 * - ∞ and NaN are absorbing (∞ + finite = ∞, ∞ − ∞ = NaN, NaN stays NaN), so a finite result proves that the
 *   failing step was a finite inexact one and that nothing overflowed or was invalid; a non-finite result is
 *   recomputed step by step with every flag (`fp32TableDotChecked`);
 * - underflow never happens: a sum of two binary32 values below 2^-126 is a multiple of 2^-149, hence exact.
 * `wasm`, when given, runs the same loops in WebAssembly (fp32-dot-wasm.ts: binary32 adds in one instruction): the
 * grid prefix when its bound holds over the whole vector, and the binary32 sum.
 * `c` must be a binary32 value; a and b are codes of equal length.
 */
export function fp32TableDot(
  table: ProductTable,
  a: Uint8Array,
  b: Uint8Array,
  c: number,
  wasm: F32TableKernels | null = null,
): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`fp32TableDot: length mismatch (${n} vs ${b.length})`);
  if (wasm) return fp32TableDotWasm(table, wasm, a, b, c);
  const T = table.products;
  // Small loops in separate functions: V8 optimizes each on its own, which keeps the speed steady.
  let prefix = { acc: c, end: 0 };
  const Q = table.quantum;
  if (Q > 0 && Number.isInteger(c / Q)) prefix = exactPrefixOnGrid(T, a, b, c, CHUNK * table.maxAbs, 2 ** 53 * Q);
  if (prefix.end < n) prefix = exactPrefix(T, a, b, prefix.acc, prefix.end);
  if (prefix.end === n) return { value: prefix.acc, flags: exactFlags(false) };
  const acc = froundSum(T, a, b, prefix.acc, prefix.end);
  if (acc - acc === 0) return { value: acc, flags: exactFlags(true) };
  return fp32TableDotChecked(table, a, b, c);
}

/** fp32TableDot's steps with its loops in WebAssembly. */
function fp32TableDotWasm(table: ProductTable, wasm: F32TableKernels, a: Uint8Array, b: Uint8Array, c: number): FastDotResult {
  const n = a.length;
  const Q = table.quantum;
  wasm.load(a, b);
  // exactPrefixOnGrid's bound for every chunk at once: every partial sum stays within 2^53·Q.
  const onGrid = Q > 0 && Number.isInteger(c / Q) && Math.abs(c) + n * table.maxAbs <= 2 ** 53 * Q;
  const prefix = onGrid ? wasm.exactPrefixOnGrid(c) : exactPrefix(table.products, a, b, c, 0);
  if (prefix.end === n) return { value: prefix.acc, flags: exactFlags(false) };
  const acc = wasm.froundSum(prefix.acc, prefix.end);
  if (acc - acc === 0) return { value: acc, flags: exactFlags(true) };
  return fp32TableDotChecked(table, a, b, c);
}

/** Products per chunk of `exactPrefixOnGrid`. */
const CHUNK = 1024;

/**
 * Exact prefix when c and every product are multiples of the power of two Q: while all steps are exact, acc is
 * the exact sum, a multiple of Q; in a chunk starting from |acc| with |acc| + CHUNK·max|p| ≤ 2^53·Q every partial
 * sum is an integer multiple m·Q with |m| ≤ 2^53, so the binary64 sum s = acc + p is exact and the step is exact
 * iff fround(s) = s: one test instead of three. Stops at the first inexact step, or (`end` short of it) when
 * the bound no longer holds, leaving the rest to `exactPrefix`.
 */
function exactPrefixOnGrid(
  T: Float64Array,
  a: Uint8Array,
  b: Uint8Array,
  c: number,
  reach: number,
  limit: number,
): { acc: number; end: number } {
  const n = a.length;
  let acc = c;
  let i = 0;
  while (i < n) {
    if ((acc < 0 ? -acc : acc) + reach > limit) return { acc, end: i };
    const end = i + CHUNK < n ? i + CHUNK : n;
    for (; i < end; i++) {
      const s = acc + T[(a[i]! << 8) | b[i]!]!;
      if (Math.fround(s) !== s) return { acc, end: i };
      acc = s; // equal to its fround; taking s keeps the conversions off the loop-carried chain
    }
  }
  return { acc, end: n };
}

/** Accumulate from step `from` while every step is exact; `end` is the first step that is not (or n). */
function exactPrefix(T: Float64Array, a: Uint8Array, b: Uint8Array, c: number, from: number): { acc: number; end: number } {
  const n = a.length;
  let acc = c;
  let i = from;
  for (; i < n; i++) {
    const p = T[(a[i]! << 8) | b[i]!]!;
    const s = acc + p;
    if (Math.fround(s) !== s || s - acc !== p || s - p !== acc) break;
    acc = s; // equal to its fround; see exactPrefixOnGrid
  }
  return { acc, end: i };
}

/** acc = fround(acc + p) from step `from` on, without tests. */
function froundSum(T: Float64Array, a: Uint8Array, b: Uint8Array, acc: number, from: number): number {
  const n = a.length;
  for (let i = from; i < n; i++) acc = Math.fround(acc + T[(a[i]! << 8) | b[i]!]!);
  return acc;
}

/** The same sum with every step's flags examined (used when the result is ∞ or NaN). */
export function fp32TableDotChecked(table: ProductTable, a: Uint8Array, b: Uint8Array, c: number): FastDotResult {
  const n = a.length;
  if (b.length !== n) throw new RangeError(`fp32TableDotChecked: length mismatch (${n} vs ${b.length})`);
  const T = table.products;
  let acc = c;
  let inexact = false;
  let overflow = false;
  let invalid = false;
  for (let i = 0; i < n; i++) {
    const k = (a[i]! << 8) | b[i]!;
    const p = T[k]!;
    const s = acc + p;
    const r = Math.fround(s);
    if (r !== s || s - acc !== p || s - p !== acc) {
      if (r !== r) {
        if (p !== p) {
          if (table.invalid[k] === 1) invalid = true; // 0 × ∞
        } else if (acc === acc) invalid = true; // ∞ − ∞
      } else if (r === Infinity || r === -Infinity) {
        if (acc - acc === 0 && p - p === 0) {
          overflow = true; // finite operands rounded to ∞
          inexact = true;
        }
      } else inexact = true;
    }
    acc = r;
  }
  return { value: acc, flags: { inexact, overflow, underflow: false, invalid } };
}
