import type { Raw } from "../raw.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import type { EncodeOptions } from "../round-pack.js";
import type { OpResult } from "./op-result.js";
import { roundResult } from "./op-result.js";
import { mulRaw } from "./mul.js";
import { addRaw } from "./add.js";

/**
 * Fused multiply-add, IEEE 754 §5.4.1 fusedMultiplyAdd: round(a·b + c) with ONE rounding into `fmt`.
 * The product is exact and the sum is exact before round-pack, so this is never `fround(a*b + c)`.
 * 0 × ∞ raises invalid even when c is a quiet NaN (the standard leaves that case to the implementation).
 */
export function fmaRaw(a: Raw, b: Raw, c: Raw, fmt: ScalarFormat, opts: EncodeOptions = {}): OpResult {
  const p = mulRaw(a, b);
  const s = addRaw(p.value, c, opts.rounding ?? "rne");
  return roundResult({ value: s.value, invalid: p.invalid || s.invalid }, fmt, opts);
}

/** Fused multiply-add of three codes of one format, result in the same format. */
export function fma(fmt: ScalarFormat, aCode: bigint, bCode: bigint, cCode: bigint, opts: EncodeOptions = {}): OpResult {
  return fmaRaw(decode(fmt, aCode), decode(fmt, bCode), decode(fmt, cCode), fmt, opts);
}
