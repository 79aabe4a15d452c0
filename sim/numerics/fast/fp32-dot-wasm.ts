/**
 * Sequential binary32 dot products of table products in WebAssembly: the kernel behind fp32TableDot when
 * WebAssembly is available.
 *
 * Why: JavaScript has no binary32 add. `acc = Math.fround(acc + p)` is correctly rounded (fp32-dot.ts), but each
 * step puts a binary64 add and two conversions (to binary32 and back) on the loop-carried chain, about three times
 * the latency of the plain loop's binary64 add. WebAssembly's `f32.add` is the IEEE 754 binary32 addition with
 * round-to-nearest-even and gradual underflow (the spec allows no other mode and no flush to zero), so one
 * instruction gives exactly `Math.fround(acc + p)` for binary32 acc and p. Only NaN payloads may differ, and
 * callers treat any non-finite result separately. The table holds binary32 values only (`fp32Exact` tables), so
 * storing it as f32 is exact.
 *
 * Two functions, assembled by hand below from this WAT (`$T` is the table lookup
 * `(f32.load (i32.or (i32.shl (i32.load8_u $p) 10) (i32.shl (i32.load8_u $q) 2)))`, table at address 0):
 *
 *   (func $prefix (param $p i32) (param $q i32) (param $end i32) (param $acc f64) (result i32) (local $x f64) (local $s f64)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u $p $end))
 *       (local.set $x (f64.promote_f32 $T))
 *       (local.set $s (f64.add $acc $x))
 *       (br_if $done (f64.ne (f64.promote_f32 (f32.demote_f64 $s)) $s))
 *       (local.set $acc $s) (local.set $p (i32.add $p 1)) (local.set $q (i32.add $q 1)) (br $next)))
 *     (f64.store (i32.const SCRATCH) $acc)
 *     $p)
 *   (func $sum (param $p i32) (param $q i32) (param $end i32) (param $acc f32) (result f32)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u $p $end))
 *       (local.set $acc (f32.add $acc $T))
 *       (local.set $p (i32.add $p 1)) (local.set $q (i32.add $q 1)) (br $next)))
 *     $acc)
 *
 * `$prefix` is fp32-dot.ts's `exactPrefixOnGrid` step for step (binary64 adds, and `f32.demote_f64` rounds like
 * Math.fround), for inputs on which its bound holds over the whole vector (so that every binary64 sum is exact and
 * one test per step finds the first inexact binary32 add); it leaves the exact sum before that step at SCRATCH.
 * `$sum` is `froundSum`: the rest in binary32.
 *
 * Memory: the f32 table of 65536 entries at [0, 256 KiB), SCRATCH (8 bytes), then the codes of a and of b, copied
 * in per call (the memory grows when a longer vector comes).
 */

import { code, instantiateWithMemory, name, section, sleb, WASM_PAGE } from "./wasm-module.js";

/** fp32-dot.ts's loops over codes copied into WebAssembly memory by `load`. */
export interface F32TableKernels {
  /** Copy the codes that the two loops below run over. */
  load(a: Uint8Array, b: Uint8Array): void;
  /** `exactPrefixOnGrid` from step 0 with acc = c; only when |c| + n·maxAbs ≤ 2^53·Q (see fp32TableDot). */
  exactPrefixOnGrid(c: number): { acc: number; end: number };
  /** `froundSum` from step `from` on: acc ⊕ T[a_i, b_i], each ⊕ a binary32 RNE add; `acc` must be binary32. */
  froundSum(acc: number, from: number): number;
}

const TABLE_BYTES = 65536 * 4;
const SCRATCH = TABLE_BYTES;
const CODES = SCRATCH + 8;

/** The binary module of the WAT above. */
function moduleBytes(): Uint8Array {
  const [I32, F32, F64] = [0x7f, 0x7d, 0x7c];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const lookup = [...get(0), 0x2d, 0, 0, 0x41, 10, 0x74, ...get(1), 0x2d, 0, 0, 0x41, 2, 0x74, 0x72, 0x2a, 2, 0]; // $T
  const loopHead = [0x02, 0x40, 0x03, 0x40, ...get(0), ...get(2), 0x4f, 0x0d, 1]; // block, loop, br_if (p >= end)
  const loopTail = [...get(0), 0x41, 1, 0x6a, ...set(0), ...get(1), 0x41, 1, 0x6a, ...set(1), 0x0c, 0, 0x0b, 0x0b];
  const [F64_ADD, F64_NE, DEMOTE, PROMOTE] = [0xa0, 0x62, 0xb6, 0xbb];
  const prefix = [
    0x01, 2, F64, // locals 4 ($x) and 5 ($s): f64
    ...loopHead,
    ...lookup, PROMOTE, ...set(4),
    ...get(3), ...get(4), F64_ADD, ...set(5),
    ...get(5), DEMOTE, PROMOTE, ...get(5), F64_NE,
    0x0d, 1, // br_if $done
    ...get(5), ...set(3),
    ...loopTail,
    0x41, ...sleb(SCRATCH), ...get(3), 0x39, 3, 0, // f64.store (align 8) SCRATCH ← acc
    ...get(0),
    0x0b,
  ];
  const sum = [0x00, ...loopHead, ...get(3), ...lookup, 0x92, ...set(3), ...loopTail, ...get(3), 0x0b]; // 0x92: f32.add
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [2, 0x60, 4, I32, I32, I32, F64, 1, I32, 0x60, 4, I32, I32, I32, F32, 1, F32]), // two types
    ...section(2, [1, ...name("m"), ...name("mem"), 0x02, 0x00, 1]), // import memory, min 1 page
    ...section(3, [2, 0, 1]), // $prefix: type 0, $sum: type 1
    ...section(7, [2, ...name("prefix"), 0x00, 0, ...name("sum"), 0x00, 1]),
    ...section(10, [2, ...code(prefix), ...code(sum)]),
  ]);
}

/**
 * The loops over `products` (a 65536-entry table of binary32 values, ±∞ or NaN), or null where WebAssembly is
 * unavailable (e.g. node --jitless); callers then keep the JavaScript loops.
 */
export function createF32TableKernels(products: Float64Array): F32TableKernels | null {
  if (products.length !== 65536) return null;
  const wasm = instantiateWithMemory(moduleBytes, CODES);
  if (wasm === null) return null;
  const { memory } = wasm;
  const prefix = wasm.exports.prefix as (p: number, q: number, end: number, acc: number) => number;
  const sum = wasm.exports.sum as (p: number, q: number, end: number, acc: number) => number;
  new Float32Array(memory.buffer, 0, 65536).set(products); // exact: binary32 values, ±∞ and NaN
  let bytes = new Uint8Array(memory.buffer);
  let scratch = new Float64Array(memory.buffer, SCRATCH, 1);
  let n = 0;
  return {
    load(a, b) {
      n = a.length;
      if (CODES + 2 * n > bytes.length) {
        memory.grow(Math.ceil((CODES + 2 * n - bytes.length) / WASM_PAGE));
        bytes = new Uint8Array(memory.buffer); // growing detaches the old buffer
        scratch = new Float64Array(memory.buffer, SCRATCH, 1);
      }
      bytes.set(a, CODES);
      bytes.set(b, CODES + n);
    },
    exactPrefixOnGrid(c) {
      const stop = prefix(CODES, CODES + n, CODES + n, c);
      return { acc: scratch[0]!, end: stop - CODES };
    },
    froundSum(acc, from) {
      return sum(CODES + from, CODES + n + from, CODES + n, acc);
    },
  };
}
