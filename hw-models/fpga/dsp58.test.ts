import { describe, expect, it } from "vitest";
import { elaborate } from "../../sim/engine/elaborate.js";
import { createPrng } from "../../sim/prng.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import type { IntAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { dot } from "../../sim/numerics/ops/dot.js";
import { OPMODE } from "./dsp48e2.js";
import { DSP58_DOT3, DSP58_MAC, dsp58, dsp58Alu, dsp58ChainFast, dsp58ChainLatencyCycles, dsp58Multiply, runDsp58Chain } from "./dsp58.js";
import { dsp58Dot3, dsp58Dot3Ports } from "./packing.js";
import { lookupFpga } from "./model.js";
import { lookupWorkload } from "../../workloads/registry.js";
import { parsePrecision } from "../precision.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
/** AM004: the DSP58's 58-bit P, wrapping (the accumulator hw-models/fpga/model.ts plans for DSP58 devices). */
const INT58_DSP: IntAccumulatorSpec = { kind: "int", id: "int58-dsp", widthBits: 58, signed: true, overflow: "wrap" };
const codes = (xs: readonly number[], bits: number) => xs.map((x) => BigInt.asUintN(bits, BigInt(x)));
/** dot() over the same products with int58-dsp, as a signed bigint. */
function refDot(a: readonly number[], b: readonly number[], fa: string, fb: string): bigint {
  const A = F(fa);
  const B = F(fb);
  const r = dot(codes(a, A.bits), codes(b, B.bits), { format: F("int58"), code: 0n }, INT58_DSP, { a: A, b: B });
  if (!r.ok) throw new Error(r.reason);
  if (r.code === null) throw new Error("dot() returned no code");
  return BigInt.asIntN(58, r.code);
}

describe("DSP58 against hand-worked AM004 cases", () => {
  it("fully pipelined INT24 MAC (AREG=BREG=MREG=PREG=1): A·B reaches P 3 cycles after the operands, P + M accumulates", () => {
    const sim = elaborate(dsp58, DSP58_MAC);
    const t = sim.top;
    sim.poke(t.c, 0n);
    sim.poke(t.pcin, 0n);
    sim.poke(t.opmode, OPMODE.P_PLUS_M);
    for (const [a, b, p] of [[3, -5, 0n], [7, 2, 0n], [0, 0, -15n], [0, 0, -1n], [0, 0, -1n]] as const) {
      sim.poke(t.a, a);
      sim.poke(t.b, b);
      sim.step();
      expect(sim.peek(t.p)).toBe(p); // −15, then −15 + 14
    }
    expect(sim.actionTotals()["dsp-mac"]).toBe(5);
  });

  it("27×24 multiplier corners: (−2^26)·(−2^23) = 2^49; A[26:0] and 24-bit B are read two's complement", () => {
    expect(dsp58Multiply(-(2 ** 26), -(2 ** 23), "INT24")).toBe(2 ** 49);
    expect(dsp58Multiply(2 ** 26 - 1, 2 ** 23 - 1, "INT24")).toBe(67108863 * 8388607);
    expect(dsp58Multiply(1, 2 ** 23, "INT24")).toBe(-8388608); // B = 2^23 is −2^23
    expect(dsp58Multiply(2 ** 27 + 5, 3, "INT24")).toBe(15); // A is 34 bits, the multiplier takes A[26:0]
  });

  it("INT8 mode: three 9×8 lanes, (−128)·127 + 127·(−128) + (−1)·5 = −32517, as packing.ts dsp58Dot3", () => {
    const w = dsp58Dot3Ports([-128, 127, -1], [127, -128, 5]);
    expect(dsp58Multiply(w.a, w.b, "INT8")).toBe(-32517);
    expect(dsp58Multiply(w.a, w.b, "INT8")).toBe(dsp58Dot3([-128, 127, -1], [127, -128, 5], 0));
  });

  it("58-bit ALU: (2^57 − 1) + 1 wraps to −2^57; C + M and PCIN + M; other OPMODEs are refused", () => {
    expect(dsp58Alu(OPMODE.P_PLUS_M, { m: 1, p: 2n ** 57n - 1n, c: 0n, pcin: 0n })).toBe(-(2n ** 57n));
    expect(dsp58Alu(OPMODE.C_PLUS_M, { m: 42, p: 5n, c: 1000n, pcin: 7n })).toBe(1042n);
    expect(dsp58Alu(OPMODE.PCIN_PLUS_M, { m: 42, p: 5n, c: 1000n, pcin: 7n })).toBe(49n);
    expect(() => dsp58Alu(OPMODE.C_PLUS_AB, { m: 0, p: 0n, c: 0n, pcin: 0n })).toThrow(/not in the modelled subset/);
  });
});

