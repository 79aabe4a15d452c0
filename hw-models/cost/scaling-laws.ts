/**
 * Scaling laws that carry a component's cost between (and beyond) its calibration anchors, each with the
 * reason it holds. A law gives the shape; the anchors fix the level (see anchored-law.ts).
 */

/** A size → relative-cost law with its justification. */
export interface ScalingLaw {
  readonly id: string;
  /** Relative cost at `size` (any positive scale; only ratios matter). */
  readonly at: (size: number) => number;
  readonly source: string;
}

/** Ripple-carry adder: one full-adder cell per bit, so energy and area ∝ n (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11 Datapath Subsystems, addition). */
export const LINEAR_IN_BITS: ScalingLaw = {
  id: "linear-in-bits",
  at: (n) => n,
  source: "ripple-carry adder ∝ n: one full adder per bit (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11 Datapath Subsystems, addition)",
};

/** Array multiplier: n·m partial-product bits, each an AND gate and a full adder, so cost ∝ n·m (size = n·m). */
export const PARTIAL_PRODUCTS: ScalingLaw = {
  id: "partial-products",
  at: (nm) => nm,
  source: "array multiplier ∝ n·m partial products, one AND + one full adder each (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11 Datapath Subsystems, multiplication)",
};

/** Logarithmic (barrel) shifter: ⌈log2 n⌉ stages of n 2:1 multiplexers, cost ∝ n·log2 n (size = n). */
export const SHIFTER_N_LOG_N: ScalingLaw = {
  id: "n-log2-n",
  at: (n) => n * Math.max(1, Math.log2(n)),
  source: "logarithmic barrel shifter: log2 n stages of n 2:1 muxes, ∝ n·log2 n (Weste & Harris, CMOS VLSI Design 4th ed., ch. 11 Datapath Subsystems, shifters)",
};

/** SRAM access energy ∝ √capacity: word- and bit-line lengths grow with the side of a square array (size = bytes). */
export const SQRT_CAPACITY: ScalingLaw = {
  id: "sqrt-capacity",
  at: (bytes) => Math.sqrt(bytes),
  source:
    "SRAM access energy ∝ √capacity: word/bit-line length ∝ side of a square array (Weste & Harris, CMOS VLSI Design 4th ed., ch. 12 Array Subsystems); Horowitz's 8→32 KB anchors double for 4× capacity",
};

/** Dynamic energy ∝ C·V², used to move library energies from their characterisation supply to another. */
export const CV2_SOURCE = "CMOS dynamic energy E = C·V² per transition (Weste & Harris, CMOS VLSI Design 4th ed., ch. 5 Power)";
