import { describe, expect, it } from "vitest";
import { fitSingleCoefficient } from "./anchored-law.js";
import { floatAdderCost } from "./float-adder.js";
import { leadingZeroCounterArea, SHIFTER_ENERGY, shifterArea, shifterCost } from "./shifter.js";

describe("floatAdderCost and the fitted shift network", () => {
  it("the n·log2 n shifter law explains the energy left after the integer stages of fp16 and fp32 adds within 5%", () => {
    // Evidence the law fits: one coefficient (~2.6 fJ per mux bit) serves both IEEE anchors.
    const fit = fitSingleCoefficient(SHIFTER_ENERGY.law, SHIFTER_ENERGY.anchors);
    expect(fit.maxRelativeError).toBeLessThan(0.05);
    expect(fit.coefficient * 1000).toBeGreaterThan(1);
    expect(fit.coefficient * 1000).toBeLessThan(5);
  });

  it("its two shift networks take their area from cells: a barrel shifter, and an LZC tree + barrel shifter", () => {
    const a = floatAdderCost(8, 23);
    const part = (name: string) => a.parts.find((p) => p.component === name)!;
    expect(part("alignment-shifter(27b)").areaUm2.value).toBe(shifterArea(27).value);
    expect(part("lzc-normaliser(27b)").areaUm2.value).toBeCloseTo(shifterArea(27).value + leadingZeroCounterArea(27).value, 9);
    expect(part("lzc-normaliser(27b)").energyPj.value).toBe(part("alignment-shifter(27b)").energyPj.value);
  });

  it("more exponent or fraction bits never cost less", () => {
    for (let e = 1; e <= 11; e++) {
      for (let m = 0; m <= 40; m++) {
        const c = floatAdderCost(e, m);
        expect(floatAdderCost(e, m + 1).energyPj.value).toBeGreaterThan(c.energyPj.value);
        expect(floatAdderCost(e, m + 1).areaUm2.value).toBeGreaterThan(c.areaUm2.value);
        expect(floatAdderCost(e + 1, m).energyPj.value).toBeGreaterThan(c.energyPj.value);
        expect(floatAdderCost(e + 1, m).areaUm2.value).toBeGreaterThan(c.areaUm2.value);
      }
    }
  });

  it("the shifter grows with width and rejects widths below 2", () => {
    for (let w = 2; w < 80; w++) expect(shifterCost(w + 1).energyPj.value).toBeGreaterThan(shifterCost(w).energyPj.value);
    expect(() => shifterCost(1)).toThrow();
  });

  it("an accumulator float adder tags every part with the accumulator class", () => {
    expect(floatAdderCost(8, 23, "accumulator").parts.every((p) => p.activityClass === "accumulator")).toBe(true);
  });
});
