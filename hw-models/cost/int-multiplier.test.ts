import { describe, expect, it } from "vitest";
import { fitSingleCoefficient } from "./anchored-law.js";
import { INT_MULTIPLIER_AREA, INT_MULTIPLIER_ENERGY, intMultiplierCost } from "./int-multiplier.js";

describe("intMultiplierCost", () => {
  it("the ∝ n·m law alone explains the 8×8 and 32×32 anchors within 5% (energy) and 15% (area)", () => {
    expect(fitSingleCoefficient(INT_MULTIPLIER_ENERGY.law, INT_MULTIPLIER_ENERGY.anchors).maxRelativeError).toBeLessThan(0.05);
    expect(fitSingleCoefficient(INT_MULTIPLIER_AREA.law, INT_MULTIPLIER_AREA.anchors).maxRelativeError).toBeLessThan(0.15);
  });

  it("depends on the partial-product count n·m only", () => {
    expect(intMultiplierCost(16, 4).energyPj.value).toBe(intMultiplierCost(8, 8).energyPj.value);
    expect(intMultiplierCost(4, 8).areaUm2.value).toBe(intMultiplierCost(8, 4).areaUm2.value);
  });

  it("below the 8×8 anchor it scales with n·m from it: 4×4 is a quarter of 8×8", () => {
    expect(intMultiplierCost(4).energyPj.value).toBeCloseTo(0.05, 12);
    expect(intMultiplierCost(4).areaUm2.value).toBeCloseTo(70.5, 9);
  });

  it("more bits in either operand never cost less", () => {
    for (let a = 1; a <= 40; a++) {
      for (const b of [1, 3, 8, 24]) {
        expect(intMultiplierCost(a + 1, b).energyPj.value).toBeGreaterThan(intMultiplierCost(a, b).energyPj.value);
        expect(intMultiplierCost(a, b + 1).areaUm2.value).toBeGreaterThan(intMultiplierCost(a, b).areaUm2.value);
      }
    }
  });
});
