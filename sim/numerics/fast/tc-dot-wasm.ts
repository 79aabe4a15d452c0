/**
 * The tensor-core block chain of tcTableDot (tc-dot.ts) in WebAssembly: the kernel behind it when WebAssembly is
 * available.
 *
 * Why: per product, tcTableDot's JavaScript does a table lookup, a max and a store, then per block a second pass
 * of scale, trunc and add, with bounds checks and a loop-carried binary64 add chain (about 6× the plain loop in
 * bench/dot.ts). Here the same arithmetic runs on WebAssembly's f64 operations, which are IEEE 754 binary64 with
 * round-to-nearest-even (no other mode, no flush to zero), so every step gives the same bits as tcBlockStep
 * (tc-block-step.ts):
 *
 * - the max over |d| and |products| is taken on the bit patterns shifted left by one (dropping the sign): for
 *   magnitudes the unsigned order of those bits is the numeric order, and ∞ and NaN lie above every finite value,
 *   so one compare also finds the blocks that JavaScript hands to `specialBlock` (a NaN or ∞) and `zeroBlock`
 *   (max 0); the loop stops before such a block and tcTableDot runs it in JavaScript;
 * - emax is the exponent field of the max (a normal double), so 1/Q = 2^(shift − emax) and Q are built from
 *   their exponent fields, as tcBlockStep does;
 * - `f64x2.trunc` is Math.trunc on two products at a time (read back from the block buffer as two 8-byte loads,
 *   which the CPU forwards from the max pass's 8-byte stores), and `f64x2.ne` flags the inexact ones; the truncated
 *   addends are integers whose every partial sum fits 53 bits (tcKernelLimit bounds the sum of their magnitudes),
 *   so adding them in two lanes (an odd block padded with +0) is exact and equals the one JavaScript chain; a
 *   cancelling sum is +0 in both (a lane starts at +0, so it is never −0);
 * - `f32.demote_f64` rounds like Math.fround, RTZ steps the binary32 bits one back, and the flags follow
 *   tcBlockStep; with promotion, `acc ⊕ partial` is `f32.demote_f64(acc + partial)` as in tcTableDot, and an
 *   interval whose promotion is ∞ or NaN is left to JavaScript (its invalid and overflow rules).
 *
 * `$keyed<bs>` (used by `blocks` for the block sizes in KEYED_BLOCKS, 4, 8 and 16, on tables whose `productKeys`
 * fit) runs full blocks of a size fixed in its code (unrolled), with no block buffer and no max pass; it reads
 * each pair's table offset from an array that `$addresses` makes once per dot (a SIMD interleave of the codes,
 * one load per product instead of two byte loads, two shifts and an or). Each
 * product's key has one bit at the exponent of its leading bit and one at that of its last nonzero bit (counted
 * from the table's least), so the OR of a block's keys gives by clz the exponent of the largest product and by
 * ctz the least last bit. With em = max(exponent of d, that exponent) and Q = 2^(em − shift), a block where d
 * (by ctz of its bits) and every product are multiples of Q truncates nothing: its sum is d + S, S the products'
 * binary64 sum, exact because every partial sum is a multiple of the least last bit below 2^53 of it (as in
 * tcKernelLimit), and d + S is exact likewise. When its exponent is in [−126, 126], one rounding gives the result
 * with at most inexact: RTZ clears the low 29 bits, RNE is `f32.demote_f64`, and inexact is "those bits were not
 * all 0". So the loop-carried part is one add and one rounding, and the checks only feed branches. Any other
 * block (bits below Q, d = 0, ∞ or NaN in d or S, a result near either end of the binary32 range) takes
 * `$blocks`'s general step for that block alone, counted at SCRATCH+12 (tests see it as `slowBlocks`); a zero or
 * special block then returns to JavaScript as from `$blocks`. The ragged last block runs in `$blocksFast`/`$blocks`.
 *
 * `$blocksFast` (used by `blocks` for other block sizes ≤ 8, where the chain, not the instruction count, is the
 * bound) is `$blocks` with a shorter serial part. Its product pass also sums the products in binary64 (two
 * lanes) and takes the least nonzero magnitude bits g; then, before the general step, a block takes the fast
 * path when its products are finite and nonzero, emax is d's exponent (exponent(d) ≥ exponent of the product
 * max, nonzero), d is a multiple of Q = 2^(emax − shift) (by ctz of its bits) and so is every product: each
 * has at most K significant bits (K from the table, stored at SCRATCH+24 as K − 1), so its last bit is at least
 * 2^(exponent(g) − K + 1) ≥ Q. Then no addend truncates (no inexact), the product sum is exact (its addends
 * are multiples of Q, below 2^(shift+1)·Q, as in tcKernelLimit), d + sum is exact, and when its exponent is in
 * [−126, 126] the rounding raises at most inexact: RNE is `f32.demote_f64`, RTZ clears the low 29 bits. The
 * serial part is one add and one rounding. Every other block (|c| below the product max, bits below Q, 0, ∞,
 * NaN, a result near the binary32 range's ends) takes the general step of `$blocks` from max(d, products).
 *
 * Assembled by hand below: `$blocks` and `$promoted` from this WAT, `$blocksFast` and `$keyed<bs>` as described
 * above. `$X(o, m)` loads product o of the pair at $j, keeps it in
 * the block buffer and maxes its magnitude bits into m:
 * `(i64.store offset=8o $w (local.tee $x (i64.load (i32.or (i32.shl (i32.load8_u offset=o $j) 11)
 *  (i32.shl (i32.load8_u offset=o (i32.add $j $nb)) 3)))))
 *  (local.set $x (i64.shl $x 1)) (local.set m (select $x m (i64.gt_u $x m)))`.
 *
 *   (func $blocks (param $p i32) (param $end i32) (param $nb i32) (param $bs i32) (param $shift i32)
 *                 (param $rtz i32) (param $d f64) (result f64)
 *     (block $done (loop $blk
 *       (br_if $done (i32.ge_u $p $end))
 *       (local.set $hi (select (i32.add $p $bs) $end (i32.lt_u (i32.add $p $bs) $end)))
 *       (local.set $mx (i64.shl (i64.reinterpret_f64 $d) 1)) (local.set $mx1 (i64.const 0))
 *       (local.set $j $p) (local.set $w BUF)
 *       (block $b1 (loop $l1
 *         (br_if $b1 (i32.ge_u (i32.add $j 1) $hi))
 *         $X(0, $mx) $X(1, $mx1)
 *         (local.set $w (i32.add $w 16)) (local.set $j (i32.add $j 2)) (br $l1)))
 *       (if (i32.lt_u $j $hi) (then $X(0, $mx) (local.set $w (i32.add $w 8))))
 *       (local.set $mx (select $mx $mx1 (i64.gt_u $mx $mx1)))
 *       (br_if $done (i64.ge_u (i64.sub $mx 1) 0xffdfffffffffffff))   ;; max 0, ∞ or NaN
 *       (f64.store $w (f64.const 0))                                    ;; pad an odd block
 *       (local.set $e (i64.shr_u $mx 53))
 *       (local.set $inv (f64.reinterpret_i64 (i64.shl (i64.sub (i64.add (i64.extend_i32_u $shift) 2046) $e) 52)))
 *       (local.set $q (f64.reinterpret_i64 (i64.shl (i64.sub $e (i64.extend_i32_u $shift)) 52)))
 *       (local.set $s0 (f64.trunc (local.tee $y (f64.mul $d $inv))))
 *       (local.set $fl (i32.or $fl (f64.ne $s0 $y)))
 *       (local.set $invv (f64x2.splat $inv))
 *       (local.set $mask (local.tee $acc (f64x2.splat (f64.const 0)))) (local.set $j BUF)
 *       (loop $sum
 *         (local.set $vt (f64x2.trunc (local.tee $vy
 *           (f64x2.mul (v128.load64_lane offset=8 1 $j (v128.load64_zero $j)) $invv))))
 *         (local.set $mask (v128.or $mask (f64x2.ne $vt $vy)))
 *         (local.set $acc (f64x2.add $acc $vt))
 *         (br_if $sum (i32.lt_u (local.tee $j (i32.add $j 16)) $w)))
 *       (local.set $fl (i32.or $fl (v128.any_true $mask)))
 *       (local.set $v (f64.mul (f64.add (f64.add $s0 (f64x2.extract_lane 0 $acc)) (f64x2.extract_lane 1 $acc)) $q))
 *       (local.set $rv (f64.promote_f32 (local.tee $r (f32.demote_f64 $v))))
 *       (if (f64.ne $rv $v) (then
 *         (if (i32.and $rtz (f64.gt (f64.abs $rv) (f64.abs $v))) (then
 *           (local.set $rv (f64.promote_f32 (f32.reinterpret_i32 (i32.sub (i32.reinterpret_f32 $r) 1))))))
 *         (if (f64.ne $rv $v) (then
 *           (local.set $y (f64.abs $v))
 *           (local.set $fl (i32.or (i32.or $fl 1)
 *             (i32.or (i32.shl (select (f64.ge $y 2^128)
 *                                      (i32.and (f64.gt $y FP32_MAX) (f64.eq (f64.abs $rv) inf)) $rtz) 1)
 *                     (i32.shl (f64.lt $y 2^-126) 2))))))))
 *       (local.set $d $rv) (local.set $p $hi) (br $blk)))
 *     (i32.store (i32.const SCRATCH) $p)
 *     (i32.store (i32.const SCRATCH+4) (i32.or (i32.load (i32.const SCRATCH+4)) $fl))
 *     $d)
 *
 *   (func $promoted (param $p i32) (param $end i32) (param $nb i32) (param $bs i32) (param $shift i32)
 *                   (param $rtz i32) (param $acc f64) (param $iv i32) (result f64)
 *     (block $done (loop $next
 *       (br_if $done (i32.ge_u $p $end))
 *       (local.set $ie (select (i32.add $p $iv) $end (i32.lt_u (i32.add $p $iv) $end)))
 *       (local.set $pd (call $blocks $p $ie $nb $bs $shift $rtz (f64.const 0)))
 *       (br_if $done (i32.ne (i32.load (i32.const SCRATCH)) $ie))   ;; a zero/special block
 *       (local.set $pr (f64.promote_f32 (f32.demote_f64 (local.tee $ps (f64.add $acc $pd)))))
 *       (if (i32.or (i32.or (f64.ne $pr $ps) (f64.ne (f64.sub $ps $acc) $pd)) (f64.ne (f64.sub $ps $pd) $acc)) (then
 *         (br_if $done (i32.eqz (f64.lt (f64.abs $pr) inf)))            ;; ∞ or NaN
 *         (i32.store (i32.const SCRATCH+4) (i32.or (i32.load (i32.const SCRATCH+4)) 1))))
 *       (local.set $acc $pr) (local.set $p $ie) (br $next)))
 *     (i32.store (i32.const SCRATCH+8) $p)
 *     (f64.store (i32.const SCRATCH+16) $pd)
 *     $acc)
 *
 * `$blocks` runs the blocks of [p, end) (block size bs, the last one ragged) from the register d and returns the
 * new register; it stops early at the first block whose max is 0, ∞ or NaN, and leaves where it stopped at
 * SCRATCH. `$promoted` runs whole promotion intervals from p and leaves the start of the first interval it did not
 * finish at SCRATCH+8 and that interval's partial register at SCRATCH+16. Flags (1 inexact, 2 overflow,
 * 4 underflow) are or-ed into SCRATCH+4.
 *
 * Memory: the f64 table of 65536 entries at [0, 512 KiB), the u64 keys at [512 KiB, 1 MiB) (each at its
 * product's offset + KEYS, so one address serves both loads), SCRATCH (32 bytes), the block buffer BUF
 * (TC_WASM_MAX_BLOCK + 1 entries), then the codes of a and of b, copied in per call (the memory grows when a
 * longer vector comes).
 */

