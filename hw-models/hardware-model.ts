import type { Layer } from "../workloads/layer.js";
import type { Result } from "../workloads/result.js";
import type { Precision } from "./precision.js";
import type { AbsmaxMemo } from "./numerics/operand-source.js";
import type { OutputSample } from "./numerics/output-sample.js";
import type { CalibrationMethod } from "./numerics/gemm-numerics.js";

/** Whether a model can run a precision, with the reason when it cannot. */
export type Support = { ok: true } | { ok: false; reason: string };

export type EngineKind = "fast" | "rtl";
export type TimingMode = "pipelined" | "scalesim";
export type EnergyMode = "table" | "activity";

export interface SimOptions {
  /** `fast`: closed-form/event model; `rtl`: registers stepped every cycle (small cases). */
  readonly engine: EngineKind;
  readonly timing: TimingMode;
  /** Seed for the operand tensors and for sampling. */
  readonly seed: number;
  /** Fraction of output elements computed bit-exactly (1 = all, 0 = none: timing and cost only). Cycles and actions are always complete. */
  readonly sampleFraction: number;
  /** Record a VCD waveform (rtl engine only); the text is returned in the result. */
  readonly vcd?: boolean;
  /** Count register bit toggles for the activity energy mode. */
  readonly countToggles?: boolean;
  /** Whole-tensor absmax values shared across the precisions of one compare (they depend on the values only). */
  readonly absmaxMemo?: AbsmaxMemo;
  /** The fraction came from `--sample auto` (a budget): layers without a fast path may compute fewer outputs. */
  readonly sampleIsBudget?: boolean;
  readonly onProgress?: (doneMacs: number, totalMacs: number) => void;
}

/** Named action counts (mac, sram-read-ifmap, register-write, ...), summed over the run. */
export type ActionCounts = Readonly<Record<string, number>>;

/** Timing, actions and traffic of a run (one layer, or a whole workload). */
export interface RunTotals {
  readonly macs: number;
  readonly cycles: number;
  readonly computeCycles: number;
  readonly stallCycles: number;
  /** macs / (cycles · PEs). */
  readonly utilization: number;
  readonly actions: ActionCounts;
  readonly sramReadBytes: number;
  readonly sramWriteBytes: number;
  readonly dramBytes: number;
}

/** One layer's simulation: timing, traffic, actions and the bit-exact outputs. */
export interface LayerSimResult extends RunTotals {
  readonly layer: Layer;
  /** Bit toggles per register class, when counted (activity energy). */
  readonly toggles?: Readonly<Record<string, { toggledBits: number; registerBits: number }>>;
  /** Flat indices (repeat·m·n + i·n + j) of the output elements computed, ascending. */
  readonly outputIndices: Float64Array;
  /** The row × column grids those outputs form (error estimates account for their correlation). */
  readonly outputSample: OutputSample;
  /** How the per-tensor scales of A and B were calibrated. */
  readonly calibration: { readonly a: CalibrationMethod; readonly b: CalibrationMethod };
  /** Their dequantized values (float64), and the float64 reference from unquantized operands. */
  readonly outputValues: Float64Array;
  readonly referenceValues: Float64Array;
  /** The same quantized operands through an exact accumulator (splits the error into operand and accumulation parts). */
  readonly exactValues: Float64Array;
  readonly vcd?: string;
  /** GPUs: what bounds the layer's main loop (tensor, cuda-core, smem, l2 or dram). */
  readonly boundBy?: string;
}

export interface SimResult extends RunTotals {
  readonly modelId: string;
  readonly precisionId: string;
  readonly layers: readonly LayerSimResult[];
  /** SHA-256 over every computed output code, in layer and index order. */
  readonly outputsSha256: string;
  readonly sampleFraction: number;
  /** Outputs computed bit-exactly, and outputs of the workload. */
  readonly outputsComputed: number;
  readonly outputsTotal: number;
}

/** A cost figure with its unit and where the number comes from. */
export interface CostAssumption {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  readonly source: string;
}

export interface CostResult {
  readonly energyPj: number;
  readonly energyBreakdownPj: Readonly<Record<string, number>>;
  readonly energyPerMacPj: number;
  readonly areaUm2: number;
  readonly areaBreakdownUm2: Readonly<Record<string, number>>;
  readonly latencyUs: number;
  /** Every constant the figures above used, with its source. */
  readonly assumptions: readonly CostAssumption[];
  readonly energyMode: EnergyMode;
  readonly techNodeNm: number;
  /** The MAC unit alone (multiplier + accumulator, block-scale share), per MAC, at the same node. */
  readonly macUnit: {
    readonly component: string;
    readonly energyPj: number;
    readonly areaUm2: number;
    /** Its components (a dot unit's groups: multipliers, alignment shifters, adder tree, …), per MAC, same node. */
    readonly parts: readonly { readonly component: string; readonly energyPj: number; readonly areaUm2: number }[];
  };
}

export interface CostOptions {
  readonly energyMode: EnergyMode;
}

/**
 * The interface every substrate implements (ASIC MAC array, FPGA DSP chain, MCU SIMD, GPU tensor core).
 * Like Accelergy/Timeloop, `simulate` only counts actions and computes bits; `cost` prices the counts from
 * cited tables without simulating again.
 */
export interface HardwareModel<P> {
  readonly id: string;
  /** Substrate family, e.g. `mac-array`. */
  readonly kind: string;
  readonly params: P;
  readonly peCount: number;
  readonly clockMhz: number;
  supports(p: Precision): Support;
  /** Expected failures (unsupported precision, a reference run too large) come back as reasons. */
  simulate(layers: readonly Layer[], p: Precision, opts: SimOptions): Result<SimResult>;
  cost(sim: SimResult, p: Precision, opts: CostOptions): Result<CostResult>;
}
