import type { LayerSimResult, SimResult } from "./hardware-model.js";
import type { GemmNumerics } from "./numerics/gemm-numerics.js";
import { hashCodes } from "./numerics/gemm-numerics.js";

/** A layer result that carries its computed output codes (every substrate's does). */
export interface CodedLayerResult extends LayerSimResult {
  readonly outputCodes: BigUint64Array;
  readonly outputBits: number;
}

/**
 * A whole run from its layers, as every substrate totals it: cycles, actions and traffic summed, the output
 * hash over every layer's codes, and utilization = MACs / Σ `macSlots` (the MACs the hardware could have done
 * in each layer's cycles: PEs × cycles on an array, SMs × the MMA kind's rate × cycles on a GPU, …).
 */
export function summarizeRun<L extends CodedLayerResult>(
  modelId: string,
  precisionId: string,
  layers: readonly L[],
  sampleFraction: number,
  macSlots: (l: L) => number,
): SimResult & { readonly layers: readonly L[] } {
  const sum = (f: (l: L) => number) => layers.reduce((s, l) => s + f(l), 0);
  const actions: Record<string, number> = {};
  for (const l of layers) for (const [k, v] of Object.entries(l.actions)) actions[k] = (actions[k] ?? 0) + v;
  const macs = sum((l) => l.macs);
  const slots = sum(macSlots);
  return {
    modelId,
    precisionId,
    layers,
    macs,
    cycles: sum((l) => l.cycles),
    computeCycles: sum((l) => l.computeCycles),
    stallCycles: sum((l) => l.stallCycles),
    utilization: slots > 0 ? macs / slots : 0,
    actions,
    sramReadBytes: sum((l) => l.sramReadBytes),
    sramWriteBytes: sum((l) => l.sramWriteBytes),
    dramBytes: sum((l) => l.dramBytes),
    outputsSha256: hashCodes(layers.map((l) => ({ codes: l.outputCodes, bits: l.outputBits }))),
    sampleFraction,
    outputsComputed: sum((l) => l.outputSample.count),
    outputsTotal: sum((l) => l.outputSample.total),
  };
}

/**
 * The fields of a layer result that come from its numerics: which outputs were computed, their sample, values,
 * float64 reference, exact-accumulator values and codes (bits from the accumulator's format; an empty sample has
 * no format and no codes).
 */
export function layerOutputs(num: GemmNumerics): Pick<CodedLayerResult, "outputIndices" | "outputSample" | "calibration" | "outputValues" | "referenceValues" | "exactValues" | "outputCodes" | "outputBits"> {
  return {
    outputIndices: num.indices,
    outputSample: num.sample,
    calibration: num.calibration,
    outputValues: num.values,
    referenceValues: num.reference,
    exactValues: num.exact,
    outputCodes: num.codes,
    outputBits: num.outputFormat?.bits ?? 64,
  };
}
