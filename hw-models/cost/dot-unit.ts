/**
 * An n-term dot-product unit, composed from its parts (the datapath of tensor cores and of OCP MX dot products:
 * Fasi et al., PeerJ CS 2021; Rouhani et al., ISCA 2023; OCP MX v1.0 §6): n exact element products, aligned to
 * the largest product exponent in fixed point, summed in an adder tree, normalised once and added to the
 * accumulator once per n products; block scales are combined and applied once per block. Per-MAC figures are the
 * unit's divided by n (and per-block parts by the block size), so a dot unit compares with a MAC unit directly.
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { FP32_WIDTHS, type FloatWidths } from "./accumulator.js";
import { compose, scaleCost, type ComponentCost } from "./estimate.js";
import { floatAdderCost } from "./float-adder.js";
import { intAdderCost } from "./int-adder.js";
import { intMultiplierCost } from "./int-multiplier.js";
import { checkOperand, describeOperand, exponentBits, significandBits, type OperandCostSpec } from "./operand.js";
import { accumulatorRegisterCost, pipelineRegisterCost } from "./register.js";
import type { BlockScaleCostSpec } from "./scale-unit.js";
import { lzcNormaliserCost, shifterCost } from "./shifter.js";

/** The register a dot unit adds into once per n products. */
export type DotAccumulatorCostSpec = { readonly kind: "int"; readonly bits: number } | ({ readonly kind: "float" } & FloatWidths);

export interface DotUnitCostSpec {
  readonly lanes: number;
  readonly accumulator: DotAccumulatorCostSpec;
  /** Bits kept below the accumulator's fraction when aligning (the PE's stated alignment width minus fracBits + 1). */
  readonly extraAlignBits: number;
  /** Block-scaled operands: their scale element and block size. */
  readonly block?: BlockScaleCostSpec;
  /**
   * The aligned width, when the semantics fix it: a tensor-core block FMA aligns the register with the products,
   * so every product needs the full register width whatever its own range. Default: `alignmentBits`.
   */
  readonly alignBits?: number;
}

/** The named groups a dot unit is reported in (the component table of the report). */
export const DOT_UNIT_GROUPS = [
  "multipliers",
  "exponent adders",
  "exponent max tree",
  "alignment shifters",
  "adder tree",
  "normalise and round",
  "accumulator",
  "scale path",
  "pipeline registers",
] as const;
export type DotUnitGroup = (typeof DOT_UNIT_GROUPS)[number];

/**
 * Binades a float operand spans from its smallest subnormal to its largest normal, ≈ (2^E − 1) + M − 1 (exact
 * for E4M3 and E2M1, one binade over for IEEE formats, whose all-ones exponent is special).
 */
function spanBinades(op: OperandCostSpec): number {
  return op.kind === "int" ? 0 : 2 ** op.expBits - 1 + op.manBits - 1;
}

/**
 * Fixed-point width the products are aligned into: the exact window of a product (its significand plus the
 * binades two operands span together) when that fits the accumulator's fraction + 1 + extra bits, else that
 * cap (products below it are truncated, as tensor cores do). E2M1 products need 4 + 2·3 = 10 bits: exact.
 */
export function alignmentBits(a: OperandCostSpec, b: OperandCostSpec, acc: DotAccumulatorCostSpec, extraAlignBits: number): number {
  if (a.kind === "int" && b.kind === "int") return a.bits + b.bits;
  const window = significandBits(a) + significandBits(b) + spanBinades(a) + spanBinades(b);
  const cap = acc.kind === "float" ? acc.manBits + 1 + extraAlignBits : acc.bits;
  return Math.min(window, cap);
}

/**
 * Per-MAC cost of a dot<n> unit a × b, with its parts grouped as DOT_UNIT_GROUPS (each group a direct part of
 * the result, in that order; groups that do not apply are omitted). Energy pJ per MAC, area µm² per MAC lane.
 */
