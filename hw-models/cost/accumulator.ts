/**
 * Accumulator cost descriptors and their per-MAC cost. Accumulator behaviour (width, alignment, block size) is
 * data, so each choice costs what its datapath costs.
 */
import { fail, ok, type Result } from "../../workloads/result.js";
import { compose, scaleCost, type ComponentCost } from "./estimate.js";
import { floatAdderCost } from "./float-adder.js";
import { intAdderCost } from "./int-adder.js";
import { accumulatorRegisterCost } from "./register.js";
import { lzcNormaliserCost, shifterCost } from "./shifter.js";

/** A float format by widths (no specials: the cost model does not depend on them). */
export interface FloatWidths {
  readonly expBits: number;
  readonly manBits: number;
}

/**
 * How products are accumulated:
 * - `int`: two's-complement adder + register of `bits`;
 * - `float`: a float adder + register in E`expBits`M`manBits`;
 * - `exact` / `kulisch`: a wide fixed-point register of `bits` (products aligned in, never rounded);
 * - `block-fma`: tensor-core style — `blockSize` products aligned to the largest exponent into `alignBits`,
 *   summed as integers, normalised and added to the `output` float (default fp32) once per block
 *   (REFERENCES §4, Fasi et al. 2021).
 */
export type AccumulatorCostSpec =
  | { readonly kind: "int"; readonly bits: number }
  | ({ readonly kind: "float" } & FloatWidths)
  | { readonly kind: "exact" | "kulisch"; readonly bits: number }
  | { readonly kind: "block-fma"; readonly blockSize: number; readonly alignBits: number; readonly output?: FloatWidths };

/** What reaches the accumulator: an exact product. */
export interface ProductShape {
  readonly kind: "int" | "float";
  /** Width of the exact product significand (pa + pb). */
  readonly significandBits: number;
  /** Width of the product exponent (0 for integer products). */
  readonly exponentBits: number;
}

/** IEEE binary32 widths. */
export const FP32_WIDTHS: FloatWidths = { expBits: 8, manBits: 23 };

/** Short label of an accumulator spec. */
export function describeAccumulator(spec: AccumulatorCostSpec): string {
  switch (spec.kind) {
    case "int":
      return `int${spec.bits}`;
    case "float":
      return `e${spec.expBits}m${spec.manBits}`;
    case "exact":
    case "kulisch":
      return `${spec.kind}${spec.bits}`;
    case "block-fma": {
      const o = spec.output ?? FP32_WIDTHS;
      return `block-fma(n=${spec.blockSize}, align=${spec.alignBits}b → e${o.expBits}m${o.manBits})`;
    }
  }
}

function positiveInt(x: number): boolean {
  return Number.isInteger(x) && x >= 1;
}

/** Float register width: sign + exponent + fraction. */
function floatBits(f: FloatWidths): number {
  return 1 + f.expBits + f.manBits;
}

/**
 * Per-MAC cost of accumulating one exact product into `spec`: energy (pJ) and area (µm²).
 * Fails (a value, not a throw) for combinations the model does not cover.
 */
export function accumulatorCost(spec: AccumulatorCostSpec, product: ProductShape): Result<ComponentCost> {
  const name = `accumulator(${describeAccumulator(spec)})`;
  switch (spec.kind) {
    case "int": {
      if (!positiveInt(spec.bits)) return fail(`int accumulator needs a positive width, got ${spec.bits}`);
      if (product.kind !== "int") return fail("float products need a float, exact or block-fma accumulator, not an int one");
      if (spec.bits < product.significandBits) return fail(`int${spec.bits} accumulator is narrower than the ${product.significandBits}-bit product`);
      return ok(compose(name, [intAdderCost(spec.bits, "accumulator", `accumulate-adder(${spec.bits}b)`), accumulatorRegisterCost(spec.bits)]));
    }
    case "float": {
      if (!positiveInt(spec.expBits) || !(Number.isInteger(spec.manBits) && spec.manBits >= 0)) {
        return fail(`bad float accumulator e${spec.expBits}m${spec.manBits}`);
      }
      // A fused accumulate aligns the exact product, so the adder datapath is as wide as the wider significand.
      const manBits = Math.max(spec.manBits, product.significandBits - 1);
      const adder = floatAdderCost(spec.expBits, manBits, "accumulator", `accumulate-float-adder(e${spec.expBits}, ${manBits + 1}b significand)`);
      // An integer product (MXINT8 elements, scaled afterwards) enters as a float: a leading-zero count and a
      // normalising shift over its width give the significand and exponent, the same primitive as a block normaliser.
      const convert = product.kind === "int" ? [lzcNormaliserCost(Math.max(2, product.significandBits), "operands", `int-to-float-converter(${product.significandBits}b)`)] : [];
      return ok(compose(name, [...convert, adder, accumulatorRegisterCost(floatBits(spec))]));
    }
    case "exact":
    case "kulisch": {
      if (!positiveInt(spec.bits)) return fail(`exact accumulator needs a positive width, got ${spec.bits}`);
      if (spec.bits < product.significandBits) return fail(`exact accumulator of ${spec.bits} bits is narrower than the ${product.significandBits}-bit product`);
      const parts: ComponentCost[] = [];
      if (product.kind === "float") parts.push(shifterCost(spec.bits, "operands", `product-placement-shifter(${spec.bits}b)`));
      parts.push(intAdderCost(spec.bits, "accumulator", `accumulate-adder(${spec.bits}b)`), accumulatorRegisterCost(spec.bits));
      return ok(compose(name, parts));
    }
    case "block-fma": {
      if (!positiveInt(spec.blockSize) || !positiveInt(spec.alignBits) || spec.alignBits < 2) {
        return fail(`block-fma needs a positive block size and alignBits ≥ 2, got n=${spec.blockSize}, align=${spec.alignBits}`);
      }
      if (product.kind !== "float") return fail("block-fma aligns float products; integer products use an int accumulator");
      const out = spec.output ?? FP32_WIDTHS;
      const carry = Math.ceil(Math.log2(spec.blockSize));
      const sumBits = spec.alignBits + carry;
      const perProduct: ComponentCost[] = [
        intAdderCost(Math.max(1, product.exponentBits), "operands", `max-exponent-compare(${product.exponentBits}b)`),
        shifterCost(spec.alignBits, "operands", `alignment-shifter(${spec.alignBits}b)`),
        intAdderCost(sumBits, "operands", `adder-tree-node(${sumBits}b)`),
      ];
      const perBlock = compose(`block-normalise-and-add(n=${spec.blockSize})`, [
        lzcNormaliserCost(Math.max(2, sumBits), "accumulator", `block-lzc-normaliser(${sumBits}b)`),
        floatAdderCost(out.expBits, out.manBits, "accumulator", `block-output-adder(e${out.expBits}m${out.manBits})`),
        accumulatorRegisterCost(floatBits(out)),
      ]);
      return ok(compose(name, [...perProduct, scaleCost(perBlock, 1 / spec.blockSize, `once per block of ${spec.blockSize}`)]));
    }
  }
}
