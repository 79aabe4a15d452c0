import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import type { Precision } from "../precision.js";
import type { MacArrayAction } from "./fold-schedule.js";
import type { MacArrayParams } from "./params.js";

/** What the RTL engine returns for one layer (all repeats, every output). */
export interface RtlLayerRun {
  readonly computeCycles: number;
  readonly actions: Readonly<Record<MacArrayAction, number>>;
  /** Accumulator output codes of every output, flat index repeat·m·n + i·n + j. */
  readonly outputCodes: BigUint64Array;
  readonly vcd?: string;
}

/**
 * Runs one layer through the RTL engine with the same operands the fast model draws from `seed`. `p`'s accumulator
 * is the PE's (peAccumulator(spec, lanes)), as the fast model's numerics take it.
 */
export type RtlLayerRunner = (params: MacArrayParams, layer: Layer, p: Precision, seed: number, vcd: boolean) => Result<RtlLayerRun>;
