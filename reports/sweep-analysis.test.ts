import { describe, expect, it } from "vitest";
import { analyseSweep, topK, SWEEP_METRICS } from "./sweep-analysis.js";
import type { SweepLine } from "./sweep-line.js";
import { sweepCsv } from "./sweep-csv.js";

const line = (id: string, precision: string, workload: string, area: number, energy: number, latency: number, rmse: number | null): SweepLine => ({
  id: id.padEnd(16, "0"),
  precision,
  hardware: "mac-array",
  workload,
  areaUm2: area,
  energyPj: energy,
  latencyUs: latency,
  relativeRmse: rmse,
  errorMeasured: rmse !== null,
  actions: { mac: 4 },
});

describe("sweep analysis", () => {
  // Hand-checked: b beats a on everything; c trades area for error; d ties c exactly (both stay); e has no error measured.
  const lines = [
    line("a", "int8", "w1", 10, 10, 10, 0.1),
    line("b", "fp8", "w1", 9, 9, 9, 0.05),
    line("c", "mxfp4", "w1", 5, 12, 12, 0.2),
    line("d", "nvfp4", "w1", 5, 12, 12, 0.2),
    line("e", "w4a8", "w1", 4, 4, 4, null),
    { ...line("f", "bf16", "w1", 1, 1, 1, 0.1), areaUm2: undefined, unsupported: "no" },
    line("g", "int8", "w0", 1, 1, 1, null),
    line("a", "int8", "w1", 99, 99, 99, 0.9),
  ];
  const views = analyseSweep(lines);

  it("groups by workload, deduplicates by id, and keeps unsupported points apart", () => {
    expect(views.map((v) => v.workload)).toEqual(["w0", "w1"]);
    const w1 = views[1]!;
    expect(w1.rows.map((r) => r.precision)).toEqual(["fp8", "int8", "mxfp4", "nvfp4", "w4a8"]);
    expect(w1.unsupported.map((r) => r.precision)).toEqual(["bf16"]);
    expect(views[0]!.withError).toBe(false);
  });

  it("marks the front over size, energy, latency and error (unmeasured error counts as worst)", () => {
    const w1 = views[1]!;
    expect([...w1.front].map((id) => id[0]).sort()).toEqual(["b", "c", "d", "e"]);
  });

  it("keeps a point that does not fit its device off the front, and it dominates nothing", () => {
    // h would dominate every other point, but fits: false (an FPGA design over its device): the front is as without it.
    const views2 = analyseSweep([...lines, { ...line("h", "int4", "w1", 0.5, 0.5, 0.5, 0.01), fits: false }]);
    expect([...views2[1]!.front].map((id) => id[0]).sort()).toEqual(["b", "c", "d", "e"]);
    const views3 = analyseSweep([...lines, { ...line("h", "int4", "w1", 0.5, 0.5, 0.5, 0.01), fits: true }]);
    expect([...views3[1]!.front].map((id) => id[0]).sort()).toEqual(["h"]);
  });

  it("ranks the top k per metric with NaN last and ties in line order", () => {
    const w1 = views[1]!;
    const error = SWEEP_METRICS.find((m) => m.name === "error")!;
    expect(topK(w1, error, 5).map((r) => r.id[0])).toEqual(["b", "a", "c", "d", "e"]);
    expect(topK(w1, SWEEP_METRICS[0]!, 2).map((r) => r.id[0])).toEqual(["e", "c"]);
  });

  it("writes CSV with dotted columns for nested fields and the front flag", () => {
    const csv = sweepCsv(views).split("\n");
    expect(csv[0]).toBe("id,precision,hardware,workload,areaUm2,energyPj,latencyUs,relativeRmse,errorMeasured,actions.mac,unsupported,onParetoFront");
    expect(csv[1]).toBe("g000000000000000,int8,mac-array,w0,1,1,1,,false,4,,true");
    expect(csv).toHaveLength(9); // header, 7 points, the final newline
  });
});
