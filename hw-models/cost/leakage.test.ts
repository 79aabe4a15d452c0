import { describe, expect, it } from "vitest";
import { NANGATE_LEAKAGE_CELLS } from "./data/nangate-45nm.js";
import { estimate } from "./estimate.js";
import { leakageDensity, leakageEnergyPerCycle, leakageFromDynamic, leakagePower } from "./leakage.js";

describe("leakage", () => {
  it("density lies between the least and most leaky NanGate cells used", () => {
    const d = Object.values(NANGATE_LEAKAGE_CELLS).map((c) => c.leakage.value / c.area.value);
    expect(leakageDensity().value).toBeGreaterThanOrEqual(Math.min(...d));
    expect(leakageDensity().value).toBeLessThanOrEqual(Math.max(...d));
    expect(leakageDensity().unit).toBe("nW/um2");
  });

  it("power is proportional to area; energy per cycle is power / clock", () => {
    expect(leakagePower(2000).value).toBeCloseTo(2 * leakagePower(1000).value, 9);
    const e500 = leakageEnergyPerCycle(1000, 500).value;
    expect(leakageEnergyPerCycle(1000, 1000).value).toBeCloseTo(e500 / 2, 12);
    // 1000 µm² × density nW at 500 MHz: nW × 2 ns = density × 2 fJ.
    expect(e500).toBeCloseTo((leakageDensity().value * 1000 * 2e-9 * 1e-9) / 1e-12, 9);
  });

  it("the fraction-of-dynamic form needs a sourced fraction", () => {
    const r = leakageFromDynamic(estimate(10, "pJ", "test dynamic"), estimate(0.2, "1", "test fraction source"));
    expect(r.value).toBeCloseTo(2, 12);
    expect(r.source).toContain("test fraction source");
  });
});