import { code, instantiateWithMemory, name, section, sleb, uleb, WASM_PAGE } from "./wasm-module.js";

/** tcTableDot's block chain over codes copied into WebAssembly memory by `load`. */
export interface TcTableKernels {
  /** Copy the codes that `blocks` runs over, and clear the flags. */
  load(a: Uint8Array, b: Uint8Array): void;
  /**
   * Block steps (tcBlockStep) from code `lo` to `end` in blocks of `bs`, from the register `d`; returns the
   * register. Stops before a block whose max(|d|, |products|) is 0, ∞ or NaN: `stop()` says where. Runs the
   * keyed kernel for its block sizes (see `kernel`), then the ragged last block in `$blocksFast` or `$blocks`.
   */
  blocks(lo: number, end: number, d: number, bs: number, shift: number, rtz: boolean): number;
  /** Where the last `blocks` call stopped (`end`, or the start of a block that JavaScript must run). */
  stop(): number;
  /**
   * The promoted chain (tc-dot.ts) from code `lo` on: per interval of `interval` codes, `blocks` from 0, then
   * acc ⊕ partial (binary32 RNE). Returns acc; stops at an interval whose blocks stopped early (`stop()` <
   * its end) or whose promotion is ∞ or NaN (`stop()` = its end), with `intervalStart()` and `partial()` set so
   * that JavaScript finishes that interval (`intervalStart()` = n when all ran).
   */
  promoted(lo: number, end: number, acc: number, interval: number, bs: number, shift: number, rtz: boolean): number;
  /** Where the last `promoted` call stopped: the start of an unfinished interval, or n. */
  intervalStart(): number;
  /** The block chain's register of that unfinished interval, at `stop()`. */
  partial(): number;
  /** Flags raised since `load`: 1 inexact, 2 overflow, 4 underflow. */
  flags(): number;
  /** Which kernel `blocks` runs for this block size: `keyed-<bs>`, `small` ($blocksFast) or `general`. */
  kernel(bs: number): string;
  /** Blocks that a keyed kernel handed to the general step since `load`. */
  slowBlocks(): number;
}

