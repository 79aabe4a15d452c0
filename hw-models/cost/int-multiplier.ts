/** Integer array multiplier n×m: Horowitz 45 nm 8×8 and 32×32 anchors, cost ∝ n·m partial products. */
import { HOROWITZ_INT_MULT_AREA, HOROWITZ_INT_MULT_ENERGY } from "./data/horowitz-45nm.js";
import { anchoredLaw, type AnchoredLaw } from "./anchored-law.js";
import { leaf, type ActivityClass, type ComponentCost } from "./estimate.js";
import { PARTIAL_PRODUCTS } from "./scaling-laws.js";

/** Fitted energy law (pJ per multiply vs partial-product count n·m). */
export const INT_MULTIPLIER_ENERGY: AnchoredLaw = anchoredLaw(
  "int multiplier energy",
  PARTIAL_PRODUCTS,
  Object.entries(HOROWITZ_INT_MULT_ENERGY).map(([bits, value]) => ({ size: Number(bits) ** 2, value })),
);

/** Fitted area law (µm² vs partial-product count n·m). */
export const INT_MULTIPLIER_AREA: AnchoredLaw = anchoredLaw(
  "int multiplier area",
  PARTIAL_PRODUCTS,
  Object.entries(HOROWITZ_INT_MULT_AREA).map(([bits, value]) => ({ size: Number(bits) ** 2, value })),
);

/**
 * An aBits × bBits integer (array) multiplier at 45 nm, 0.9 V: energy (pJ per multiply) and area (µm²).
 * Also used for float significand arrays ((m+1)×(m+1)).
 */
export function intMultiplierCost(
  aBits: number,
  bBits: number = aBits,
  activityClass: ActivityClass = "operands",
  name = `int-multiplier(${aBits}x${bBits}b)`,
): ComponentCost {
  for (const b of [aBits, bBits]) {
    if (!Number.isInteger(b) || b < 1) throw new RangeError(`intMultiplierCost: widths must be positive integers, got ${aBits}x${bBits}`);
  }
  const pp = aBits * bBits;
  return leaf(name, INT_MULTIPLIER_ENERGY.at(pp), INT_MULTIPLIER_AREA.at(pp), activityClass);
}
