/**
 * The "operands → accumulator" column names what each substrate ran. Expected ids come from the hardware documents,
 * not from the code: Hopper FP8 MMA accumulates in its limited-precision tensor-core accumulator (DeepSeek-V3 §3.3.2:
 * `tc-h100-fp8-nopromote` without CUDA-core promotion, `tc-h100-fp8` with it every 128 products), A100 fp16 MMA in the Ampere block FMA (Fasi et al. 2021, `tc-a100`), the DSP48E2 in its 48-bit
 * P register (UG579, `int48-dsp`), the PULP fp16 SIMD kernel in fp16 FMAs (Nadalini et al. 2023, `fp16-fma`); the
 * MAC array runs the precision's own default (int8 → int32).
 */
import { describe, expect, it } from "vitest";
import { describePrecision } from "./compare.js";
import { ranAccumulatorIds } from "./ran-accumulator.js";
import { renderMarkdown } from "./markdown.js";
import { reportRecords } from "./records.js";
import { compareFixture } from "./testing/compare-fixture.js";

const meta = { command: "compare", version: "0", plots: [], hardware: [] };

describe("the accumulator each substrate ran", () => {
  it("GPU tensor cores, an FPGA DSP and an MCU kernel name their own; the MAC array the precision's", () => {
    const cases: [string, string, string][] = [
      ["fp8", "gpu:h100-sxm5", "tc-h100-fp8-nopromote"],
      ["fp8", "gpu:h100-sxm5:promote=128", "tc-h100-fp8(promotionInterval=128)"],
      ["fp8", "gpu:a100-sxm4", "tc-a100"], // no FP8 MMA on Ampere: converted to fp16 first
      ["fp8", "mcu:pulp-cluster", "fp32-fma"], // table decode, then fp32 FMAs
      ["fp16", "gpu:a100-sxm4", "tc-a100"],
      ["int8", "fpga:xczu9eg-2:packing=none,pe=4,simd=4", "int48-dsp"],
      ["fp16", "mcu:pulp-cluster", "fp16-fma"],
      ["int8", "mac-array", "int32-wrap"],
    ];
    for (const [prec, hw, acc] of cases) {
      const r = compareFixture([prec], [hw], "gemm:m=8,n=8,k=64", 1);
      expect(r.unsupported, `${prec} on ${hw}`).toEqual([]);
      const row = r.rows[0]!;
      expect(ranAccumulatorIds(row), `${prec} on ${hw}`).toEqual([acc]);
      const shown = describePrecision(row.precision, ranAccumulatorIds(row));
      expect(shown).toContain(acc);
      expect(renderMarkdown(r, meta)).toContain(`| ${prec} | ${shown} |`);
      expect(reportRecords(r)[0]!["accumulatorRun"]).toBe(acc);
      // Substrates that override the precision's accumulator say so; the array (same id) keeps "(default)".
      expect(shown.endsWith("(substrate's)")).toBe(acc !== row.precision.accumulator.id);
    }
  });
});
