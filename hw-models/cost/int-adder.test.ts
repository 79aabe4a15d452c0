import { describe, expect, it } from "vitest";
import { fitSingleCoefficient } from "./anchored-law.js";
import { INT_ADDER_AREA, INT_ADDER_ENERGY, intAdderCost } from "./int-adder.js";

describe("intAdderCost", () => {
  it("the ∝ n law alone explains the Horowitz adder anchors within 15% (energy) and 10% (area)", () => {
    expect(fitSingleCoefficient(INT_ADDER_ENERGY.law, INT_ADDER_ENERGY.anchors).maxRelativeError).toBeLessThan(0.15);
    expect(fitSingleCoefficient(INT_ADDER_AREA.law, INT_ADDER_AREA.anchors).maxRelativeError).toBeLessThan(0.1);
  });

  it("more bits never cost less", () => {
    for (let n = 1; n < 96; n++) {
      expect(intAdderCost(n + 1).energyPj.value).toBeGreaterThan(intAdderCost(n).energyPj.value);
      expect(intAdderCost(n + 1).areaUm2.value).toBeGreaterThan(intAdderCost(n).areaUm2.value);
    }
  });

  it("beyond the 32-bit anchor it scales linearly from that anchor", () => {
    expect(intAdderCost(64).energyPj.value).toBeCloseTo(0.2, 12);
    expect(intAdderCost(64).areaUm2.value).toBeCloseTo(274, 9);
  });

  it("carries units, sources and the activity class", () => {
    const c = intAdderCost(24, "accumulator");
    expect(c.energyPj.unit).toBe("pJ");
    expect(c.areaUm2.unit).toBe("um2");
    expect(c.energyPj.source).toMatch(/Horowitz/);
    expect(c.activityClass).toBe("accumulator");
    expect(() => intAdderCost(0)).toThrow();
  });
});
