import type { ProductTable } from "./product-table.js";
import type { FastDotResult } from "./fast-result.js";
import type { TcStepFlags } from "./tc-block-step.js";
import type { TcScratch } from "./tc-block-step.js";
import { tcBlockStep, tcScratch } from "./tc-block-step.js";
import type { TcTableKernels } from "./tc-dot-wasm.js";
import { createTcTableKernels, TC_WASM_MAX_BLOCK } from "./tc-dot-wasm.js";

/** The WebAssembly block chain of each product table (null without WebAssembly), made on first use. */
const kernelCache = new WeakMap<ProductTable, TcTableKernels | null>();

function kernelsFor(table: ProductTable): TcTableKernels | null {
  let k = kernelCache.get(table);
  if (k === undefined) {
    k = createTcTableKernels(table.products);
    kernelCache.set(table, k);
  }
  return k;
}

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
 * The block steps and promotions run in WebAssembly (tc-dot-wasm.ts, same bits and flags) where available, with
 * zero/special blocks and non-finite promotions in JavaScript; `kernels` overrides that choice (null: the
 * JavaScript loop only), for tests.
 */
export function tcTableDot(
  table: ProductTable,
  params: TcKernelParams,
  a: Uint8Array,
  b: Uint8Array,
  c: number,
  kernels?: TcTableKernels | null,
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
  const flags: TcStepFlags = { inexact: false, overflow: false, underflow: false };
  let acc = c; // binary32 register (the tensor core's, or the promoted fp32 accumulator)

  const k = bs > TC_WASM_MAX_BLOCK ? null : kernels === undefined ? kernelsFor(table) : kernels;
  if (k !== null) k.load(a, b);
  // Scratch (local, not module state) is made on the first JavaScript block: typed arrays cost about a
  // microsecond per call, a quarter of a 4096-long dot in WebAssembly.
  const ctx: BlockContext = { T, table, a, b, bs, shift, rtz, scratch: null, flags, buf: null, invalid: false };

  if (k !== null && promote && interval <= 2 ** 30) {
    // WebAssembly runs whole intervals, promotion included, up to one with a zero/special block or a
    // non-finite promotion; JavaScript finishes that interval.
    let start = 0;
    while (start < n) {
      acc = k.promoted(start, n, acc, interval, bs, shift, rtz);
      start = k.intervalStart();
      if (start >= n) break;
      const end = start + interval < n ? start + interval : n;
      let lo = k.stop();
      let d = k.partial();
      while (lo < end) {
        const hi = lo + bs < end ? lo + bs : end;
        d = jsBlocks(ctx, lo, hi, d);
        lo = hi;
        if (lo < end) {
          d = k.blocks(lo, end, d, bs, shift, rtz);
          lo = k.stop();
        }
      }
      acc = promoteAdd(ctx, acc, d);
      start = end;
    }
  } else {
    for (let start = 0; start < n; start += interval) {
      const end = start + interval < n ? start + interval : n;
      let d = promote ? 0 : acc; // the block chain's register
      if (k === null) d = jsBlocks(ctx, start, end, d);
      else {
        // WebAssembly runs the blocks up to one whose max is 0, ∞ or NaN; JavaScript runs that one.
        let lo = start;
        for (;;) {
          d = k.blocks(lo, end, d, bs, shift, rtz);
          lo = k.stop();
          if (lo >= end) break;
          const hi = lo + bs < end ? lo + bs : end;
          d = jsBlocks(ctx, lo, hi, d);
          lo = hi;
        }
      }
      acc = promote ? promoteAdd(ctx, acc, d) : d;
    }
  }
  if (k !== null) {
    const f = k.flags();
    if (f & 1) flags.inexact = true;
    if (f & 2) flags.overflow = true;
    if (f & 4) flags.underflow = true;
  }
  // Fields spelled out: an object spread here cost about 0.4 µs per call (V8's generic clone path).
  return { value: acc, flags: { inexact: flags.inexact, overflow: flags.overflow, underflow: flags.underflow, invalid: ctx.invalid } };
}

/** acc ⊕ partial, the promotion add: binary32 RNE, with its IEEE flags. */
function promoteAdd(ctx: BlockContext, acc: number, d: number): number {
  const s = acc + d;
  const r = Math.fround(s);
  if (r !== s || s - acc !== d || s - d !== acc) {
    if (r !== r) {
      if (acc === acc && d === d) ctx.invalid = true; // ∞ − ∞
    } else if (r === Infinity || r === -Infinity) {
      if (acc - acc === 0 && d - d === 0) {
        ctx.flags.overflow = true;
        ctx.flags.inexact = true;
      }
    } else ctx.flags.inexact = true;
  }
  return r;
}

/** What the JavaScript block loop reads and writes. */
interface BlockContext {
  readonly T: Float64Array;
  readonly table: ProductTable;
  readonly a: Uint8Array;
  readonly b: Uint8Array;
  readonly bs: number;
  readonly shift: number;
  readonly rtz: boolean;
  /** Exponent bits of a double and binary32 stepping; made on first use. */
  scratch: TcScratch | null;
  readonly flags: TcStepFlags;
  /** The block's products; made on first use. */
  buf: Float64Array | null;
  invalid: boolean;
}

/** The block chain over codes [lo, end) from register d, in JavaScript (blocks of bs, the last one ragged). */
function jsBlocks(ctx: BlockContext, start: number, end: number, d: number): number {
  const { T, table, a, b, bs, shift, rtz, flags } = ctx;
  const scratch = (ctx.scratch ??= tcScratch());
  const buf = (ctx.buf ??= new Float64Array(bs));
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
      if (r.invalid) ctx.invalid = true;
      d = r.value;
      continue;
    }
    if (maxAbs === 0) {
      d = zeroBlock(T, a, b, lo, lo + m, d);
      continue;
    }
    d = tcBlockStep(d, buf, m, maxAbs, shift, rtz, scratch, flags);
  }
  return d;
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
