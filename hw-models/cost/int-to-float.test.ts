/**
 * Integer products into a float register (MXINT8: int8 elements, E8M0 block scales, fp32 accumulation). Before, the
 * cost model refused them and `hwsim compare mxint8` aborted. The expected figures are composed here from the
 * primitives by hand: an int→float conversion is a leading-zero count and a normalising shift over the product
 * (lzcNormaliserCost), the same block that normalises a dot unit's tree sum.
 */
import { describe, expect, it } from "vitest";
import { accumulatorCost } from "./accumulator.js";
import { dotUnitCost } from "./dot-unit.js";
import { lzcNormaliserCost } from "./shifter.js";

const FP32 = { kind: "float" as const, expBits: 8, manBits: 23 };
const INT8 = { kind: "int" as const, bits: 8 };
const E8M0 = { kind: "float" as const, expBits: 8, manBits: 0, signed: false };

describe("integer products into a float register", () => {
  it("a MAC adds an int→float converter over the 16-bit product to the fp32 accumulate", () => {
    const asInt = accumulatorCost(FP32, { kind: "int", significandBits: 16, exponentBits: 0 });
    const asFloat = accumulatorCost(FP32, { kind: "float", significandBits: 16, exponentBits: 6 });
    if (!asInt.ok || !asFloat.ok) throw new Error("cost failed");
    const conv = lzcNormaliserCost(16);
    const part = asInt.value.parts.find((c) => c.component === "int-to-float-converter(16b)");
    expect(part?.areaUm2.value).toBe(conv.areaUm2.value);
    expect(part?.energyPj.value).toBe(conv.energyPj.value);
    // Everything else is the float product's accumulate: same adder width, same register.
    expect(asInt.value.areaUm2.value).toBeCloseTo(asFloat.value.areaUm2.value + conv.areaUm2.value, 9);
    expect(asInt.value.energyPj.value).toBeCloseTo(asFloat.value.energyPj.value + conv.energyPj.value, 9);
  });

  it("a dot unit takes block-scaled integers into a float register (normalised once per dot), but not plain integers", () => {
    const block = { scale: E8M0, blockSize: 32 };
    const mx = dotUnitCost(INT8, INT8, { lanes: 16, accumulator: FP32, extraAlignBits: 0, block });
    if (!mx.ok) throw new Error(mx.reason);
    const groups = mx.value.parts.map((p) => p.component);
    // Integer elements: no exponent adders, max tree or alignment shifters; the 16 + 4 = 20-bit tree sum is
    // normalised once per 16 products into the fp32 adder.
    expect(groups).not.toContain("alignment shifters");
    expect(groups).toContain("normalise and round");
    const norm = mx.value.parts.find((p) => p.component === "normalise and round")!;
    expect(norm.areaUm2.value).toBeCloseTo(lzcNormaliserCost(20).areaUm2.value / 16, 9);
    const plain = dotUnitCost(INT8, INT8, { lanes: 16, accumulator: FP32, extraAlignBits: 0 });
    expect(plain.ok ? "" : plain.reason).toMatch(/needs an integer accumulator/);
  });
});
