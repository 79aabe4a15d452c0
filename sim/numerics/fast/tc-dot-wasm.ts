/**
 * The tensor-core block chain of tcTableDot (tc-dot.ts) in WebAssembly: the kernel behind it when WebAssembly is
 * available.
 *
 * Why: per product, tcTableDot's JavaScript does a table lookup, a max, a store, then per block a second pass of
 * scale, trunc and add; V8 keeps bounds checks, holey-array checks and a loop-carried binary64 add chain in it
 * (about 6× the plain loop). Here the same arithmetic runs on WebAssembly's f64 operations, which are IEEE 754
 * binary64 with round-to-nearest-even (no other mode, no flush to zero), so every step gives the same bits as
 * tcBlockStep (tc-block-step.ts):
 *
 * - the max over |d| and |products| is taken on the bit patterns (i64, sign bit cleared): for non-negative
 *   doubles the unsigned order of the bits is the numeric order, and ∞ and NaN lie above every finite value, so one
 *   compare also finds the blocks that JavaScript hands to `specialBlock` (a NaN or ∞) and `zeroBlock` (max 0);
 *   for those the loop stops and tcTableDot runs that block in JavaScript;
 * - emax is the biased exponent field of the max (a normal double), so 1/Q = 2^(shift − emax) and Q are built
 *   from their exponent fields, as tcBlockStep does;
 * - `f64.trunc` is Math.trunc; the truncated addends are integers whose every partial sum fits 53 bits
 *   (tcKernelLimit bounds the sum of their magnitudes), so adding them in two interleaved chains is exact and
 *   equals the one JavaScript chain; a cancelling sum is +0 in both (the second chain starts at +0);
 * - `f32.demote_f64` rounds like Math.fround, and RTZ steps the binary32 bits one back, as tcBlockStep does.
 *
 * One function, assembled by hand below from this WAT (`$P(o)` is the product's address
 * `(i32.or (i32.shl (i32.load8_u offset=o $j) 11) (i32.shl (i32.load8_u offset=o (i32.add $j $nb)) 3))`,
 * the f64 table at address 0; `$term(s, o)` is
 * `(local.set $t (f64.trunc (local.tee $y (f64.mul (f64.load $P(o)) $inv))))
 *  (local.set $fl (i32.or $fl (f64.ne $t $y))) (local.set s (f64.add s $t))`):
 *
 *   (func $blocks (param $p i32) (param $end i32) (param $nb i32) (param $bs i32) (param $shift i32)
 *                 (param $rtz i32) (param $d f64) (result f64)
 *     (block $done (loop $blk
 *       (br_if $done (i32.ge_u $p $end))
 *       (local.set $hi (select (i32.add $p $bs) $end (i32.lt_u (i32.add $p $bs) $end)))
 *       (local.set $mx (i64.and (i64.reinterpret_f64 $d) MAG)) (local.set $j $p)
 *       (loop $max
 *         (local.set $x (i64.and (i64.load $P(0)) MAG))
 *         (local.set $mx (select $x $mx (i64.gt_u $x $mx)))
 *         (br_if $max (i32.lt_u (local.tee $j (i32.add $j 1)) $hi)))
 *       (br_if $done (i64.ge_u (i64.sub $mx 1) 0x7fefffffffffffff))   ;; max 0, ∞ or NaN
 *       (local.set $e (i64.shr_u $mx 52))
 *       (local.set $inv (f64.reinterpret_i64 (i64.shl (i64.sub (i64.add (i64.extend_i32_u $shift) 2046) $e) 52)))
 *       (local.set $q (f64.reinterpret_i64 (i64.shl (i64.sub $e (i64.extend_i32_u $shift)) 52)))
 *       (local.set $s0 (f64.trunc (local.tee $y (f64.mul $d $inv))))
 *       (local.set $fl (i32.or $fl (f64.ne $s0 $y))) (local.set $s1 (f64.const 0)) (local.set $j $p)
 *       (block $b2 (loop $l2
 *         (br_if $b2 (i32.ge_u (i32.add $j 1) $hi))
 *         $term($s0, 0) $term($s1, 1)
 *         (local.set $j (i32.add $j 2)) (br $l2)))
 *       (if (i32.lt_u $j $hi) (then $term($s0, 0)))
 *       (local.set $v (f64.mul (f64.add $s0 $s1) $q))
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
 * It runs the blocks of [p, end) (block size bs, the last one ragged) from the register d and returns the new
 * register; it stops early at the first block whose max is 0, ∞ or NaN, and leaves where it stopped at SCRATCH.
 * Flags (1 inexact, 2 overflow, 4 underflow) are or-ed into SCRATCH+4.
 *
 * Memory: the f64 table of 65536 entries at [0, 512 KiB), SCRATCH (8 bytes), then the codes of a and of b,
 * copied in per call (the memory grows when a longer vector comes).
 */

