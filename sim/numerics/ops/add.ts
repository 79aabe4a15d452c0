import type { Raw, Sign } from "../raw.js";
import { NAN, addExact } from "../raw.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import type { RoundingMode } from "../rounding.js";
import type { EncodeOptions } from "../round-pack.js";
import type { ExactResult, OpResult } from "./op-result.js";
import { roundResult } from "./op-result.js";

/**
 * Exact sum of two raws with IEEE 754 special rules: ∞ + (−∞) is NaN (invalid), a NaN operand gives the
 * canonical NaN. An exact zero sum of operands of opposite sign (or x + (−x)) is +0, except −0 when
 * rounding toward −∞ (IEEE 754 §6.3), so the rounding mode is needed even though nothing is rounded here.
 */
export function addRaw(a: Raw, b: Raw, rounding: RoundingMode = "rne"): ExactResult {
  if (a.cls === "nan" || b.cls === "nan") return { value: NAN, invalid: false };
  if (a.cls === "inf" || b.cls === "inf") {
    if (a.cls === "inf" && b.cls === "inf" && a.sign !== b.sign) return { value: NAN, invalid: true };
    return { value: a.cls === "inf" ? a : b, invalid: false };
  }
  const cancelSign: Sign = rounding === "rdn" ? 1 : 0;
  if (a.cls === "zero" && b.cls === "zero") {
    return { value: { cls: "zero", sign: a.sign === b.sign ? a.sign : cancelSign }, invalid: false };
  }
  const s = addExact(a, b);
  if (s.cls === "zero") return { value: { cls: "zero", sign: cancelSign }, invalid: false };
  return { value: s, invalid: false };
}

/** Rounded add of two raws: exact sum, then one rounding into `fmt` (IEEE 754 §5.4.1 addition). */
export function addRounded(a: Raw, b: Raw, fmt: ScalarFormat, opts: EncodeOptions = {}): OpResult {
  return roundResult(addRaw(a, b, opts.rounding ?? "rne"), fmt, opts);
}

/** Rounded add of two codes in any formats into `outFmt`, with one rounding. */
export function add(
  aFmt: ScalarFormat,
  aCode: bigint,
  bFmt: ScalarFormat,
  bCode: bigint,
  outFmt: ScalarFormat,
  opts: EncodeOptions = {},
): OpResult {
  return addRounded(decode(aFmt, aCode), decode(bFmt, bCode), outFmt, opts);
}
