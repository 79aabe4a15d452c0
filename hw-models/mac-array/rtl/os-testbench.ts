import { elaborate, recordVcd, type Input, type Reg, type Simulator } from "../../../sim/engine/index.js";
import { ok } from "../../../workloads/result.js";
import { foldSizes } from "../fold-schedule.js";
import { osArray } from "./os-array.js";
import { osDotArray } from "./os-dot-array.js";
import { peLanesOf, type MacArrayRtl, type MacArrayRtlConfig, type RtlGemmOperands, type RtlGemmRun } from "./rtl-gemm.js";
import { addEngineActions, foldReset, foldWatchdogCycles, zeroActions } from "./testbench-support.js";

/** What the testbench drives and reads, for either PE kind: A and B edges lane by lane (one lane for MAC PEs). */
interface OsEdges {
  readonly aIn: readonly (readonly Input<number>[])[];
  readonly aInValid: readonly Input<boolean>[];
  readonly bIn: readonly (readonly Input<number>[])[];
  readonly bInValid: readonly Input<boolean>[];
  readonly pes: readonly (readonly { readonly acc: Reg<number>; readonly accValid: Reg<boolean> }[])[];
}

/** Elaborate the MAC-PE array (os-array.ts) or, for a dot unit, the dot-PE array (os-dot-array.ts). */
function elaborateOs(config: MacArrayRtlConfig): { sim: Simulator<unknown>; edges: OsEdges } {
  const { rows, cols, macPipelineDepth: depth, acc } = config;
  const productStages = depth - 1;
  if ("addBlock" in acc) {
    const sim = elaborate(osDotArray, { rows, cols, productStages, lanes: acc.lanes, addBlock: acc.addBlock });
    return { sim, edges: sim.top };
  }
  const sim = elaborate(osArray, { rows, cols, productStages, add: acc.add });
  const top = sim.top;
  return { sim, edges: { ...top, aIn: top.aIn.map((s) => [s]), bIn: top.bIn.map((s) => [s]) } };
}

/**
 * Elaborate an output-stationary array (rows ← m, cols ← n, streamed over k) and its testbench. With n-lane PEs
 * (dot<n>; MAC PEs have one lane) K streams as T = ⌈k/n⌉ n-wide elements, element τ holding k-indices
 * τ·n … τ·n + n − 1 and zeros in the lanes past k (zero products leave a dot step unchanged). Per fold of
 * r rows and c columns: A[x][τ] is driven on row x's left edge in cycle x+τ and B[τ][y] on column y's top edge
 * in cycle y+τ (valid bits high only then); the fold ends on the cycle whose clock edge commits the bottom-right
 * used PE's T-th valid step (its `acc_valid` pulses; the skew makes it the last PE to finish); then the r×c
 * accumulators are drained in parallel into the output buffer. SRAM actions count n-wide elements. Inputs are not
 * validated here (see runGemmRtl).
 */
export function createOsArrayRtl(config: MacArrayRtlConfig): MacArrayRtl {
  const { rows, cols, macPipelineDepth: depth, acc } = config;
  const lanes = peLanesOf(acc);
  const { sim, edges } = elaborateOs(config);
  const { aIn, aInValid, bIn, bInValid, pes } = edges;
  const reset = foldReset(
    sim,
    pes.flatMap((row) => row.map((pe) => pe.acc)),
    acc.zero,
    [...aInValid, ...bInValid].map((s) => [s, false] as const),
  );

  const runGemm = ({ gemm, a, b, vcd }: RtlGemmOperands) => {
    const { m, n, k } = gemm;
    const tLen = Math.ceil(k / lanes);
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
        const watchdog = foldWatchdogCycles(r, c, tLen, depth);
        let commits = 0;
        let t = 0;
        for (; ; t++) {
          if (t > watchdog) throw new Error(`os fold ${r}x${c}, T=${tLen}: no end after ${watchdog} cycles`);
          for (let i = 0; i < r; i++) {
            const tau = t - i;
            if (tau === 0) sim.poke(aInValid[i]!, true);
            if (tau >= 0 && tau < tLen) {
              const edge = aIn[i]!;
              const row = (x0 + i) * k;
              const k0 = tau * lanes;
              for (let l = 0; l < lanes; l++) sim.poke(edge[l]!, k0 + l < k ? a[row + k0 + l]! : 0);
              actions["sram-read-a"]++;
            } else if (tau === tLen) sim.poke(aInValid[i]!, false);
          }
          for (let j = 0; j < c; j++) {
            const tau = t - j;
            if (tau === 0) sim.poke(bInValid[j]!, true);
            if (tau >= 0 && tau < tLen) {
              const edge = bIn[j]!;
              const k0 = tau * lanes;
              for (let l = 0; l < lanes; l++) sim.poke(edge[l]!, k0 + l < k ? b[(k0 + l) * n + y0 + j]! : 0);
              actions["sram-read-b"]++;
            } else if (tau === tLen) sim.poke(bInValid[j]!, false);
          }
          sim.step();
          if (sim.peek(last.accValid) && ++commits === tLen) break;
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
