import { describe, expect, it } from "vitest";
import { lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { INF, NAN, NEG_INF, compareRaw, finite } from "../raw.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import { add, addRaw, addRounded } from "./add.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
const FP32 = F("fp32");

describe("addRaw: exact sums", () => {
  it("∞ − ∞ is NaN and invalid; ∞ + x is ∞; NaN is canonical", () => {
    expect(addRaw(INF, NEG_INF)).toEqual({ value: NAN, invalid: true });
    expect(addRaw(NEG_INF, fromFloat64(1e300))).toEqual({ value: NEG_INF, invalid: false });
    expect(addRaw({ cls: "nan", sign: 1 }, INF)).toEqual({ value: NAN, invalid: false });
  });

  it("zero signs follow IEEE 754 §6.3", () => {
    const p0 = fromFloat64(0);
    const n0 = fromFloat64(-0);
    expect(addRaw(p0, n0).value).toEqual({ cls: "zero", sign: 0 });
    expect(addRaw(p0, n0, "rdn").value).toEqual({ cls: "zero", sign: 1 });
    expect(addRaw(n0, n0).value).toEqual({ cls: "zero", sign: 1 });
    expect(addRaw(fromFloat64(3), fromFloat64(-3)).value).toEqual({ cls: "zero", sign: 0 });
    expect(addRaw(fromFloat64(3), fromFloat64(-3), "rdn").value).toEqual({ cls: "zero", sign: 1 });
  });

  it("is exact across huge exponent gaps", () => {
    const s = addRaw(fromFloat64(2 ** 1000), fromFloat64(2 ** -1000)).value;
    expect(compareRaw(s, finite(0, (1n << 2000n) + 1n, -1000))).toBe(0);
    expect(compareRaw(s, finite(0, 1n << 2000n, -1000))).toBe(1);
  });
});

describe("addRounded: one rounding", () => {
  it("fp32 + fp32 → fp32 equals Math.fround(a + b) on random bit patterns (Figueroa: no double rounding)", () => {
    const rng = createPrng(17);
    const f = new Float32Array(2);
    const u = new Uint32Array(f.buffer);
    for (let t = 0; t < 5000; t++) {
      u[0] = rng.nextUint32();
      u[1] = t % 2 ? rng.nextUint32() : (u[0]! ^ (rng.nextUint32() & 0x807fffff)) >>> 0; // often close magnitudes
      const want = Math.fround(f[0]! + f[1]!);
      const r = add(FP32, BigInt(u[0]!), FP32, BigInt(u[1]!), FP32);
      if (Number.isNaN(want)) expect(r.value.cls).toBe("nan");
      else expect(Object.is(toFloat64(r.value), want)).toBe(true);
    }
  });

  it("mixed formats round once into the destination", () => {
    // 1 (fp16) + 2^-24 (fp32): a binary32 tie at 1 + 2^-24 → 1 (even); in binary64 it is exact.
    const r = addRounded(fromFloat64(1), fromFloat64(2 ** -24), FP32);
    expect(toFloat64(r.value)).toBe(1);
    expect(r.flags.inexact).toBe(true);
    const d = addRounded(fromFloat64(1), fromFloat64(2 ** -24), F("fp64"));
    expect(toFloat64(d.value)).toBe(1 + 2 ** -24);
    expect(d.flags.inexact).toBe(false);
  });
});
