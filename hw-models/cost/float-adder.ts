/**
 * Floating-point adder composed from its stages: exponent difference, alignment shifter, significand adder,
 * LZC + normaliser, rounder, exponent adjust. Integer stages come from the integer-adder anchors. The two shift
 * networks take their energy from the law fitted to Horowitz's fp16/fp32 adders, so energy reproduces 0.4 / 0.9 pJ,
 * and their area from NanGate cells, so area is a cell-level composition well below Horowitz's recalled
 * 1360 / 4184 µm² (the decision and its evidence are in shifter.ts).
 */
import { compose, type ComponentCost } from "./estimate.js";
import { floatAdderIntegerParts, floatAdderWidths } from "./float-adder-structure.js";
import { lzcNormaliserCost, shifterCost } from "./shifter.js";

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
    lzcNormaliserCost(w, activityClass, `lzc-normaliser(${w}b)`),
    round!,
    expAdj!,
  ]);
}
