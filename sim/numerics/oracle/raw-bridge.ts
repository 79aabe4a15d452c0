import type { Raw } from "../raw.js";
import type { OracleValue } from "./format-model.js";
import type { Rational } from "./rational.js";
import { isDyadic, rat, reduce } from "./rational.js";

/** Read a Raw (the code under test's value type) as an oracle value: (−1)^sign · sig · 2^exp. */
export function rawToOracle(x: Raw): OracleValue {
  if (x.cls !== "finite") return { cls: x.cls, sign: x.sign };
  if (x.sig <= 0n) throw new RangeError("rawToOracle: finite raw with a non-positive significand");
  const mag = x.exp >= 0 ? rat(x.sig << BigInt(x.exp)) : rat(x.sig, 1n << BigInt(-x.exp));
  return { cls: "finite", value: x.sign ? rat(-mag.n, mag.d) : mag };
}

/** Write a dyadic rational as a Raw literal (built here, not with raw.ts helpers). Zero gives +0. */
export function rationalToRaw(q: Rational): Raw {
  if (q.n === 0n) return { cls: "zero", sign: 0 };
  let n = q.n < 0n ? -q.n : q.n;
  let k = 0; // q = ±n / 2^k
  if ((q.d & (q.d - 1n)) === 0n) {
    k = q.d.toString(2).length - 1;
  } else {
    if (!isDyadic(q)) throw new RangeError("rationalToRaw: not a dyadic rational, no Raw can hold it exactly");
    const r = reduce(q);
    n = r.n < 0n ? -r.n : r.n;
    k = r.d.toString(2).length - 1;
  }
  // Lowest terms: strip common factors of two.
  const tz = Math.min(k, (n & -n).toString(2).length - 1);
  n >>= BigInt(tz);
  k -= tz;
  return { cls: "finite", sign: q.n < 0n ? 1 : 0, sig: n, exp: -k };
}

/** Write any oracle value (finite ones must be dyadic) as a Raw literal. */
export function oracleToRaw(v: OracleValue): Raw {
  return v.cls === "finite" ? rationalToRaw(v.value) : { cls: v.cls, sign: v.sign };
}

/** Exact equality of two oracle values: same class, same sign for non-finite classes, equal rationals. */
export function sameOracleValue(a: OracleValue, b: OracleValue): boolean {
  if (a.cls === "finite" || b.cls === "finite") {
    return a.cls === "finite" && b.cls === "finite" && a.value.n * b.value.d === b.value.n * a.value.d;
  }
  return a.cls === b.cls && a.sign === b.sign;
}
