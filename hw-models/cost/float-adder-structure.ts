/**
 * The datapath of a floating-point adder (far-path style): exponent difference, alignment shift of the smaller
 * significand, significand add, leading-zero count + normalising shift, rounding increment, exponent adjust.
 * The widths here are shared by float-adder.ts and by the fit of the shift network in shifter.ts.
 */
import type { ComponentCost } from "./estimate.js";
import { intAdderCost } from "./int-adder.js";

/** Guard, round and sticky bits kept below the significand during alignment. */
const GRS_BITS = 3;

/** Widths of a float adder's stages for a format with `expBits` and `manBits`. */
export interface FloatAdderWidths {
  /** Significand with hidden bit, manBits + 1. */
  readonly significandBits: number;
  /** Aligned datapath width: significand + guard/round/sticky. */
  readonly datapathBits: number;
  readonly expBits: number;
}

/** Stage widths of a float adder. */
export function floatAdderWidths(expBits: number, manBits: number): FloatAdderWidths {
  if (!Number.isInteger(expBits) || !Number.isInteger(manBits) || expBits < 1 || manBits < 0) {
    throw new RangeError(`floatAdderWidths: bad format e${expBits}m${manBits}`);
  }
  const significandBits = manBits + 1;
  return { significandBits, datapathBits: significandBits + GRS_BITS, expBits };
}

/** The integer-adder stages of a float adder (costed from the integer adder anchors). */
export function floatAdderIntegerParts(expBits: number, manBits: number, activityClass: "operands" | "accumulator"): ComponentCost[] {
  const w = floatAdderWidths(expBits, manBits);
  return [
    intAdderCost(expBits + 1, activityClass, `exponent-difference(${expBits + 1}b)`),
    intAdderCost(w.datapathBits + 1, activityClass, `significand-adder(${w.datapathBits + 1}b)`),
    intAdderCost(w.significandBits, activityClass, `rounder-increment(${w.significandBits}b)`),
    intAdderCost(expBits + 1, activityClass, `exponent-adjust(${expBits + 1}b)`),
  ];
}
