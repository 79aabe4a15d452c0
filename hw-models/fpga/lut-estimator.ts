/**
 * LUT/FF costs of fabric arithmetic, for any format.
 *
 * Integers: FINN-R's MVAU estimator (Blott et al., ACM TRETS 2018; FINN matrixvectoractivation.py
 * `lut_estimation`): a W×A-bit multiplier costs (2·⌈(W+A)/6⌉ − 1)·(W+A) LUTs, an adder tree over Q lanes
 * (W+A)·(2Q − 1), an accumulator one LUT per bit, and a PE array c0 + c1·P·(...) with c0 = 300, c1 = 1.1.
 *
 * Minifloats (our composition on the same integer rule): an eXmY × eXmY multiplier is a (Y+1)×(Y+1)-bit
 * significand multiplier (FINN-R rule with W = A = Y+1), an (X+1)-bit exponent adder (X+1 LUTs, one per bit on
 * the carry chain), and sign XOR (1 LUT). Its exact product (2(Y+1) ≤ 24 significand bits for every format up to
 * fp16/bf16) is one operand of an fp32 addition into the accumulator, so the fp32 accumulator in fabric is costed
 * as one logic-only fp32 adder: FP32_ADDER_LUTS, a published Kintex-7 figure (Ehliar, FPT 2014). Within it the
 * aligner, integer adder and normaliser are our mux count (a 27-bit window: shifts past it only feed the sticky
 * bit, so ⌈log2 27⌉ = 5 levels), and the rest of the published figure (operand swap, exponent difference,
 * rounding, sticky, specials) is carried as one remainder part, so the parts sum to the cited total.
 * An exact (Kulisch) accumulator instead places each product by its exponent into a fixed-point register wide
 * enough for every product and adds it there (kulischAccumulatorParts).
 * Block formats add one scale multiply per block of products (amortised per MAC).
 * Registers: one FF per pipeline bit (operands, product, accumulator).
 */
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";

export const FINN_R = "Blott et al., FINN-R (ACM TRETS 2018), as coded in FINN matrixvectoractivation.py lut_estimation (c0 = 300, c1 = 1.1)";
/**
 * LUTs of one logic-only floating-point adder with IEEE-754 single-precision results (round to nearest even,
 * subnormals, NaN/Inf), no DSP: A. Ehliar, "Area efficient floating-point adder and multiplier with IEEE-754
 * compatible semantics", FPT 2014, pp. 131–138, DOI 10.1109/FPT.2014.7082765, abstract: "261 slice LUTs" on a
 * Kintex-7. Its operands are a 36-bit radix-16 format (results equal to IEEE fp32 with subnormals); radix 16
 * shortens alignment and normalisation, and the abstract's figure leaves out conversion to and from IEEE fp32, so
 * a radix-2 IEEE core is likely larger: this is a lower anchor. 7-series and UltraScale+ both have LUT6 + carry
 * chains, so the count is carried over (an assumption: Ehliar gives no UltraScale+ figure).
 */
export const FP32_ADDER_LUTS = 261;
export const FP32_ADDER_SOURCE = "Ehliar, FPT 2014 (DOI 10.1109/FPT.2014.7082765), abstract: fp32-semantics adder, 261 slice LUTs, Kintex-7, no DSP";
export const OUR_COMPOSITION = "hwsim composition: FINN-R significand multiplier + exponent adder + sign, and an fp32 accumulator costed as Ehliar's logic-only fp32 adder (FPT 2014: 261 LUTs, Kintex-7)";

/** Mux-count parts of a float adder datapath: significand + guard, round and sticky bits wide. */
function floatAdderMuxParts(manBits: number, expBits: number): { align: number; add: number; norm: number; window: number } {
  const w = manBits + 1 + 3;
  const align = shifterLuts(w, w); // shifts past the window only set sticky: ⌈log2 w⌉ levels
  const add = w + expBits;
  const norm = shifterLuts(w, w) + Math.ceil(Math.log2(w)); // leading-zero count ≈ one LUT per shift level
  return { align, add, norm, window: w };
}

/**
 * The fp32 accumulator in fabric, split into our mux-count parts plus the remainder of the published adder
 * (FP32_ADDER_LUTS), so the parts sum to the cited figure.
 */
export function fp32AccumulatorParts(): Record<string, number> {
  const { align, add, norm } = floatAdderMuxParts(23, 8);
  const rest = FP32_ADDER_LUTS - align - add - norm;
  return { "fp32 aligner": align, "fp32 adder": add, "fp32 normaliser": norm, "fp32 swap/exponent/round (rest of Ehliar's 261)": rest };
}

