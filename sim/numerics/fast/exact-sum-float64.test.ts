import { describe, expect, it } from "vitest";
import { exactSumFloat64 } from "./exact-sum-float64.js";
import { createPrng } from "../../prng.js";

/** Exact rational sum via BigInt (every float64 is m·2^e with e ≥ −1074), rounded to nearest-even float64 here. */
function bigSum(xs: number[]): number {
  const SCALE = 1074n;
  let s = 0n;
  const view = new DataView(new ArrayBuffer(8));
  for (const x of xs) {
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const sign = bits >> 63n ? -1n : 1n;
    const e = Number((bits >> 52n) & 0x7ffn);
    const f = bits & ((1n << 52n) - 1n);
    const m = e === 0 ? f : f | (1n << 52n);
    const exp = BigInt(Math.max(e, 1) - 1075) + SCALE; // value = m · 2^(exp − SCALE)
    s += sign * (m << exp);
  }
  if (s === 0n) return 0;
  const neg = s < 0n;
  let a = neg ? -s : s;
  // Round a·2^−1074 to 53 significant bits, ties to even.
  const bitsLen = a.toString(2).length;
  let shift = bitsLen - 53;
  let exp = -1074;
  if (shift > 0) {
    const half = 1n << BigInt(shift - 1);
    const rem = a & ((1n << BigInt(shift)) - 1n);
    a >>= BigInt(shift);
    if (rem > half || (rem === half && (a & 1n) === 1n)) a += 1n;
    exp += shift;
  } else shift = 0;
  const v = Number(a) * 2 ** exp; // a < 2^54: exact product by a power of two (no overflow in these tests)
  return neg ? -v : v;
}

describe("exact float64 sum, correctly rounded", () => {
  it("beats naive summation where it loses everything", () => {
    expect(exactSumFloat64([1e100, 1, -1e100])).toBe(1);
    expect(exactSumFloat64([2 ** 53, 1, 1])).toBe(2 ** 53 + 2);
    // A tie: 2^53 + 1 is half-way between 2^53 and 2^53 + 2; the 2^-60 makes it round up.
    expect(exactSumFloat64([2 ** 53, 1, 2 ** -60])).toBe(2 ** 53 + 2);
    expect(exactSumFloat64([2 ** 53, 1])).toBe(2 ** 53); // tie to even
    expect(exactSumFloat64([])).toBe(0);
  });

  it("equals a BigInt exact sum rounded to nearest-even on 2,000 seeded cancelling sums", () => {
    const rng = createPrng(8);
    for (let t = 0; t < 2000; t++) {
      const n = 1 + Math.floor(rng.nextFloat64() * 40);
      const xs = Array.from({ length: n }, () => (rng.nextFloat64() - 0.5) * 2 ** Math.floor(rng.nextFloat64() * 120 - 60));
      if (t % 3 === 0) xs.push(-xs.reduce((a, b) => a + b, 0)); // near-total cancellation
      expect(exactSumFloat64(xs)).toBe(bigSum(xs));
    }
  });

  it("non-finite inputs follow IEEE: ∞ + −∞ is NaN", () => {
    expect(exactSumFloat64([1, Infinity])).toBe(Infinity);
    expect(exactSumFloat64([Infinity, -Infinity])).toBeNaN();
  });
});