const TABLE_BYTES = 65536 * 8;
/** Each product's key (see `productKeys`), at the product's offset plus KEYS. */
const KEYS = TABLE_BYTES;
const SCRATCH = 2 * TABLE_BYTES;
/**
 * Block sizes with a keyed kernel (tc-v100, tc-a100/ada, tc-h100). Not 32: tc-h100-fp8 keeps 13 fraction bits,
 * and on bench/dot.ts's data 114 of its 128 blocks of 32 have product bits below Q, so they would all pay the
 * keyed checks and then the general step.
 */
const KEYED_BLOCKS = [4, 8, 16];
/** The largest block size the kernel takes (its product buffer's length, less one pad entry). */
export const TC_WASM_MAX_BLOCK = 4095;
const BUF = SCRATCH + 32; // 16-byte aligned
const CODES = BUF + 8 * (TC_WASM_MAX_BLOCK + 1);
/** Block sizes up to this run `$blocksFast` (bench/dot.ts: faster for 4 and 8, slower for 16). */
const FAST_MAX_BLOCK = 8;

/** Little-endian bytes of a binary64 constant. */
function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

/** The binary module of the WAT above. */
function moduleBytes(keyBase: number): Uint8Array {
  const [I32, I64, F32, F64, V128] = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b];
  // Locals: params 0 $p, 1 $end, 2 $nb, 3 $bs, 4 $shift, 5 $rtz (i32), 6 $d (f64); 7 $hi, 8 $j, 9 $fl, 10 $w
  // (i32); 11 $mx, 12 $mx1, 13 $x, 14 $e (i64); 15 $inv, 16 $q, 17 $s0, 18 $y, 19 $v, 20 $rv (f64); 21 $r (f32);
  // 22 $invv, 23 $acc, 24 $mask, 25 $vy, 26 $vt (v128).
  // 27 $g, 28 $g1, 29 $db, 30 $kk (i64); 31 $E0, 32 $E1 (f64).
  const [p, end, nb, bs, shift, rtz, d, hi, j, fl, w, mx, mx1, x, e, inv, q, s0, y, v, rv, r, invv, acc, mask, vy, vt, g, g1, db, kk, E0, E1] =
    Array.from({ length: 33 }, (_, i) => i);
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32c = (n: number) => [0x41, ...sleb(n)];
  const i64c = (n: bigint) => [0x42, ...sleb(BigInt.asIntN(64, n))];
  const f64c = (n: number) => [0x44, ...f64Bytes(n)];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [BLOCK, LOOP, IF, END, BR, BR_IF, SELECT] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d, 0x1b];
  const VOID = 0x40;
  const [I32_LOAD, I64_LOAD, LOAD8_U, I32_STORE, I64_STORE, F64_STORE] = [0x28, 0x29, 0x2d, 0x36, 0x37, 0x39];
  const [I32_EQZ, I32_NE, I32_LT_U, I32_GE_U, I64_GT_U, I64_GE_U] = [0x45, 0x47, 0x49, 0x4f, 0x56, 0x5a];
  const [F64_EQ, F64_NE, F64_LT, F64_GT, F64_GE] = [0x61, 0x62, 0x63, 0x64, 0x66];
  const [I32_ADD, I32_SUB, I32_AND, I32_OR, I32_SHL] = [0x6a, 0x6b, 0x71, 0x72, 0x74];
  const [I64_ADD, I64_SUB, I64_SHL, I64_SHR_U] = [0x7c, 0x7d, 0x86, 0x88];
  const I64_LOAD32_U = 0x35;
  const [I64_EQZ, I64_LT_U, I64_GT_S, I64_CTZ, I64_AND, I64_OR] = [0x50, 0x54, 0x55, 0x7a, 0x83, 0x84];
  const [F64_ABS, F64_TRUNC, F64_ADD, F64_SUB, F64_MUL] = [0x99, 0x9d, 0xa0, 0xa1, 0xa2];
  const [I64_EXTEND_I32_U, DEMOTE, PROMOTE] = [0xad, 0xb6, 0xbb];
  const [I32_REINTERPRET_F32, I64_REINTERPRET_F64, F32_REINTERPRET_I32, F64_REINTERPRET_I64] = [0xbc, 0xbd, 0xbe, 0xbf];
  // Two 8-byte loads, not one v128.load: each is forwarded from the 8-byte store just made by the max pass.
  const [V128_LOAD64_LANE, V128_LOAD64_ZERO] = [simd(0x57), simd(0x5d)];
  const [F64X2_SPLAT, F64X2_NE, V128_OR, V128_ANY_TRUE] = [simd(0x14), simd(0x48), simd(0x50), simd(0x53)];
  const [F64X2_TRUNC, F64X2_ADD, F64X2_MUL] = [simd(0x7a), simd(0xf0), simd(0xf2)];
  const f64x2Lane = (lane: number) => [...simd(0x21), lane];
  // $blocksFast's fast path, after the products' pass (see the comment at the top).
  const fastPath = [
    ...get(g), ...get(g1), ...get(g), ...get(g1), I64_LT_U, SELECT, ...set(g),
    ...get(d), I64_REINTERPRET_F64, ...i64c(1n), I64_SHL, ...set(db),
    // Fast path: products finite and nonzero, emax = d's exponent, and d and every product are multiples of
    // Q = 2^(emax − shift): then nothing truncates and d + Σ products (exact) is the block's sum.
    BLOCK, VOID, // $gen
    ...get(mx), ...i64c(1n), I64_SUB, ...i64c(0xffdfffffffffffffn), I64_GE_U, BR_IF, 0,
    ...get(mx), ...i64c(53n), I64_SHR_U, ...tee(e), I64_EQZ, BR_IF, 0,
    ...get(db), ...i64c(53n), I64_SHR_U, ...get(e), I64_LT_U, BR_IF, 0,
    ...get(db), ...i64c(1n << 53n), I64_OR, I64_CTZ, ...get(db), ...i64c(53n), I64_SHR_U, I64_ADD, ...set(kk),
    ...get(db), ...i64c(53n), I64_SHR_U, ...i64c(53n), I64_ADD, ...get(shift), I64_EXTEND_I32_U, I64_SUB, ...get(kk), I64_GT_S, BR_IF, 0,
    ...get(db), ...i64c(53n), I64_SHR_U, ...i32c(SCRATCH + 24), I64_LOAD32_U, 2, 0, I64_ADD, ...get(shift), I64_EXTEND_I32_U, I64_SUB,
    ...get(g), ...i64c(1n), I64_ADD, ...i64c(53n), I64_SHR_U, I64_GT_S, BR_IF, 0,
    ...get(d), ...get(E0), ...get(E1), F64_ADD, F64_ADD, ...tee(v),
    I64_REINTERPRET_F64, ...i64c(1n), I64_SHL, ...i64c(53n), I64_SHR_U, ...i64c(897n), I64_SUB, ...i64c(252n), I64_GT_U, BR_IF, 0,
    ...get(rtz), IF, VOID,
    ...get(v), I64_REINTERPRET_F64, ...i64c(-(1n << 29n)), I64_AND, F64_REINTERPRET_I64, ...set(rv),
    0x05, // else
    ...get(v), DEMOTE, PROMOTE, ...set(rv),
    END,
    ...get(fl), ...get(rv), ...get(v), F64_NE, I32_OR, ...set(fl),
    ...get(rv), ...set(d), ...get(hi), ...set(p), BR, 1,
    END, // $gen: the general block step, from max(|d|, |products|)
    ...get(mx), ...get(db), ...get(mx), ...get(db), I64_GT_U, SELECT, ...set(mx),
  ];
  // The body of $blocks, or with `fast` of $blocksFast.
  const blocksBody = (fast: boolean): number[] => {
  // $X(o, m): load product o of the pair at $j, store it to the buffer at $w + 8o, max its magnitude into m;
  // with `fast`, also add the product into sm and min x − 1 into gm (unsigned: a zero counts as the largest).
  const product = (o: number, m: number, gm: number, sm: number) => [
    ...get(w),
    ...get(j), LOAD8_U, 0, o, ...i32c(11), I32_SHL,
    ...get(j), ...get(nb), I32_ADD, LOAD8_U, 0, o, ...i32c(3), I32_SHL,
    I32_OR, I64_LOAD, 3, 0, ...tee(x), I64_STORE, 3, 8 * o,
    ...(fast ? [...get(sm), ...get(x), F64_REINTERPRET_I64, F64_ADD, ...set(sm)] : []),
    ...get(x), ...i64c(1n), I64_SHL, ...set(x),
    ...get(x), ...get(m), ...get(x), ...get(m), I64_GT_U, SELECT, ...set(m),
    ...(fast ? [...get(x), ...i64c(1n), I64_SUB, ...tee(kk), ...get(gm), ...get(kk), ...get(gm), I64_LT_U, SELECT, ...set(gm)] : []),
  ];
  return [
    7, 4, I32, 4, I64, 6, F64, 1, F32, 5, V128, 4, I64, 2, F64, // local groups
    BLOCK, VOID, LOOP, VOID, // $done, $blk
    ...get(p), ...get(end), I32_GE_U, BR_IF, 1,
    ...get(p), ...get(bs), I32_ADD, ...get(end), ...get(p), ...get(bs), I32_ADD, ...get(end), I32_LT_U, SELECT, ...set(hi),
    ...(fast
      ? [...i64c(0n), ...tee(mx), ...set(mx1), ...i64c(-1n), ...tee(g), ...set(g1), ...f64c(0), ...tee(E0), ...set(E1)]
      : [...get(d), I64_REINTERPRET_F64, ...i64c(1n), I64_SHL, ...set(mx), ...i64c(0n), ...set(mx1)]),
    ...get(p), ...set(j), ...i32c(BUF), ...set(w),
    BLOCK, VOID, LOOP, VOID, // $b1, $l1
    ...get(j), ...i32c(1), I32_ADD, ...get(hi), I32_GE_U, BR_IF, 1,
    ...product(0, mx, g, E0), ...product(1, mx1, g1, E1),
    ...get(w), ...i32c(16), I32_ADD, ...set(w),
    ...get(j), ...i32c(2), I32_ADD, ...set(j), BR, 0,
    END, END,
    ...get(j), ...get(hi), I32_LT_U, IF, VOID, ...product(0, mx, g, E0), ...get(w), ...i32c(8), I32_ADD, ...set(w), END,
    ...get(mx), ...get(mx1), ...get(mx), ...get(mx1), I64_GT_U, SELECT, ...set(mx),
    ...(fast ? fastPath : []),
    ...get(mx), ...i64c(1n), I64_SUB, ...i64c(0xffdfffffffffffffn), I64_GE_U, BR_IF, 1,
    ...get(w), ...f64c(0), F64_STORE, 3, 0, // pad an odd block with +0
    ...get(mx), ...i64c(53n), I64_SHR_U, ...set(e),
    ...get(shift), I64_EXTEND_I32_U, ...i64c(2046n), I64_ADD, ...get(e), I64_SUB, ...i64c(52n), I64_SHL, F64_REINTERPRET_I64, ...set(inv),
    ...get(e), ...get(shift), I64_EXTEND_I32_U, I64_SUB, ...i64c(52n), I64_SHL, F64_REINTERPRET_I64, ...set(q),
    ...get(d), ...get(inv), F64_MUL, ...tee(y), F64_TRUNC, ...set(s0),
    ...get(fl), ...get(s0), ...get(y), F64_NE, I32_OR, ...set(fl),
    ...get(inv), ...F64X2_SPLAT, ...set(invv),
    ...f64c(0), ...F64X2_SPLAT, ...tee(acc), ...set(mask), ...i32c(BUF), ...set(j),
    LOOP, VOID, // $sum
    ...get(j), ...get(j), ...V128_LOAD64_ZERO, 3, 0, ...V128_LOAD64_LANE, 3, 8, 1, ...get(invv), ...F64X2_MUL, ...tee(vy), ...F64X2_TRUNC, ...set(vt),
    ...get(mask), ...get(vt), ...get(vy), ...F64X2_NE, ...V128_OR, ...set(mask),
    ...get(acc), ...get(vt), ...F64X2_ADD, ...set(acc),
    ...get(j), ...i32c(16), I32_ADD, ...tee(j), ...get(w), I32_LT_U, BR_IF, 0,
    END,
    ...get(fl), ...get(mask), ...V128_ANY_TRUE, I32_OR, ...set(fl),
    ...get(s0), ...get(acc), ...f64x2Lane(0), F64_ADD, ...get(acc), ...f64x2Lane(1), F64_ADD, ...get(q), F64_MUL, ...set(v),
    ...get(v), DEMOTE, ...tee(r), PROMOTE, ...set(rv),
    ...get(rv), ...get(v), F64_NE, IF, VOID,
    ...get(rtz), ...get(rv), F64_ABS, ...get(v), F64_ABS, F64_GT, I32_AND, IF, VOID,
    ...get(r), I32_REINTERPRET_F32, ...i32c(1), I32_SUB, F32_REINTERPRET_I32, PROMOTE, ...set(rv),
    END,
    ...get(rv), ...get(v), F64_NE, IF, VOID,
    ...get(v), F64_ABS, ...set(y),
    ...get(fl), ...i32c(1), I32_OR,
    ...get(y), ...f64c(2 ** 128), F64_GE,
    ...get(y), ...f64c((2 - 2 ** -23) * 2 ** 127), F64_GT, ...get(rv), F64_ABS, ...f64c(Infinity), F64_EQ, I32_AND,
    ...get(rtz), SELECT, ...i32c(1), I32_SHL,
    ...get(y), ...f64c(2 ** -126), F64_LT, ...i32c(2), I32_SHL,
    I32_OR, I32_OR, ...set(fl),
    END,
    END,
    ...get(rv), ...set(d), ...get(hi), ...set(p), BR, 0,
    END, END,
    ...i32c(SCRATCH), ...get(p), I32_STORE, 2, 0,
    ...i32c(SCRATCH + 4), ...i32c(SCRATCH + 4), I32_LOAD, 2, 0, ...get(fl), I32_OR, I32_STORE, 2, 0,
    ...get(d),
    END,
  ];
  };
  const body = blocksBody(false);
  const bodyFast = blocksBody(true);
  // $promoted: locals 0 $p, 1 $end, 2 $nb, 3 $bs, 4 $shift, 5 $rtz (i32), 6 $acc (f64), 7 $iv (i32); 8 $ie (i32);
  // 9 $pd, 10 $s, 11 $ps (f64).
  const [pAcc, iv, ie, pd, ps, pr] = [6, 7, 8, 9, 10, 11];
  const promoted = [
    2, 1, I32, 3, F64, // local groups
    BLOCK, VOID, LOOP, VOID, // $done, $next
    ...get(p), ...get(end), I32_GE_U, BR_IF, 1,
    ...get(p), ...get(iv), I32_ADD, ...get(end), ...get(p), ...get(iv), I32_ADD, ...get(end), I32_LT_U, SELECT, ...set(ie),
    ...get(p), ...get(ie), ...get(nb), ...get(bs), ...get(shift), ...get(rtz), ...f64c(0), 0x10, 0, ...set(pd), // call $blocks
    ...i32c(SCRATCH), I32_LOAD, 2, 0, ...get(ie), I32_NE, BR_IF, 1,
    ...get(pAcc), ...get(pd), F64_ADD, ...tee(ps), DEMOTE, PROMOTE, ...set(pr),
    ...get(pr), ...get(ps), F64_NE, ...get(ps), ...get(pAcc), F64_SUB, ...get(pd), F64_NE, I32_OR,
    ...get(ps), ...get(pd), F64_SUB, ...get(pAcc), F64_NE, I32_OR, IF, VOID,
    ...get(pr), F64_ABS, ...f64c(Infinity), F64_LT, I32_EQZ, BR_IF, 2, // ∞ or NaN: JavaScript promotes
    ...i32c(SCRATCH + 4), ...i32c(SCRATCH + 4), I32_LOAD, 2, 0, ...i32c(1), I32_OR, I32_STORE, 2, 0,
    END,
    ...get(pr), ...set(pAcc), ...get(ie), ...set(p), BR, 0,
    END, END,
    ...i32c(SCRATCH + 8), ...get(p), I32_STORE, 2, 0,
    ...i32c(SCRATCH + 16), ...get(pd), F64_STORE, 3, 0,
    ...get(pAcc),
    END,
  ];
  const keyed = KEYED_BLOCKS.map((size) => keyedBody(size, keyBase));
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [
      4,
      ...[0x60, 7, I32, I32, I32, I32, I32, I32, F64, 1, F64],
      ...[0x60, 8, I32, I32, I32, I32, I32, I32, F64, I32, 1, F64],
      ...[0x60, 7, I32, I32, I32, I32, I32, I32, F64, 1, F64],
      ...[0x60, 3, I32, I32, I32, 0],
    ]),
    ...section(2, [1, ...name("m"), ...name("mem"), 0x02, 0x00, 1]), // import memory, min 1 page
    // $blocks: type 0, $promoted: type 1, $blocksFast: type 0, $addresses: type 3, then one keyed kernel (type 2)
    // per KEYED_BLOCKS size
    ...section(3, [4 + keyed.length, 0, 1, 0, 3, ...keyed.map(() => 2)]),
    ...section(7, [
      4 + keyed.length,
      ...name("blocks"), 0x00, 0, ...name("promoted"), 0x00, 1, ...name("fast"), 0x00, 2, ...name("addresses"), 0x00, 3,
      ...KEYED_BLOCKS.flatMap((size, i) => [...name(`k${size}`), 0x00, 4 + i]),
    ]),
    ...section(10, [
      4 + keyed.length,
      ...code(body), ...code(promoted), ...code(bodyFast), ...code(addressesBody()), ...keyed.flatMap((k) => code(k)),
    ]),
  ]);
}

