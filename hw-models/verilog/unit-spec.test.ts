import { describe, expect, it } from "vitest";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { dotAlignBits, peAccumulator } from "../mac-array/pe-accumulator.js";
import { lookupOperand } from "../precision.js";
import { unwrap } from "../../workloads/result.js";
import { peTerms, resolveUnit } from "./unit-spec.js";

describe("unit specs", () => {
  it("reads PE names as the array does: mac is one product, dot<n> takes n from 2 to 64", () => {
    expect(peTerms("mac")).toEqual({ ok: true, value: 1 });
    expect(peTerms("dot16")).toEqual({ ok: true, value: 16 });
    for (const bad of ["dot1", "dot65", "dot", "mac2", "16"]) expect(peTerms(bad).ok, bad).toBe(false);
  });

  it("float units run the dot unit a dot<n> PE makes of fp32-seq for their operands (a fused MAC for n = 1)", () => {
    const seq = resolveAccumulator("fp32-seq");
    if (!seq.ok || seq.spec.kind !== "float") throw new Error("fp32-seq must resolve");
    const windows: Record<string, number> = { "fp8-e4m3": 27, "fp8-e5m2": 27, mxfp4: 10, nvfp4: 18 };
    for (const [precision, alignBits] of Object.entries(windows)) {
      const op = lookupOperand(precision);
      if (!op.ok) throw new Error(op.reason);
      for (const n of [2, 8, 16]) {
        const u = unwrap(resolveUnit(precision, n));
        if (u.kind !== "float") throw new Error(`${precision} must be a float unit`);
        const pe = unwrap(peAccumulator(seq.spec, n, { a: op.format, b: op.format }));
        expect(pe.kind, precision).toBe("dot-unit");
        expect(u.accumulator, `${precision} n=${n}`).toEqual(pe);
        expect(u.accumulator).toMatchObject({ kind: "dot-unit", blockSize: n, alignBits, outputRounding: "rne" });
        expect(u.accumulator.outputFormat.id).toBe("fp32");
      }
      const mac = unwrap(resolveUnit(precision, 1));
      expect(mac.accumulator, `${precision} mac`).toMatchObject({ kind: "dot-unit", blockSize: 1, alignBits: dotAlignBits(op.format, op.format, 23), outputRounding: "rne" });
    }
  });

  it("a tensor-core spec still gives a block-FMA unit; a block size other than n is refused", () => {
    const tc = resolveAccumulator("tc-h100");
    if (!tc.ok || tc.spec.kind !== "tensor-core") throw new Error("tc-h100 must resolve");
    const u = unwrap(resolveUnit("fp8-e4m3", 16, tc.spec));
    expect(u.accumulator.kind).toBe("tensor-core");
    expect(resolveUnit("fp8-e4m3", 8, tc.spec).ok).toBe(false);
  });

  it("integer units wrap in int32; block units take their scale format and refuse steps that span two blocks", () => {
    const i8 = resolveUnit("int8", 16);
    expect(i8.ok && i8.value.kind === "int" && i8.value.accumulator.id).toBe("int32-wrap");
    const mx = resolveUnit("mxfp4", 32);
    expect(mx.ok && mx.value.kind === "float" && mx.value.scale?.format.id).toBe("e8m0");
    const nv = resolveUnit("nvfp4", 32);
    expect(nv.ok ? "" : nv.reason).toMatch(/two nvfp4 scale blocks of 16/);
    expect(resolveUnit("nf4", 16).ok).toBe(false);
    expect(resolveUnit("fp9", 16).ok).toBe(false);
  });
});
