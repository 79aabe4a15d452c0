import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { componentEnergy } from "./action-energy.js";
import { activityEnergy, toggleRate } from "./activity.js";
import { leaves } from "./estimate.js";
import { macUnitCost } from "./mac-unit.js";

const mac = unwrap(macUnitCost({ kind: "int", bits: 8 }));
const reg = (rate: number, bits: number, cycles = 1000) => ({ toggles: Math.round(rate * bits * cycles), bits, cycles });
const at = (opRate: number, accRate: number) =>
  unwrap(activityEnergy(mac, 1000, { operands: [reg(opRate, 8), reg(opRate, 8)], accumulator: [reg(accRate, 32)] }));

describe("activity mode", () => {
  it("at the 0.5 baseline toggle rate it equals the table energy", () => {
    expect(at(0.5, 0.5).energyPj.value).toBeCloseTo(1000 * mac.energyPj.value, 9);
  });

  it("with no toggles only the register clock energy is left", () => {
    const clock = leaves(mac).filter((l) => l.activityClass === "clock").reduce((s, l) => s + l.energyPj.value, 0);
    expect(clock).toBeGreaterThan(0);
    expect(at(0, 0).energyPj.value).toBeCloseTo(1000 * clock, 9);
  });

  it("switching energy is linear in the measured toggle rate, per class", () => {
    const e0 = at(0, 0.5).energyPj.value;
    const e1 = at(0.25, 0.5).energyPj.value;
    const e2 = at(0.5, 0.5).energyPj.value;
    expect(e2 - e1).toBeCloseTo(e1 - e0, 9);
    expect(at(0.5, 1).byClassPj.accumulator).toBeCloseTo(2 * at(0.5, 0.5).byClassPj.accumulator, 9);
  });

  it("pools toggle rates over registers of different widths by bit-cycles", () => {
    expect(toggleRate([{ toggles: 10, bits: 8, cycles: 10 }, { toggles: 30, bits: 4, cycles: 10 }])).toBeCloseTo(40 / 120, 12);
    expect(() => toggleRate([{ toggles: 100, bits: 1, cycles: 10 }])).toThrow();
  });

  it("fails as a value when a driving register class was not measured", () => {
    const r = activityEnergy(mac, 10, { operands: [reg(0.5, 8)] });
    expect(r.ok).toBe(false);
  });

  it("componentEnergy gives the same result in both modes at the baseline rate", () => {
    const t = unwrap(componentEnergy(mac, 7, { kind: "table" })).value;
    const a = unwrap(componentEnergy(mac, 7, { kind: "activity", toggles: { operands: [reg(0.5, 16)], accumulator: [reg(0.5, 32)] } })).value;
    expect(a).toBeCloseTo(t, 9);
  });
});
