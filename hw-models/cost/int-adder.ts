/** Integer (ripple-carry) adder: energy per add and area, Horowitz 45 nm anchors with the ∝ n law between them. */
import { HOROWITZ_INT_ADD_AREA, HOROWITZ_INT_ADD_ENERGY } from "./data/horowitz-45nm.js";
import { anchoredLaw, type AnchoredLaw } from "./anchored-law.js";
import { leaf, type ActivityClass, type ComponentCost } from "./estimate.js";
import { LINEAR_IN_BITS } from "./scaling-laws.js";

/** Fitted energy law (pJ per add vs width in bits). */
export const INT_ADDER_ENERGY: AnchoredLaw = anchoredLaw(
  "int adder energy",
  LINEAR_IN_BITS,
  Object.entries(HOROWITZ_INT_ADD_ENERGY).map(([bits, value]) => ({ size: Number(bits), value })),
);

/** Fitted area law (µm² vs width in bits). */
export const INT_ADDER_AREA: AnchoredLaw = anchoredLaw(
  "int adder area",
  LINEAR_IN_BITS,
  Object.entries(HOROWITZ_INT_ADD_AREA).map(([bits, value]) => ({ size: Number(bits), value })),
);

/**
 * An n-bit integer adder at 45 nm, 0.9 V: energy (pJ per add) and area (µm²).
 * @param bits operand width in bits (≥ 1)
 * @param activityClass register class whose toggles drive it in activity mode
 */
export function intAdderCost(bits: number, activityClass: ActivityClass = "operands", name = `int-adder(${bits}b)`): ComponentCost {
  if (!Number.isInteger(bits) || bits < 1) throw new RangeError(`intAdderCost: bits must be a positive integer, got ${bits}`);
  return leaf(name, INT_ADDER_ENERGY.at(bits), INT_ADDER_AREA.at(bits), activityClass);
}
