import type { Float64Accumulator } from "../../../sim/numerics/fast/accumulate-float64.js";
import type { Float64BlockAccumulator } from "../../../sim/numerics/fast/block-accumulate-float64.js";
import type { GemmShape } from "../../../workloads/layer.js";
import type { Result } from "../../../workloads/result.js";
import type { MacArrayAction } from "../fold-schedule.js";
import type { Dataflow } from "../params.js";

/**
 * The PE's register arithmetic: a MAC unit's (one product per cycle: MAC PEs) or a dot unit's (`lanes` products
 * per cycle, one block step: dot<n> PEs, n = lanes).
 */
export type PeAccumulator = Float64Accumulator | Float64BlockAccumulator;

/** Elements of K a PE takes per cycle: 1 for a MAC unit, n for a dot unit. */
export function peLanesOf(acc: PeAccumulator): number {
  return "addBlock" in acc ? acc.lanes : 1;
}

/**
 * An RTL MAC array to elaborate: geometry, dataflow, MAC pipeline depth and the PE's arithmetic, which also picks
 * the PE kind (a dot unit elaborates dot<n> PEs).
 */
export interface MacArrayRtlConfig {
  readonly dataflow: Dataflow;
  readonly rows: number;
  readonly cols: number;
  /** MAC pipeline depth d ≥ 1: d − 1 product registers between multiplier and accumulator. */
  readonly macPipelineDepth: number;
  readonly acc: PeAccumulator;
}

/**
 * One GEMM's operands: A row-major m×k and B row-major k×n element values (float64, products exact). A dot<n>
 * array maps K as ⌈k/n⌉ n-wide elements; the testbench drives zeros into the lanes past k.
 */
export interface RtlGemmOperands {
  readonly gemm: GemmShape;
  readonly a: Float64Array;
  readonly b: Float64Array;
  /**
   * Record a VCD waveform of every signal over the whole GEMM (sim/engine recordVcd: one sample per cycle before
   * its clock edge, so the value written at a fold's last edge is not in the dump; reset pokes show as reset values).
   */
  readonly vcd?: boolean;
}

/** Arguments of `runGemmRtl`: the array and the GEMM. */
export interface RtlGemmArgs extends MacArrayRtlConfig, RtlGemmOperands {}

/** What the RTL engine measured for one GEMM (one repeat). */
export interface RtlGemmRun {
  /** Sum over folds of the stepped cycles of each fold (no overlap between folds). */
  readonly computeCycles: number;
  /** PE actions counted by the engine plus edge SRAM actions counted by the testbench. */
  readonly actions: Readonly<Record<MacArrayAction, number>>;
  /** C (m×n, row-major) as accumulator register values; `acc.code` gives the codes. */
  readonly outputs: Float64Array;
  /** rows · cols · computeCycles. */
  readonly peCycles: number;
  /** The waveform when `vcd` was asked for. */
  readonly vcd?: string;
}

/** An elaborated RTL MAC array, reused for any number of GEMMs (state is reset before every fold). */
export interface MacArrayRtl {
  readonly config: MacArrayRtlConfig;
  runGemm(operands: RtlGemmOperands): Result<RtlGemmRun>;
}
