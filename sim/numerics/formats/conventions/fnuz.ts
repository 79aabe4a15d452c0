import type { SpecialsConvention } from "./convention.js";
import { allOnes, maxBiasedExp } from "./convention.js";

/**
 * "fnuz" (finite, no negative zero; GraphCore and AMD MI300 FP8, ml_dtypes float8_*fnuz):
 * no infinities, the would-be −0 code (sign bit only, 0x80 for 8 bits) is the single NaN.
 */
export const fnuz: SpecialsConvention = {
  policy: "fnuz",
  hasInf: false,
  hasNaN: true,
  hasNegZero: false,
  hasSubnormals: true,
  hasZero: true,
  classify(_f, x) {
    return x.sign === 1 && x.biasedExp === 0 && x.fraction === 0n ? "nan" : "number";
  },
  maxFinite(f) {
    return { biasedExp: maxBiasedExp(f), fraction: allOnes(f.manBits) };
  },
  nanCode(f) {
    return 1n << BigInt(f.bits - 1);
  },
  infCode() {
    return null;
  },
};
