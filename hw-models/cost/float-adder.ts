/**
 * Floating-point adder composed from its stages: exponent difference, alignment shifter, significand adder,
 * LZC + normaliser, rounder, exponent adjust. Integer stages come from the integer-adder anchors, the two shift
 * networks from the shifter law fitted to Horowitz's fp16/fp32 adders, so the composition reproduces those anchors.
 */
import { compose, type ComponentCost } from "./estimate.js";
import { floatAdderIntegerParts, floatAdderWidths } from "./float-adder-structure.js";
import { shifterCost } from "./shifter.js";

/**
 * A float adder for E`expBits`M`manBits`: energy (pJ per add) and area (µm²) at 45 nm, 0.9 V.
 * @param activityClass `accumulator` when it is the accumulate adder of a MAC
 */
export function floatAdderCost(
  expBits: number,
  manBits: number,
  activityClass: "operands" | "accumulator" = "operands",
  name = `float-adder(e${expBits}m${manBits})`,
): ComponentCost {
  const w = floatAdderWidths(expBits, manBits).datapathBits;
  const [expDiff, sigAdd, round, expAdj] = floatAdderIntegerParts(expBits, manBits, activityClass);
  return compose(name, [
    expDiff!,
    shifterCost(w, activityClass, `alignment-shifter(${w}b)`),
    sigAdd!,
    shifterCost(w, activityClass, `lzc-normaliser(${w}b)`),
    round!,
    expAdj!,
  ]);
}
