import { describe, expect, it } from "vitest";
import { unwrap } from "../../workloads/result.js";
import { blockMacCost } from "./block-mac.js";
import { macUnitCost } from "./mac-unit.js";
import type { OperandCostSpec } from "./operand.js";
import { MX_BLOCK_SCALE, NVFP4_BLOCK_SCALE, scaleUnitCost } from "./scale-unit.js";

const E2M1: OperandCostSpec = { kind: "float", expBits: 2, manBits: 1 };
const E4M3: OperandCostSpec = { kind: "float", expBits: 4, manBits: 3 };
const INT8: OperandCostSpec = { kind: "int", bits: 8 };
const FP32 = { kind: "float", expBits: 8, manBits: 23 } as const;

describe("blockMacCost (MX / NVFP4)", () => {
  it("is the element MAC plus the scale unit divided by the block size", () => {
    for (const [a, block, acc] of [
      [E2M1, NVFP4_BLOCK_SCALE, FP32],
      [E4M3, MX_BLOCK_SCALE, FP32],
      [INT8, MX_BLOCK_SCALE, { kind: "int", bits: 32 } as const],
    ] as const) {
      const total = unwrap(blockMacCost(a, a, block, acc));
      const mac = unwrap(macUnitCost(a, a, acc));
      const unit = unwrap(scaleUnitCost(block.scale, acc));
      expect(total.energyPj.value).toBeCloseTo(mac.energyPj.value + unit.energyPj.value / block.blockSize, 12);
      expect(total.areaUm2.value).toBeCloseTo(mac.areaUm2.value + unit.areaUm2.value / block.blockSize, 9);
    }
  });

  it("larger blocks amortise the scale unit further, approaching the plain MAC", () => {
    const mac = unwrap(macUnitCost(E2M1)).energyPj.value;
    const at = (n: number) => unwrap(blockMacCost(E2M1, E2M1, { ...NVFP4_BLOCK_SCALE, blockSize: n })).energyPj.value;
    expect(at(8)).toBeGreaterThan(at(16));
    expect(at(16)).toBeGreaterThan(at(1024));
    expect(at(1 << 20)).toBeCloseTo(mac, 5);
  });

  it("an E8M0 (power-of-two) scale unit is cheaper than an E4M3 one", () => {
    const e8m0 = unwrap(scaleUnitCost(MX_BLOCK_SCALE.scale, FP32));
    const e4m3 = unwrap(scaleUnitCost(NVFP4_BLOCK_SCALE.scale, FP32));
    expect(e8m0.energyPj.value).toBeLessThan(e4m3.energyPj.value);
    expect(e8m0.areaUm2.value).toBeLessThan(e4m3.areaUm2.value);
  });

  it("a fixed-point block sum (MXINT8 into int32) applies the scale with a shifter", () => {
    const u = unwrap(scaleUnitCost(MX_BLOCK_SCALE.scale, { kind: "int", bits: 32 }));
    expect(u.parts.map((p) => p.component)).toContain("scale-shift(32b)");
  });

  it("rejects an integer scale and a bad block size as values", () => {
    expect(scaleUnitCost(INT8, FP32).ok).toBe(false);
    expect(blockMacCost(E2M1, E2M1, { ...NVFP4_BLOCK_SCALE, blockSize: 0 }).ok).toBe(false);
  });
});
