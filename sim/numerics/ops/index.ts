/**
 * Bit-exact arithmetic units: exact and rounded multiply and add, fused multiply-add, the tensor-core block
 * FMA, accumulator specs with presets, the reference dot product, and the fast table-driven dot kernels that
 * the tests prove equal to it (with `dotAuto`/`prepareDot` choosing between them).
 */
export type { ExactResult, OpResult } from "./op-result.js";
export { roundResult } from "./op-result.js";
export { emptyFlags, orFlags } from "./flags.js";
export { mul, mulCodes, mulRaw } from "./mul.js";
export { add, addRaw, addRounded } from "./add.js";
export { fma, fmaRaw } from "./fma.js";
export type { BlockFmaParams } from "./block-fma.js";
export { blockFma } from "./block-fma.js";
export type {
  AccumulatorDescription,
  AccumulatorKind,
  AccumulatorLookup,
  AccumulatorOverrides,
  AccumulatorPreset,
  AccumulatorSpec,
  ExactAccumulatorSpec,
  FloatAccumulatorSpec,
  IntAccumulatorSpec,
  IntOverflowMode,
  PromotedAccumulatorSpec,
  TensorCoreAccumulatorSpec,
} from "./accumulator.js";
export {
  ACCUMULATOR_PRESETS,
  accumulatorNames,
  accumulatorOutputFormat,
  applyOverrides,
  checkSpec,
  describeAccumulator,
  intAccumulatorFormat,
  resolveAccumulator,
} from "./accumulator.js";
export type { DotFormats, DotInit, DotOptions, DotOutcome, DotResult, Support } from "./dot.js";
export { accumulateProducts, dot, initialAccumulator, supportsDot } from "./dot.js";
// Fast path (sim/numerics/fast), re-exported so that callers need one import.
export type { ProductTable, ProductTableOutcome } from "../fast/product-table.js";
export { PRODUCT_TABLE_SIZE, buildProductTable, codeValues } from "../fast/product-table.js";
export type { FastDotResult } from "../fast/fast-result.js";
export type { FastDot, FastDotOutcome } from "../fast/fast-dot.js";
export { prepareFastDot } from "../fast/fast-dot.js";
export type { DotCodes, PreparedDot } from "../fast/dot-auto.js";
export { dotAuto, prepareDot } from "../fast/dot-auto.js";
