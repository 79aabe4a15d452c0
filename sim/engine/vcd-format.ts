/**
 * Value and identifier formatting for Value Change Dump files (IEEE Std 1364-2005 §18.2).
 */
import type { SignalType, SignalValue } from "./signal.js";

/** Units allowed in `$timescale` (IEEE 1364-2005 §18.2.3.6). */
export type VcdTimeUnit = "s" | "ms" | "us" | "ns" | "ps" | "fs";
/** A `$timescale` value: 1, 10 or 100 of a unit (IEEE 1364-2005 §18.2.3.6). */
export type VcdTimescale = `${1 | 10 | 100} ${VcdTimeUnit}`;

/**
 * Digits of identifier codes: the printable ASCII characters `!` to `~` (§18.2.1) except `$`, so that no code
 * can read as a keyword such as `$end`.
 */
const CODE_DIGITS = Array.from({ length: 94 }, (_, k) => String.fromCharCode(33 + k)).filter((c) => c !== "$");

/** Short identifier code for the `index`-th variable: base-93 digits, least significant first. */
export function vcdIdentifierCode(index: number): string {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`identifier index ${index} must be a non-negative integer`);
  let code = "";
  let n = index;
  do {
    code += CODE_DIGITS[n % CODE_DIGITS.length];
    n = Math.floor(n / CODE_DIGITS.length);
  } while (n > 0);
  return code;
}

/**
 * Value part of a value change: `0`/`1` for a 1-bit scalar, `b…` with exactly `widthBits` binary digits
 * for a vector (numbers in two's complement, truncated to the width), `r…` for a real (§18.2.3.8).
 * A non-integer number in an int signal prints as all `x`.
 */
export function vcdValue(type: SignalType, widthBits: number, value: SignalValue): string {
  if (type === "real") return `r${String(value)}`;
  if (type === "bool") return value ? "1" : "0";
  const bits = bitsOf(value, widthBits);
  return widthBits === 1 ? bits : `b${bits}`;
}

/** `widthBits` low bits of an integer (number or bigint) as a binary string, most significant first. */
function bitsOf(value: SignalValue, widthBits: number): string {
  if (typeof value === "bigint") return BigInt.asUintN(widthBits, value).toString(2).padStart(widthBits, "0");
  const v = Number(value);
  if (!Number.isInteger(v)) return "x".repeat(widthBits);
  if (widthBits <= 32) {
    // >>> 0 reduces modulo 2^32 exactly for any integer-valued double.
    const low = widthBits === 32 ? v >>> 0 : (v >>> 0) & (2 ** widthBits - 1);
    return low.toString(2).padStart(widthBits, "0");
  }
  return BigInt.asUintN(widthBits, BigInt(v)).toString(2).padStart(widthBits, "0");
}
