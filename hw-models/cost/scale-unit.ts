/**
 * The block-scale unit of MX / NVFP4 dot products: it combines the two operands' block scales and applies the
 * result to the block's partial sum, then merges the scaled partial into the running accumulator. It runs once
 * per block, so a block MAC amortises it over the block size.
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { describeAccumulator, FP32_WIDTHS, type AccumulatorCostSpec, type FloatWidths } from "./accumulator.js";
import { compose, type ComponentCost } from "./estimate.js";
import { floatAdderCost } from "./float-adder.js";
import { floatMultiplierCost, normaliseRoundCost } from "./float-multiplier.js";
import { intAdderCost } from "./int-adder.js";
import { intMultiplierCost } from "./int-multiplier.js";
import { checkOperand, describeOperand, type OperandCostSpec } from "./operand.js";
import { accumulatorRegisterCost } from "./register.js";
import { shifterCost } from "./shifter.js";

/** A block-scaled format's scale: its scale element and block size. */
export interface BlockScaleCostSpec {
  readonly scale: OperandCostSpec;
  readonly blockSize: number;
}

/** OCP MX v1.0: E8M0 scale shared by 32 elements (REFERENCES §3). */
export const MX_BLOCK_SCALE: BlockScaleCostSpec = { scale: { kind: "float", expBits: 8, manBits: 0, signed: false }, blockSize: 32 };

/** NVFP4: E4M3 scale per 16 E2M1 elements (REFERENCES §3); the optional per-tensor fp32 scale is per output, not per MAC. */
export const NVFP4_BLOCK_SCALE: BlockScaleCostSpec = { scale: { kind: "float", expBits: 4, manBits: 3 }, blockSize: 16 };

/** The partial sum a block produces, as the scale unit sees it. */
type PartialSum = { readonly kind: "float"; readonly widths: FloatWidths } | { readonly kind: "fixed"; readonly bits: number };

function partialSum(acc: AccumulatorCostSpec): PartialSum {
  switch (acc.kind) {
    case "float":
      return { kind: "float", widths: acc };
    case "block-fma":
      return { kind: "float", widths: acc.output ?? FP32_WIDTHS };
    default:
      return { kind: "fixed", bits: acc.bits };
  }
}

/**
 * One block-scale unit: shared-exponent add (or scale multiply), scale application to the partial sum, and the
 * merge of the scaled partial into the running accumulator. Energy pJ per block, area µm².
 */
export function scaleUnitCost(scale: OperandCostSpec, accumulator: AccumulatorCostSpec): Result<ComponentCost> {
  checkOperand(scale);
  if (scale.kind !== "float") return fail(`block scale must be a float (E8M0, E4M3…), got ${describeOperand(scale)}`);
  const powerOfTwo = scale.manBits === 0;
  const ps = scale.manBits + 1;
  const combine: ComponentCost = powerOfTwo
    ? intAdderCost(scale.expBits + 1, "operands", `shared-exponent-add(${scale.expBits + 1}b)`)
    : floatMultiplierCost(scale, scale, { productExact: true });
  const sum = partialSum(accumulator);
  const apply: ComponentCost[] = [];
  const merge: ComponentCost[] = [];
  if (sum.kind === "float") {
    const { expBits, manBits } = sum.widths;
    if (powerOfTwo) {
      apply.push(intAdderCost(expBits + 1, "accumulator", `scale-exponent-add(${expBits + 1}b)`));
    } else {
      apply.push(
        intMultiplierCost(manBits + 1, 2 * ps, "accumulator", `scale-significand-multiplier(${manBits + 1}x${2 * ps}b)`),
        intAdderCost(expBits + 2, "accumulator", `scale-exponent-add(${expBits + 2}b)`),
        normaliseRoundCost(manBits + 1, "accumulator"),
      );
    }
    merge.push(floatAdderCost(expBits, manBits, "accumulator", `block-merge-adder(e${expBits}m${manBits})`), accumulatorRegisterCost(1 + expBits + manBits));
  } else {
    if (!Number.isInteger(sum.bits) || sum.bits < 2) return fail(`fixed-point partial sum needs ≥ 2 bits, got ${sum.bits}`);
    if (!powerOfTwo) apply.push(intMultiplierCost(sum.bits, 2 * ps, "accumulator", `scale-multiplier(${sum.bits}x${2 * ps}b)`));
    apply.push(shifterCost(sum.bits, "accumulator", `scale-shift(${sum.bits}b)`));
    merge.push(intAdderCost(sum.bits, "accumulator", `block-merge-adder(${sum.bits}b)`), accumulatorRegisterCost(sum.bits));
  }
  return ok(compose(`scale-unit(${describeOperand(scale)} -> ${describeAccumulator(accumulator)})`, [combine, ...apply, ...merge]));
}