/**
 * `$addresses(src, n, dst)`: the table offset (a << 11) | (b << 3) of each code pair, a at src + i and b at
 * src + n + i, as i32 at dst + 4i, 16 pairs per step (it reads and writes up to 15 entries past n).
 */
function addressesBody(): number[] {
  const [src, n, dst, i] = [0, 1, 2, 3];
  const [VA, VB, LO, HI] = [4, 5, 6, 7];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [V128_LOAD, V128_STORE, I8X16_SHUFFLE] = [simd(0x00), simd(0x0b), simd(0x0d)];
  const [EXTEND_LOW_U, EXTEND_HIGH_U, I32X4_SHL] = [simd(0xa9), simd(0xaa), simd(0xab)];
  // Bytes b0 a0 b1 a1 …: as little-endian u16 lanes, a << 8 | b.
  const interleave = (from: number) => Array.from({ length: 16 }, (_, k) => (k % 2 === 0 ? from + k / 2 : 16 + from + (k - 1) / 2));
  const store = (v: number, high: boolean, off: number) => [
    ...[0x20, dst], ...[0x20, v], ...(high ? EXTEND_HIGH_U : EXTEND_LOW_U), 0x41, 3, ...I32X4_SHL, ...V128_STORE, 4, off,
  ];
  return [
    2, 1, 0x7f, 4, 0x7b, // locals: $i (i32); $va, $vb, $lo, $hi (v128)
    0x02, 0x40, 0x03, 0x40, // block, loop
    0x20, i, 0x20, n, 0x4f, 0x0d, 1, // br_if exit (i ≥ n)
    0x20, src, 0x20, i, 0x6a, ...V128_LOAD, 0, 0, 0x21, VA,
    0x20, src, 0x20, n, 0x6a, 0x20, i, 0x6a, ...V128_LOAD, 0, 0, 0x21, VB,
    0x20, VB, 0x20, VA, ...I8X16_SHUFFLE, ...interleave(0), 0x21, LO,
    0x20, VB, 0x20, VA, ...I8X16_SHUFFLE, ...interleave(8), 0x21, HI,
    ...store(LO, false, 0), ...store(LO, true, 16), ...store(HI, false, 32), ...store(HI, true, 48),
    0x20, dst, 0x41, 0xc0, 0x00, 0x6a, 0x21, dst, // dst += 64
    0x20, i, 0x41, 16, 0x6a, 0x21, i, // i += 16
    0x0c, 0, 0x0b, 0x0b,
    0x0b,
  ];
}

