import { describe, expect, it } from "vitest";
import { fitSingleCoefficient } from "./anchored-law.js";
import { floatAdderCost } from "./float-adder.js";
import { SHIFTER_AREA, SHIFTER_ENERGY, shifterCost } from "./shifter.js";

describe("floatAdderCost and the fitted shift network", () => {
  it("the n·log2 n shifter law explains the energy left after the integer stages of fp16 and fp32 adds within 5%", () => {
    // Evidence the law fits: one coefficient (~2.6 fJ per mux bit) serves both IEEE anchors.
    const fit = fitSingleCoefficient(SHIFTER_ENERGY.law, SHIFTER_ENERGY.anchors);
    expect(fit.maxRelativeError).toBeLessThan(0.05);
    expect(fit.coefficient * 1000).toBeGreaterThan(1);
    expect(fit.coefficient * 1000).toBeLessThan(5);
  });

  it("the area residual grows faster than n·log2 n (reported, not hidden): the single-coefficient fit misses by > 10%", () => {
    expect(fitSingleCoefficient(SHIFTER_AREA.law, SHIFTER_AREA.anchors).maxRelativeError).toBeGreaterThan(0.1);
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
