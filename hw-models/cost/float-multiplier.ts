/**
 * Floating-point multiplier composed of a significand array (pa × pb, hidden bits included), an exponent adder,
 * and a normalise/round stage. The last stage has no direct anchor: it is fitted (law ∝ significand width) to
 * what Horowitz's fp16/fp32 multipliers cost beyond their array and exponent adder, so the composition
 * reproduces the 1.1 pJ / 3.7 pJ (1640 / 7700 µm²) anchors exactly.
 */
import { HOROWITZ_FLOAT } from "./data/horowitz-45nm.js";
import { anchoredLaw, type AnchoredLaw, type LawAnchor } from "./anchored-law.js";
import { compose, estimate, leaf, type ActivityClass, type ComponentCost, type Estimate } from "./estimate.js";
import { intAdderCost } from "./int-adder.js";
import { intMultiplierCost } from "./int-multiplier.js";
import { exponentBits, significandBits, type OperandCostSpec } from "./operand.js";
import { LINEAR_IN_BITS } from "./scaling-laws.js";
import { IEEE_ANCHOR_FORMATS } from "./shifter.js";

/** Exponent adder width for exponents of `e` bits: sum with carry, bias folded, one more bit to flag range. */
function exponentAdderBits(e: number): number {
  return e + 2;
}

function normRoundAnchor(fmt: keyof typeof IEEE_ANCHOR_FORMATS, which: "energy" | "area"): LawAnchor {
  const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
  const p = manBits + 1;
  const anchor: Estimate = which === "energy" ? HOROWITZ_FLOAT[fmt].multEnergy : HOROWITZ_FLOAT[fmt].multArea;
  const parts = [intMultiplierCost(p, p), intAdderCost(exponentAdderBits(expBits))];
  const known = parts.reduce((s, c) => s + (which === "energy" ? c.energyPj.value : c.areaUm2.value), 0);
  return {
    size: p,
    value: estimate(
      anchor.value - known,
      anchor.unit,
      `${anchor.source} − its ${p}×${p} significand array and ${exponentAdderBits(expBits)}-bit exponent adder (${known.toFixed(4)} ${anchor.unit})`,
    ),
  };
}

/** Fitted energy law of the normalise/round stage (pJ vs significand width). */
export const NORMALISE_ROUND_ENERGY: AnchoredLaw = anchoredLaw("float multiplier normalise/round energy", LINEAR_IN_BITS, [
  normRoundAnchor("fp16", "energy"),
  normRoundAnchor("fp32", "energy"),
]);

/** Fitted area law of the normalise/round stage (µm² vs significand width). */
export const NORMALISE_ROUND_AREA: AnchoredLaw = anchoredLaw("float multiplier normalise/round area", LINEAR_IN_BITS, [
  normRoundAnchor("fp16", "area"),
  normRoundAnchor("fp32", "area"),
]);

/** The normalise/round stage for a `significandBits`-wide result. */
export function normaliseRoundCost(significandBits: number, activityClass: ActivityClass = "operands"): ComponentCost {
  if (!Number.isInteger(significandBits) || significandBits < 1) throw new RangeError(`normaliseRoundCost: bad width ${significandBits}`);
  return leaf(
    `normalise-round(${significandBits}b)`,
    NORMALISE_ROUND_ENERGY.at(significandBits),
    NORMALISE_ROUND_AREA.at(significandBits),
    activityClass,
  );
}

/** Options for a float multiplier. */
export interface FloatMultiplierOptions {
  /**
   * The product is passed on exactly (fused multiply-accumulate, tensor-core style: products are exact,
   * REFERENCES §4), so there is no normalise/round stage. Default false: a stand-alone rounding multiplier.
   */
  readonly productExact?: boolean;
}

/**
 * A float multiplier a × b: energy (pJ per multiply) and area (µm²) at 45 nm, 0.9 V.
 * Mixed operands are allowed (an int operand contributes its width as significand and no exponent).
 */
export function floatMultiplierCost(a: OperandCostSpec, b: OperandCostSpec = a, options: FloatMultiplierOptions = {}): ComponentCost {
  if (a.kind !== "float" && b.kind !== "float") throw new RangeError("floatMultiplierCost: at least one operand must be float");
  const pa = significandBits(a);
  const pb = significandBits(b);
  const e = Math.max(exponentBits(a), exponentBits(b));
  const parts: ComponentCost[] = [
    intMultiplierCost(pa, pb, "operands", `significand-multiplier(${pa}x${pb}b)`),
    intAdderCost(exponentAdderBits(e), "operands", `exponent-adder(${exponentAdderBits(e)}b)`),
  ];
  if (!options.productExact) parts.push(normaliseRoundCost(Math.max(pa, pb)));
  return compose(`float-multiplier(${pa}x${pb}b sig, e${e}${options.productExact ? ", exact product" : ""})`, parts);
}
