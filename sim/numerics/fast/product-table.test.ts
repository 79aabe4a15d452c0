import { describe, expect, it } from "vitest";
import { lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { toFloat64 } from "../float64.js";
import { mulRaw } from "../ops/mul.js";
import { buildProductTable } from "./product-table.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

/** The ≤ 8-bit format pairs used by default. */
export const DEFAULT_PAIRS: readonly (readonly [string, string])[] = [
  ["fp8-e4m3", "fp8-e4m3"],
  ["fp8-e5m2", "fp8-e5m2"],
  ["fp8-e4m3", "fp8-e5m2"],
  ["int8", "int8"],
  ["int4", "int4"],
  ["fp4-e2m1", "fp4-e2m1"],
  ["int4", "int8"],
  ["int8", "fp8-e4m3"],
  ["uint8", "int8"],
];

describe("product tables equal ops/mul on every pair of codes", () => {
  for (const [x, y] of DEFAULT_PAIRS) {
    it(`${x} × ${y}: all ${2 ** (F(x).bits + F(y).bits)} pairs`, () => {
      const A = F(x);
      const B = F(y);
      const built = buildProductTable(A, B);
      if (!built.ok) throw new Error(built.reason);
      const t = built.table;
      const ra = Array.from({ length: 1 << A.bits }, (_, i) => decode(A, BigInt(i)));
      const rb = Array.from({ length: 1 << B.bits }, (_, j) => decode(B, BigInt(j)));
      const bad: string[] = [];
      for (let i = 0; i < ra.length; i++) {
        for (let j = 0; j < rb.length; j++) {
          const ref = mulRaw(ra[i]!, rb[j]!);
          const want = ref.value.cls === "nan" ? NaN : toFloat64(ref.value);
          const k = (i << 8) | j;
          if (!Object.is(t.products[k], want) || (t.invalid[k] === 1) !== ref.invalid) {
            bad.push(`${i}×${j}: ${t.products[k]} vs ${want}`);
          }
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
      expect(t.fp32Exact).toBe(true); // every ≤ 8-bit product is a binary32 value
    });
  }

  it("codes beyond a narrow format index NaN padding; wide formats are refused with a reason", () => {
    const t = buildProductTable(F("int4"), F("int4"));
    expect(t.ok && Number.isNaN(t.table.products[(16 << 8) | 1])).toBe(true);
    const w = buildProductTable(F("fp16"), F("fp8-e4m3"));
    expect(!w.ok && w.reason).toMatch(/at most 8 bits/);
  });

  it("flags tables whose products leave binary32 (E8M0 × E8M0 reaches 2^254)", () => {
    const t = buildProductTable(F("e8m0"), F("e8m0"));
    if (!t.ok) throw new Error(`the table must be built: ${t.reason}`); // else "not fp32-exact" would pass vacuously
    expect(t.table.fp32Exact).toBe(false);
    expect(t.table.maxAbs).toBe(2 ** 254); // 2^127 · 2^127
  });
});
