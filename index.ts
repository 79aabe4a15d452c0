/**
 * hwsim's library entry point (`import { ... } from "hwsim"`): the main API of each layer.
 * Deeper modules stay importable by path under dist/ (see README, Library API).
 */
export type { Raw } from "./sim/numerics/raw.js";
export type { ScalarFormat, FloatFormat, IntFormat } from "./sim/numerics/formats/format.js";
export { lookupScalar, NAMED_SCALARS } from "./sim/numerics/formats/registry.js";
export type { BlockFormat } from "./sim/numerics/formats/block.js";
export { lookupBlock, NAMED_BLOCKS } from "./sim/numerics/formats/block.js";
export { encode, decode, convert } from "./sim/numerics/codec.js";
export type { EncodeOptions, Encoded, Flags } from "./sim/numerics/round-pack.js";
export type { RoundingMode } from "./sim/numerics/rounding.js";
export { parseNumber, rawToDecimal } from "./sim/numerics/decimal.js";
export { fromFloat64, toFloat64 } from "./sim/numerics/float64.js";
export { quantizeBlocks } from "./sim/numerics/block-quantize.js";
export { float64Encoder } from "./sim/numerics/fast/encode-float64.js";
export type { AccumulatorSpec } from "./sim/numerics/ops/accumulator.js";
export { resolveAccumulator, ACCUMULATOR_PRESETS } from "./sim/numerics/ops/accumulator.js";
export { dot } from "./sim/numerics/ops/dot.js";
export { createPrng } from "./sim/prng.js";
export { defineModule, elaborate, recordVcd } from "./sim/engine/index.js";

export type { Layer, Workload } from "./workloads/layer.js";
export { lookupWorkload } from "./workloads/registry.js";
export { parseScaleSimTopology } from "./workloads/scalesim-topology.js";
export { parseNpy } from "./workloads/tensors/npy.js";
export { parseSafetensors } from "./workloads/tensors/safetensors.js";

export type { HardwareModel, SimOptions, SimResult, CostResult } from "./hw-models/hardware-model.js";
export type { Precision } from "./hw-models/precision.js";
export { parsePrecision } from "./hw-models/precision.js";
export { lookupHardware } from "./hw-models/registry.js";

export { runCompare } from "./reports/compare.js";
export { renderMarkdown } from "./reports/markdown.js";
export { errorMetrics } from "./reports/metrics.js";
export { paretoFront } from "./reports/pareto.js";

export { main } from "./cli/main.js";
