import { describe, expect, it } from "vitest";
import {
  ACCUMULATOR_PRESETS,
  accumulatorNames,
  accumulatorOutputFormat,
  describeAccumulator,
  resolveAccumulator,
} from "./accumulator.js";

describe("accumulator presets", () => {
  it("has every preset the units listing promises", () => {
    expect(accumulatorNames().sort()).toEqual(
      [
        "exact",
        "fp32-seq",
        "fp32-fma",
        "fp16-seq",
        "int32-wrap",
        "int32-sat",
        "int48-dsp",
        "kulisch",
        "tc-v100",
        "tc-a100",
        "tc-ada",
        "tc-h100",
        "tc-h100-fp8",
      ].sort(),
    );
    for (const p of ACCUMULATOR_PRESETS) expect(p.source.length).toBeGreaterThan(5);
  });

  it("tensor-core presets carry the published block sizes and alignment bits", () => {
    const get = (n: string) => {
      const r = resolveAccumulator(n);
      if (!r.ok || r.spec.kind !== "tensor-core") throw new Error(n);
      return [r.spec.blockSize, r.spec.neab, r.spec.fracBits, r.spec.outputFormat.id, r.spec.outputRounding];
    };
    expect(get("tc-v100")).toEqual([4, 0, 23, "fp32", "rtz"]);
    expect(get("tc-a100")).toEqual([8, 1, 23, "fp32", "rtz"]);
    expect(get("tc-ada")).toEqual([8, 1, 23, "fp32", "rtz"]);
    expect(get("tc-h100")).toEqual([16, 2, 23, "fp32", "rtz"]);
    const fp8 = resolveAccumulator("tc-h100-fp8");
    expect(fp8.ok && fp8.spec.kind === "tensor-core-promoted" && [fp8.spec.fracBits, fp8.spec.promotionInterval]).toEqual([13, 128]);
  });

  it("overrides any parameter and renames the spec", () => {
    const r = resolveAccumulator("tc-h100", { neab: 3 });
    expect(r.ok && r.spec.kind === "tensor-core" && r.spec.neab).toBe(3);
    expect(r.ok && r.spec.id).toBe("tc-h100(neab=3)");
    const w = resolveAccumulator("int32-wrap", { widthBits: 24 });
    expect(w.ok && accumulatorOutputFormat(w.spec)?.bits).toBe(24);
    const f = resolveAccumulator("fp32-seq", { format: "bf16", rounding: "rtz" });
    expect(f.ok && f.spec.kind === "float" && [f.spec.format.id, f.spec.rounding]).toEqual(["bf16", "rtz"]);
  });

  it("an fp16 output on a tensor core rounds to nearest unless told otherwise", () => {
    const r = resolveAccumulator("tc-v100", { outputFormat: "fp16" });
    expect(r.ok && r.spec.kind === "tensor-core" && r.spec.outputRounding).toBe("rne");
    const t = resolveAccumulator("tc-v100", { outputFormat: "fp16", outputRounding: "rtz" });
    expect(t.ok && t.spec.kind === "tensor-core" && t.spec.outputRounding).toBe("rtz");
  });

  it("explains bad names, misplaced keys and bad values", () => {
    const n = resolveAccumulator("tc-h10");
    expect(!n.ok && n.reason).toMatch(/did you mean 'tc-h100'/);
    const k = resolveAccumulator("int32-wrap", { neab: 2 });
    expect(!k.ok && k.reason).toMatch(/does not apply/);
    const v = resolveAccumulator("tc-h100", { blockSize: 0 });
    expect(!v.ok && v.reason).toMatch(/blockSize/);
    const p = resolveAccumulator("tc-h100-fp8", { promotionInterval: 100 });
    expect(!p.ok && p.reason).toMatch(/multiple of blockSize/);
    const f = resolveAccumulator("fp32-seq", { format: "int8" });
    expect(!f.ok && f.reason).toMatch(/float format/);
  });

  it("describe() lists the parameters of every preset", () => {
    for (const p of ACCUMULATOR_PRESETS) {
      const d = describeAccumulator(p.spec);
      expect(d.id).toBe(p.spec.id);
      expect(d.summary.length).toBeGreaterThan(10);
      expect(Object.keys(d.params).length).toBeGreaterThan(0);
    }
    const d = describeAccumulator((resolveAccumulator("tc-h100") as { ok: true; spec: never }).spec);
    expect(d.params).toMatchObject({ blockSize: 16, neab: 2, fracBits: 23, outputFormat: "fp32", outputRounding: "rtz" });
  });
});
