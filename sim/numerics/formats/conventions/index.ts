import type { SpecialsPolicy } from "../format.js";
import type { SpecialsConvention } from "./convention.js";
import { fnuz } from "./fnuz.js";
import { ieee754 } from "./ieee754.js";
import { ocpFn } from "./ocp-fp8.js";
import { mxE8m0, mxFinite } from "./ocp-mx.js";

/** The convention object for a specials policy. */
export function conventionOf(policy: SpecialsPolicy): SpecialsConvention {
  switch (policy) {
    case "ieee":
      return ieee754;
    case "fn":
      return ocpFn;
    case "fnuz":
      return fnuz;
    case "finite":
      return mxFinite;
    case "e8m0":
      return mxE8m0;
  }
}
