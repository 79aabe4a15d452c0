import { describe, expect, it } from "vitest";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";
import { peAccumulator } from "../mac-array/pe-accumulator.js";
import { defaultFloatUnitAccumulator, peTerms, resolveUnit } from "./unit-spec.js";

describe("unit specs", () => {
  it("reads PE names as the array does: mac is one product, dot<n> takes n from 2 to 64", () => {
    expect(peTerms("mac")).toEqual({ ok: true, value: 1 });
    expect(peTerms("dot16")).toEqual({ ok: true, value: 16 });
    for (const bad of ["dot1", "dot65", "dot", "mac2", "16"]) expect(peTerms(bad).ok, bad).toBe(false);
  });

  it("float units run the block FMA a dot<n> PE makes of fp32-seq", () => {
    const seq = resolveAccumulator("fp32-seq");
    if (!seq.ok) throw new Error(seq.reason);
    for (const n of [2, 16, 32]) {
      const pe = peAccumulator(seq.spec, n);
      if (!pe.ok) throw new Error(pe.reason);
      const { id: _peId, ...peFields } = pe.value as { id: string };
      const { id: _id, ...mine } = defaultFloatUnitAccumulator(n);
      expect(mine).toEqual(peFields);
    }
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
