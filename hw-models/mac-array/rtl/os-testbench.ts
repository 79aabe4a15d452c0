import { elaborate, recordVcd } from "../../../sim/engine/index.js";
import { ok } from "../../../workloads/result.js";
import { foldSizes } from "../fold-schedule.js";
import { osArray } from "./os-array.js";
import type { MacArrayRtl, MacArrayRtlConfig, RtlGemmOperands, RtlGemmRun } from "./rtl-gemm.js";
import { addEngineActions, foldReset, foldWatchdogCycles, zeroActions } from "./testbench-support.js";

/**
 * Elaborate an output-stationary array (rows ← m, cols ← n, streamed over k) and its testbench. Per fold of
 * r rows and c columns: A[x][τ] is driven on row x's left edge in cycle x+τ and B[τ][y] on column y's top edge
 * in cycle y+τ (valid bits high only then); the fold ends on the cycle whose clock edge commits the bottom-right
 * used PE's k-th valid product (its `acc_valid` pulses; the skew makes it the last PE to finish); then the r×c
 * accumulators are drained in parallel into the output buffer. Inputs are not validated here (see runGemmRtl).
 */
export function createOsArrayRtl(config: MacArrayRtlConfig): MacArrayRtl {
  const { rows, cols, macPipelineDepth: depth, acc } = config;
  const sim = elaborate(osArray, { rows, cols, productStages: depth - 1, add: acc.add });
  const { aIn, aInValid, bIn, bInValid, pes } = sim.top;
  const reset = foldReset(
    sim,
    pes.flatMap((row) => row.map((pe) => pe.acc)),
    acc.zero,
    [...aInValid, ...bInValid].map((s) => [s, false] as const),
  );

  const runGemm = ({ gemm, a, b, vcd }: RtlGemmOperands) => {
    const { m, n, k } = gemm;
    const outputs = new Float64Array(m * n);
    const actions = zeroActions();
    const before = sim.actionTotals();
    const recorder = vcd ? recordVcd(sim) : undefined;
    let computeCycles = 0;
    let x0 = 0;
    for (const r of foldSizes(m, rows)) {
      let y0 = 0;
      for (const c of foldSizes(n, cols)) {
        reset();
        const last = pes[r - 1]![c - 1]!;
        const watchdog = foldWatchdogCycles(r, c, k, depth);
        let commits = 0;
        let t = 0;
        for (; ; t++) {
          if (t > watchdog) throw new Error(`os fold ${r}x${c}, k=${k}: no end after ${watchdog} cycles`);
          for (let i = 0; i < r; i++) {
            const tau = t - i;
            if (tau === 0) sim.poke(aInValid[i]!, true);
            if (tau >= 0 && tau < k) {
              sim.poke(aIn[i]!, a[(x0 + i) * k + tau]!);
              actions["sram-read-a"]++;
            } else if (tau === k) sim.poke(aInValid[i]!, false);
          }
          for (let j = 0; j < c; j++) {
            const tau = t - j;
            if (tau === 0) sim.poke(bInValid[j]!, true);
            if (tau >= 0 && tau < k) {
              sim.poke(bIn[j]!, b[tau * n + y0 + j]!);
              actions["sram-read-b"]++;
            } else if (tau === k) sim.poke(bInValid[j]!, false);
          }
          sim.step();
          if (sim.peek(last.accValid) && ++commits === k) break;
        }
        computeCycles += t + 1;
        for (let i = 0; i < r; i++) {
          for (let j = 0; j < c; j++) {
            outputs[(x0 + i) * n + y0 + j] = sim.peek(pes[i]![j]!.acc);
            actions["sram-write-out"]++;
          }
        }
        y0 += c;
      }
      x0 += r;
    }
    addEngineActions(actions, sim, before);
    const run: RtlGemmRun = { computeCycles, actions, outputs, peCycles: rows * cols * computeCycles };
    return ok(recorder ? { ...run, vcd: recorder.finish() } : run);
  };
  return { config, runGemm };
}