/**
 * `$keyed<bs>`: full blocks of the constant size bs from code address p to end (see the comment at the top).
 * Params 0 $p, 1 $end, 2 $nb, 3 $shift, 4 $rtz, 5 $qa (the address of p's table offset, from `$addresses`) (i32),
 * 6 $d (f64).
 */
function keyedBody(bs: number, keyBase: number): number[] {
  const [I32, I64, F64] = [0x7f, 0x7e, 0x7c];
  const [p, end, nb, shift, rtz, qa, d] = [0, 1, 2, 3, 4, 5, 6];
  // Locals: 7 $t (the end of a block run by the general step), then the product addresses 8 … 7 + bs (i32);
  // then i64 $sGB, $sh52, $fl, $K, $db, $ed, $em, $vb; then f64 $S, $v.
  const x0 = 7;
  const [sGB, sh52, fl, K, db, ed, em, vb] = Array.from({ length: 8 }, (_, i) => x0 + 1 + bs + i);
  const [S, v] = [x0 + 1 + bs + 8, x0 + 1 + bs + 9];
  const get = (i: number) => [0x20, ...uleb(i)];
  const set = (i: number) => [0x21, ...uleb(i)];
  const tee = (i: number) => [0x22, ...uleb(i)];
  const i32c = (n: number) => [0x41, ...sleb(n)];
  const i64c = (n: bigint) => [0x42, ...sleb(BigInt.asIntN(64, n))];
  const [BLOCK, LOOP, IF, ELSE, END, BR, BR_IF, SELECT, CALL] = [0x02, 0x03, 0x04, 0x05, 0x0b, 0x0c, 0x0d, 0x1b, 0x10];
  const VOID = 0x40;
  const [I32_LOAD, I64_LOAD, F64_LOAD, I32_STORE] = [0x28, 0x29, 0x2b, 0x36];
  const [I32_NE, I32_GE_U, I32_ADD, I32_OR] = [0x47, 0x4f, 0x6a, 0x72];
  const [I64_NE, I64_LT_S, I64_GT_S, I64_GE_U] = [0x52, 0x53, 0x55, 0x5a];
  const [I64_CLZ, I64_CTZ, I64_ADD, I64_SUB, I64_AND, I64_OR, I64_SHL, I64_SHR_U] = [0x79, 0x7a, 0x7c, 0x7d, 0x83, 0x84, 0x86, 0x88];
  const [F64_ADD, I64_EXTEND_I32_U, DEMOTE, PROMOTE, I64_REINTERPRET_F64] = [0xa0, 0xad, 0xb6, 0xbb, 0xbd];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [F64X2_SPLAT, V128_CONST, V128_AND, F64X2_EXTRACT_LANE] = [simd(0x14), simd(0x0c), simd(0x4e), simd(0x21)];
  // Two lanes of ~(2^29 − 1): clears the bits below binary32's last significand bit (little-endian bytes).
  const RTZ_MASK = [0x00, 0x00, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0xe0, 0xff, 0xff, 0xff, 0xff];
  const GB = BigInt(keyBase + 1023); // biased exponent of key bit 0
  const EB = BigInt(keyBase + 1023 + 63); // biased exponent of key bit 63
  // A balanced tree of `op` over the values that `leaf(k)` pushes, k in [lo, hi).
  const tree = (lo: number, hi: number, leaf: (k: number) => number[], op: number): number[] =>
    hi - lo === 1 ? leaf(lo) : [...tree(lo, (lo + hi) >> 1, leaf, op), ...tree((lo + hi) >> 1, hi, leaf, op), op];
  const addr = (k: number) => [...get(qa), I32_LOAD, 2, ...uleb(4 * k), ...set(x0 + k + 1)];
  return [
    3, ...uleb(1 + bs), I32, 8, I64, 2, F64, // local groups
    ...get(shift), I64_EXTEND_I32_U, ...tee(sh52), ...i64c(GB), I64_ADD, ...set(sGB),
    ...get(sh52), ...i64c(52n), I64_SUB, ...set(sh52),
    BLOCK, VOID, LOOP, VOID, // $exit, $outer
    BLOCK, VOID, LOOP, VOID, // $slow, $fast
    ...get(p), ...get(end), I32_GE_U, BR_IF, 3,
    ...Array.from({ length: bs }, (_, k) => addr(k)).flat(),
    ...tree(0, bs, (k) => [...get(x0 + k + 1), F64_LOAD, 3, 0], F64_ADD), ...set(S),
    ...tree(0, bs, (k) => [...get(x0 + k + 1), I64_LOAD, 3, ...uleb(KEYS)], I64_OR), ...set(K),
    // em = max(exponent of d, exponent of the largest product), biased
    ...get(d), I64_REINTERPRET_F64, ...tee(db), ...i64c(1n), I64_SHL, ...i64c(53n), I64_SHR_U, ...tee(ed),
    ...i64c(EB), ...get(K), I64_CLZ, I64_SUB, ...tee(em),
    ...get(ed), ...get(em), I64_GT_S, SELECT, ...set(em),
    // every product a multiple of Q = 2^(em − shift): lowest key bit + GB + shift ≥ em
    ...get(K), I64_CTZ, ...get(sGB), I64_ADD, ...get(em), I64_LT_S, BR_IF, 1,
    // d a multiple of Q: its lowest bit, ed + ctz(db | 2^52) − 52, + shift ≥ em
    ...get(db), ...i64c(1n << 52n), I64_OR, I64_CTZ, ...get(ed), I64_ADD, ...get(sh52), I64_ADD, ...get(em), I64_LT_S, BR_IF, 1,
    // v = d + S exactly; its exponent in [−126, 126] (else ∞, NaN, 0, tiny or near overflow: the general step)
    ...get(d), ...get(S), F64_ADD, ...tee(v), I64_REINTERPRET_F64, ...tee(vb),
    ...i64c(1n), I64_SHL, ...i64c(897n << 53n), I64_SUB, ...i64c(253n << 53n), I64_GE_U, BR_IF, 1,
    ...get(fl), ...get(vb), I64_OR, ...set(fl), // inexact iff a low 29-bit field is nonzero
    ...get(rtz), IF, F64,
    // RTZ by masking in a vector register: the loop-carried chain skips two moves to and from integer registers.
    ...get(v), ...F64X2_SPLAT, ...V128_CONST, ...RTZ_MASK, ...V128_AND, ...F64X2_EXTRACT_LANE, 0,
    ELSE,
    ...get(v), DEMOTE, PROMOTE,
    END, ...set(d),
    ...get(p), ...i32c(bs), I32_ADD, ...set(p),
    ...get(qa), ...i32c(4 * bs), I32_ADD, ...set(qa),
    BR, 0,
    END, END, // $fast, $slow
    // The general step for this one block; JavaScript runs a zero/special block.
    ...get(p), ...get(p), ...i32c(bs), I32_ADD, ...tee(x0), ...get(nb), ...i32c(bs), ...get(shift), ...get(rtz), ...get(d), CALL, 0, ...set(d),
    ...i32c(SCRATCH + 12), ...i32c(SCRATCH + 12), I32_LOAD, 2, 0, ...i32c(1), I32_ADD, I32_STORE, 2, 0,
    ...i32c(SCRATCH), I32_LOAD, 2, 0, ...get(x0), I32_NE, BR_IF, 1,
    ...get(x0), ...set(p),
    ...get(qa), ...i32c(4 * bs), I32_ADD, ...set(qa),
    BR, 0,
    END, END, // $outer, $exit
    ...i32c(SCRATCH), ...get(p), I32_STORE, 2, 0,
    ...i32c(SCRATCH + 4), ...i32c(SCRATCH + 4), I32_LOAD, 2, 0,
    ...get(fl), ...i64c((1n << 29n) - 1n), I64_AND, ...i64c(0n), I64_NE, I32_OR, I32_STORE, 2, 0,
    ...get(d),
    END,
  ];
}

