import { describe, expect, it } from "vitest";
import { elaborate } from "../../sim/engine/elaborate.js";
import { createPrng } from "../../sim/prng.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import type { IntAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { dot } from "../../sim/numerics/ops/dot.js";
import { lookupWorkload } from "../../workloads/registry.js";
import { parsePrecision } from "../precision.js";
import {
  TENSOR_ACCUMULATOR, TENSOR_FXP_INREG, TENSOR_FXP_MIN, agilex5TensorBlock, runTensorChain, tensorAccumulateFast,
  tensorBlocksFor, tensorChainFast, tensorChainLatencyCycles, tensorFoldCycles,
} from "./agilex5-tensor.js";
import type { TensorAttributes, TensorWeights } from "./agilex5-tensor.js";
import { lookupFpga } from "./model.js";
import { tensorBlockStep } from "./packing.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
/** The oracle's accumulator, written out here: a 32-bit two's-complement register that wraps. */
const INT32_WRAP: IntAccumulatorSpec = { kind: "int", id: "int32-wrap", widthBits: 32, signed: true, overflow: "wrap" };
const codes = (xs: readonly number[], bits: number) => xs.map((x) => BigInt.asUintN(bits, BigInt(x)));
/** dot() over int8 pairs, accumulated from `c` in int32-wrap, as a signed number. */
function refDot(a: readonly number[], b: readonly number[], c = 0): number {
  const r = dot(codes(a, 8), codes(b, 8), { format: F("int32"), code: BigInt.asUintN(32, BigInt(c)) }, INT32_WRAP, { a: F("int8"), b: F("int8") });
  if (!r.ok) throw new Error(r.reason);
  if (r.code === null) throw new Error("dot() returned no code");
  return Number(BigInt.asIntN(32, r.code));
}
const ramp = Array.from({ length: 10 }, (_, i) => i + 1); // 1..10, Σ = 55, Σ i² = 385

/** A single block in the engine, driven by (port, value) lists per cycle. */
function block(attrs: TensorAttributes) {
  const sim = elaborate(agilex5TensorBlock, attrs);
  const t = sim.top;
  const cycle = (v: { data?: readonly number[]; sel?: boolean; one?: boolean; two?: boolean; acc?: boolean; zero?: boolean; casc?: [number, number] }) => {
    for (let i = 0; i < 10; i++) sim.poke(t.dataIn[i]!, v.data?.[i] ?? 0);
    sim.poke(t.loadBufSel, v.sel ?? false);
    sim.poke(t.loadBbOne, v.one ?? false);
    sim.poke(t.loadBbTwo, v.two ?? false);
    sim.poke(t.accEn, v.acc ?? false);
    sim.poke(t.zeroEn, v.zero ?? false);
    sim.poke(t.cascadeIn[0], v.casc?.[0] ?? 0);
    sim.poke(t.cascadeIn[1], v.casc?.[1] ?? 0);
    sim.step();
  };
  const out = () => [sim.peek(t.fxp32[0]), sim.peek(t.fxp32[1])];
  const buf = (set: 0 | 1, col: 0 | 1) => t.buffers[set]![col]!.map((r) => sim.peek(r));
  return { sim, cycle, out, buf };
}

