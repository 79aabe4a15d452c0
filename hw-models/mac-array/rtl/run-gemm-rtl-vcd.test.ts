import { describe, expect, it } from "vitest";
import { prepareFloat64Accumulator } from "../../../sim/numerics/fast/accumulate-float64.js";
import { resolveAccumulator } from "../../../sim/numerics/ops/accumulator.js";
import { unwrap } from "../../../workloads/result.js";
import { gemmSchedule } from "../fold-schedule.js";
import { runGemmRtl } from "./run-gemm-rtl.js";

/** Map each `$var` to its identifier code by hierarchical path (scope names joined with dots). */
function varCodes(vcd: string): Map<string, string> {
  const codes = new Map<string, string>();
  const scopes: string[] = [];
  for (const line of vcd.split("\n")) {
    const w = line.trim().split(/\s+/);
    if (w[0] === "$scope") scopes.push(w[2]!);
    else if (w[0] === "$upscope") scopes.pop();
    else if (w[0] === "$var") codes.set([...scopes, w[4]!].join("."), w[3]!);
    else if (w[0] === "$enddefinitions") break;
  }
  return codes;
}

describe("rtl engine waveform", () => {
  // The recorder samples each cycle before its clock edge, so a register shows a value in the cycle after the edge
  // that wrote it: every output appears on the bottom row's psum except the one committed at the fold's last edge.
  it("a 2x2 WS run with vcd: true dumps every PE's registers, and the bottom row's psum shows the outputs", () => {
    const spec = resolveAccumulator("int32-wrap");
    if (!spec.ok) throw new Error(spec.reason);
    const acc = prepareFloat64Accumulator(spec.spec, { integer: true, exactInFormat: () => true, maxAbs: 100 });
    if (!acc.ok) throw new Error(acc.reason);
    // One row fold (k = rows) and one column fold, so each partial leaving row 1 is a finished output.
    const gemm = { m: 3, n: 2, k: 2 };
    const a = Float64Array.from([1, 2, 3, 4, 5, 6]);
    const b = Float64Array.from([7, -8, 9, 10]);
    const run = unwrap(runGemmRtl({ dataflow: "ws", rows: 2, cols: 2, macPipelineDepth: 2, gemm, a, b, acc: acc.acc, vcd: true }));
    const vcd = run.vcd!;
    expect(vcd).toContain("$enddefinitions $end");
    const codes = varCodes(vcd);
    for (const pe of ["pe_0_0", "pe_0_1", "pe_1_0", "pe_1_1"]) {
      for (const sig of ["stat", "stat_valid", "x", "x_valid", "product_0", "product_valid_0", "psum", "psum_valid", "load"]) {
        expect(codes.has(`stationary-array.${pe}.${sig}`), `${pe}.${sig}`).toBe(true);
      }
    }
    for (let j = 0; j < 2; j++) {
      const code = codes.get(`stationary-array.pe_1_${j}.psum`)!;
      for (let x = 0; x < 3; x++) {
        if (x === 2 && j === 1) continue; // committed at the last edge, never sampled
        const c = a[x * 2]! * b[j]! + a[x * 2 + 1]! * b[2 + j]!;
        expect(vcd, `C[${x}][${j}]`).toMatch(new RegExp(`^r${c} ${code.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`, "m"));
      }
    }
    // The dump ends one cycle after the last sample: the stepped cycles, which equal the closed form.
    expect(run.computeCycles).toBe(gemmSchedule("ws", gemm, 2, 2, 2).computeCycles);
    expect(vcd.trimEnd().split("\n").at(-1)).toBe(`#${run.computeCycles}`);
  });
});
