import { describe, expect, it } from "vitest";
import { NANGATE_DFF_X1 } from "./data/nangate-45nm.js";
import { accumulatorRegisterCost, pipelineRegisterCost, registerClockEnergyPerBit, registerCost, registerToggleEnergyPerBit } from "./register.js";

describe("registerCost", () => {
  it("area is one DFF_X1 per bit", () => {
    expect(registerCost(32, "accumulator").areaUm2.value).toBeCloseTo(32 * 4.522, 9);
  });

  it("per-bit energies are at Horowitz's 0.9 V: the library values × (0.9/1.1)²", () => {
    const holdFj = NANGATE_DFF_X1.clockFallSameD0.value + NANGATE_DFF_X1.clockRiseSameD0.value;
    const v = (0.9 / 1.1) ** 2;
    // The D=0 and D=1 hold cycles differ by < 1%, so the mean is within 1% of either.
    expect(registerClockEnergyPerBit().value).toBeCloseTo((holdFj * v) / 1000, 4);
    expect(registerClockEnergyPerBit().value).toBeGreaterThan(0.001);
    expect(registerToggleEnergyPerBit().value).toBeGreaterThan(0.001);
    expect(registerToggleEnergyPerBit().value).toBeLessThan(registerClockEnergyPerBit().value);
  });

  it("energy = bits × (clock + 0.5 × toggle), linear in width", () => {
    const perBit = registerClockEnergyPerBit().value + 0.5 * registerToggleEnergyPerBit().value;
    for (const n of [1, 8, 24, 32, 48]) expect(registerCost(n, "operands").energyPj.value).toBeCloseTo(n * perBit, 12);
  });

  it("splits into an unscaled clock leaf and a data leaf of the requested class", () => {
    const r = accumulatorRegisterCost(16);
    expect(r.parts.map((p) => p.activityClass)).toEqual(["clock", "accumulator"]);
    expect(pipelineRegisterCost(16).parts[1]!.activityClass).toBe("operands");
    expect(r.parts[0]!.areaUm2.value).toBe(0);
  });
});
