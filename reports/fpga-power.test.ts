/**
 * FPGA energy per inference (power.ts): hand-derived from the typed-in constants for one small layer, and the
 * stated scalings (energy ∝ DSP ops, LUT/FF count × cycles, toggle rate, V²; static ∝ latency).
 */
import { describe, expect, it } from "vitest";
import { compareFixture } from "./testing/compare-fixture.js";
import { dspWidthScale, fpgaEnergy, FPGA_POWER, type FpgaPowerTable } from "../hw-models/fpga/power.js";

const ZU9 = FPGA_POWER["xczu9eg-2"]!;

describe("FPGA energy per inference", () => {
  it("int8x2 on xczu9eg-2, pe = simd = 4, gemm 16×16×48: every term hand-derived", () => {
    const r = compareFixture(["int8"], ["fpga:xczu9eg-2:packing=int8x2,pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    const cost = r.rows[0]!.cost;
    // cycles = 16·⌈16/4⌉·⌈48/4⌉ = 768 + chain latency (AD 2 + M 1 + P 1 + 3 cascade) = 775; at 775 MHz: 1 µs.
    expect(cost.latencyUs).toBeCloseTo(1, 12);
    // DSP: ⌈12,288 MACs / 2⌉ = 6,144 ops × 8 pF × 0.85² V² × 0.38 toggle × 1 (packed: full ports) = 13,494.6816 pJ.
    // LUT: 547 × 775 × 0.1 pF × 0.7225 × 0.125 = 3,828.57265625 pJ. FF: 344 × 775 × 0.02 × 0.7225 × 0.125 = 481.54625.
    // BRAM: 4 × 775 × 20 pF × 0.7225 = 44,795 pJ. Static: 0.49 W × 1 µs = 490,000 pJ.
    const b = cost.energyBreakdownPj;
    expect(b["DSP (dynamic)"]).toBeCloseTo(13494.6816, 6);
    expect(b["LUT (dynamic)"]).toBeCloseTo(3828.57265625, 6);
    expect(b["FF (dynamic)"]).toBeCloseTo(481.54625, 6);
    expect(b["BRAM (dynamic)"]).toBeCloseTo(44795, 6);
    expect(b["static"]).toBeCloseTo(490000, 4);
    expect(cost.energyPj).toBeCloseTo(552599.80050625, 4);
    expect(cost.energyPerMacPj).toBeCloseTo(552599.80050625 / 12288, 8);
    // The static figure is derived from a cited slope (AMD wiki); the switched capacitances stay labelled assumptions.
    expect(cost.assumptions.some((a) => a.name.includes("static power") && a.source.startsWith("Derived"))).toBe(true);
    expect(cost.assumptions.some((a) => a.name.includes("DSP op switched capacitance") && a.source.startsWith("ASSUMPTION"))).toBe(true);
  });

  it("packing=none: twice the DSP ops at UG440's 0.8 width scale for 8-bit operands", () => {
    const r = compareFixture(["int8"], ["fpga:xczu9eg-2:packing=none,pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    // 12,288 ops × 8 × 0.7225 × 0.38 × 0.8 = 21,591.4906 pJ.
    expect(r.rows[0]!.cost.energyBreakdownPj["DSP (dynamic)"]).toBeCloseTo(21591.49056, 5);
    expect(dspWidthScale("none", 16, 16)).toBe(0.86);
    expect(dspWidthScale("none", 24, 18)).toBe(1);
    expect(dspWidthScale("int4x4", 4, 4)).toBe(1);
  });

  it("scales as stated: linear in DSP ops, LUTs, FFs, cycles and toggle rate; V²; static × latency", () => {
    const x = { dspOps: 100, lut: 1000, ff: 2000, bram36: 3, cycles: 50, latencyUs: 0.2, dspScale: 1 };
    const e = fpgaEnergy(ZU9, x);
    expect(fpgaEnergy(ZU9, { ...x, dspOps: 300 }).breakdownPj["DSP (dynamic)"]).toBeCloseTo(3 * e.breakdownPj["DSP (dynamic)"]!, 9);
    expect(fpgaEnergy(ZU9, { ...x, lut: 2000 }).breakdownPj["LUT (dynamic)"]).toBeCloseTo(2 * e.breakdownPj["LUT (dynamic)"]!, 9);
    expect(fpgaEnergy(ZU9, { ...x, cycles: 100 }).breakdownPj["FF (dynamic)"]).toBeCloseTo(2 * e.breakdownPj["FF (dynamic)"]!, 9);
    expect(fpgaEnergy(ZU9, { ...x, latencyUs: 0.4 }).breakdownPj["static"]).toBeCloseTo(2 * 0.49 * 0.2e6, 6);
    const hot: FpgaPowerTable = { ...ZU9, toggleLogic: { ...ZU9.toggleLogic, value: 0.25 }, vccint: { ...ZU9.vccint, value: 1.7 } };
    // Toggle 2× and V 2× → LUT energy 8×; DSP energy 4× (V² only).
    expect(fpgaEnergy(hot, x).breakdownPj["LUT (dynamic)"]).toBeCloseTo(8 * e.breakdownPj["LUT (dynamic)"]!, 9);
    expect(fpgaEnergy(hot, x).breakdownPj["DSP (dynamic)"]).toBeCloseTo(4 * e.breakdownPj["DSP (dynamic)"]!, 9);
    // Independent arithmetic: 1000 LUT × 50 cycles × 0.1 pF × 0.7225 × 0.125.
    expect(e.breakdownPj["LUT (dynamic)"]).toBeCloseTo(451.5625, 9);
    expect(e.totalPj).toBeCloseTo(e.dynamicPj + 98000, 6);
  });
});