/**
 * The most significant bits of any finite nonzero product (the fast path's K), or 4096 when a product is
 * subnormal in binary64 (which turns the fast path off).
 */
function productBits(products: Float64Array): number {
  const w = new Uint32Array(products.buffer, products.byteOffset, 2 * products.length);
  const lo = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
  let k = 1;
  for (let i = 0; i < products.length; i++) {
    const l = w[2 * i + lo]!;
    const h = w[2 * i + 1 - lo]!;
    const ex = (h >>> 20) & 0x7ff;
    if (ex === 0x7ff || (ex === 0 && l === 0 && (h & 0xfffff) === 0)) continue; // ±0, ∞, NaN
    if (ex === 0) return 4096;
    // Significant bits: 53 less the trailing zeros of the 52-bit fraction (1 for a power of two).
    const tz = l !== 0 ? 31 - Math.clz32(l & -l) : (h & 0xfffff) !== 0 ? 32 + 31 - Math.clz32(h & 0xfffff & -(h & 0xfffff)) : 52;
    if (53 - tz > k) k = 53 - tz;
  }
  return k;
}

/**
 * Each product's key for the keyed kernels: bit (msb − base) | bit (lsb − base), where msb and lsb are the
 * exponents of its leading and last nonzero bits and base is the least lsb over the table; 0 for ±0, ∞ and NaN.
 * Null when the table's exponents span more than 64 bits or a product is subnormal in binary64.
 * Little-endian u64 words as pairs of u32.
 */
