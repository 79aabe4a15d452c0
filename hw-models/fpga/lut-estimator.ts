/**
 * LUT/FF costs of fabric arithmetic, for any format.
 *
 * Integers: FINN-R's MVAU estimator (Blott et al., ACM TRETS 2018; FINN matrixvectoractivation.py
 * `lut_estimation`): a W×A-bit multiplier costs (2·⌈(W+A)/6⌉ − 1)·(W+A) LUTs, an adder tree over Q lanes
 * (W+A)·(2Q − 1), an accumulator one LUT per bit, and a PE array c0 + c1·P·(...) with c0 = 300, c1 = 1.1.
 *
 * Minifloats (our composition on the same integer rule): an eXmY × eXmY multiplier is a (Y+1)×(Y+1)-bit
 * significand multiplier (FINN-R rule with W = A = Y+1), an (X+1)-bit exponent adder (X+1 LUTs, one per bit on
 * the carry chain), and sign XOR (1 LUT). Its exact product is a fixed-point value of
 * 2(Y+1) + 2^(X+1) bits; adding it into an fp32 accumulator in fabric costs an aligner (a barrel shifter of
 * ⌈log2 w⌉ levels of w-bit 2:1 muxes, two muxes per LUT6) plus a w-bit adder and a normaliser of the same size.
 * Block formats add one scale multiply per block of products (amortised per MAC).
 * Registers: one FF per pipeline bit (operands, product, accumulator).
 */
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";

export const FINN_R = "Blott et al., FINN-R (ACM TRETS 2018), as coded in FINN matrixvectoractivation.py lut_estimation (c0 = 300, c1 = 1.1)";
export const OUR_COMPOSITION = "hwsim composition on the FINN-R integer rule (significand multiplier + exponent adder + aligner/normaliser muxes, 2 mux bits per LUT6)";

/** FINN-R: LUTs of a W×A-bit integer multiplier. */
export function finnMultiplierLuts(w: number, a: number): number {
  return (2 * Math.ceil((w + a) / 6) - 1) * (w + a);
}

/** A barrel shifter of `width` bits over `range` positions: ⌈log2 range⌉ levels of width 2:1 muxes, two per LUT6. */
export function shifterLuts(width: number, range: number): number {
  return Math.ceil(Math.log2(Math.max(2, range))) * Math.ceil(width / 2);
}

/** What one MAC lane costs in fabric and hard blocks. */
export interface LaneCost {
  readonly lut: number;
  readonly ff: number;
  /** Hard blocks per MAC lane (fractional when packed). */
  readonly dsp: number;
  readonly parts: Readonly<Record<string, number>>;
  readonly source: string;
}

/** Significand bits (with the hidden bit) and exponent bits of a float, or integer bits. */
function shape(f: ScalarFormat): { kind: "int" | "float"; sig: number; exp: number; bits: number } {
  if (f.kind === "int") return { kind: "int", sig: f.bits, exp: 0, bits: f.bits };
  return { kind: "float", sig: f.manBits + 1, exp: f.expBits, bits: f.bits };
}

/**
 * One MAC lane built in LUTs: multiplier + accumulate into `accBits` (integer) or into an fp32 accumulator
 * (float products), per the FINN-R rule and our composition.
 */
export function lutMacLane(w: ScalarFormat, a: ScalarFormat, opts: { accBits: number; floatAcc: boolean }): LaneCost {
  const sw = shape(w);
  const sa = shape(a);
  if (sw.kind === "int" && sa.kind === "int") {
    const mult = finnMultiplierLuts(sw.bits, sa.bits);
    const acc = opts.accBits;
    return { lut: mult + acc, ff: sw.bits + sa.bits + (sw.bits + sa.bits) + acc, dsp: 0, parts: { multiplier: mult, accumulator: acc }, source: FINN_R };
  }
  const sigMult = finnMultiplierLuts(sw.sig, sa.sig);
  const expAdd = Math.max(sw.exp, sa.exp) + 1;
  const sign = 1;
  const prodBits = sw.sig + sa.sig;
  let acc = 0;
  let accParts: Record<string, number> = {};
  if (opts.floatAcc) {
    // fp32 accumulator in fabric: align the product to the 24+3-bit sum (shift range 2^8), add, normalise.
    const width = 27;
    const align = shifterLuts(width, 256);
    const add = width + 8;
    const norm = shifterLuts(width, width) + 5; // leading-zero count ≈ 5 LUTs for 27 bits
    acc = align + add + norm;
    accParts = { "fp32 aligner": align, "fp32 adder": add, "fp32 normaliser": norm };
  } else {
    acc = opts.accBits;
    accParts = { accumulator: acc };
  }
  const lut = sigMult + expAdd + sign + acc;
  const ff = sw.bits + sa.bits + prodBits + expAdd + (opts.floatAcc ? 32 : opts.accBits);
  return { lut, ff, dsp: 0, parts: { "significand multiplier": sigMult, "exponent adder": expAdd, sign, ...accParts }, source: OUR_COMPOSITION };
}
