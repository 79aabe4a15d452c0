import type { OracleFormatParams } from "./format-model.js";
import type { Rational } from "./rational.js";
import { mul, pow2, rat, sub } from "./rational.js";

/** A format as the references describe it, for checking both the oracle and the registry. */
export interface ReferenceFormat {
  readonly id: string;
  readonly params: OracleFormatParams & { kind: "float" };
  readonly max: Rational;
  readonly minNormal: Rational;
  /** Smallest positive value (the minimum subnormal, or 2^-127 for E8M0). */
  readonly minPositive: Rational;
}

const fl = (
  id: string,
  expBits: number,
  manBits: number,
  bias: number,
  specials: "ieee" | "fn" | "fnuz" | "finite" | "e8m0",
  max: Rational,
  minNormal: Rational,
  minPositive: Rational,
  signed = true,
): ReferenceFormat => ({ id, params: { kind: "float", expBits, manBits, bias, signed, specials }, max, minNormal, minPositive });

/** (2 − 2^-m)·2^e: the largest value of an IEEE-style binade e with m fraction bits. */
const topOfBinade = (m: number, e: number): Rational => mul(sub(rat(2n), pow2(-m)), pow2(e));

/**
 * /work/shared/REFERENCES.md §1, typed in by hand (OCP OFP8 v1.0 and arXiv:2209.05433 Table 1; OCP MX v1.0 §5;
 * ml_dtypes README; IEEE 754-2019 binary16/32; bfloat16; NVIDIA TF32 = E8M10). Nothing here comes from the code.
 */
export const REFERENCE_FORMATS: readonly ReferenceFormat[] = [
  fl("fp8-e4m3", 4, 3, 7, "fn", rat(448n), pow2(-6), pow2(-9)),
  fl("fp8-e5m2", 5, 2, 15, "ieee", rat(57344n), pow2(-14), pow2(-16)),
  fl("fp8-e4m3fnuz", 4, 3, 8, "fnuz", rat(240n), pow2(-7), pow2(-10)),
  fl("fp8-e5m2fnuz", 5, 2, 16, "fnuz", rat(57344n), pow2(-15), pow2(-17)),
  fl("fp8-e4m3b11fnuz", 4, 3, 11, "fnuz", rat(30n), pow2(-10), pow2(-13)),
  fl("fp8-e4m3-ieee", 4, 3, 7, "ieee", rat(240n), pow2(-6), pow2(-9)),
  fl("fp8-e3m4", 3, 4, 3, "ieee", rat(31n, 2n), rat(1n, 4n), pow2(-6)),
  fl("fp6-e2m3", 2, 3, 1, "finite", rat(15n, 2n), rat(1n), rat(1n, 8n)),
  fl("fp6-e3m2", 3, 2, 3, "finite", rat(28n), rat(1n, 4n), rat(1n, 16n)),
  fl("fp4-e2m1", 2, 1, 1, "finite", rat(6n), rat(1n), rat(1n, 2n)),
  fl("e8m0", 8, 0, 127, "e8m0", pow2(127), pow2(-127), pow2(-127), false),
  fl("fp16", 5, 10, 15, "ieee", rat(65504n), pow2(-14), pow2(-24)),
  fl("bf16", 8, 7, 127, "ieee", topOfBinade(7, 127), pow2(-126), pow2(-133)),
  fl("tf32", 8, 10, 127, "ieee", topOfBinade(10, 127), pow2(-126), pow2(-136)),
  fl("fp32", 8, 23, 127, "ieee", topOfBinade(23, 127), pow2(-126), pow2(-149)),
  fl("fp64", 11, 52, 1023, "ieee", topOfBinade(52, 1023), pow2(-1022), pow2(-1074)),
];

/** Special codes from REFERENCES.md §1 (8-bit formats): which codes are Inf and which are NaN. */
export const REFERENCE_SPECIAL_CODES: Readonly<Record<string, { inf: readonly number[]; nan: readonly number[] }>> = {
  "fp8-e4m3": { inf: [], nan: [0x7f, 0xff] },
  "fp8-e5m2": { inf: [0x7c, 0xfc], nan: [0x7d, 0x7e, 0x7f, 0xfd, 0xfe, 0xff] },
  "fp8-e4m3fnuz": { inf: [], nan: [0x80] },
  "fp8-e5m2fnuz": { inf: [], nan: [0x80] },
  "fp8-e4m3b11fnuz": { inf: [], nan: [0x80] },
  "fp8-e4m3-ieee": { inf: [0x78, 0xf8], nan: [0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff] },
  "fp8-e3m4": { inf: [0x70, 0xf0], nan: [0x71, 0x72, 0x73, 0x74, 0x75, 0x76, 0x77, 0x78, 0x79, 0x7a, 0x7b, 0x7c, 0x7d, 0x7e, 0x7f, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff] },
  e8m0: { inf: [], nan: [0xff] },
};
