import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { tableEnergy } from "./action-energy.js";
import { dramAccessEnergy } from "./dram.js";
import { estimate } from "./estimate.js";
import { macUnitCost } from "./mac-unit.js";
import { sramAccessEnergy } from "./sram.js";

describe("tableEnergy", () => {
  const perAction = {
    mac: unwrap(macUnitCost({ kind: "int", bits: 8 })).energyPj,
    "sram-read": sramAccessEnergy(32768, 64),
    "dram-read": dramAccessEnergy(64),
  };

  it("is Σ count × energy per action, with a per-action breakdown", () => {
    const r = unwrap(tableEnergy({ mac: 1000, "sram-read": 10, "dram-read": 1 }, perAction));
    const want = 1000 * perAction.mac.value + 10 * 20 + 1950;
    expect(r.totalPj.value).toBeCloseTo(want, 9);
    expect(r.byActionPj["sram-read"]!.value).toBeCloseTo(200, 9);
  });

  it("fails as a value for an action without an energy, or an energy that is not in pJ", () => {
    expect(tableEnergy({ "noc-hop": 3 }, perAction).ok).toBe(false);
    expect(tableEnergy({ x: 1 }, { x: estimate(1, "um2", "test") }).ok).toBe(false);
  });
});
