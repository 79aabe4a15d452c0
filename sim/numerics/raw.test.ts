// raw.ts helpers against the oracle's rationals (fast-check, seeded).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { add, cmp, mul, pow2, rat } from "./oracle/rational.js";
import type { Rational } from "./oracle/rational.js";
import { rawToOracle } from "./oracle/raw-bridge.js";
import type { Raw } from "./raw.js";
import { addExact, bitLength, compareRaw, finite, leadingExponent, mulExact, negate, normalize } from "./raw.js";

const arbFinite: fc.Arbitrary<Raw> = fc
  .tuple(fc.constantFrom(0 as const, 1 as const), fc.bigInt(1n, (1n << 120n) - 1n), fc.integer({ min: -300, max: 300 }))
  .map(([sign, sig, exp]) => ({ cls: "finite", sign, sig, exp }));
const arbValue: fc.Arbitrary<Raw> = fc.oneof(
  { weight: 8, arbitrary: arbFinite },
  { weight: 1, arbitrary: fc.constantFrom<Raw>({ cls: "zero", sign: 0 }, { cls: "zero", sign: 1 }) },
);
const q = (x: Raw): Rational => {
  const v = rawToOracle(x);
  return v.cls === "finite" ? v.value : v.cls === "zero" ? rat(0n) : (() => { throw new Error(v.cls); })();
};
const opts = { seed: 42, numRuns: 3000 };

describe("raw", () => {
  it("bitLength is the binary length, on both sides of the 2^53 fast path", () => {
    for (const x of [0n, 1n, 2n, 3n, (1n << 32n) - 1n, 1n << 32n, (1n << 53n) - 1n, 1n << 53n, (1n << 64n) + 5n]) {
      expect(bitLength(x)).toBe(x === 0n ? 0 : x.toString(2).length);
    }
    fc.assert(
      fc.property(fc.bigInt(1n, 1n << 300n), (x) => {
        expect(bitLength(x)).toBe(x.toString(2).length);
      }),
      opts,
    );
  });

  it("normalize keeps the value and leaves an odd significand; leadingExponent is floor(log2|x|)", () => {
    fc.assert(
      fc.property(arbFinite, (x) => {
        const n = normalize(x);
        expect(cmp(q(n), q(x))).toBe(0);
        if (n.cls === "finite") {
          expect(n.sig & 1n).toBe(1n);
          const e = leadingExponent(n);
          const mag = q({ ...n, sign: 0 } as Raw);
          expect(cmp(pow2(e), mag)).toBeLessThanOrEqual(0);
          expect(cmp(mag, pow2(e + 1))).toBe(-1);
        }
      }),
      opts,
    );
  });

  it("compareRaw, addExact and mulExact are exact", () => {
    fc.assert(
      fc.property(arbValue, arbValue, (a, b) => {
        expect(compareRaw(a, b)).toBe(cmp(q(a), q(b)));
        expect(cmp(q(addExact(a, b)), add(q(a), q(b)))).toBe(0);
        expect(cmp(q(mulExact(a, b)), mul(q(a), q(b)))).toBe(0);
      }),
      opts,
    );
  });

  it("signed zeros: −0 + −0 = −0, +0 + −0 = +0, x + (−x) = +0, products carry the xor of signs", () => {
    const pz: Raw = { cls: "zero", sign: 0 };
    const nz: Raw = { cls: "zero", sign: 1 };
    const x: Raw = { cls: "finite", sign: 0, sig: 3n, exp: -2 };
    expect(addExact(nz, nz)).toEqual(nz);
    expect(addExact(pz, nz)).toEqual(pz);
    expect(addExact(x, negate(x))).toEqual(pz);
    expect(mulExact(nz, x)).toEqual(nz);
    expect(mulExact(nz, negate(x))).toEqual(pz);
  });

  it("finite() folds a negative significand into the sign; compareRaw orders ±Inf and rejects NaN", () => {
    expect(finite(0, -5n, 1)).toEqual({ cls: "finite", sign: 1, sig: 5n, exp: 1 });
    expect(finite(1, 0n, 7)).toEqual({ cls: "zero", sign: 1 });
    const inf: Raw = { cls: "inf", sign: 0 };
    const x: Raw = { cls: "finite", sign: 0, sig: 1n, exp: 1000 };
    expect(compareRaw(inf, x)).toBe(1);
    expect(compareRaw(negate(inf), negate(x))).toBe(-1);
    expect(compareRaw(inf, inf)).toBe(0);
    expect(() => compareRaw({ cls: "nan", sign: 0 }, x)).toThrow(RangeError);
    expect(() => addExact(inf, x)).toThrow(RangeError);
  });
});
