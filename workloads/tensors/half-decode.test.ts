import { describe, expect, it } from "vitest";
import { decode } from "../../sim/numerics/codec.js";
import { toFloat64 } from "../../sim/numerics/float64.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import { decodeBf16Bits, decodeF16Bits } from "./half-decode.js";

const fmt = (id: string) => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};

describe("decodeF16Bits", () => {
  it("decodes known binary16 codes", () => {
    expect(decodeF16Bits(0x3c00)).toBe(1);
    expect(decodeF16Bits(0xc000)).toBe(-2);
    expect(decodeF16Bits(0x7bff)).toBe(65504);
    expect(decodeF16Bits(0x0001)).toBe(2 ** -24);
    expect(decodeF16Bits(0x0400)).toBe(2 ** -14);
    expect(decodeF16Bits(0x3555)).toBe(0.333251953125);
    expect(Object.is(decodeF16Bits(0x8000), -0)).toBe(true);
    expect(decodeF16Bits(0x7c00)).toBe(Infinity);
    expect(decodeF16Bits(0xfc00)).toBe(-Infinity);
    expect(decodeF16Bits(0x7e00)).toBeNaN();
  });
  it("equals the sim/numerics decoder on all 65536 codes", () => {
    const f = fmt("fp16");
    for (let c = 0; c < 65536; c++) {
      const want = toFloat64(decode(f, BigInt(c)));
      const got = decodeF16Bits(c);
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else if (!Object.is(got, want)) expect(got).toBe(want);
    }
  });
});

describe("decodeBf16Bits", () => {
  it("decodes known bfloat16 codes", () => {
    expect(decodeBf16Bits(0x3f80)).toBe(1);
    expect(decodeBf16Bits(0xc040)).toBe(-3);
    expect(decodeBf16Bits(0x4049)).toBe(3.140625);
    expect(decodeBf16Bits(0x7f7f)).toBe((2 - 2 ** -7) * 2 ** 127);
    expect(decodeBf16Bits(0x0001)).toBe(2 ** -133);
    expect(decodeBf16Bits(0xff80)).toBe(-Infinity);
    expect(decodeBf16Bits(0x7fc0)).toBeNaN();
  });
  it("equals the sim/numerics decoder on all 65536 codes", () => {
    const f = fmt("bf16");
    for (let c = 0; c < 65536; c++) {
      const want = toFloat64(decode(f, BigInt(c)));
      const got = decodeBf16Bits(c);
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else if (!Object.is(got, want)) expect(got).toBe(want);
    }
  });
});
