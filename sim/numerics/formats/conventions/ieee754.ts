import type { SpecialsConvention } from "./convention.js";
import { allOnes, maxBiasedExp, packFields } from "./convention.js";

/**
 * IEEE 754-2019 §3.4 binary interchange rules: all-ones exponent with zero fraction is ±Inf,
 * with nonzero fraction NaN. Used by fp16/bf16/fp32/fp64/tf32, OCP E5M2, float8_e4m3 and e3m4.
 * The canonical (quiet) NaN sets the fraction's top bit (§6.2.1).
 */
export const ieee754: SpecialsConvention = {
  policy: "ieee",
  hasInf: true,
  hasNaN: true,
  hasNegZero: true,
  hasSubnormals: true,
  hasZero: true,
  classify(f, x) {
    if (x.biasedExp !== maxBiasedExp(f)) return "number";
    return x.fraction === 0n ? "inf" : "nan";
  },
  maxFinite(f) {
    return { biasedExp: maxBiasedExp(f) - 1, fraction: allOnes(f.manBits) };
  },
  nanCode(f, sign) {
    const quiet = f.manBits > 0 ? 1n << BigInt(f.manBits - 1) : 0n;
    return packFields(f, sign, maxBiasedExp(f), quiet === 0n ? 1n : quiet);
  },
  infCode(f, sign) {
    return packFields(f, sign, maxBiasedExp(f), 0n);
  },
};