export function dotUnitCost(a: OperandCostSpec, b: OperandCostSpec, spec: DotUnitCostSpec): Result<ComponentCost> {
  checkOperand(a);
  checkOperand(b);
  const n = spec.lanes;
  if (!Number.isInteger(n) || n < 2 || n > 64) return fail(`dot unit lanes must be 2–64, got ${n}`);
  const integer = a.kind === "int" && b.kind === "int";
  // Integer elements sum exactly in the tree; with block scales (MXINT8) the scaled sum goes into a float register
  // through the tree's normaliser, as float products do. Unscaled integers keep an integer register.
  const blockInts = integer && spec.block !== undefined && spec.accumulator.kind === "float";
  if (integer !== (spec.accumulator.kind === "int") && !blockInts) {
    return fail(`a dot unit of ${describeOperand(a)}×${describeOperand(b)} needs ${integer ? "an integer" : "a float"} accumulator`);
  }
  const per = (c: ComponentCost, count: number, why: string) => scaleCost(c, count / n, why);
  const group = (name: DotUnitGroup, parts: ComponentCost[]) => compose(name, parts);
  const carry = Math.ceil(Math.log2(n));
  const w = spec.alignBits ?? alignmentBits(a, b, spec.accumulator, spec.extraAlignBits);
  const treeBits = w + carry;
  const groups: ComponentCost[] = [];
  groups.push(group("multipliers", [intMultiplierCost(significandBits(a), significandBits(b), "operands", `significand-multiplier(${significandBits(a)}x${significandBits(b)}b)`)]));
  if (!integer) {
    const e = Math.max(exponentBits(a), exponentBits(b)) + 2;
    groups.push(group("exponent adders", [intAdderCost(e, "operands", `product-exponent-adder(${e}b)`)]));
    groups.push(group("exponent max tree", [per(intAdderCost(e, "operands", `exponent-compare(${e}b)`), n - 1, `${n - 1} comparators per ${n} products`)]));
    groups.push(group("alignment shifters", [shifterCost(w, "operands", `alignment-shifter(${w}b)`)]));
  }
  groups.push(group("adder tree", [per(intAdderCost(treeBits, "operands", `tree-adder(${treeBits}b)`), n - 1, `${n - 1} adders per ${n} products`)]));
  const acc = spec.accumulator;
  if (acc.kind === "float") {
    // The tree sum is normalised once (leading-zero count and shift); it is rounded once, by the accumulator's
    // float adder, which has its own rounding stage.
    groups.push(group("normalise and round", [
      per(lzcNormaliserCost(treeBits, "accumulator", `tree-lzc-normaliser(${treeBits}b)`), 1, `once per ${n} products`),
    ]));
    groups.push(group("accumulator", [
      per(floatAdderCost(acc.expBits, acc.manBits, "accumulator", `accumulate-float-adder(e${acc.expBits}m${acc.manBits})`), 1, `once per ${n} products`),
      per(accumulatorRegisterCost(1 + acc.expBits + acc.manBits), 1, `once per ${n} products`),
    ]));
  } else {
    if (acc.bits < treeBits) return fail(`int${acc.bits} accumulator is narrower than the ${treeBits}-bit tree sum`);
    groups.push(group("accumulator", [
      per(intAdderCost(acc.bits, "accumulator", `accumulate-adder(${acc.bits}b)`), 1, `once per ${n} products`),
      per(accumulatorRegisterCost(acc.bits), 1, `once per ${n} products`),
    ]));
  }
  if (spec.block) {
    const scale = scalePath(spec.block, treeBits, n);
    if (!scale.ok) return scale;
    groups.push(scale.value);
  }
  groups.push(group("pipeline registers", [per(pipelineRegisterCost(treeBits), 1, `tree-sum register, once per ${n} products`)]));
  const blockLabel = spec.block ? `, ${describeOperand(spec.block.scale)}/${spec.block.blockSize}` : "";
  return ok(compose(`dot${n}(${describeOperand(a)}x${describeOperand(b)}${blockLabel} -> ${acc.kind === "int" ? `int${acc.bits}` : `e${acc.expBits}m${acc.manBits}`})`, groups));
}

/**
 * The scale path of block-scaled operands: the two block scales are combined once per block (E8M0: an exponent
 * add; E4M3: a 4×4 significand multiply and an exponent add) and applied to each block's tree sum (a power of
 * two: an exponent add; otherwise a multiply of the sum by the 8-bit scale product) once per block segment of a
 * PE step, i.e. per MAC 1/min(n, blockSize).
 */
function scalePath(block: BlockScaleCostSpec, sumBits: number, lanes: number): Result<ComponentCost> {
  const s = block.scale;
  if (s.kind !== "float") return fail(`block scale must be a float (E8M0, E4M3…), got ${describeOperand(s)}`);
  const perBlock = (c: ComponentCost) => scaleCost(c, 1 / block.blockSize, `once per block of ${block.blockSize}`);
  const perSegment = (c: ComponentCost) => scaleCost(c, 1 / Math.min(lanes, block.blockSize), `once per block segment of a ${lanes}-lane step`);
  const parts: ComponentCost[] = [];
  if (s.manBits === 0) {
    parts.push(perBlock(intAdderCost(s.expBits + 1, "operands", `shared-exponent-add(${s.expBits + 1}b)`)));
    parts.push(perSegment(intAdderCost(s.expBits + 2, "accumulator", `scale-exponent-apply(${s.expBits + 2}b)`)));
  } else {
    const ps = s.manBits + 1;
    parts.push(perBlock(intMultiplierCost(ps, ps, "operands", `scale-significand-multiplier(${ps}x${ps}b)`)));
    parts.push(perBlock(intAdderCost(s.expBits + 2, "operands", `scale-exponent-add(${s.expBits + 2}b)`)));
    parts.push(perSegment(intMultiplierCost(sumBits, 2 * ps, "accumulator", `scale-apply-multiplier(${sumBits}x${2 * ps}b)`)));
    parts.push(perSegment(intAdderCost(s.expBits + 3, "accumulator", `scale-apply-exponent-add(${s.expBits + 3}b)`)));
  }
  return ok(compose("scale path", parts));
}

/** fp32 as a dot unit's register (the default float accumulator). */
export const DOT_FP32: DotAccumulatorCostSpec = { kind: "float", ...FP32_WIDTHS };
