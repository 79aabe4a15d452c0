import { elaborate, recordVcd, type Input, type Reg, type Simulator } from "../../../sim/engine/index.js";
import { ok } from "../../../workloads/result.js";
import { foldSizes, mapGemm, type MacArrayAction } from "../fold-schedule.js";
import { stationaryArray } from "./stationary-array.js";
import { stationaryDotArray } from "./stationary-dot-array.js";
import { peLanesOf, type MacArrayRtl, type MacArrayRtlConfig, type RtlGemmOperands, type RtlGemmRun } from "./rtl-gemm.js";
import { addEngineActions, foldReset, foldWatchdogCycles, zeroActions } from "./testbench-support.js";

/** What the testbench drives and reads, for either PE kind: tile and stream edges lane by lane (one lane for MAC PEs). */
interface StationaryEdges {
  readonly load: Input<boolean>;
  readonly statIn: readonly (readonly Input<number>[])[];
  readonly statInValid: readonly Input<boolean>[];
  readonly xIn: readonly (readonly Input<number>[])[];
  readonly xInValid: readonly Input<boolean>[];
  readonly psumIn: readonly Input<number>[];
  readonly pes: readonly (readonly { readonly psum: Reg<number>; readonly psumValid: Reg<boolean> }[])[];
}

/** Elaborate the MAC-PE array (stationary-array.ts) or, for a dot unit, the dot-PE array (stationary-dot-array.ts). */
function elaborateStationary(config: MacArrayRtlConfig): { sim: Simulator<unknown>; edges: StationaryEdges } {
  const { rows, cols, macPipelineDepth: depth, acc } = config;
  const productStages = depth - 1;
  if ("addBlock" in acc) {
    const sim = elaborate(stationaryDotArray, { rows, cols, productStages, lanes: acc.lanes, addBlock: acc.addBlock });
    return { sim, edges: sim.top };
  }
  const sim = elaborate(stationaryArray, { rows, cols, productStages, add: acc.add });
  const top = sim.top;
  return { sim, edges: { ...top, statIn: top.statIn.map((s) => [s]), xIn: top.xIn.map((s) => [s]) } };
}

/**
 * Elaborate a weight- or input-stationary array and its testbench (rows ← k; ws: cols ← n, streamed over m, B
 * stationary; is: cols ← m, streamed over n, A^T stationary, B^T streamed, outputs transposed back).
 * With n-lane PEs (dot<n>; MAC PEs have one lane) K is mapped as ⌈k/n⌉ n-wide elements: wide row i holds
 * elements i·n … i·n + n − 1 of K, and the lanes past k carry zeros (zero products leave a dot step unchanged).
 * Per fold of r rows and c columns (cycles from 0):
 * - cycles 0..r−1: `load` is high and column j's top edge carries the tile element for row r−1−t, so after r
 *   cycles row i holds its element;
 * - the streamed element (τ, row i) is driven on row i's left edge in cycle r+τ+i;
 * - every cycle the output buffer takes each valid partial sum from the fold's last row (row r−1), in τ order per
 *   column: out = first row fold ? partial : combine(out, partial);
 * - the fold ends on the cycle whose clock edge commits its last partial sum (c·T partials taken).
 * SRAM actions count n-wide elements. Inputs are not validated here (see runGemmRtl).
 */
export function createStationaryArrayRtl(config: MacArrayRtlConfig): MacArrayRtl {
  const { dataflow, rows, cols, macPipelineDepth: depth, acc } = config;
  if (dataflow === "os") throw new Error("createStationaryArrayRtl: os has its own array");
  const lanes = peLanesOf(acc);
  const { sim, edges } = elaborateStationary(config);
  const { load, statIn, statInValid, xIn, xInValid, psumIn, pes } = edges;
  for (const s of psumIn) sim.poke(s, acc.zero);
  const reset = foldReset(
    sim,
    pes.flatMap((row) => row.map((pe) => pe.psum)),
    acc.zero,
    [load, ...statInValid, ...xInValid].map((s) => [s, false] as const),
  );
  const ws = dataflow === "ws";
  const readStat: MacArrayAction = ws ? "sram-read-b" : "sram-read-a";
  const readStream: MacArrayAction = ws ? "sram-read-a" : "sram-read-b";
  const taken = new Int32Array(cols);

  const runGemm = ({ gemm, a, b, vcd }: RtlGemmOperands) => {
    const { m, n, k } = gemm;
    const { x: xLen, y: yLen, t: tLen } = mapGemm(dataflow, { m, n, k: Math.ceil(k / lanes) });
    // Flat-index strides: tile element (row i, col j), streamed element (τ, row i), output (τ, col j).
    const stat = ws ? b : a;
    const [statRow, statCol] = ws ? [n, 1] : [1, k];
    const stream = ws ? a : b;
    const [streamT, streamRow] = ws ? [k, 1] : [1, n];
    const [outT, outCol] = ws ? [n, 1] : [1, n];
    const outputs = new Float64Array(m * n);
    const actions = zeroActions();
    const before = sim.actionTotals();
    const recorder = vcd ? recordVcd(sim) : undefined;
    let computeCycles = 0;
    let x0 = 0;
    for (const r of foldSizes(xLen, rows)) {
      let y0 = 0;
      for (const c of foldSizes(yLen, cols)) {
        reset();
        taken.fill(0);
        const bottom = pes[r - 1]!;
        const expected = c * tLen;
        const watchdog = foldWatchdogCycles(2 * r, c, tLen, depth);
        let collected = 0;
        let t = 0;
        for (; ; t++) {
          if (t > watchdog) throw new Error(`${dataflow} fold ${r}x${c}, T=${tLen}: no end after ${watchdog} cycles`);
          if (t === 0) {
            sim.poke(load, true);
            for (let j = 0; j < c; j++) sim.poke(statInValid[j]!, true);
          }
          if (t < r) {
            const i = r - 1 - t;
            const k0 = (x0 + i) * lanes;
            for (let j = 0; j < c; j++) {
              const edge = statIn[j]!;
              const col = (y0 + j) * statCol;
              for (let l = 0; l < lanes; l++) sim.poke(edge[l]!, k0 + l < k ? stat[(k0 + l) * statRow + col]! : 0);
              actions[readStat]++;
            }
          } else if (t === r) {
            sim.poke(load, false);
            for (let j = 0; j < c; j++) sim.poke(statInValid[j]!, false);
          }
          for (let i = 0; i < r; i++) {
            const tau = t - r - i;
            if (tau === 0) sim.poke(xInValid[i]!, true);
            if (tau >= 0 && tau < tLen) {
              const edge = xIn[i]!;
              const k0 = (x0 + i) * lanes;
              for (let l = 0; l < lanes; l++) sim.poke(edge[l]!, k0 + l < k ? stream[tau * streamT + (k0 + l) * streamRow]! : 0);
              actions[readStream]++;
            } else if (tau === tLen) sim.poke(xInValid[i]!, false);
          }
          sim.step();
          for (let j = 0; j < c; j++) {
            const pe = bottom[j]!;
            if (!sim.peek(pe.psumValid)) continue;
            const o = taken[j]!++ * outT + (y0 + j) * outCol;
            const partial = sim.peek(pe.psum);
            if (x0 === 0) outputs[o] = partial;
            else {
              actions["sram-read-out"]++;
              outputs[o] = acc.combine(outputs[o]!, partial);
            }
            actions["sram-write-out"]++;
            collected++;
          }
          if (collected === expected) break;
        }
        computeCycles += t + 1;
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