describe("Agilex 5 tensor block against 813968's description", () => {
  it("data input feed (§3.3.1, Figure 53, input registers on): column 2 is written in cycle 2, column 1 in cycle 3, set two in cycles 4-5", () => {
    const b = block(TENSOR_FXP_INREG);
    const w = (k: number) => ramp.map((x) => x * k); // four distinct words
    b.cycle({ one: true, data: w(1) }); // cycle 1
    expect(b.buf(0, 1)).toEqual(Array(10).fill(0)); // registered: nothing written yet
    b.cycle({ one: true, data: w(2) }); // cycle 2: word 1 lands in column 2 of set one
    expect(b.buf(0, 1)).toEqual(w(1));
    expect(b.buf(0, 0)).toEqual(Array(10).fill(0));
    b.cycle({ two: true, data: w(3) }); // cycle 3: word 2 lands in column 1 of set one
    expect(b.buf(0, 0)).toEqual(w(2));
    b.cycle({ two: true, data: w(4) }); // cycle 4
    expect(b.buf(1, 1)).toEqual(w(3));
    b.cycle({}); // cycle 5
    expect(b.buf(1, 0)).toEqual(w(4));
    expect(b.buf(0, 0)).toEqual(w(2)); // set one untouched by set two's load
    // Cycle 6 onwards: compute. data = all ones, zero_en: column 1 = Σ w(2) = 110, column 2 = Σ w(1) = 55 (set one);
    // with load_buf_sel = 1 (set two): Σ w(4) = 220, Σ w(3) = 165. Two cycles each through the input register.
    b.cycle({ zero: true, data: Array(10).fill(1) });
    b.cycle({ zero: true, sel: true, data: Array(10).fill(1) });
    expect(b.out()).toEqual([110, 55]);
    b.cycle({ zero: true, sel: true });
    expect(b.out()).toEqual([220, 165]);
  });

  it("Table 25 rows (output register only): zero_en → DOT; acc_en → DOT + own previous; else DOT + cascade_in", () => {
    const b = block(TENSOR_FXP_MIN);
    const c1 = Array(10).fill(1);
    const c2 = Array(10).fill(-128);
    b.cycle({ one: true, data: c2 }); // column 2 first
    b.cycle({ one: true, data: c1 });
    expect([b.buf(0, 0), b.buf(0, 1)]).toEqual([c1, c2]);
    // data 1..10: column 1 = 55, column 2 = −128·55 = −7040.
    b.cycle({ zero: true, data: ramp, casc: [1000, 1000] }); // zero_en ignores cascade_in
    expect(b.out()).toEqual([55, -7040]);
    b.cycle({ acc: true, data: ramp, casc: [1000, 1000] }); // acc_en: + own previous, cascade ignored
    expect(b.out()).toEqual([110, -14080]);
    b.cycle({ data: ramp, casc: [1000, -1] }); // cascade: 1000 + 55, −1 − 7040
    expect(b.out()).toEqual([1055, -7041]);
    expect(b.sim.actionTotals()["dsp-mac"]).toBe(20 * 5);
  });

  it("max-magnitude operands: 10·(−128)·(−128) = 163840 and 10·(−128)·127 = −162560 per column", () => {
    const b = block(TENSOR_FXP_MIN);
    b.cycle({ one: true, data: Array(10).fill(127) }); // column 2
    b.cycle({ one: true, data: Array(10).fill(-128) }); // column 1
    b.cycle({ zero: true, data: Array(10).fill(-128) });
    expect(b.out()).toEqual([163840, -162560]);
    // 8-bit ports read two's complement: 128 on data_in is −128.
    b.cycle({ zero: true, data: Array(10).fill(128) });
    expect(b.out()).toEqual([163840, -162560]);
  });

  it("32-bit CPA wraps exactly at its edge: (2^31 − 1 − 55) + 55 = 2^31 − 1; (2^31 − 1 − 55) + 56 wraps to −2^31", () => {
    const w: TensorWeights = [Array(10).fill(1), [0, 0, 0, 0, 0, 0, 0, 0, 0, 1]];
    const edge = 2 ** 31 - 1 - 55;
    expect(runTensorChain(TENSOR_FXP_MIN, [w], [ramp], [edge, edge]).cols).toEqual([2 ** 31 - 1, edge + 10]);
    const plus1 = [...ramp.slice(0, 9), 11]; // Σ = 56
    expect(runTensorChain(TENSOR_FXP_MIN, [w], [plus1], [edge, -(2 ** 31)]).cols).toEqual([-(2 ** 31), -(2 ** 31) + 11]);
    expect(tensorChainFast(TENSOR_FXP_MIN, [w], [plus1], [edge, -(2 ** 31)]).cols).toEqual([-(2 ** 31), -(2 ** 31) + 11]);
    expect(refDot(plus1, w[0], edge)).toBe(-(2 ** 31));
  });

  it("acc_en over 13108 cycles of 163840 wraps like int32-wrap: 2147614720 − 2^32 = −2147352576 (engine = fast path = dot())", () => {
    const b = block(TENSOR_FXP_MIN);
    const neg = Array(10).fill(-128);
    b.cycle({ one: true, data: neg });
    b.cycle({ one: true, data: neg });
    b.cycle({ zero: true, data: neg });
    for (let i = 1; i < 13108; i++) b.cycle({ acc: true, data: neg });
    expect(b.out()).toEqual([-2147352576, -2147352576]);
    const seq = Array.from({ length: 13108 }, () => neg);
    expect(tensorAccumulateFast([neg, neg], seq)).toEqual([-2147352576, -2147352576]);
    expect(refDot(Array(131080).fill(-128), Array(131080).fill(-128))).toBe(-2147352576);
    // packing.ts's one-cycle form is this fast path's single step.
    expect(tensorBlockStep(ramp, [Array(10).fill(1), neg], [2 ** 31 - 1, 0])).toEqual([-(2 ** 31) + 54, -7040]);
  });
});

