import type { SpecialsPolicy } from "../formats/format.js";
import type { Rational } from "./rational.js";
import { mul, neg, pow2, rat } from "./rational.js";

/**
 * What the oracle knows about a format: the parameters only (a FloatFormat or IntFormat object fits as is).
 * Everything else is derived here from first principles, not from the code under test.
 */
export type OracleFormatParams =
  | {
      readonly kind: "float";
      readonly expBits: number;
      readonly manBits: number;
      readonly bias: number;
      readonly signed: boolean;
      readonly specials: SpecialsPolicy;
    }
  | { readonly kind: "int"; readonly bits: number; readonly signed: boolean; readonly symmetric: boolean };

export type OracleSign = 0 | 1;

/** An exact value as the oracle sees it: a class, and for finite nonzero values a signed rational. */
export type OracleValue =
  | { readonly cls: "nan"; readonly sign: OracleSign }
  | { readonly cls: "inf"; readonly sign: OracleSign }
  | { readonly cls: "zero"; readonly sign: OracleSign }
  | { readonly cls: "finite"; readonly value: Rational };

/** Code width in bits. */
export function codeBits(p: OracleFormatParams): number {
  return p.kind === "int" ? p.bits : (p.signed ? 1 : 0) + p.expBits + p.manBits;
}

/**
 * Value of a code, written from the format definitions: IEEE 754-2019 §3.4 (normal 1.F·2^(E−bias), subnormal
 * 0.F·2^(1−bias)), OCP OFP8 (E4M3 "fn": only S.1111.111 is NaN), fnuz (the sign-only code is the NaN),
 * OCP MX v1.0 §5.3 (FP6/FP4 all finite) and §5.4.1 (E8M0: 2^(E−127), 0xFF NaN), two's complement integers.
 */
export function oracleDecode(p: OracleFormatParams, code: bigint): OracleValue {
  const width = codeBits(p);
  if (code < 0n || code >= 1n << BigInt(width)) throw new RangeError(`oracle: code ${code} is not ${width} bits wide`);
  if (p.kind === "int") {
    const v = p.signed && code >= 1n << BigInt(p.bits - 1) ? code - (1n << BigInt(p.bits)) : code;
    return v === 0n ? { cls: "zero", sign: 0 } : { cls: "finite", value: rat(v) };
  }
  const M = BigInt(p.manBits);
  const fracField = code % (1n << M);
  const expField = Number((code >> M) % (1n << BigInt(p.expBits)));
  const signBit: OracleSign = p.signed && code >> BigInt(p.expBits + p.manBits) === 1n ? 1 : 0;
  const expAllOnes = expField === 2 ** p.expBits - 1;
  const fracAllOnes = fracField === (1n << M) - 1n;

  switch (p.specials) {
    case "ieee":
      if (expAllOnes) return fracField === 0n ? { cls: "inf", sign: signBit } : { cls: "nan", sign: signBit };
      break;
    case "fn":
      if (expAllOnes && fracAllOnes) return { cls: "nan", sign: signBit };
      break;
    case "fnuz":
      if (signBit === 1 && expField === 0 && fracField === 0n) return { cls: "nan", sign: 1 };
      break;
    case "finite":
      break;
    case "e8m0":
      if (expAllOnes) return { cls: "nan", sign: 0 };
      break;
  }

  let magnitude: Rational;
  if (p.specials === "e8m0") {
    // No subnormals and no zero: every exponent field is a normal binade.
    magnitude = mul(rat((1n << M) + fracField, 1n << M), pow2(expField - p.bias));
  } else if (expField === 0) {
    if (fracField === 0n) return { cls: "zero", sign: signBit };
    magnitude = mul(rat(fracField, 1n << M), pow2(1 - p.bias));
  } else {
    magnitude = mul(rat((1n << M) + fracField, 1n << M), pow2(expField - p.bias));
  }
  return { cls: "finite", value: signBit ? neg(magnitude) : magnitude };
}
