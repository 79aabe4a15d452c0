/**
 * The FPGA substrate's size axis in compare: FpgaModel.cost reports the device fraction of each resource, the
 * Pareto front uses them as its size objectives for FPGA rows, rows on different size axes sit on separate
 * fronts, and the report names the axes. Expected values are worked by hand from the FINN-R resource formulas in
 * hw-models/fpga/model.ts and the device counts in hw-models/fpga/devices.ts (DS891 XCZU9EG: 2,520 DSP48E2,
 * 274,080 LUTs, 548,160 FFs, 912 RAMB36).
 */
import { describe, expect, it } from "vitest";
import { infeasibility, paretoText, sizeAxis } from "./compare.js";
import { renderMarkdown } from "./markdown.js";
import { fpgaColumns } from "./fpga-columns.js";
import { compareFixture } from "./testing/compare-fixture.js";
import { fpgaSize } from "../hw-models/fpga/model.js";

const XILINX_AXIS = "device fraction of DSP, LUT, FF, BRAM36";
const meta = { command: "compare int8", version: "0", plots: [], hardware: [] };

describe("FPGA size axis", () => {
  it("fpgaSize keeps every resource's fraction and names the binding one; no BRAM36 axis without a BRAM count", () => {
    expect(fpgaSize({ dsp: 0.2, lut: 0.5, ff: 0.1, bram36: 0.3 })).toEqual({ axis: XILINX_AXIS, names: ["dsp", "lut", "ff", "bram36"], values: [0.2, 0.5, 0.1, 0.3], value: 0.5, resource: "lut" });
    expect(fpgaSize({ dsp: 0.7, lut: 0.5, ff: 0.1 })).toEqual({ axis: "device fraction of DSP, LUT, FF", names: ["dsp", "lut", "ff"], values: [0.7, 0.5, 0.1], value: 0.7, resource: "dsp" });
  });

  it("int8 and fp8 on xczu9eg-2 (pe = simd = 32, k = 64): hand-worked device fractions", () => {
    const r = compareFixture(["int8", "fp8"], ["fpga:xczu9eg-2"], "gemm:m=32,n=64,k=64", 0.05);
    const [int8, fp8] = r.rows;
    // Weights: ⌈32·32·8 / 36⌉ = 228 RAMB36 wide, ⌈(64·64 / 1024) / 1024⌉ = 1 deep, for both.
    // int8x2: ⌈1024 / 2⌉ = 512 DSP; chain split into ⌈32/7⌉ = 5 segments; per PE 18·5 extraction + 16·9 tree + 22
    // accumulator = 256 → ⌈300 + 1.1·32·256⌉ = 9,312 LUTs; FF 32·(32·16 + 22) = 17,088.
    expect(sizeAxis(int8!.cost)).toEqual({ values: [512 / 2520, 9312 / 274080, 17088 / 548160, 228 / 912], axis: XILINX_AXIS });
    // fp8 in LUTs: lane 291 LUTs (24 significand mult + 5 exponent + 1 sign + 261 fp32 adder, Ehliar FPT 2014);
    // per PE 32·291 + 16·63 + 22 = 10,342 → ⌈300 + 1.1·32·10,342⌉ = 364,339 LUTs (does not fit); lane FF
    // 8+8+8+5+32 = 61 → 32·(32·61 + 22) = 63,168.
    const v = sizeAxis(fp8!.cost).values;
    expect(v.length).toBe(4);
    [0, 364339 / 274080, 63168 / 548160, 228 / 912].forEach((x, i) => expect(v[i]).toBeCloseTo(x, 12));
    expect(fp8!.cost.areaUm2).toBe(0);
    // 364,339 LUTs > 274,080 (133%): fp8 cannot be built at pe = simd = 32, so it is off the front (although no row
    // dominates it: it uses no DSPs) and says why; int8 fits and is on it.
    expect(infeasibility(fp8!.sim)).toMatch(/^does not fit xczu9eg-2: lut 133% of the device; lower pe\/simd/);
    expect([fp8!.onFront, fp8!.dominatedBy]).toEqual([false, []]);
    expect(paretoText(fp8!)).toBe("no (does not fit xczu9eg-2: lut 133% of the device)");
    expect([infeasibility(int8!.sim), int8!.onFront]).toEqual([null, true]);
  });

  it("the size objectives decide the front: int8x2 halves the DSPs of packing=none at one more pipeline cycle", () => {
    // Same outputs (both accumulate in the DSP's 48-bit P); int8x2 spends less energy (half the DSP ops, static
    // power over one more cycle: reports/fpga-power.test.ts derives it by hand), packing=none is one cycle faster.
    const r = compareFixture(["int8"], ["fpga:xczu9eg-2:packing=int8x2,pe=4,simd=4", "fpga:xczu9eg-2:packing=none,pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    const [packed, plain] = r.rows;
    expect(packed!.error.relativeRmse).toBe(plain!.error.relativeRmse);
    expect(packed!.cost.energyPj).toBeLessThan(plain!.cost.energyPj);
    expect(packed!.cost.latencyUs).toBeGreaterThan(plain!.cost.latencyUs);
    // 8 vs 16 DSPs; LUTs ⌈300 + 1.1·4·(18 + 16 + 22)⌉ = 547 vs ⌈300 + 1.1·4·(16 + 22)⌉ = 468; 344 FFs; 4 RAMB36.
    expect(sizeAxis(packed!.cost).values).toEqual([8 / 2520, 547 / 274080, 344 / 548160, 4 / 912]);
    expect(sizeAxis(plain!.cost).values).toEqual([16 / 2520, 468 / 274080, 344 / 548160, 4 / 912]);
    expect([packed!.onFront, plain!.onFront]).toEqual([true, true]);
  });

  it("rows on different size axes are on separate fronts, and the report names both axes", () => {
    const r = compareFixture(["int8"], ["mac-array:rows=8,cols=8", "fpga:xczu9eg-2:pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    expect(r.rows.map((x) => sizeAxis(x.cost).axis)).toEqual(["area (µm²)", XILINX_AXIS]);
    expect(r.rows.map((x) => x.onFront)).toEqual([true, true]);
    expect(renderMarkdown(r, meta)).toContain(`one front per axis: area (µm²); ${XILINX_AXIS}`);
  });

  it("a single-substrate FPGA report names its size axis, and the FPGA columns show the binding resource", () => {
    const r = compareFixture(["int8"], ["fpga:xczu9eg-2:pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    expect(renderMarkdown(r, meta)).toContain(`Pareto objectives (all minimised): ${XILINX_AXIS}, energy (pJ), latency (µs), relative RMSE.`);
    const table = fpgaColumns(r.rows).join("\n");
    expect(table).toContain("| device fraction (binding) |");
    expect(table).toContain("| 0.4% (BRAM36) |"); // 4 / 912
  });

  it("a LUT-fabric float accumulator's latency is marked as a lower bound (its loop is not timed); DSP rows are not", () => {
    const r = compareFixture(["int8", "fp8"], ["fpga:xczu9eg-2:pe=4,simd=4"], "gemm:m=16,n=16,k=48", 1);
    const notes = fpgaColumns(r.rows).filter((l) => l.startsWith("- "));
    const timing = notes.filter((l) => l.includes("fabric accumulator loop"));
    expect(timing).toHaveLength(1);
    expect(timing[0]).toMatch(/^- fp8: clocked at the hard blocks' fmax/);
    // On Versal the fp32 accumulate is a DSPFP32 hard block: no such note.
    const v = compareFixture(["fp8"], ["fpga:xcvc1902-2mp:pe=4,simd=3"], "gemm:m=16,n=16,k=48", 1);
    expect(fpgaColumns(v.rows).some((l) => l.includes("fabric accumulator loop"))).toBe(false);
  });
});