export function productKeys(products: Float64Array): { readonly base: number; readonly keys: Uint32Array } | null {
  const w = new Uint32Array(products.buffer, products.byteOffset, 2 * products.length);
  const lo = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 0 : 1;
  const msb = new Int32Array(products.length);
  const lsb = new Int32Array(products.length);
  let base = Infinity;
  let top = -Infinity;
  for (let i = 0; i < products.length; i++) {
    const l = w[2 * i + lo]!;
    const h = w[2 * i + 1 - lo]!;
    const ex = (h >>> 20) & 0x7ff;
    if (ex === 0x7ff || (ex === 0 && l === 0 && (h & 0xfffff) === 0)) continue; // ±0, ∞, NaN: key 0
    if (ex === 0) return null;
    const f = h & 0xfffff;
    const tz = l !== 0 ? 31 - Math.clz32(l & -l) : f !== 0 ? 32 + 31 - Math.clz32(f & -f) : 52;
    msb[i] = ex - 1023;
    lsb[i] = ex - 1075 + tz;
    if (lsb[i]! < base) base = lsb[i]!;
    if (msb[i]! > top) top = msb[i]!;
  }
  if (base === Infinity) base = 0; // no finite nonzero product: every key is 0
  else if (top - base > 63) return null;
  const keys = new Uint32Array(2 * products.length);
  for (let i = 0; i < products.length; i++) {
    const x = products[i]!;
    if (x === 0 || x - x !== 0) continue;
    for (const bit of [msb[i]! - base, lsb[i]! - base]) keys[2 * i + (bit >= 32 ? 1 : 0)]! |= 2 ** (bit & 31);
  }
  return { base, keys };
}

