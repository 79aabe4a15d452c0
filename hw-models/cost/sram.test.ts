import { describe, expect, it } from "vitest";
import { fitSingleCoefficient } from "./anchored-law.js";
import { dramAccessEnergy, dramEnergyPerBit } from "./dram.js";
import { SRAM_READ_64B_ENERGY, sramAccessEnergy, sramArea, sramAreaPerBit, sramCost } from "./sram.js";

describe("SRAM", () => {
  it("the √capacity law alone explains Horowitz's 8 KB / 32 KB / 1 MB reads within 10%", () => {
    expect(fitSingleCoefficient(SRAM_READ_64B_ENERGY.law, SRAM_READ_64B_ENERGY.anchors).maxRelativeError).toBeLessThan(0.1);
  });

  it("access energy is proportional to the access width", () => {
    expect(sramAccessEnergy(32768, 128).value).toBeCloseTo(40, 9);
    expect(sramAccessEnergy(32768, 16).value).toBeCloseTo(5, 9);
  });

  it("bigger arrays never cost less per access", () => {
    let prev = 0;
    for (let kb = 1; kb <= 4096; kb *= 2) {
      const e = sramAccessEnergy(kb * 1024, 64).value;
      expect(e).toBeGreaterThan(prev);
      prev = e;
    }
  });

  it("writes are priced as reads and say so", () => {
    const w = sramAccessEnergy(8192, 64, "write");
    expect(w.value).toBe(sramAccessEnergy(8192, 64, "read").value);
    expect(w.source).toMatch(/assumption/);
  });

  it("area per bit is Intel's 45 nm chip density: 119 mm² / 153 Mbit", () => {
    expect(sramAreaPerBit().value).toBeCloseTo((119 * 1e6) / (153 * 2 ** 20), 9);
    expect(sramAreaPerBit().value).toBeGreaterThan(0.346); // above the bare 0.346 µm² bit cell: periphery included
    expect(sramArea(1024).value).toBeCloseTo(8192 * sramAreaPerBit().value, 6);
    expect(sramCost(8192, 64).energyPj.value).toBeCloseTo(10, 12);
  });
});

describe("DRAM", () => {
  it("per-bit energy spans Horowitz's 1.3–2.6 nJ per 64 bits, midpoint by default", () => {
    expect(dramEnergyPerBit("low").value).toBeCloseTo(1300 / 64, 9);
    expect(dramEnergyPerBit("high").value).toBeCloseTo(2600 / 64, 9);
    expect(dramEnergyPerBit().value).toBeCloseTo(1950 / 64, 9);
    expect(dramAccessEnergy(512).value).toBeCloseTo(512 * (1950 / 64), 6);
  });
});
