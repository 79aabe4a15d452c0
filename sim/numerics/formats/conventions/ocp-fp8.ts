import type { SpecialsConvention } from "./convention.js";
import { allOnes, maxBiasedExp, packFields } from "./convention.js";

/**
 * OCP 8-bit Floating Point (OFP8) v1.0 E4M3 rule, ml_dtypes suffix "fn": no infinities, and only
 * the all-ones code S.1111.111 is NaN; S.1111.110 is the largest finite value (448 for E4M3).
 */
export const ocpFn: SpecialsConvention = {
  policy: "fn",
  hasInf: false,
  hasNaN: true,
  hasNegZero: true,
  hasSubnormals: true,
  hasZero: true,
  classify(f, x) {
    return x.biasedExp === maxBiasedExp(f) && x.fraction === allOnes(f.manBits) ? "nan" : "number";
  },
  maxFinite(f) {
    if (f.manBits === 0) return { biasedExp: maxBiasedExp(f) - 1, fraction: 0n };
    return { biasedExp: maxBiasedExp(f), fraction: allOnes(f.manBits) - 1n };
  },
  nanCode(f, sign) {
    return packFields(f, sign, maxBiasedExp(f), allOnes(f.manBits));
  },
  infCode() {
    return null;
  },
};
