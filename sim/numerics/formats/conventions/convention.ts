import type { FloatFormat, SpecialsPolicy } from "../format.js";

/** Biased-exponent and fraction fields of a float code. */
export interface FloatFields {
  readonly sign: 0 | 1;
  readonly biasedExp: number;
  readonly fraction: bigint;
}

/**
 * What differs between float conventions: which codes are special and what overflow and
 * NaN produce. Everything else (rounding, subnormals) is shared by round-pack.
 */
export interface SpecialsConvention {
  readonly policy: SpecialsPolicy;
  readonly hasInf: boolean;
  readonly hasNaN: boolean;
  readonly hasNegZero: boolean;
  /** False only for E8M0, whose code 0 is the normal 2^-127. */
  readonly hasSubnormals: boolean;
  readonly hasZero: boolean;
  classify(f: FloatFormat, x: FloatFields): "nan" | "inf" | "number";
  /** Largest finite value's fields. */
  maxFinite(f: FloatFormat): { biasedExp: number; fraction: bigint };
  nanCode(f: FloatFormat, sign: 0 | 1): bigint | null;
  infCode(f: FloatFormat, sign: 0 | 1): bigint | null;
}

export const allOnes = (bits: number): bigint => (1n << BigInt(bits)) - 1n;
export const maxBiasedExp = (f: FloatFormat): number => (1 << f.expBits) - 1;

/** Pack sign, biased exponent and fraction into a code. */
export function packFields(f: FloatFormat, sign: 0 | 1, biasedExp: number, fraction: bigint): bigint {
  const s = f.signed && sign ? 1n << BigInt(f.expBits + f.manBits) : 0n;
  return s | (BigInt(biasedExp) << BigInt(f.manBits)) | fraction;
}
