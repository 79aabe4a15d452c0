import { describe, expect, it } from "vitest";
import { lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { finite, INF, NAN, NEG_INF, ZERO } from "../raw.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import { mul, mulCodes, mulRaw } from "./mul.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

describe("mulRaw / mulCodes: exact products", () => {
  it("every fp8-e4m3 × fp8-e5m2 pair equals the binary64 product of the decoded values (exact: ≤ 4+3 bits)", () => {
    const A = F("fp8-e4m3");
    const B = F("fp8-e5m2");
    const vbs = Array.from({ length: 256 }, (_, b) => toFloat64(decode(B, BigInt(b))));
    const bad: string[] = [];
    for (let a = 0; a < 256; a++) {
      const va = toFloat64(decode(A, BigInt(a)));
      for (let b = 0; b < 256; b++) {
        const vb = vbs[b]!;
        const p = mulCodes(A, BigInt(a), B, BigInt(b));
        const want = va * vb;
        const got = p.value.cls === "nan" ? NaN : toFloat64(p.value);
        const invalid = va === 0 && (vb === Infinity || vb === -Infinity);
        if (!Object.is(got, want) || p.invalid !== invalid) bad.push(`${a}×${b}: ${got} vs ${want}`);
      }
    }
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it("int×int is exact far beyond 53 bits", () => {
    const I32 = F("int32");
    const p = mulCodes(I32, 0x80000000n, I32, 0x80000000n); // (−2^31)²
    expect(p.value).toEqual(finite(0, 1n << 62n, 0));
    const q = mulCodes(I32, 0x7fffffffn, I32, 0x80000001n); // (2^31−1)·(−2^31+1)
    expect(p.invalid || q.invalid).toBe(false);
    expect(q.value).toEqual(finite(1, (2n ** 31n - 1n) ** 2n, 0));
  });

  it("int×float mixes exactly", () => {
    const p = mulCodes(F("int8"), 0x80n, F("fp8-e4m3"), 0x7en); // −128 × 448
    expect(toFloat64(p.value)).toBe(-57344);
  });

  it("IEEE special rules: 0×∞ invalid, ∞ sign xor, NaN canonical, zero sign xor", () => {
    expect(mulRaw(ZERO, NEG_INF)).toEqual({ value: NAN, invalid: true });
    expect(mulRaw(fromFloat64(-2), INF)).toEqual({ value: NEG_INF, invalid: false });
    expect(mulRaw({ cls: "nan", sign: 1 }, fromFloat64(3))).toEqual({ value: NAN, invalid: false });
    expect(mulRaw(fromFloat64(-0), fromFloat64(5)).value).toEqual({ cls: "zero", sign: 1 });
  });
});

describe("mul: one rounding", () => {
  it("fp32 × fp32 → fp32 equals Math.fround(a*b) (correctly rounded: 53 ≥ 2·24+2)", () => {
    const FP32 = F("fp32");
    const rng = createPrng(3);
    const f = new Float32Array(1);
    const u = new Uint32Array(f.buffer);
    for (let t = 0; t < 3000; t++) {
      const a = rng.nextUint32();
      const b = rng.nextUint32();
      u[0] = a;
      const x = f[0]!;
      u[0] = b;
      const y = f[0]!;
      const want = Math.fround(x * y);
      const r = mul(FP32, BigInt(a), FP32, BigInt(b), FP32);
      if (Number.isNaN(want)) expect(r.value.cls).toBe("nan");
      else expect(Object.is(toFloat64(r.value), want)).toBe(true);
    }
  });

  it("fp8 products rounded into fp8 raise inexact and overflow as expected", () => {
    const E4 = F("fp8-e4m3");
    const r = mul(E4, 0x7en, E4, 0x7en, E4, { overflow: "saturate" }); // 448² saturates to 448
    expect(r.code).toBe(0x7en);
    expect(r.flags.overflow).toBe(true);
  });
});