describe("DSP58 cascaded chain (PCOUT→PCIN)", () => {
  it("has its true latency AREG + MREG + PREG + (N − 1): N = 4 gives 6 cycles, 1·5 + 2·6 + 3·7 + 4·8 = 70", () => {
    expect(dsp58ChainLatencyCycles(DSP58_MAC, 4)).toBe(6);
    const r = runDsp58Chain(DSP58_MAC, [1, 2, 3, 4], [5, 6, 7, 8]);
    expect(r).toMatchObject({ p: 70n, cycles: 6 });
  });

  it("INT24: engine = fast path = dot() with int58-dsp, bit for bit, on 40 seeded int27×int24 chains (lengths 1..40, extremes)", () => {
    const rng = createPrng(58);
    for (let t = 0; t < 40; t++) {
      const n = 1 + (rng.nextUint32() % 40);
      const ext = t % 4 === 0;
      const a = Array.from({ length: n }, () => (ext ? -(2 ** 26) : (rng.nextUint32() % 2 ** 27) - 2 ** 26));
      const b = Array.from({ length: n }, () => (ext ? -(2 ** 23) : (rng.nextUint32() % 2 ** 24) - 2 ** 23));
      const eng = runDsp58Chain(DSP58_MAC, a, b);
      const fast = dsp58ChainFast(DSP58_MAC, a, b);
      expect(eng.p).toBe(fast.p);
      expect(eng.cycles).toBe(fast.cycles);
      expect(eng.p).toBe(refDot(a, b, "int27", "int24"));
    }
  });

  it("wraps at 58 bits like int58-dsp: 264 × 2^49 = 2^57 + 2^52 reads −2^57 + 2^52", () => {
    const a = Array(264).fill(-(2 ** 26));
    const b = Array(264).fill(-(2 ** 23));
    expect(dsp58ChainFast(DSP58_MAC, a, b).p).toBe(-(2n ** 57n) + 2n ** 52n);
    expect(runDsp58Chain(DSP58_MAC, a, b).p).toBe(-(2n ** 57n) + 2n ** 52n);
  });

  it("INT8 dot-3 chain: engine = fast path = dot() over the 3N int8 lanes, and 3 MACs per DSP58 per cycle", () => {
    const rng = createPrng(3);
    for (let t = 0; t < 30; t++) {
      const n = 1 + (rng.nextUint32() % 24);
      const pick = () => (t % 5 === 0 ? (rng.nextUint32() & 1 ? -128 : 127) : (rng.nextUint32() & 0xff) - 128);
      const la = Array.from({ length: 3 * n }, pick);
      const lb = Array.from({ length: 3 * n }, pick);
      const words = Array.from({ length: n }, (_, i) => dsp58Dot3Ports(la.slice(3 * i, 3 * i + 3), lb.slice(3 * i, 3 * i + 3)));
      const eng = runDsp58Chain(DSP58_DOT3, words.map((w) => w.a), words.map((w) => w.b));
      expect(eng.p).toBe(dsp58ChainFast(DSP58_DOT3, words.map((w) => w.a), words.map((w) => w.b)).p);
      expect(eng.p).toBe(refDot(la, lb, "int8", "int8"));
      // Every slice's dot unit runs every cycle: 3 products × N slices × latency cycles.
      expect(eng.actions["dsp-mac"]).toBe(3 * n * eng.cycles);
    }
  });
});

describe("model.ts plans dot3 from this module", () => {
  const sim = (hw: string, wl: string) => {
    const m = lookupFpga(hw);
    const w = lookupWorkload(wl);
    const p = parsePrecision("int8");
    if (!m.ok || !w.ok || !p.ok) throw new Error("setup");
    const s = m.value.simulate(w.value.layers, p.precision, { engine: "fast", timing: "pipelined", seed: 1, sampleFraction: 0 });
    if (!s.ok) throw new Error(s.reason);
    return s.value;
  };

  it("xcvc1902 int8 gemm m=16,n=64,k=64 (PE = SIMD = 32): 32·⌈32/3⌉ = 352 DSP58s, 16·4 + (3 + 10) = 77 cycles", () => {
    const s = sim("xcvc1902-2mp", "gemm:m=16,n=64,k=64");
    expect(s.plan).toMatchObject({ packing: "dot3", macsPerDsp: 3, chainBound: 164 * 3 });
    expect(s.resources.dsp).toBe(352);
    // A 32-lane K chain is 11 DSP58s: AREG + MREG + PREG + 10 cascade hops.
    expect(s.cycles).toBe(77);
  });

  it("a 600-lane SIMD chain splits at 164 DSP58s × 3 = 492 lanes; latency of the 164-slice chain is 3 + 163", () => {
    const s = sim("xcvc1902-2mp:pe=1,simd=600", "gemm:m=1,n=2,k=600");
    expect(s.chainSplit).toMatchObject({ simd: 600, bound: 492, segments: 2 });
    expect(s.resources.dsp).toBe(200);
    expect(s.cycles).toBe(2 + 166);
  });
});
