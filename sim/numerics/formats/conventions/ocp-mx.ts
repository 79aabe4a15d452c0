import type { SpecialsConvention } from "./convention.js";
import { allOnes, maxBiasedExp } from "./convention.js";

/**
 * OCP Microscaling (MX) v1.0 §5.3: FP6 (E2M3, E3M2) and FP4 (E2M1) elements have no Inf and no NaN;
 * every code is a number. A NaN input has no encoding: hwsim follows ml_dtypes and gives −0 with
 * the invalid flag set.
 */
export const mxFinite: SpecialsConvention = {
  policy: "finite",
  hasInf: false,
  hasNaN: false,
  hasNegZero: true,
  hasSubnormals: true,
  hasZero: true,
  classify() {
    return "number";
  },
  maxFinite(f) {
    return { biasedExp: maxBiasedExp(f), fraction: allOnes(f.manBits) };
  },
  nanCode() {
    return null;
  },
  infCode() {
    return null;
  },
};

/**
 * OCP MX v1.0 §5.4.1 E8M0 scale: unsigned, value 2^(code − 127) for codes 0..254, 0xFF is NaN,
 * no zero and no subnormals (code 0 is the normal 2^-127).
 */
export const mxE8m0: SpecialsConvention = {
  policy: "e8m0",
  hasInf: false,
  hasNaN: true,
  hasNegZero: false,
  hasSubnormals: false,
  hasZero: false,
  classify(f, x) {
    return x.biasedExp === maxBiasedExp(f) ? "nan" : "number";
  },
  maxFinite(f) {
    return { biasedExp: maxBiasedExp(f) - 1, fraction: allOnes(f.manBits) };
  },
  nanCode(f) {
    return allOnes(f.bits);
  },
  infCode() {
    return null;
  },
};
