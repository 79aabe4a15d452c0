/**
 * A multiply-accumulate unit composed from its parts: the multiplier (integer array, or float significand array +
 * exponent adder with an exact product) and the accumulator. A format is priced by its datapath, never by its
 * bit width alone.
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { accumulatorCost, describeAccumulator, FP32_WIDTHS, type AccumulatorCostSpec, type ProductShape } from "./accumulator.js";
import { compose, type ComponentCost } from "./estimate.js";
import { floatMultiplierCost } from "./float-multiplier.js";
import { intMultiplierCost } from "./int-multiplier.js";
import { checkOperand, describeOperand, exponentBits, significandBits, type OperandCostSpec } from "./operand.js";

/**
 * Default accumulator (documented choice, same rule as hw-models/precision.ts): integers of ≤ 8 bits → int32, as
 * in Qualcomm's INT8 baseline (arXiv:2303.17951) and NVIDIA INT8/INT4 tensor ops; wider integers → a 48-bit
 * DSP-style register (or the product width if wider); any float operand → fp32, the usual FP8 GEMM accumulator
 * (H100/B200 FP8 accumulate into fp32, REFERENCES §4).
 */
export function defaultAccumulator(a: OperandCostSpec, b: OperandCostSpec = a): AccumulatorCostSpec {
  if (a.kind === "int" && b.kind === "int") {
    return { kind: "int", bits: a.bits <= 8 && b.bits <= 8 ? 32 : Math.max(48, a.bits + b.bits) };
  }
  return { kind: "float", ...FP32_WIDTHS };
}

/** The exact product a × b as it reaches the accumulator. */
export function productShape(a: OperandCostSpec, b: OperandCostSpec): ProductShape {
  const e = Math.max(exponentBits(a), exponentBits(b));
  return {
    kind: a.kind === "int" && b.kind === "int" ? "int" : "float",
    significandBits: significandBits(a) + significandBits(b),
    exponentBits: e === 0 ? 0 : e + 2,
  };
}

/** The multiplier of a MAC: integer array, or float multiplier passing the exact product on. */
export function macMultiplierCost(a: OperandCostSpec, b: OperandCostSpec = a): ComponentCost {
  checkOperand(a);
  checkOperand(b);
  if (a.kind === "int" && b.kind === "int") return intMultiplierCost(a.bits, b.bits, "operands", `multiplier(int${a.bits}xint${b.bits})`);
  return floatMultiplierCost(a, b, { productExact: true });
}

/**
 * A MAC unit a × b → accumulator: energy (pJ per MAC) and area (µm²) at 45 nm, 0.9 V, with its breakdown.
 * @param accumulator defaults to {@link defaultAccumulator}
 */
export function macUnitCost(
  a: OperandCostSpec,
  b: OperandCostSpec = a,
  accumulator: AccumulatorCostSpec = defaultAccumulator(a, b),
): Result<ComponentCost> {
  const mult = macMultiplierCost(a, b);
  const acc = accumulatorCost(accumulator, productShape(a, b));
  if (!acc.ok) return fail(`mac ${describeOperand(a)}×${describeOperand(b)}: ${acc.reason}`);
  return ok(compose(`mac(${describeOperand(a)}x${describeOperand(b)} -> ${describeAccumulator(accumulator)})`, [mult, acc.value]));
}
