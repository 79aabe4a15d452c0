/**
 * The shift networks of float datapaths: a barrel (logarithmic) shifter, and a leading-zero counter (LZC) +
 * normalising shifter.
 *
 * Energy is fitted to Horowitz's IEEE adders: (fp add − its integer-adder stages) is taken to be the adder's two
 * shift networks, split evenly. One n·log2 n coefficient (~2.6 fJ per mux bit) fits both fp16 and fp32 within 5%,
 * so the energy law is used and the float adders reproduce 0.4 / 0.9 pJ.
 *
 * Area is composed from NanGate 45 nm cells, not fitted (decision). The same fit would give ~11–14 µm² per 2:1-mux
 * bit, 5.7–7.7× one MUX2_X1 (1.862 µm²). The Horowitz integer anchors agree with cell-level composition: FA_X1
 * ripple adders come within 6% of the 8/16/32-bit adds, and an AND2 + FA + HA 8×8 array multiplier within 5% of
 * 282 µm². A cell-level composition of the fp16/fp32 adders, however, is 3.4× / 4.8× below the recalled
 * 1360 / 4184 µm² (REFERENCES §5 marks all Horowitz areas as recalled). So the float-add areas are treated as the
 * outliers, and float adders are no longer calibrated to them. shifter.test.ts checks both facts.
 */
import { HOROWITZ_FLOAT } from "./data/horowitz-45nm.js";
import { NANGATE_CELL_AREA } from "./data/nangate-45nm.js";
import { anchoredLaw, type AnchoredLaw, type LawAnchor } from "./anchored-law.js";
import { estimate, leaf, type ActivityClass, type ComponentCost, type Estimate } from "./estimate.js";
import { floatAdderIntegerParts, floatAdderWidths } from "./float-adder-structure.js";
import { SHIFTER_N_LOG_N } from "./scaling-laws.js";

/** IEEE binary16 and binary32 (REFERENCES §1), the formats of the Horowitz float anchors. */
export const IEEE_ANCHOR_FORMATS = {
  fp16: { expBits: 5, manBits: 10 },
  fp32: { expBits: 8, manBits: 23 },
} as const;

function shifterEnergyAnchor(fmt: keyof typeof IEEE_ANCHOR_FORMATS): LawAnchor {
  const { expBits, manBits } = IEEE_ANCHOR_FORMATS[fmt];
  const anchor = HOROWITZ_FLOAT[fmt].addEnergy;
  const known = floatAdderIntegerParts(expBits, manBits, "operands").reduce((s, p) => s + p.energyPj.value, 0);
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
  shifterEnergyAnchor("fp16"),
  shifterEnergyAnchor("fp32"),
]);

function checkWidth(what: string, widthBits: number): void {
  if (!Number.isInteger(widthBits) || widthBits < 2) throw new RangeError(`${what}: width must be an integer ≥ 2, got ${widthBits}`);
}

/** Number of 2:1-mux stages of a logarithmic shifter over `widthBits`: ⌈log2 w⌉. */
function shiftStages(widthBits: number): number {
  return Math.ceil(Math.log2(widthBits));
}

/**
 * Area of a logarithmic barrel shifter over `widthBits` (µm²): w·⌈log2 w⌉ 2:1 muxes (Weste & Harris, CMOS VLSI
 * Design 4th ed., ch. 11 Datapath Subsystems, shifters), each one NanGate MUX2_X1.
 */
export function shifterArea(widthBits: number): Estimate {
  checkWidth("shifterArea", widthBits);
  const mux = NANGATE_CELL_AREA.MUX2_X1;
  const muxes = widthBits * shiftStages(widthBits);
  return estimate(
    muxes * mux.value,
    "um2",
    `logarithmic shifter, ${widthBits} × ⌈log2 ${widthBits}⌉ = ${muxes} 2:1 muxes (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11, shifters) × ${mux.source}`,
  );
}

/**
 * Area of a leading-zero counter over `widthBits` (µm²), as a binary tree (Oklobdzija, "An algorithmic and novel
 * design of a leading zero detector circuit", IEEE Trans. VLSI Systems 2(1), 1994): w − 1 nodes, each ANDing its
 * halves' all-zero flags (one AND2_X1) and muxing count bits from the upper or lower half. A node at tree level j
 * carries j − 1 count muxes, which sums to w − 1 − ⌈log2 w⌉ MUX2_X1 (exact for power-of-two w).
 */
export function leadingZeroCounterArea(widthBits: number): Estimate {
  checkWidth("leadingZeroCounterArea", widthBits);
  const and2 = NANGATE_CELL_AREA.AND2_X1;
  const mux = NANGATE_CELL_AREA.MUX2_X1;
  const nodes = widthBits - 1;
  const countMuxes = Math.max(0, widthBits - 1 - shiftStages(widthBits));
  return estimate(
    nodes * and2.value + countMuxes * mux.value,
    "um2",
    `${widthBits}-bit leading-zero counter tree (Oklobdzija, IEEE TVLSI 2(1), 1994): ${nodes} × ${and2.source} + ${countMuxes} × ${mux.source}`,
  );
}

/**
 * A barrel shifter over `widthBits`: energy (pJ per shift, fitted law) and area (µm², MUX2_X1 cells) at 45 nm.
 */
export function shifterCost(widthBits: number, activityClass: ActivityClass = "operands", name = `shifter(${widthBits}b)`): ComponentCost {
  checkWidth("shifterCost", widthBits);
  return leaf(name, SHIFTER_ENERGY.at(widthBits), shifterArea(widthBits), activityClass);
}

/**
 * An LZC + normalising shifter over `widthBits`: energy (pJ, the same fitted law as one shift network, which the
 * Horowitz split already charges with the LZC) and area (µm², LZC tree + barrel shifter from cells) at 45 nm.
 */
export function lzcNormaliserCost(widthBits: number, activityClass: ActivityClass = "operands", name = `lzc-normaliser(${widthBits}b)`): ComponentCost {
  checkWidth("lzcNormaliserCost", widthBits);
  const lzc = leadingZeroCounterArea(widthBits);
  const shift = shifterArea(widthBits);
  const area = estimate(lzc.value + shift.value, "um2", `${lzc.source} + ${shift.source}`);
  return leaf(name, SHIFTER_ENERGY.at(widthBits), area, activityClass);
}