/** tcTableDot's block chain over codes copied into WebAssembly memory by `load`. */
export interface TcTableKernels {
  /** Copy the codes that `blocks` runs over, and clear the flags. */
  load(a: Uint8Array, b: Uint8Array): void;
  /**
   * Block steps (tcBlockStep) from code `lo` to `end` in blocks of `bs`, from the register `d`; returns the
   * register. Stops before a block whose max(|d|, |products|) is 0, ∞ or NaN: `stop()` says where.
   */
  blocks(lo: number, end: number, d: number, bs: number, shift: number, rtz: boolean): number;
  /** Where the last `blocks` call stopped (`end`, or the start of a block that JavaScript must run). */
  stop(): number;
  /** Flags raised since `load`: 1 inexact, 2 overflow, 4 underflow. */
  flags(): number;
}

/** The part of the WebAssembly JS API used here (lib ES2022 declares none of it). */
interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> };
  readonly Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer; grow(pages: number): number };
}

const TABLE_BYTES = 65536 * 8;
const SCRATCH = TABLE_BYTES;
/** The largest block size the kernel takes (its product buffer's length, less one pad entry). */
export const TC_WASM_MAX_BLOCK = 4095;
const BUF = SCRATCH + 16; // 16-byte aligned
const CODES = BUF + 8 * (TC_WASM_MAX_BLOCK + 1);
const PAGE = 65536;

/** Unsigned LEB128, as WebAssembly encodes lengths, counts and indices. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an integer constant (i32 or i64). */
function sleb(value: number | bigint): number[] {
  let n = BigInt(value);
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
}

/** Little-endian bytes of a binary64 constant. */
function f64Bytes(x: number): number[] {
  return Array.from(new Uint8Array(new Float64Array([x]).buffer));
}

const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];
const code = (body: number[]): number[] => [...uleb(body.length), ...body];

/** The binary module of the WAT above. */
function moduleBytes(): Uint8Array {
  const [I32, I64, F32, F64, V128] = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b];
  // Locals: params 0 $p, 1 $end, 2 $nb, 3 $bs, 4 $shift, 5 $rtz (i32), 6 $d (f64); 7 $hi, 8 $j, 9 $fl, 10 $w
  // (i32); 11 $mx, 12 $x, 13 $e (i64); 14 $inv, 15 $q, 16 $s0, 17 $y, 18 $v, 19 $rv (f64); 20 $r (f32);
  // 21 $invv, 22 $acc, 23 $mask, 24 $vy, 25 $vt (v128).
  const [p, end, nb, bs, shift, rtz, d, hi, j, fl, w, mx, x, e, inv, q, s0, y, v, rv, r, invv, acc, mask, vy, vt] =
    Array.from({ length: 26 }, (_, i) => i);
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32c = (n: number) => [0x41, ...sleb(n)];
  const i64c = (n: bigint) => [0x42, ...sleb(n)];
  const f64c = (n: number) => [0x44, ...f64Bytes(n)];
  const simd = (op: number) => [0xfd, ...uleb(op)];
  const [BLOCK, LOOP, IF, END, BR, BR_IF, SELECT] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d, 0x1b];
  const VOID = 0x40;
  const [I32_LOAD, I64_LOAD, LOAD8_U, I32_STORE, I64_STORE, F64_STORE] = [0x28, 0x29, 0x2d, 0x36, 0x37, 0x39];
  const [I32_LT_U, I32_GE_U, I64_GT_U, I64_GE_U] = [0x49, 0x4f, 0x56, 0x5a];
  const [F64_EQ, F64_NE, F64_LT, F64_GT, F64_GE] = [0x61, 0x62, 0x63, 0x64, 0x66];
  const [I32_ADD, I32_SUB, I32_AND, I32_OR, I32_SHL] = [0x6a, 0x6b, 0x71, 0x72, 0x74];
  const [I64_ADD, I64_SUB, I64_AND, I64_SHL, I64_SHR_U] = [0x7c, 0x7d, 0x83, 0x86, 0x88];
  const [F64_ABS, F64_TRUNC, F64_ADD, F64_MUL] = [0x99, 0x9d, 0xa0, 0xa2];
  const [I64_EXTEND_I32_U, DEMOTE, PROMOTE] = [0xad, 0xb6, 0xbb];
  const [I32_REINTERPRET_F32, I64_REINTERPRET_F64, F32_REINTERPRET_I32, F64_REINTERPRET_I64] = [0xbc, 0xbd, 0xbe, 0xbf];
  const V128_LOAD = simd(0x00);
  const [F64X2_SPLAT, F64X2_NE, V128_OR, V128_ANY_TRUE] = [simd(0x14), simd(0x48), simd(0x50), simd(0x53)];
  const [F64X2_TRUNC, F64X2_ADD, F64X2_MUL] = [simd(0x7a), simd(0xf0), simd(0xf2)];
  const f64x2Lane = (lane: number) => [...simd(0x21), lane];
  const MAG = 0x7fffffffffffffffn;
  // The product's byte address in the table.
  const addr = [
    ...get(j), LOAD8_U, 0, 0, ...i32c(11), I32_SHL,
    ...get(j), ...get(nb), I32_ADD, LOAD8_U, 0, 0, ...i32c(3), I32_SHL,
    I32_OR,
  ];
  const body = [
    5, 4, I32, 3, I64, 6, F64, 1, F32, 5, V128, // local groups
    BLOCK, VOID, LOOP, VOID, // $done, $blk
    ...get(p), ...get(end), I32_GE_U, BR_IF, 1,
    ...get(p), ...get(bs), I32_ADD, ...get(end), ...get(p), ...get(bs), I32_ADD, ...get(end), I32_LT_U, SELECT, ...set(hi),
    ...get(d), I64_REINTERPRET_F64, ...i64c(MAG), I64_AND, ...set(mx), ...get(p), ...set(j), ...i32c(BUF), ...set(w),
    LOOP, VOID, // $max
    ...get(w), ...addr, I64_LOAD, 3, 0, ...tee(x), I64_STORE, 3, 0,
    ...get(x), ...i64c(MAG), I64_AND, ...set(x),
    ...get(x), ...get(mx), ...get(x), ...get(mx), I64_GT_U, SELECT, ...set(mx),
    ...get(w), ...i32c(8), I32_ADD, ...set(w),
    ...get(j), ...i32c(1), I32_ADD, ...tee(j), ...get(hi), I32_LT_U, BR_IF, 0,
    END,
    ...get(mx), ...i64c(1n), I64_SUB, ...i64c(0x7fefffffffffffffn), I64_GE_U, BR_IF, 1,
    ...get(w), ...f64c(0), F64_STORE, 3, 0, // pad an odd block with +0
    ...get(mx), ...i64c(52n), I64_SHR_U, ...set(e),
    ...get(shift), I64_EXTEND_I32_U, ...i64c(2046n), I64_ADD, ...get(e), I64_SUB, ...i64c(52n), I64_SHL, F64_REINTERPRET_I64, ...set(inv),
    ...get(e), ...get(shift), I64_EXTEND_I32_U, I64_SUB, ...i64c(52n), I64_SHL, F64_REINTERPRET_I64, ...set(q),
    ...get(d), ...get(inv), F64_MUL, ...tee(y), F64_TRUNC, ...set(s0),
    ...get(fl), ...get(s0), ...get(y), F64_NE, I32_OR, ...set(fl),
    ...get(inv), ...F64X2_SPLAT, ...set(invv),
    ...f64c(0), ...F64X2_SPLAT, ...tee(acc), ...set(mask), ...i32c(BUF), ...set(j),
    LOOP, VOID, // $sum
    ...get(j), ...V128_LOAD, 4, 0, ...get(invv), ...F64X2_MUL, ...tee(vy), ...F64X2_TRUNC, ...set(vt),
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
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
    ...section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, F64, 1, F64]), // one type
    ...section(2, [1, ...name("m"), ...name("mem"), 0x02, 0x00, 1]), // import memory, min 1 page
    ...section(3, [1, 0]), // $blocks: type 0
    ...section(7, [1, ...name("blocks"), 0x00, 0]),
    ...section(10, [1, ...code(body)]),
  ]);
}

