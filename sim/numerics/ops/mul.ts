import type { Raw, Sign } from "../raw.js";
import { NAN } from "../raw.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import type { EncodeOptions } from "../round-pack.js";
import type { ExactResult, OpResult } from "./op-result.js";
import { roundResult } from "./op-result.js";

/**
 * Exact product of two raws with IEEE 754 §6.1/§7.2 special rules: 0 × ∞ is NaN (invalid), ∞ × x is ∞ with
 * the xor sign, any NaN operand gives the canonical NaN (sign 0, no payload; quiet NaNs raise nothing).
 * Works for any mix of integer and float values: the product is a wide exact raw, never rounded.
 */
export function mulRaw(a: Raw, b: Raw): ExactResult {
  if (a.cls === "nan" || b.cls === "nan") return { value: NAN, invalid: false };
  const sign = (a.sign ^ b.sign) as Sign;
  if (a.cls === "inf" || b.cls === "inf") {
    if (a.cls === "zero" || b.cls === "zero") return { value: NAN, invalid: true };
    return { value: { cls: "inf", sign }, invalid: false };
  }
  if (a.cls === "zero" || b.cls === "zero") return { value: { cls: "zero", sign }, invalid: false };
  return { value: { cls: "finite", sign, sig: a.sig * b.sig, exp: a.exp + b.exp }, invalid: false };
}

/** Exact product of two codes in any pair of scalar formats (float×float, int×int, int×float). */
export function mulCodes(aFmt: ScalarFormat, aCode: bigint, bFmt: ScalarFormat, bCode: bigint): ExactResult {
  return mulRaw(decode(aFmt, aCode), decode(bFmt, bCode));
}

/** Rounded multiply: the exact product rounded once into `outFmt` (IEEE 754 §5.4.1 multiplication). */
export function mul(
  aFmt: ScalarFormat,
  aCode: bigint,
  bFmt: ScalarFormat,
  bCode: bigint,
  outFmt: ScalarFormat,
  opts: EncodeOptions = {},
): OpResult {
  return roundResult(mulCodes(aFmt, aCode, bFmt, bCode), outFmt, opts);
}
