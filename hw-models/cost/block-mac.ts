/** MX / NVFP4 block MAC: the element MAC plus the block-scale unit amortised over the block size. */
import { fail, ok, type Result } from "../../workloads/result.js";
import type { AccumulatorCostSpec } from "./accumulator.js";
import { compose, scaleCost, type ComponentCost } from "./estimate.js";
import { defaultAccumulator, macUnitCost } from "./mac-unit.js";
import { describeOperand, type OperandCostSpec } from "./operand.js";
import { scaleUnitCost, type BlockScaleCostSpec } from "./scale-unit.js";

/**
 * Per-MAC cost of a block-scaled dot product: element MAC a × b into the block accumulator, plus
 * (scale unit) / blockSize. Energy pJ per MAC, area µm² per MAC lane (one scale unit shared by blockSize lanes).
 */
export function blockMacCost(
  a: OperandCostSpec,
  b: OperandCostSpec,
  block: BlockScaleCostSpec,
  accumulator: AccumulatorCostSpec = defaultAccumulator(a, b),
): Result<ComponentCost> {
  if (!Number.isInteger(block.blockSize) || block.blockSize < 1) return fail(`block size must be a positive integer, got ${block.blockSize}`);
  const mac = macUnitCost(a, b, accumulator);
  if (!mac.ok) return mac;
  const unit = scaleUnitCost(block.scale, accumulator);
  if (!unit.ok) return unit;
  const amortised = scaleCost(unit.value, 1 / block.blockSize, `one scale unit per block of ${block.blockSize}`);
  return ok(compose(`block-mac(${describeOperand(a)}x${describeOperand(b)}, ${describeOperand(block.scale)}/${block.blockSize})`, [mac.value, amortised]));
}
