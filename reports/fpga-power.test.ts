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
    // DSP: ⌈12,288 MACs / 2⌉ = 6,144 ops × 29 pF × 0.85² V² × 0.38 toggle × 1 (packed: full ports):
    //   29 × 0.7225 = 20.9525; × 0.38 = 7.96195 pJ/op; × 6,144 = 48,918.2208 pJ.
    // LUT: 547 × 775 = 423,925 LUT-cycles × 0.95 pF = 402,728.75; × 0.7225 × 0.125 = 36,371.440234375 pJ.
    // FF: 344 × 775 = 266,600 × 0.35 pF = 93,310; × 0.0903125 = 8,427.059375 pJ.
    // BRAM: 4 × 775 = 3,100 reads × 9.5 pF = 29,450; × 0.7225 = 21,277.625 pJ. Static: 0.623 W × 1 µs = 623,000 pJ.
    // Total: 48,918.2208 + 36,371.440234375 + 8,427.059375 + 21,277.625 + 623,000 = 737,994.345409375 pJ.
    const b = cost.energyBreakdownPj;
    expect(b["DSP (dynamic)"]).toBeCloseTo(48918.2208, 6);
    expect(b["LUT (dynamic)"]).toBeCloseTo(36371.440234375, 6);
    expect(b["FF (dynamic)"]).toBeCloseTo(8427.059375, 6);
    expect(b["BRAM (dynamic)"]).toBeCloseTo(21277.625, 6);
    expect(b["static"]).toBeCloseTo(623000, 4);
    expect(cost.energyPj).toBeCloseTo(737994.345409375, 4);
    expect(cost.energyPerMacPj).toBeCloseTo(737994.345409375 / 12288, 8);
    // Static is read off a Vivado report; the four capacitances are calibrated from Vivado reports; nothing on this
    // device is left an unsourced assumption.
    const src = (k: string) => cost.assumptions.find((a) => a.name === `fpga:xczu9eg-2 ${k}`)!.source;
    expect(src("static power")).toContain("Device Static (W) 0.623");
    for (const k of ["DSP op switched capacitance", "LUT switched capacitance", "FF switched capacitance", "RAMB36 read switched capacitance"]) {
      expect(src(k).startsWith("Calibrated from Vivado report_power")).toBe(true);
    }
    expect(cost.assumptions.some((a) => a.name.startsWith("fpga:xczu9eg-2") && a.source.startsWith("ASSUMPTION"))).toBe(false);
  });

  it("packing=none: twice the DSP ops at UG440's 0.8 width scale for 8-bit operands", () => {
    const r = compareFixture(["int8"], ["fpga:xczu9eg-2:packing=none,pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    // 12,288 ops × 29 pF × 0.7225 × 0.38 × 0.8 = 12,288 × 6.36956 = 78,269.15328 pJ.
    expect(r.rows[0]!.cost.energyBreakdownPj["DSP (dynamic)"]).toBeCloseTo(78269.15328, 5);
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
    expect(fpgaEnergy(ZU9, { ...x, latencyUs: 0.4 }).breakdownPj["static"]).toBeCloseTo(2 * 0.623 * 0.2e6, 6);
    const hot: FpgaPowerTable = { ...ZU9, toggleLogic: { ...ZU9.toggleLogic, value: 0.25 }, vccint: { ...ZU9.vccint, value: 1.7 } };
    // Toggle 2× and V 2× → LUT energy 8×; DSP energy 4× (V² only).
    expect(fpgaEnergy(hot, x).breakdownPj["LUT (dynamic)"]).toBeCloseTo(8 * e.breakdownPj["LUT (dynamic)"]!, 9);
    expect(fpgaEnergy(hot, x).breakdownPj["DSP (dynamic)"]).toBeCloseTo(4 * e.breakdownPj["DSP (dynamic)"]!, 9);
    // Independent arithmetic: 1000 LUT × 50 cycles × 0.95 pF × 0.7225 × 0.125 = 47,500 × 0.0903125 = 4,289.84375.
    expect(e.breakdownPj["LUT (dynamic)"]).toBeCloseTo(4289.84375, 9);
    // Static: 0.623 W × 0.2 µs = 124,600 pJ.
    expect(e.totalPj).toBeCloseTo(e.dynamicPj + 124600, 6);
  });
});
