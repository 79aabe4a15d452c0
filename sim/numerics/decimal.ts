import type { Raw, Sign } from "./raw.js";
import { bitLength, normalize } from "./raw.js";

/**
 * Exact decimal string of a raw value: every dyadic rational has a finite decimal expansion.
 * NaN, ±Inf and −0 print as "nan", "inf", "-inf" and "-0".
 */
export function rawToDecimal(x: Raw): string {
  if (x.cls === "nan") return "nan";
  if (x.cls === "inf") return x.sign ? "-inf" : "inf";
  if (x.cls === "zero") return x.sign ? "-0" : "0";
  const n = normalize(x) as Extract<Raw, { cls: "finite" }>;
  const s = n.sign ? "-" : "";
  if (n.exp >= 0) return s + (n.sig << BigInt(n.exp)).toString();
  // sig·2^-k = sig·5^k / 10^k
  const k = -n.exp;
  const digits = (n.sig * 5n ** BigInt(k)).toString().padStart(k + 1, "0");
  const int = digits.slice(0, digits.length - k);
  const frac = digits.slice(digits.length - k).replace(/0+$/, "");
  return s + int + (frac ? "." + frac : "");
}

/** Why a number string could not be parsed. */
export class NumberSyntaxError extends Error {}

const DECIMAL = /^([+-]?)(\d+\.?\d*|\.\d+)(?:e([+-]?\d+))?$/i;
const HEXFLOAT = /^([+-]?)0x([0-9a-f]+\.?[0-9a-f]*|\.[0-9a-f]+)(?:p([+-]?\d+))?$/i;
/** Decimal exponents beyond this over- or underflow every format (fp64 spans 1e-324..1e308). */
const EXP10_CLAMP = 2000;
/** Bits kept from an inexact decimal: more than fp64's 53 + guard, plus a sticky bit below them. */
const PARSE_BITS = 80;

/**
 * Parse a decimal (`0.1`, `-1e-9`), hex-float (`0x1.8p-3`), `inf`, `-inf` or `nan` string to a raw value.
 * Decimals that are not dyadic get PARSE_BITS significant bits plus a sticky bit, so that any later
 * rounding to a format of ≤ 64 significant bits, in any mode, equals rounding the exact decimal.
 */
export function parseNumber(text: string): Raw {
  const t = text.trim();
  const lower = t.toLowerCase();
  const sgn: Sign = lower.startsWith("-") ? 1 : 0;
  const body = lower.replace(/^[+-]/, "");
  if (body === "nan") return { cls: "nan", sign: sgn };
  if (body === "inf" || body === "infinity") return { cls: "inf", sign: sgn };
  let m = HEXFLOAT.exec(t);
  if (m) {
    const [intPart, fracPart = ""] = m[2]!.split(".");
    const sig = BigInt("0x" + ((intPart ?? "") + fracPart || "0"));
    const exp = Number(m[3] ?? "0") - 4 * fracPart.length;
    if (!Number.isSafeInteger(exp)) throw new NumberSyntaxError(`exponent out of range in '${text}'`);
    if (sig === 0n) return { cls: "zero", sign: sgn };
    return { cls: "finite", sign: sgn, sig, exp };
  }
  m = DECIMAL.exec(t);
  if (!m) {
    throw new NumberSyntaxError(
      `'${text}' is not a number: use a decimal (0.1, -1e-9), a hex float (0x1.8p-3), inf, -inf or nan`,
    );
  }
  const [intPart, fracPart = ""] = m[2]!.split(".");
  let digits = BigInt((intPart ?? "") + fracPart || "0");
  let exp10 = Number(m[3] ?? "0") - fracPart.length;
  if (digits === 0n) return { cls: "zero", sign: sgn };
  if (!Number.isFinite(exp10)) throw new NumberSyntaxError(`exponent out of range in '${text}'`);
  // Clamping keeps every over/underflow (and its flags) while bounding bigint sizes. The value is below
  // 10^(digit count + exp10), so the underflow clamp must count the digits ("1000e-2003" is 1e-2000).
  if (exp10 > EXP10_CLAMP) exp10 = EXP10_CLAMP;
  if (exp10 + digits.toString().length < -EXP10_CLAMP - 100) {
    digits = 1n;
    exp10 = -EXP10_CLAMP - 100;
  }
  if (exp10 >= 0) return { cls: "finite", sign: sgn, sig: digits * 10n ** BigInt(exp10), exp: 0 };
  // digits / 10^k = digits / 5^k · 2^-k: divide by 5^k keeping PARSE_BITS bits and a sticky bit.
  const den = 5n ** BigInt(-exp10);
  const shift = Math.max(0, PARSE_BITS - (bitLength(digits) - bitLength(den)));
  const scaled = digits << BigInt(shift);
  const quotient = scaled / den;
  const sticky = scaled % den !== 0n ? 1n : 0n;
  return { cls: "finite", sign: sgn, sig: (quotient << 1n) | sticky, exp: exp10 - shift - 1 };
}

/** Parse a code written as hex (`0x7e`), binary (`0b0111`) or decimal (`126`). */
export function parseCode(text: string): bigint {
  const t = text.trim().toLowerCase();
  if (!/^(0x[0-9a-f]+|0b[01]+|\d+)$/.test(t)) {
    throw new NumberSyntaxError(`'${text}' is not a code: write it in hex (0x7e), binary (0b0111) or decimal`);
  }
  return BigInt(t);
}