/**
 * A float accumulator of another width in fabric (fp16, bf16, …): the same mux-count parts for its own window and
 * exponent, and fp32's remainder (swap, exponent difference, rounding, sticky) scaled by the window ratio — a
 * derivation from Ehliar's fp32 figure, not a published count.
 */
export function floatAccumulatorParts(manBits: number, expBits: number): Record<string, number> {
  if (manBits === 23 && expBits === 8) return fp32AccumulatorParts();
  const fp32 = floatAdderMuxParts(23, 8);
  const restFp32 = FP32_ADDER_LUTS - fp32.align - fp32.add - fp32.norm;
  const own = floatAdderMuxParts(manBits, expBits);
  const id = `e${expBits}m${manBits}`;
  return {
    [`${id} aligner`]: own.align,
    [`${id} adder`]: own.add,
    [`${id} normaliser`]: own.norm,
    [`${id} swap/exponent/round (Ehliar's fp32 rest × ${own.window}/${fp32.window})`]: Math.ceil((restFp32 * own.window) / fp32.window),
  };
}

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

/** Exponent of the lowest set bit any value of f can have, and one past its highest (|v| < 2^top). */
function valueSpan(f: ScalarFormat): { lsb: number; top: number } {
  if (f.kind === "int") return { lsb: 0, top: f.bits - (f.signed ? 1 : 0) };
  // Subnormal lsb 2^(1 − bias − m); the all-ones exponent counted as finite (true for fn/finite conventions, one
  // spare bit for IEEE ones).
  return { lsb: 1 - f.bias - f.manBits, top: (1 << f.expBits) - 1 - f.bias + 1 };
}

/**
 * Exact (Kulisch) accumulation of w × a products in fabric, our composition: every product is a fixed-point number
 * inside a window of (top_w + top_a) − (lsb_w + lsb_a) bits, so the significand product is placed by its exponent
 * (a barrel shifter over the window) into a two's-complement register of that width plus a sign bit and ⌈log2 K⌉
 * carry bits, and added with one LUT per bit (FINN-R's accumulator rule). No rounding, no normaliser: the one
 * conversion to the output format per dot product is outside the lane.
 */
export function kulischAccumulatorParts(w: ScalarFormat, a: ScalarFormat, kMax: number): { parts: Record<string, number>; registerBits: number } {
  const sw = valueSpan(w);
  const sa = valueSpan(a);
  const window = sw.top + sa.top - (sw.lsb + sa.lsb);
  const prodBits = shape(w).sig + shape(a).sig;
  const registerBits = window + 1 + Math.ceil(Math.log2(Math.max(2, kMax)));
  const place = shifterLuts(window, Math.max(2, window - prodBits + 1));
  return { parts: { "Kulisch placement shifter": place, "Kulisch adder": registerBits }, registerBits };
}

/**
 * One MAC lane built in LUTs: multiplier + accumulate into `accBits` (integer), into a float accumulator of
 * `accFormat` (fp32 when not given), or exactly into a Kulisch register (`exactKMax`: the longest dot product), per
 * the FINN-R rule and our composition.
 */
export function lutMacLane(w: ScalarFormat, a: ScalarFormat, opts: { accBits: number; floatAcc: boolean; exactKMax?: number; accFormat?: { manBits: number; expBits: number } }): LaneCost {
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
  let accFf = opts.accBits;
  if (opts.exactKMax !== undefined) {
    const k = kulischAccumulatorParts(w, a, opts.exactKMax);
    accParts = k.parts;
    acc = Object.values(accParts).reduce((x, y) => x + y, 0);
    accFf = k.registerBits;
  } else if (opts.floatAcc) {
    const f = opts.accFormat ?? { manBits: 23, expBits: 8 };
    accParts = floatAccumulatorParts(f.manBits, f.expBits);
    acc = Object.values(accParts).reduce((x, y) => x + y, 0);
    accFf = 1 + f.expBits + f.manBits;
  } else {
    acc = opts.accBits;
    accParts = { accumulator: acc };
  }
  const lut = sigMult + expAdd + sign + acc;
  const ff = sw.bits + sa.bits + prodBits + expAdd + accFf;
  return { lut, ff, dsp: 0, parts: { "significand multiplier": sigMult, "exponent adder": expAdd, sign, ...accParts }, source: OUR_COMPOSITION };
}
