import { describe, expect, it } from "vitest";
import { gemmSchedule } from "../fold-schedule.js";
import { measureRtlThroughput } from "./rtl-throughput.js";

describe("rtl throughput probe", () => {
  it("reports the PE-cycles of the GEMM it stepped and a positive time", () => {
    const gemm = { m: 20, n: 9, k: 7 };
    const r = measureRtlThroughput({ rows: 4, cols: 3, macPipelineDepth: 2, gemm, repeats: 1 });
    expect(r.peCycles).toBe(12 * gemmSchedule("ws", gemm, 4, 3, 2).computeCycles);
    expect(r.seconds).toBeGreaterThan(0);
  });
});
