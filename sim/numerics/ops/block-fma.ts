import type { Raw, Sign } from "../raw.js";
import { NAN, bitLength, finite } from "../raw.js";
import type { FloatFormat } from "../formats/format.js";
import type { RoundingMode, StochasticSource } from "../rounding.js";
import type { ExactResult, OpResult } from "./op-result.js";
import { roundResult } from "./op-result.js";

/** Alignment parameters of one tensor-core block FMA. */
export interface BlockFmaParams {
  /** Fraction bits kept below the largest addend's leading bit (23 on an fp32 datapath). */
  readonly fracBits: number;
  /** Extra alignment bits below those. */
  readonly neab: number;
  readonly outputFormat: FloatFormat;
  readonly outputRounding: RoundingMode;
  /** Needed only for stochastic output rounding. */
  readonly stochastic?: StochasticSource;
}

/**
 * One tensor-core block FMA over exact addends (c and the block's products): align every nonzero addend to
 * the largest exponent emax = max floor(log2|x|), truncate each toward zero to a multiple of
 * 2^(emax − fracBits − neab), add the truncated addends exactly (no normalization in between), then round
 * the sum once into `outputFormat` (Fasi, Higham, Mikaitis, Pranesh 2021, PeerJ CS 7:e330).
 * Specials follow IEEE 754: any NaN, or ∞ − ∞, gives NaN; otherwise an ∞ addend wins. Dropped bits raise inexact.
 */
export function blockFma(addends: readonly ExactResult[], p: BlockFmaParams): OpResult {
  const opts = { rounding: p.outputRounding, stochastic: p.stochastic };
  const s = alignedSum(addends, p.fracBits + p.neab);
  const r = roundResult({ value: s.value, invalid: s.invalid }, p.outputFormat, opts);
  return s.truncated ? { ...r, flags: { ...r.flags, inexact: true } } : r;
}

/**
 * The exact sum of addends aligned to the largest, each truncated toward zero below 2^(emax − keptBits): the
 * fixed-point sum a block FMA or a dot unit forms before its one rounding. Specials follow IEEE 754 (NaN, ∞ − ∞
 * → NaN, else an ∞ wins); a sum of zeros is −0 only if every addend is −0.
 */
export function alignedSum(addends: readonly ExactResult[], keptBits: number): { value: Raw; invalid: boolean; truncated: boolean } {
  let invalid = false;
  let nan = false;
  let posInf = false;
  let negInf = false;
  let emax = -Infinity;
  let allNegZero = true;
  for (const a of addends) {
    invalid ||= a.invalid;
    const v = a.value;
    if (v.cls === "nan") nan = true;
    else if (v.cls === "inf") {
      if (v.sign) negInf = true;
      else posInf = true;
    } else if (v.cls === "finite") emax = Math.max(emax, bitLength(v.sig) - 1 + v.exp);
    if (!(v.cls === "zero" && v.sign === 1)) allNegZero = false;
  }
  if (nan || (posInf && negInf)) return { value: NAN, invalid: invalid || (posInf && negInf), truncated: false };
  if (posInf || negInf) return { value: { cls: "inf", sign: posInf ? 0 : 1 }, invalid, truncated: false };
  if (emax === -Infinity) {
    // Only zeros: the IEEE sum of zeros is −0 only if every addend is −0.
    const sign: Sign = allNegZero && addends.length > 0 ? 1 : 0;
    return { value: { cls: "zero", sign }, invalid, truncated: false };
  }
  const q = emax - keptBits; // exponent of the last kept bit
  let sum = 0n;
  let truncated = false;
  for (const a of addends) {
    const v = a.value;
    if (v.cls !== "finite") continue;
    let mag: bigint;
    if (v.exp >= q) mag = v.sig << BigInt(v.exp - q);
    else {
      const s = BigInt(q - v.exp);
      mag = v.sig >> s; // toward zero: the magnitude is truncated, the sign kept
      if (mag << s !== v.sig) truncated = true;
    }
    sum += v.sign ? -mag : mag;
  }
  return { value: finite(0, sum, q), invalid, truncated }; // +0 when the truncated addends cancel
}
