import type { Raw, Sign } from "../raw.js";
import type { FloatFormat } from "./format.js";
import { conventionOf } from "./conventions/index.js";
import type { FloatFields } from "./conventions/convention.js";
import { packFields } from "./conventions/convention.js";

/** Split a float code into sign, biased exponent and fraction fields. */
export function floatFields(f: FloatFormat, code: bigint): FloatFields {
  const fraction = code & ((1n << BigInt(f.manBits)) - 1n);
  const biasedExp = Number((code >> BigInt(f.manBits)) & ((1n << BigInt(f.expBits)) - 1n));
  const sign = (f.signed ? Number((code >> BigInt(f.expBits + f.manBits)) & 1n) : 0) as Sign;
  return { sign, biasedExp, fraction };
}

/** Exact value of a float code (IEEE 754 §3.4: normal (1.f)·2^(e−bias), subnormal (0.f)·2^(1−bias)). */
export function decodeFloat(f: FloatFormat, code: bigint): Raw {
  checkCode(f.bits, code, f.id);
  const conv = conventionOf(f.specials);
  const x = floatFields(f, code);
  const cls = conv.classify(f, x);
  if (cls === "nan") return { cls: "nan", sign: x.sign };
  if (cls === "inf") return { cls: "inf", sign: x.sign };
  if (!conv.hasSubnormals) {
    return { cls: "finite", sign: x.sign, sig: (1n << BigInt(f.manBits)) | x.fraction, exp: x.biasedExp - f.bias - f.manBits };
  }
  if (x.biasedExp === 0) {
    if (x.fraction === 0n) return { cls: "zero", sign: x.sign };
    return { cls: "finite", sign: x.sign, sig: x.fraction, exp: 1 - f.bias - f.manBits };
  }
  const sig = (1n << BigInt(f.manBits)) | x.fraction;
  return { cls: "finite", sign: x.sign, sig, exp: x.biasedExp - f.bias - f.manBits };
}

/** Code of the largest finite value with the given sign. */
export function maxFiniteCode(f: FloatFormat, sign: Sign): bigint {
  const m = conventionOf(f.specials).maxFinite(f);
  return packFields(f, sign, m.biasedExp, m.fraction);
}

/** Code of the smallest positive value (min subnormal, or min normal where there are no subnormals). */
export function minPositiveCode(f: FloatFormat): bigint {
  return conventionOf(f.specials).hasSubnormals ? 1n : 0n;
}

/** Code of the smallest positive normal value. */
export function minNormalCode(f: FloatFormat): bigint {
  return conventionOf(f.specials).hasSubnormals ? packFields(f, 0, 1, 0n) : 0n;
}

export function checkCode(bits: number, code: bigint, id: string): void {
  if (code < 0n || code >> BigInt(bits) !== 0n) {
    throw new RangeError(`code 0x${code.toString(16)} is out of range for ${id} (${bits} bits)`);
  }
}
