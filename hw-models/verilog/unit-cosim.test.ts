/**
 * Co-simulation: the generated Verilog, run by Icarus Verilog, against hwsim's own dot() (unit-reference.ts) on
 * seeded random vectors and edge cases, bit for bit. Needs iverilog and vvp (.ci/run installs them).
 */
import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { resolveAccumulator, type DotUnitAccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { dotAlignBits, peAccumulator } from "../mac-array/pe-accumulator.js";
import { lookupOperand } from "../precision.js";
import { unwrap } from "../../workloads/result.js";
import { simulateWithIverilog } from "./run-iverilog.js";
import { coreTestbench, packTopLine, packVector, topTestbench } from "./testbench.js";
import { referenceChain, referenceStep, type UnitVector } from "./unit-reference.js";
import { resolveUnit, type UnitSpec } from "./unit-spec.js";
import { edgeVectors, randomVectors } from "./unit-vectors.js";
import { unitPorts, unitVerilog } from "./unit-verilog.js";

const RANDOM_STEPS = 400;

function laneBits(u: UnitSpec) {
  return { a: u.a.bits, b: u.b.bits };
}

/** Outputs of the generated core for each vector, as bigint codes. */
function simulateCore(u: UnitSpec, vs: readonly UnitVector[]): bigint[] {
  const v = unwrap(unitVerilog(u));
  const p = unitPorts(u);
  const lines = unwrap(simulateWithIverilog(v.text, coreTestbench(v.core, p, "vectors.hex", vs.length), "vectors.hex", vs.map((x) => packVector(p, x, laneBits(u)))));
  expect(lines).toHaveLength(vs.length);
  return lines.map((l) => BigInt(`0x${l}`));
}

function hex(x: bigint) {
  return `0x${x.toString(16)}`;
}

/** Every vector's Verilog output equals hwsim's; the message lists the first mismatches. */
function expectCoreMatches(u: UnitSpec, labelled: readonly { what: string; v: UnitVector }[]) {
  const got = simulateCore(u, labelled.map((x) => x.v));
  const bad: string[] = [];
  labelled.forEach((x, i) => {
    const want = referenceStep(u, x.v);
    if (got[i] !== want && bad.length < 5) {
      bad.push(`${x.what}: a=${x.v.a.map(hex)} b=${x.v.b.map(hex)} sa=${hex(x.v.sa)} sb=${hex(x.v.sb)} c=${hex(x.v.c)} → verilog ${hex(got[i]!)}, hwsim ${hex(want)}`);
    }
  });
  expect(bad).toEqual([]);
}

function cases(u: UnitSpec, seed: number) {
  const random = randomVectors(u, createPrng(seed), RANDOM_STEPS).map((v, i) => ({ what: `random #${i}`, v }));
  return [...edgeVectors(u), ...random];
}

const unit = (precision: string, n: number) => unwrap(resolveUnit(precision, n));

/**
 * The accumulator the array's dot<n> PE runs for fp32-seq with these operands (peAccumulator), derived here
 * independently of unit-spec.ts; for n = 1 the same dot unit with one product (a fused MAC).
 */
function peSpec(precision: string, n: number): DotUnitAccumulatorSpec {
  const seq = resolveAccumulator("fp32-seq");
  const op = lookupOperand(precision);
  if (!seq.ok || seq.spec.kind !== "float" || !op.ok) throw new Error(`${precision}: fp32-seq and the format must resolve`);
  if (n === 1) {
    const f = seq.spec.format;
    return { kind: "dot-unit", id: "fp32-fused-mac", blockSize: 1, alignBits: dotAlignBits(op.format, op.format, f.manBits), outputFormat: f, outputRounding: "rne" };
  }
  const pe = unwrap(peAccumulator(seq.spec, n, { a: op.format, b: op.format }));
  if (pe.kind !== "dot-unit") throw new Error(`${precision}: a dot${n} PE must run a dot unit`);
  return pe;
}

describe("generated units equal hwsim's dot() bit for bit (iverilog)", () => {
  for (const [precision, n, seed] of [
    ["int8", 16, 1],
    ["int4", 16, 2],
    ["fp8-e4m3", 16, 3],
    ["fp8-e5m2", 16, 4],
    ["mxfp4", 16, 5],
    ["nvfp4", 16, 6],
    ["int8", 1, 7],
    ["fp8-e4m3", 1, 8],
  ] as const) {
    it(`${precision}, n = ${n}`, () => {
      const u = unit(precision, n);
      if (u.kind === "float") {
        // The generated unit runs exactly the PE's dot unit: the reference is dot() with that spec.
        const { id: _id, ...want } = peSpec(precision, n);
        const { id: _uid, ...got } = u.accumulator;
        expect(got).toEqual(want);
      }
      expectCoreMatches(u, cases(u, seed));
    });
  }

  it("the vectors tell the dot unit from the block FMA (c aligned with the products) on fp8 and mxfp4", () => {
    // Guards the test above against vectors on which both semantics agree: with neab 3 the block FMA has the
    // dot unit's 27-bit window, and still differs wherever c takes part in the alignment.
    const tc = resolveAccumulator("tc-v100", { neab: 3, blockSize: 16, outputRounding: "rne" });
    if (!tc.ok || tc.spec.kind !== "tensor-core") throw new Error("tc-v100 must resolve");
    for (const [precision, seed] of [["fp8-e4m3", 3], ["mxfp4", 5]] as const) {
      const du = unit(precision, 16);
      const bu = unwrap(resolveUnit(precision, 16, tc.spec));
      const differ = cases(du, seed).filter((x) => referenceStep(du, x.v) !== referenceStep(bu, x.v)).length;
      expect(differ, precision).toBeGreaterThan(5);
    }
  });

  it("dot-unit variants: an fp16 output (overflow to ∞, subnormal results, ties) and RTZ rounding also match", () => {
    // A narrower output and RTZ exercise rounding paths of the fused add that an fp32 RNE output rarely reaches.
    const base = peSpec("fp8-e5m2", 4);
    const fp16 = lookupScalar("fp16");
    if (!fp16.ok || fp16.format.kind !== "float") throw new Error("fp16 must resolve");
    const u16 = unwrap(resolveUnit("fp8-e5m2", 4, { ...base, id: "fp16-dot4", outputFormat: fp16.format }));
    expectCoreMatches(u16, cases(u16, 31));
    for (const [precision, seed] of [["fp8-e4m3", 32], ["mxfp4", 33], ["nvfp4", 34]] as const) {
      const u = unwrap(resolveUnit(precision, 16, { ...peSpec(precision, 16), id: "rtz-dot16", outputRounding: "rtz" }));
      expectCoreMatches(u, cases(u, seed));
    }
  });

  it("a tensor-core fp16-output RNE variant (overflow to ∞, subnormal results, ties) also matches", () => {
    // tc-v100 with an fp16 output rounds to nearest (Fasi et al. 2021): a narrower output exercises rounding
    // paths an fp32 output never reaches with fp8 products.
    const acc = resolveAccumulator("tc-v100", { outputFormat: "fp16" });
    if (!acc.ok || acc.spec.kind !== "tensor-core") throw new Error("tc-v100 with fp16 output must resolve");
    expect(acc.spec.outputRounding).toBe("rne");
    const u = unwrap(resolveUnit("fp8-e5m2", 4, acc.spec));
    expectCoreMatches(u, cases(u, 9));
  });

  it("a tensor-core RTZ variant (tc-h100, neab 2: overflow stays at the maximum) also matches", () => {
    const acc = resolveAccumulator("tc-h100");
    if (!acc.ok || acc.spec.kind !== "tensor-core") throw new Error("tc-h100 must resolve");
    expect(acc.spec.outputRounding).toBe("rtz");
    for (const [precision, seed] of [["fp8-e4m3", 21], ["mxfp4", 22]] as const) {
      const u = unwrap(resolveUnit(precision, 16, acc.spec));
      expectCoreMatches(u, cases(u, seed));
    }
    const mx = unwrap(resolveUnit("mxfp4", 16, acc.spec));
    const overflow = edgeVectors(mx).find((x) => x.what === "largest scales on the largest elements (output overflow)")!;
    expect(referenceStep(mx, overflow.v)).toBe(0x7f7fffffn);
  });

  it("the edge cases reach the special outputs they name", () => {
    // Guards against edge vectors that silently stop testing anything: their hwsim results are the stated classes.
    const u = unit("fp8-e5m2", 16);
    const byName = new Map(edgeVectors(u).map((x) => [x.what, referenceStep(u, x.v)]));
    const fp32 = lookupScalar("fp32");
    if (!fp32.ok) throw new Error(fp32.reason);
    expect(byName.get("−0 products and −0 c give −0")).toBe(0x80000000n);
    expect(byName.get("products cancel exactly to +0")).toBe(0n);
    expect(byName.get("∞ × 0 gives NaN")).toBe(0x7fc00000n);
    expect(byName.get("−∞ product")).toBe(0xff800000n);
    expect(byName.get("c at the output maximum, positive products (truncated away)")).toBe(0x7f7fffffn);
    expect(byName.get("block sum 1 on c = 2^p: a tie, rounds to even")).toBe(0x4b800000n); // 2^24
    expect(byName.get("−(block sum 1) on −2^p: a tie, rounds to even")).toBe(0xcb800000n);
    expect(byName.get("block sum 1.25 on c = 2^p, above the tie, rounds up")).toBe(0x4b800001n); // 2^24 + 2
    expect(byName.get("smallest subnormal −c below a block sum of 1 (sticky subtraction)")).toBe(0x3f800000n); // 1.0 in RNE
    const mx = unit("mxfp4", 16);
    const mxByName = new Map(edgeVectors(mx).map((x) => [x.what, referenceStep(mx, x.v)]));
    expect(mxByName.get("NaN scale")).toBe(0x7fc00000n);
    expect(mxByName.get("largest scales on the largest elements (output overflow)")).toBe(0x7f800000n); // RNE overflows to ∞
    expect((fp32.format as FloatFormat).bits).toBe(32);
  });
});

describe("the registered top chains steps as dot() chains blocks (iverilog)", () => {
  for (const [precision, seed] of [
    ["int8", 11],
    ["fp8-e4m3", 12],
    ["mxfp4", 13],
  ] as const) {
    it(`${precision}: acc after each of 4 steps from a clear equals dot() over the steps so far`, () => {
      const u = unit(precision, 8);
      const p = unitPorts(u);
      const prng = createPrng(seed);
      const lines: string[] = [];
      const expected: bigint[] = [];
      for (let seq = 0; seq < 20; seq++) {
        const steps = randomVectors(u, prng, 4);
        lines.push(packTopLine(p, steps[0]!, laneBits(u), true));
        expected.push(0n);
        steps.forEach((s, i) => {
          lines.push(packTopLine(p, s, laneBits(u), false));
          expected.push(referenceChain(u, steps.slice(0, i + 1)));
        });
      }
      const v = unwrap(unitVerilog(u));
      const out = unwrap(simulateWithIverilog(v.text, topTestbench(v.top, p, "steps.hex", lines.length), "steps.hex", lines));
      expect(out.map((l) => BigInt(`0x${l}`))).toEqual(expected);
    });
  }
});
