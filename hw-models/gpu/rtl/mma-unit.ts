import { defineModule, type Input, type Reg } from "../../../sim/engine/index.js";
import type { Raw } from "../../../sim/numerics/raw.js";
import { bitLength, finite } from "../../../sim/numerics/raw.js";
import { fromFloat64, toFloat64 } from "../../../sim/numerics/float64.js";
import { roundResult } from "../../../sim/numerics/ops/op-result.js";
import { addRounded } from "../../../sim/numerics/ops/add.js";
import type { FloatFormat } from "../../../sim/numerics/formats/format.js";

/**
 * A tensor-core mma unit on the clocked engine: one n-term block-FMA datapath (Fasi et al. 2021) with its
 * pipeline, time-multiplexed over the outputs of a tile whose accumulators live in a register file.
 *
 *   S1 multiply   n products a_l·b_l (exact: element products of ≤ 16-bit formats fit a double)
 *   S2 align      reads the output's chain register c (or +0 when the chain restarts), takes the largest
 *                 exponent emax of c and the products, and truncates each addend toward zero to a signed
 *                 integer of quanta Q = 2^(emax − fracBits − neab)
 *   S3 tree       the exact integer sum of the n + 1 aligned addends (a carry-free adder tree: one stage)
 *   S4 round      normalise and round the sum once into the fp32 chain register (RTZ on the tensor core,
 *                 or the spec's partial rounding); the register is written at the end of this stage
 *   S5 accumulate the CUDA-core fp32 RNE adds: the FP8 promotion (the chain's partial into the promoted
 *                 accumulator every `promotionInterval` products) and split-K (chunk partials into the output)
 *
 * The datapath is written on the bigint reference arithmetic (sim/numerics/raw.ts, ops/op-result.ts
 * roundResult, ops/add.ts addRounded), not on the binary64 kernels of the fast path, so equality with the fast
 * path is a check of one against the other. The chain register is read in S2 and written at the end of S4, so a
 * block of the same output may enter S1 at the earliest 3 cycles after the previous one (`MMA_RECURRENCE`);
 * S2 throws on a read-after-write hazard, so a schedule that breaks that rule cannot pass silently.
 */
export const MMA_STAGES = 5;
/** Cycles between two blocks of one output's chain: S2 (read c) … S4 (write c). */
export const MMA_RECURRENCE = 3;

/** Tags a block carries down the pipeline (one bit each). */
const FIRST = 1; // the chain restarts from +0
const INTERVAL_END = 2; // the chain's partial leaves it (a promotion, or the end of a chunk)
const INTERVAL_FIRST = 4; // the first interval of a chunk: the promoted accumulator starts from +0
const CHUNK_END = 8; // the chunk's sum goes to the output
const CHUNK_FIRST = 16; // the first chunk: the output is set, not added to
const LAST_BLOCK = 32; // the output's last block
export const MMA_TAGS = { FIRST, INTERVAL_END, INTERVAL_FIRST, CHUNK_END, CHUNK_FIRST, LAST_BLOCK } as const;

export interface MmaUnitParams {
  readonly lanes: number;
  readonly fracBits: number;
  readonly neab: number;
  readonly blockRounding: "rne" | "rtz";
  /** Whether interval partials are added into a promoted fp32 accumulator (tensor-core-promoted specs). */
  readonly promote: boolean;
  readonly outputs: number;
  readonly format: FloatFormat;
}

export interface MmaUnitPorts {
  readonly a: readonly Input<number>[];
  readonly b: readonly Input<number>[];
  readonly inValid: Input<boolean>;
  readonly inOut: Input<number>;
  readonly inCount: Input<number>;
  readonly inTags: Input<number>;
  /** The chain registers (c of each output's block FMA), the promoted accumulators and the outputs. */
  readonly chain: readonly Reg<number>[];
  readonly promoted: readonly Reg<number>[];
  readonly out: readonly Reg<number>[];
  /** Outputs whose last block has left S5. */
  readonly done: Reg<number>;
}

const SPECIAL_NONE = 0;
const SPECIAL_NAN = 1;
const SPECIAL_POS = 2;
const SPECIAL_NEG = 3;

