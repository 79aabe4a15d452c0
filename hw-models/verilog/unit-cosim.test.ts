/**
 * Co-simulation: the generated Verilog, run by Icarus Verilog, against hwsim's own dot() (unit-reference.ts) on
 * seeded random vectors and edge cases, bit for bit. Needs iverilog and vvp (.ci/run installs them).
 */
import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
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
      expectCoreMatches(u, cases(u, seed));
    });
  }

  it("an fp16-output RNE variant (overflow to ∞, subnormal results, ties) also matches", () => {
    // tc-v100 with an fp16 output rounds to nearest (Fasi et al. 2021): a narrower output exercises rounding
    // paths an fp32 output never reaches with fp8 products.
    const acc = resolveAccumulator("tc-v100", { outputFormat: "fp16" });
    if (!acc.ok || acc.spec.kind !== "tensor-core") throw new Error("tc-v100 with fp16 output must resolve");
    expect(acc.spec.outputRounding).toBe("rne");
    const u = unwrap(resolveUnit("fp8-e5m2", 4, acc.spec));
    expectCoreMatches(u, cases(u, 9));
  });

  it("an RTZ variant (tc-h100, neab 2: overflow stays at the maximum) also matches", () => {
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
