/**
 * Barrel (logarithmic) shifter, cost ∝ n·log2 n. There is no direct Horowitz anchor for a shifter, so its
 * coefficient is fitted from the IEEE float adder anchors: (fp add − its integer-adder stages) is taken to be the
 * two shift networks of the adder (alignment shifter, and LZC + normalising shifter), split evenly. The fitted
 * energy coefficient is ~2.6 fJ per mux bit at both fp16 and fp32, which is why the law is used; the area
 * coefficient (~11–15 µm² per mux bit) is far above a single 2:1 mux cell, so shift networks priced this way
 * carry the full overhead of Horowitz's IEEE adders.
 */
import { HOROWITZ_FLOAT } from "./data/horowitz-45nm.js";
import { anchoredLaw, type AnchoredLaw, type LawAnchor } from "./anchored-law.js";
import { estimate, leaf, type ActivityClass, type ComponentCost, type Estimate } from "./estimate.js";
import { floatAdderIntegerParts, floatAdderWidths } from "./float-adder-structure.js";
import { SHIFTER_N_LOG_N } from "./scaling-laws.js";

/** IEEE binary16 and binary32 (REFERENCES §1), the formats of the Horowitz float anchors. */
export const IEEE_ANCHOR_FORMATS = {
  fp16: { expBits: 5, manBits: 10 },
  fp32: { expBits: 8, manBits: 23 },
} as const;

function shifterAnchor(fmt: keyof typeof IEEE_ANCHOR_FORMATS, which: "energy" | "area"): LawAnchor {
  const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
  const anchor: Estimate = which === "energy" ? HOROWITZ_FLOAT[fmt].addEnergy : HOROWITZ_FLOAT[fmt].addArea;
  const known = floatAdderIntegerParts(expBits, manBits, "operands").reduce(
    (s, p) => s + (which === "energy" ? p.energyPj.value : p.areaUm2.value),
    0,
  );
  const w = floatAdderWidths(expBits, manBits).datapathBits;
  return {
    size: w,
    value: estimate(
      (anchor.value - known) / 2,
      anchor.unit,
      `half of (${anchor.source} − its integer-adder stages ${known.toFixed(4)} ${anchor.unit}): one of the adder's two ${w}-bit shift networks`,
    ),
  };
}

/** Fitted energy law of one shift network (pJ vs width in bits). */
export const SHIFTER_ENERGY: AnchoredLaw = anchoredLaw("barrel shifter energy", SHIFTER_N_LOG_N, [
  shifterAnchor("fp16", "energy"),
  shifterAnchor("fp32", "energy"),
]);

/** Fitted area law of one shift network (µm² vs width in bits). */
export const SHIFTER_AREA: AnchoredLaw = anchoredLaw("barrel shifter area", SHIFTER_N_LOG_N, [
  shifterAnchor("fp16", "area"),
  shifterAnchor("fp32", "area"),
]);

/**
 * A barrel shifter (or LZC + normalising shifter) over `widthBits`: energy (pJ per shift) and area (µm²) at 45 nm.
 */
export function shifterCost(widthBits: number, activityClass: ActivityClass = "operands", name = `shifter(${widthBits}b)`): ComponentCost {
  if (!Number.isInteger(widthBits) || widthBits < 2) throw new RangeError(`shifterCost: width must be an integer ≥ 2, got ${widthBits}`);
  return leaf(name, SHIFTER_ENERGY.at(widthBits), SHIFTER_AREA.at(widthBits), activityClass);
}
