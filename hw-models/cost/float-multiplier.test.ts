import { describe, expect, it } from "vitest";
import { floatMultiplierCost, NORMALISE_ROUND_ENERGY } from "./float-multiplier.js";
import { intMultiplierCost } from "./int-multiplier.js";

const f = (expBits: number, manBits: number) => ({ kind: "float", expBits, manBits }) as const;

describe("floatMultiplierCost", () => {
  it("is built from a (m+1)×(m+1) significand array, an exponent adder and normalise/round", () => {
    const c = floatMultiplierCost(f(4, 3));
    expect(c.parts[0]!.energyPj.value).toBe(intMultiplierCost(4, 4).energyPj.value);
    expect(c.parts).toHaveLength(3);
  });

  it("an exact-product multiplier (fused MAC) drops only the normalise/round stage", () => {
    const full = floatMultiplierCost(f(5, 10));
    const exact = floatMultiplierCost(f(5, 10), f(5, 10), { productExact: true });
    expect(exact.parts).toHaveLength(2);
    expect(full.energyPj.value - exact.energyPj.value).toBeCloseTo(full.parts[2]!.energyPj.value, 12);
  });

  it("normalise/round is positive at both anchors and the ∝ p law reaches them", () => {
    for (const a of NORMALISE_ROUND_ENERGY.anchors) expect(a.value.value).toBeGreaterThan(0);
    expect(NORMALISE_ROUND_ENERGY.at(4).value).toBeLessThan(NORMALISE_ROUND_ENERGY.at(11).value);
  });

  it("more exponent or fraction bits never cost less", () => {
    for (let e = 1; e <= 10; e++) {
      for (let m = 0; m <= 30; m++) {
        const c = floatMultiplierCost(f(e, m));
        expect(floatMultiplierCost(f(e, m + 1)).energyPj.value).toBeGreaterThan(c.energyPj.value);
        expect(floatMultiplierCost(f(e, m + 1)).areaUm2.value).toBeGreaterThan(c.areaUm2.value);
        expect(floatMultiplierCost(f(e + 1, m)).energyPj.value).toBeGreaterThan(c.energyPj.value);
        expect(floatMultiplierCost(f(e + 1, m)).areaUm2.value).toBeGreaterThan(c.areaUm2.value);
      }
    }
  });

  it("prices formats by structure: E4M3, E5M2 and an int8 array differ although all are 8 bits", () => {
    const e4m3 = floatMultiplierCost(f(4, 3), f(4, 3), { productExact: true }).energyPj.value;
    const e5m2 = floatMultiplierCost(f(5, 2), f(5, 2), { productExact: true }).energyPj.value;
    const int8 = intMultiplierCost(8).energyPj.value;
    expect(new Set([e4m3, e5m2, int8]).size).toBe(3);
    expect(e5m2).toBeLessThan(e4m3); // 3×3 array instead of 4×4 outweighs one more exponent bit
  });

  it("needs a float operand", () => {
    expect(() => floatMultiplierCost({ kind: "int", bits: 8 })).toThrow();
  });
});
