import { describe, expect, it } from "vitest";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import { codeValue, dequantize } from "./dequantize.js";
import { quantize } from "./quantize.js";
import { perTensorSymmetric } from "./scheme.js";

describe("codeValue", () => {
  it("decodes codes exactly", () => {
    const e4m3 = lookupScalar("fp8-e4m3");
    const i8 = lookupScalar("int8");
    if (!e4m3.ok || !i8.ok) throw new Error("formats missing");
    expect(codeValue(e4m3.format, 0x7en)).toBe(448);
    expect(codeValue(e4m3.format, 0x01n)).toBe(2 ** -9);
    expect(codeValue(i8.format, 0xffn)).toBe(-1);
  });
});

describe("dequantize", () => {
  it("applies (value − zero point) · scale per group, for narrow and wide formats alike", () => {
    const t = { shape: [2, 2], data: Float64Array.from([0.5, -1.25, 3, 0.001]) };
    // Per-format bound on |x̂ − x|: half a step for int8, half an ulp (relative) for floats.
    const bounds: [string, (x: number, scale: number) => number][] = [
      ["int8", (_x, s) => s / 2],
      ["fp8-e4m3", (x, s) => Math.max(2 ** -4 * Math.abs(x), 2 ** -10 * s)],
      ["fp16", (x, s) => Math.max(2 ** -11 * Math.abs(x), 2 ** -25 * s)],
      ["fp32", (x, s) => Math.max(2 ** -24 * Math.abs(x), 2 ** -150 * s)],
    ];
    for (const [id, bound] of bounds) {
      const r = quantize(t, perTensorSymmetric(id));
      if (!r.ok) throw new Error(r.reason);
      const back = dequantize(r.value);
      expect(back.shape).toEqual([2, 2]);
      const s = r.value.scales[0]!;
      t.data.forEach((x, i) => expect(Math.abs(back.data[i]! - x)).toBeLessThanOrEqual(bound(x, s) * (1 + 1e-9)));
      expect(back.data[2]).toBeCloseTo(3, 12); // absmax maps to the format's max and back
    }
  });
});