export const mmaUnit = defineModule("mma-unit", (m, p: MmaUnitParams): MmaUnitPorts => {
  const real = { type: "real" } as const;
  const bool = { type: "bool" } as const;
  const n = p.lanes;
  const idx = { widthBits: 32 } as const;
  // The adder tree's width: fracBits + neab + 1 bits per addend, plus carries for n + 1 addends, plus a sign.
  const W = p.fracBits + p.neab + 2 + Math.ceil(Math.log2(n + 1));
  const wide = { type: "bigint", widthBits: W } as const;
  const a = Array.from({ length: n }, (_, l) => m.input(`a_${l}`, real));
  const b = Array.from({ length: n }, (_, l) => m.input(`b_${l}`, real));
  const inValid = m.input("in_valid", bool);
  const inOut = m.input("in_out", idx);
  const inCount = m.input("in_count", idx);
  const inTags = m.input("in_tags", idx);
  const stage = (s: number) => ({ valid: m.reg(`s${s}_valid`, bool), out: m.reg(`s${s}_out`, idx), tags: m.reg(`s${s}_tags`, idx) });
  const s1 = { ...stage(1), count: m.reg("s1_count", idx), prod: Array.from({ length: n }, (_, l) => m.reg(`s1_prod_${l}`, real)) };
  const s2 = {
    ...stage(2),
    aligned: Array.from({ length: n + 1 }, (_, l) => m.reg(l === n ? "s2_aligned_c" : `s2_aligned_${l}`, wide)),
    q: m.reg("s2_q", real),
    special: m.reg("s2_special", { widthBits: 2 }),
    negZero: m.reg("s2_neg_zero", bool),
  };
  const s3 = { ...stage(3), sum: m.reg("s3_sum", wide), q: m.reg("s3_q", real), special: m.reg("s3_special", { widthBits: 2 }), negZero: m.reg("s3_neg_zero", bool) };
  const s4 = { ...stage(4), partial: m.reg("s4_partial", real) };
  const chain = Array.from({ length: p.outputs }, (_, o) => m.reg(`c_${o}`, real));
  const promoted = Array.from({ length: p.outputs }, (_, o) => m.reg(`prom_${o}`, real));
  const out = Array.from({ length: p.outputs }, (_, o) => m.reg(`out_${o}`, real));
  const done = m.reg("done", idx);
  const mul = m.action("multiply");
  const align = m.action("align");
  const tree = m.action("adder-tree");
  const round = m.action("round");
  const fp32Add = m.action("fp32-add");

  const mask = (x: bigint) => BigInt.asUintN(W, x);
  const signed = (x: bigint) => BigInt.asIntN(W, x);
  const fmt = p.format;
  const add32 = (x: number, y: number) => toFloat64(addRounded(fromFloat64(x), fromFloat64(y), fmt, { rounding: "rne" }).value);

  m.step((s) => {
    // S5: the CUDA-core fp32 adds (promotion and split-K).
    if (s.get(s4.valid)) {
      const o = s.get(s4.out);
      const tags = s.get(s4.tags);
      const partial = s.get(s4.partial);
      if (tags & INTERVAL_END) {
        let chunkSum = partial;
        if (p.promote) {
          chunkSum = add32(tags & INTERVAL_FIRST ? 0 : s.get(promoted[o]!), partial);
          s.next(promoted[o]!, chunkSum);
          s.count(fp32Add);
        }
        if (tags & CHUNK_END) {
          if (tags & CHUNK_FIRST) s.next(out[o]!, chunkSum);
          else {
            s.next(out[o]!, add32(s.get(out[o]!), chunkSum));
            s.count(fp32Add);
          }
        }
      }
      // `done` counts outputs whose whole K has been summed (their last block has left S5).
      s.next(done, s.get(done) + (tags & LAST_BLOCK ? 1 : 0));
    }
    // S4: normalise and round into the chain register.
    s.next(s4.valid, s.get(s3.valid));
    if (s.get(s3.valid)) {
      const o = s.get(s3.out);
      const special = s.get(s3.special);
      let v: number;
      if (special === SPECIAL_NAN) v = NaN;
      else if (special === SPECIAL_POS) v = Infinity;
      else if (special === SPECIAL_NEG) v = -Infinity;
      else {
        const sum = signed(s.get(s3.sum));
        const exact: Raw = sum === 0n ? { cls: "zero", sign: s.get(s3.negZero) ? 1 : 0 } : finite(0, sum, s.get(s3.q));
        v = toFloat64(roundResult({ value: exact, invalid: false }, fmt, { rounding: p.blockRounding }).value);
      }
      s.next(chain[o]!, v);
      s.next(s4.partial, v);
      s.next(s4.out, o);
      s.next(s4.tags, s.get(s3.tags));
      s.count(round);
    }
    // S3: the adder tree (exact).
    s.next(s3.valid, s.get(s2.valid));
    if (s.get(s2.valid)) {
      let sum = 0n;
      for (const r of s2.aligned) sum += signed(s.get(r));
      s.next(s3.sum, mask(sum));
      s.next(s3.q, s.get(s2.q));
      s.next(s3.special, s.get(s2.special));
      s.next(s3.negZero, s.get(s2.negZero));
      s.next(s3.out, s.get(s2.out));
      s.next(s3.tags, s.get(s2.tags));
      s.count(tree);
    }
    // S2: align to the largest exponent and truncate.
    s.next(s2.valid, s.get(s1.valid));
    if (s.get(s1.valid)) {
      const o = s.get(s1.out);
      const tags = s.get(s1.tags);
      // Read-after-write: a block of this output still in S2 (now entering S3) or S3 (entering S4) has not
      // written c yet.
      if (!(tags & FIRST) && ((s.get(s2.valid) && s.get(s2.out) === o) || (s.get(s3.valid) && s.get(s3.out) === o))) {
        throw new Error(`mma-unit: output ${o} read its chain register while a block of it was still in flight`);
      }
      const count = s.get(s1.count);
      const addends: Raw[] = [fromFloat64(tags & FIRST ? 0 : s.get(chain[o]!))];
      for (let l = 0; l < count; l++) addends.push(fromFloat64(s.get(s1.prod[l]!)));
      let nan = false;
      let pos = false;
      let neg = false;
      let emax = -Infinity;
      let negZero = true;
      for (const x of addends) {
        if (x.cls === "nan") nan = true;
        else if (x.cls === "inf") (x.sign ? (neg = true) : (pos = true));
        else if (x.cls === "finite") emax = Math.max(emax, bitLength(x.sig) - 1 + x.exp);
        if (!(x.cls === "zero" && x.sign === 1)) negZero = false;
      }
      const special = nan || (pos && neg) ? SPECIAL_NAN : pos ? SPECIAL_POS : neg ? SPECIAL_NEG : SPECIAL_NONE;
      const q = emax === -Infinity ? 0 : emax - p.fracBits - p.neab;
      for (let l = 0; l <= n; l++) {
        // Lane n holds c; product lanes beyond `count` (the ragged end of K) are idle and hold 0.
        const x = l === n ? addends[0]! : l < count ? addends[l + 1]! : ({ cls: "zero", sign: 0 } as Raw);
        let v = 0n;
        if (x.cls === "finite" && special === SPECIAL_NONE) {
          const mag = x.exp >= q ? x.sig << BigInt(x.exp - q) : x.sig >> BigInt(q - x.exp);
          v = x.sign ? -mag : mag;
        }
        s.next(s2.aligned[l]!, mask(v));
      }
      s.next(s2.q, q);
      s.next(s2.special, special);
      s.next(s2.negZero, negZero);
      s.next(s2.out, o);
      s.next(s2.tags, tags);
      s.count(align);
    }
    // S1: multiply.
    const valid = s.get(inValid);
    s.next(s1.valid, valid);
    if (valid) {
      for (let l = 0; l < n; l++) s.next(s1.prod[l]!, s.get(a[l]!) * s.get(b[l]!));
      s.next(s1.out, s.get(inOut));
      s.next(s1.count, s.get(inCount));
      s.next(s1.tags, s.get(inTags));
      s.count(mul);
    }
  });
  return { a, b, inValid, inOut, inCount, inTags, chain, promoted, out, done };
});
