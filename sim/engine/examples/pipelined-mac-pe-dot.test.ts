import { describe, expect, it } from "vitest";
import { createPrng } from "../../prng.js";
import { elaborate } from "../elaborate.js";
import { PIPELINED_MAC_PE_LATENCY_CYCLES, pipelinedMacPe, type MacArithmetic } from "./pipelined-mac-pe.js";
import { dot } from "../../numerics/ops/dot.js";
import { resolveAccumulator } from "../../numerics/ops/accumulator.js";
import type { AccumulatorSpec } from "../../numerics/ops/accumulator.js";
import { mulCodes } from "../../numerics/ops/mul.js";
import { addRounded } from "../../numerics/ops/add.js";
import { roundResult } from "../../numerics/ops/op-result.js";
import { decode } from "../../numerics/codec.js";
import { lookupScalar } from "../../numerics/formats/registry.js";
import type { ScalarFormat } from "../../numerics/formats/format.js";

const fmt = (id: string) => (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
const spec = (id: string): AccumulatorSpec => {
  const r = resolveAccumulator(id);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};

/**
 * The PE's arithmetic built from the reference units (ops/): the product register holds the fp32 code of the
 * product rounded to fp32 and the accumulator the fp32 code of round(acc + product) — fp32-seq in hardware form.
 */
function fp8Fp32Seq(): MacArithmetic<number, number> {
  const fp8 = fmt("fp8-e4m3");
  const fp32 = fmt("fp32");
  return {
    multiply: (a, b) => Number(roundResult(mulCodes(fp8, BigInt(a), fp8, BigInt(b)), fp32).code),
    accumulate: (acc, p) => Number(addRounded(decode(fp32, BigInt(acc)), decode(fp32, BigInt(p)), fp32).code),
    init: () => 0,
  };
}

function int8Int32Wrap(): MacArithmetic<number, number> {
  const i8 = (c: number) => (c << 24) >> 24;
  return { multiply: (a, b) => i8(a) * i8(b), accumulate: (acc, p) => (acc + p) | 0, init: () => 0 };
}

/** Stream one dot product through an elaborated PE; return the accumulator and the cycle `done` rose. */
function runPe(arith: MacArithmetic<number, number>, accBits: number, a: number[], b: number[]) {
  const pe = pipelinedMacPe({ arithmetic: arith, operandBits: 8, product: { widthBits: 32 }, accumulator: { widthBits: accBits } });
  const sim = elaborate(pe);
  const { top } = sim;
  let doneAt = -1;
  for (let t = 0; doneAt < 0 && t < a.length + 10; t++) {
    if (t < a.length) {
      sim.poke(top.a, a[t]!);
      sim.poke(top.b, b[t]!);
      sim.poke(top.valid, true);
      sim.poke(top.last, t === a.length - 1);
    } else sim.poke(top.valid, false);
    sim.step();
    if (sim.peek(top.done)) doneAt = sim.cycle;
  }
  return { acc: sim.peek(top.acc) as number, doneAt };
}

describe("pipelined MAC PE matches dot() bit for bit", () => {
  const rng = createPrng(2024);
  it("fp8-e4m3 × fp8-e4m3 → fp32-seq on seeded random vectors", () => {
    const fp8 = fmt("fp8-e4m3");
    for (let t = 0; t < 25; t++) {
      const n = 1 + (rng.nextUint32() % 40);
      // Avoid NaN codes (0x7f/0xff) so the comparison is about rounding, not NaN payloads.
      const code = () => {
        const c = rng.nextUint32() & 0xff;
        return (c & 0x7f) === 0x7f ? c ^ 1 : c;
      };
      const a = Array.from({ length: n }, code);
      const b = Array.from({ length: n }, code);
      const want = dot(a.map(BigInt), b.map(BigInt), { cls: "zero", sign: 0 }, spec("fp32-seq"), { a: fp8, b: fp8 });
      if (!want.ok) throw new Error(want.reason);
      const got = runPe(fp8Fp32Seq(), 32, a, b);
      expect(got.acc >>> 0).toBe(Number(want.code));
      // The last element enters at cycle n − 1 and is in the accumulator PIPELINED_MAC_PE_LATENCY_CYCLES later.
      expect(got.doneAt).toBe(n - 1 + PIPELINED_MAC_PE_LATENCY_CYCLES);
    }
  });

  it("int8 × int8 → int32-wrap, including wrap-around", () => {
    const i8 = fmt("int8");
    for (let t = 0; t < 25; t++) {
      const n = 1 + (rng.nextUint32() % 64);
      const big = t % 2 === 0; // half the vectors are all ±127/−128 so partial sums run far
      const code = () => (big ? [0x7f, 0x80][rng.nextUint32() & 1]! : rng.nextUint32() & 0xff);
      const a = Array.from({ length: n }, code);
      const b = Array.from({ length: n }, code);
      const want = dot(a.map(BigInt), b.map(BigInt), { cls: "zero", sign: 0 }, spec("int32-wrap"), { a: i8, b: i8 });
      if (!want.ok) throw new Error(want.reason);
      const got = runPe(int8Int32Wrap(), 32, a, b);
      expect(BigInt.asUintN(32, BigInt(got.acc))).toBe(want.code);
      expect(got.doneAt).toBe(n - 1 + PIPELINED_MAC_PE_LATENCY_CYCLES);
    }
  });
});
