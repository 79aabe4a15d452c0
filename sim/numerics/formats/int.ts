import type { Raw } from "../raw.js";
import { finite } from "../raw.js";
import { checkCode } from "./float.js";
import type { IntFormat } from "./format.js";

/** Largest representable integer value. */
export function intMax(f: IntFormat): bigint {
  return f.signed ? (1n << BigInt(f.bits - 1)) - 1n : (1n << BigInt(f.bits)) - 1n;
}

/** Smallest representable integer value (−max for symmetric formats). */
export function intMin(f: IntFormat): bigint {
  if (!f.signed) return 0n;
  return f.symmetric ? -intMax(f) : -(1n << BigInt(f.bits - 1));
}

/** Two's-complement (or unsigned) value of a code, as a bigint. */
export function intValue(f: IntFormat, code: bigint): bigint {
  checkCode(f.bits, code, f.id);
  if (f.signed && code >> BigInt(f.bits - 1) === 1n) return code - (1n << BigInt(f.bits));
  return code;
}

/** Code of an integer value, taken modulo 2^bits (two's complement wrap). */
export function intCode(f: IntFormat, value: bigint): bigint {
  return BigInt.asUintN(f.bits, value);
}

/** Exact value of an integer code. A symmetric format decodes its unused code −2^(n−1) literally. */
export function decodeInt(f: IntFormat, code: bigint): Raw {
  return finite(0, intValue(f, code), 0);
}