describe("tensor block cascade (cascade_data_out → cascade_data_in)", () => {
  it("latency: one cycle per block at the documented minimum (N), plus one with the input register bank", () => {
    expect(tensorChainLatencyCycles(TENSOR_FXP_MIN, 1)).toBe(1);
    expect(tensorChainLatencyCycles(TENSOR_FXP_MIN, 4)).toBe(4);
    expect(tensorChainLatencyCycles(TENSOR_FXP_INREG, 4)).toBe(5);
    expect(tensorChainLatencyCycles({ INPUT_REG: 1, PIPE_REG: 1 }, 4)).toBe(6);
    // 3 blocks, all weights 1: columns = Σ over 30 data = 3·55, and column 2 weights 2 → 330.
    const w: TensorWeights = [Array(10).fill(1), Array(10).fill(2)];
    const r = runTensorChain(TENSOR_FXP_MIN, [w, w, w], [ramp, ramp, ramp]);
    expect(r).toMatchObject({ cols: [165, 330], cycles: 3, preloadCycles: 2 });
  });

  for (const [name, attrs] of [["output register only", TENSOR_FXP_MIN], ["input + pipeline registers", { INPUT_REG: 1, PIPE_REG: 1 } as TensorAttributes]] as const) {
    it(`${name}: engine = fast path = dot() with int32-wrap on 40 seeded chains (1..24 blocks, extremes every 4th)`, () => {
      const rng = createPrng(813968);
      for (let t = 0; t < 40; t++) {
        const n = 1 + (rng.nextUint32() % 24);
        const ext = t % 4 === 0;
        const v = () => (ext ? (rng.nextUint32() & 1 ? -128 : 127) : (rng.nextUint32() & 0xff) - 128);
        const weights: TensorWeights[] = Array.from({ length: n }, () => [Array.from({ length: 10 }, v), Array.from({ length: 10 }, v)]);
        const data = Array.from({ length: n }, () => Array.from({ length: 10 }, v));
        const casc: [number, number] = t % 8 === 1 ? [2 ** 31 - 1 - (rng.nextUint32() % 1000), -(2 ** 31) + (rng.nextUint32() % 1000)] : [0, 0];
        const eng = runTensorChain(attrs, weights, data, casc);
        const fast = tensorChainFast(attrs, weights, data, casc);
        expect(eng.cols).toEqual(fast.cols);
        expect(eng.cycles).toBe(fast.cycles);
        const flat = data.flat();
        for (const col of [0, 1] as const) expect(eng.cols[col]).toBe(refDot(flat, weights.flatMap((w) => w[col]), casc[col]));
        // Every block's two DOT engines run every cycle: 20 MACs × N blocks × cycles stepped.
        expect(eng.actions["dsp-mac"]).toBe(20 * n * (eng.cycles + eng.preloadCycles));
      }
    });
  }
});

describe("model.ts plans the tensor packing from this module", () => {
  it("the CPA register is the registry's int32-wrap", () => {
    const r = resolveAccumulator("int32-wrap");
    expect(r.ok && r.spec).toEqual(TENSOR_ACCUMULATOR);
  });

  it("weight reloads (§3.3.1/§3.3.2): 1 row × 4 sets = 4 + 2 + 3·2 = 12; 20 rows × 3 sets = 62; 11 rows × 2 sets = 22 + 2 + 1", () => {
    expect(tensorFoldCycles(1, 4)).toEqual({ cycles: 12, stallCycles: 8 });
    expect(tensorFoldCycles(20, 3)).toEqual({ cycles: 62, stallCycles: 2 });
    expect(tensorFoldCycles(11, 2)).toEqual({ cycles: 25, stallCycles: 3 });
    expect(tensorBlocksFor(32, 32)).toBe(64); // 16 column pairs × 4 blocks of 10 K-lanes
  });

  it("fpga:a5e065b int8 gemm m=16,n=64,k=64 (PE = SIMD = 32): 64 tensor blocks, 16·4 + 2 + 4 = 70 cycles", () => {
    const m = lookupFpga("a5e065b");
    const w = lookupWorkload("gemm:m=16,n=64,k=64");
    const p = parsePrecision("int8");
    if (!m.ok || !w.ok || !p.ok) throw new Error("setup");
    const s = m.value.simulate(w.value.layers, p.precision, { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    if (!s.ok) throw new Error(s.reason);
    expect(s.value.plan).toMatchObject({ packing: "tensor", macsPerDsp: 20 });
    expect(s.value.plan.accumulator.id).toBe("int32-wrap");
    expect(s.value.resources.dsp).toBe(64);
    // 4 weight sets (⌈64/32⌉²) × 16 rows, 2 cycles of first preload (16 rows ≥ 12 hide the side-fed reloads), and a
    // 4-block chain (⌈32/10⌉) at one cycle per block.
    expect(s.value.cycles).toBe(70);
  });
});