/**
 * The block chain over `products` (a 65536-entry product table, tc-dot.ts), or null where WebAssembly is
 * unavailable (e.g. node --jitless); tcTableDot then keeps its JavaScript loop.
 */
export function createTcTableKernels(products: Float64Array): TcTableKernels | null {
  if (products.length !== 65536) return null;
  const keyed = productKeys(products);
  const wasm = instantiateWithMemory(() => moduleBytes(keyed?.base ?? 0), CODES);
  if (wasm === null) return null;
  const { memory } = wasm;
  type Blocks = (p: number, end: number, nb: number, bs: number, shift: number, rtz: number, d: number) => number;
  type Keyed = (p: number, end: number, nb: number, shift: number, rtz: number, qa: number, d: number) => number;
  const blocks = wasm.exports.blocks as Blocks;
  const blocksFast = wasm.exports.fast as Blocks;
  const addresses = wasm.exports.addresses as (src: number, n: number, dst: number) => void;
  const keyedFor = new Map<number, Keyed>();
  if (keyed !== null) {
    new Uint32Array(memory.buffer, KEYS, 2 * 65536).set(keyed.keys);
    for (const size of KEYED_BLOCKS) keyedFor.set(size, wasm.exports[`k${size}`] as Keyed);
  }
  const promoted = wasm.exports.promoted as (p: number, end: number, nb: number, bs: number, shift: number, rtz: number, acc: number, iv: number) => number;
  new Float64Array(memory.buffer, 0, 65536).set(products);
  new Int32Array(memory.buffer, SCRATCH + 24, 1)[0] = productBits(products) - 1;
  let bytes = new Uint8Array(memory.buffer);
  let scratch = new Int32Array(memory.buffer, SCRATCH, 4);
  let scratch64 = new Float64Array(memory.buffer, SCRATCH, 3);
  let n = 0;
  // The table offsets of the pairs (for the keyed kernels) follow the codes, 16-byte aligned, made on first use.
  let addr = 0;
  let addrMade = false;
  return {
    load(a, b) {
      n = a.length;
      addr = (CODES + 2 * n + 31) & ~15; // past the 15 bytes that `$addresses` reads beyond b
      const need = addr + 4 * (n + 16);
      if (need > bytes.length) {
        memory.grow(Math.ceil((need - bytes.length) / WASM_PAGE));
        bytes = new Uint8Array(memory.buffer); // growing detaches the old buffer
        scratch = new Int32Array(memory.buffer, SCRATCH, 4);
        scratch64 = new Float64Array(memory.buffer, SCRATCH, 3);
      }
      bytes.set(a, CODES);
      bytes.set(b, CODES + n);
      scratch[1] = 0;
      scratch[3] = 0;
      addrMade = false;
    },
    blocks(lo, end, d, bs, shift, rtzBlocks) {
      const rtz = rtzBlocks ? 1 : 0;
      const k = keyedFor.get(bs);
      if (k !== undefined) {
        const full = lo + (end - lo - ((end - lo) % bs));
        if (!addrMade) {
          addresses(CODES, n, addr);
          addrMade = true;
        }
        d = k(CODES + lo, CODES + full, n, shift, rtz, addr + 4 * lo, d);
        if (full === end || scratch[0] !== CODES + full) return d;
        lo = full; // the ragged last block
      }
      return (bs <= FAST_MAX_BLOCK ? blocksFast : blocks)(CODES + lo, CODES + end, n, bs, shift, rtz, d);
    },
    kernel(bs) {
      return keyedFor.has(bs) ? `keyed-${bs}` : bs <= FAST_MAX_BLOCK ? "small" : "general";
    },
    slowBlocks() {
      return scratch[3]!;
    },
    stop() {
      return scratch[0]! - CODES;
    },
    promoted(lo, end, acc, interval, bs, shift, rtzBlocks) {
      return promoted(CODES + lo, CODES + end, n, bs, shift, rtzBlocks ? 1 : 0, acc, interval);
    },
    intervalStart() {
      return scratch[2]! - CODES;
    },
    partial() {
      return scratch64[2]!;
    },
    flags() {
      return scratch[1]!;
    },
  };
}
