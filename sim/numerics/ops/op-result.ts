import type { Raw } from "../raw.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import type { EncodeOptions, Flags } from "../round-pack.js";
import { roundPack } from "../round-pack.js";
import { orFlags } from "./flags.js";

/** An exact (unrounded) result of an arithmetic operation, with IEEE 754 §7.2 invalid if it made a NaN. */
export interface ExactResult {
  readonly value: Raw;
  readonly invalid: boolean;
}

/** A rounded result: the code in the destination format, its exact value, and the flags raised. */
export interface OpResult {
  readonly code: bigint;
  /** Exact value of `code` (what the hardware register holds), not the unrounded value. */
  readonly value: Raw;
  readonly flags: Flags;
}

/** Round an exact result once into `fmt` (round-pack), keeping the invalid flag of the exact step. */
export function roundResult(x: ExactResult, fmt: ScalarFormat, opts: EncodeOptions = {}): OpResult {
  const enc = roundPack(x.value, fmt, opts);
  return { code: enc.code, value: decode(fmt, enc.code), flags: orFlags(enc.flags, { invalid: x.invalid }) };
}