/**
 * The block chain over `products` (a 65536-entry product table, tc-dot.ts), or null where WebAssembly is
 * unavailable (e.g. node --jitless); tcTableDot then keeps its JavaScript loop.
 */
export function createTcTableKernels(products: Float64Array): TcTableKernels | null {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined || products.length !== 65536) return null;
  let memory: InstanceType<WasmApi["Memory"]>;
  let blocks: (p: number, end: number, nb: number, bs: number, shift: number, rtz: number, d: number) => number;
  try {
    memory = new api.Memory({ initial: Math.ceil(CODES / PAGE) + 1 });
    const instance = new api.Instance(new api.Module(moduleBytes()), { m: { mem: memory } });
    blocks = instance.exports.blocks as typeof blocks;
  } catch {
    return null;
  }
  new Float64Array(memory.buffer, 0, 65536).set(products);
  let bytes = new Uint8Array(memory.buffer);
  let scratch = new Int32Array(memory.buffer, SCRATCH, 2);
  let n = 0;
  return {
    load(a, b) {
      n = a.length;
      if (CODES + 2 * n > bytes.length) {
        memory.grow(Math.ceil((CODES + 2 * n - bytes.length) / PAGE));
        bytes = new Uint8Array(memory.buffer); // growing detaches the old buffer
        scratch = new Int32Array(memory.buffer, SCRATCH, 2);
      }
      bytes.set(a, CODES);
      bytes.set(b, CODES + n);
      scratch[1] = 0;
    },
    blocks(lo, end, d, bs, shift, rtzBlocks) {
      return blocks(CODES + lo, CODES + end, n, bs, shift, rtzBlocks ? 1 : 0, d);
    },
    stop() {
      return scratch[0]! - CODES;
    },
    flags() {
      return scratch[1]!;
    },
  };
}
