import { describe, expect, it } from "vitest";
import { lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
import { encode } from "../codec.js";
import { finite } from "../raw.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import type { AccumulatorOverrides, AccumulatorSpec } from "./accumulator.js";
import { resolveAccumulator } from "./accumulator.js";
import type { DotOutcome } from "./dot.js";
import { dot } from "./dot.js";

const F = (id: string): ScalarFormat => {
  const r = lookupScalar(id);
  if (!r.ok) throw new Error(r.reason);
  return r.format;
};
const INT8 = F("int8");
const INT32 = F("int32");
const FP32 = F("fp32");
const FP16 = F("fp16");
const E4M3 = F("fp8-e4m3");
const E5M2 = F("fp8-e5m2");

const spec = (name: string, o: AccumulatorOverrides = {}): AccumulatorSpec => {
  const r = resolveAccumulator(name, o);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};
const i8 = (xs: number[]) => xs.map((x) => BigInt.asUintN(8, BigInt(x)));
const i32 = (x: bigint) => ({ format: INT32, code: BigInt.asUintN(32, x) });
const fcodes = (fmt: ScalarFormat, xs: number[]) =>
  xs.map((x) => {
    const e = encode(fmt, fromFloat64(x));
    if (e.flags.inexact) throw new Error(`${x} not exact in ${fmt.id}`);
    return e.code;
  });
const okOf = (r: DotOutcome) => {
  if (!r.ok) throw new Error(r.reason);
  return r;
};
const intValue = (r: DotOutcome) => {
  const v = okOf(r).value;
  return v.cls === "zero" ? 0n : v.cls === "finite" ? (v.sign ? -v.sig : v.sig) << BigInt(v.exp) : NaN;
};
const MAX = 2n ** 31n - 1n;
const MIN = -(2n ** 31n);
const I8 = { a: INT8, b: INT8 };

describe("integer accumulators: wrap and saturate at the exact boundaries", () => {
  const wrap = spec("int32-wrap");
  const sat = spec("int32-sat");

  it("reaching the limits exactly is not an overflow", () => {
    const up = dot(i8([1]), i8([1]), i32(MAX - 1n), wrap, I8);
    expect(intValue(up)).toBe(MAX);
    expect(okOf(up).flags.overflow).toBe(false);
    const down = dot(i8([-1]), i8([1]), i32(MIN + 1n), sat, I8);
    expect(intValue(down)).toBe(MIN);
    expect(okOf(down).flags.overflow).toBe(false);
  });

  it("2^31−1 + 1 wraps to −2^31 (wrap) or stays 2^31−1 (saturate), with the overflow flag", () => {
    const w = okOf(dot(i8([1]), i8([1]), i32(MAX), wrap, I8));
    expect(intValue(w)).toBe(MIN);
    expect(w.code).toBe(0x80000000n);
    expect(w.flags.overflow).toBe(true);
    const s = okOf(dot(i8([1]), i8([1]), i32(MAX), sat, I8));
    expect(intValue(s)).toBe(MAX);
    expect(s.flags.overflow).toBe(true);
  });

  it("−2^31 − 1 wraps to 2^31−1 (wrap) or stays −2^31 (saturate), with the overflow flag", () => {
    const w = okOf(dot(i8([-1]), i8([1]), i32(MIN), wrap, I8));
    expect(intValue(w)).toBe(MAX);
    expect(w.flags.overflow).toBe(true);
    const s = okOf(dot(i8([-1]), i8([1]), i32(MIN), sat, I8));
    expect(intValue(s)).toBe(MIN);
    expect(s.flags.overflow).toBe(true);
  });

  it("the flag is sticky: an intermediate overflow is flagged even when the final sum fits", () => {
    // c = 2^31−1, then +1, then −1. The true sum 2^31−1 fits. Wrap: the intermediate wraps and unwraps,
    // giving the true sum, but the flag stays set. Saturate: clamps at 2^31−1, then −1 gives 2^31−2.
    const w = okOf(dot(i8([1, -1]), i8([1, 1]), i32(MAX), wrap, I8));
    expect(intValue(w)).toBe(MAX);
    expect(w.flags.overflow).toBe(true);
    const s = okOf(dot(i8([1, -1]), i8([1, 1]), i32(MAX), sat, I8));
    expect(intValue(s)).toBe(MAX - 1n);
    expect(s.flags.overflow).toBe(true);
  });

  it("int48-dsp wraps modulo 2^48 (DSP48E2 P register)", () => {
    const dsp = spec("int48-dsp");
    const c = { format: F("int48"), code: 2n ** 47n - 1n };
    const r = okOf(dot(i8([-128]), i8([-128]), c, dsp, I8)); // + 16384
    expect(intValue(r)).toBe(2n ** 47n - 1n + 16384n - 2n ** 48n);
    expect(r.flags.overflow).toBe(true);
    expect(r.format?.bits).toBe(48);
  });

  it("random int8 vectors match a BigInt oracle (wrap and saturate, flags included)", () => {
    const rng = createPrng(7);
    for (let t = 0; t < 50; t++) {
      const n = 1 + (rng.nextUint32() % 300);
      const a = Array.from({ length: n }, () => (rng.nextUint32() & 0xff) - 128);
      const b = Array.from({ length: n }, () => (rng.nextUint32() & 0xff) - 128);
      const c = BigInt((rng.nextUint32() | 0) >> (t % 2 ? 0 : 8)) + (t % 3 === 0 ? MAX - 100000n : 0n);
      const cIn = c > MAX ? MAX : c;
      // Oracle: plain BigInt arithmetic, written without the code under test.
      let accW = cIn;
      let accS = cIn;
      let flagW = false;
      let flagS = false;
      for (let i = 0; i < n; i++) {
        const p = BigInt(a[i]! * b[i]!);
        const sw = accW + p;
        if (sw > MAX || sw < MIN) flagW = true;
        accW = BigInt.asIntN(32, sw);
        const ss = accS + p;
        if (ss > MAX || ss < MIN) flagS = true;
        accS = ss > MAX ? MAX : ss < MIN ? MIN : ss;
      }
      const w = okOf(dot(i8(a), i8(b), i32(cIn), spec("int32-wrap"), I8));
      const s = okOf(dot(i8(a), i8(b), i32(cIn), spec("int32-sat"), I8));
      expect([intValue(w), w.flags.overflow]).toEqual([accW, flagW]);
      expect([intValue(s), s.flags.overflow]).toEqual([accS, flagS]);
    }
  });

  it("integer accumulators refuse float products with a reason", () => {
    const r = dot([0n], [0n], finite(0, 0n, 0), spec("int32-wrap"), { a: E4M3, b: INT8 });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toMatch(/integer products/);
  });

  it("c given as a raw that does not fit is wrapped or saturated, and flagged", () => {
    const w = okOf(dot([], [], finite(0, 2n ** 31n, 0), spec("int32-wrap"), I8));
    expect([intValue(w), w.flags.overflow]).toEqual([MIN, true]);
    const s = okOf(dot([], [], finite(0, 2n ** 31n, 0), spec("int32-sat"), I8));
    expect([intValue(s), s.flags.overflow]).toEqual([MAX, true]);
  });
});

describe("float accumulators", () => {
  const F32 = { a: FP32, b: FP32 };

  it("fp32-seq rounds the product before the add; fp32-fma does not", () => {
    // c = −1, one product (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24. fp32-fma: round(−1 + product) = 2^-11 + 2^-24
    // exactly. fp32-seq: the product is a binary32 tie, rounded to even 1 + 2^-11, so the sum is 2^-11.
    const x = fcodes(FP32, [1 + 2 ** -12]);
    expect(toFloat64(okOf(dot(x, x, fromFloat64(-1), spec("fp32-seq"), F32)).value)).toBe(2 ** -11);
    expect(toFloat64(okOf(dot(x, x, fromFloat64(-1), spec("fp32-fma"), F32)).value)).toBe(2 ** -11 + 2 ** -24);
  });

  it("fp32-seq matches a Math.fround oracle on random fp32 vectors (each fround(x op y) is correctly rounded)", () => {
    const rng = createPrng(11);
    const rand = () => Math.fround((rng.nextFloat64() - 0.5) * 2 ** ((rng.nextUint32() % 40) - 20));
    for (let t = 0; t < 20; t++) {
      const xs = Array.from({ length: 64 }, rand);
      const ys = Array.from({ length: 64 }, rand);
      let acc = 0;
      for (let i = 0; i < xs.length; i++) acc = Math.fround(acc + Math.fround(xs[i]! * ys[i]!));
      const r = okOf(dot(fcodes(FP32, xs), fcodes(FP32, ys), fromFloat64(0), spec("fp32-seq"), F32));
      expect(toFloat64(r.value)).toBe(acc);
    }
  });

  it("fp16-seq stagnates at 2048 when adding ones (2048 + 1 is a tie, rounded to even)", () => {
    const ones = fcodes(FP16, new Array<number>(3000).fill(1));
    const r = okOf(dot(ones, ones, fromFloat64(0), spec("fp16-seq"), { a: FP16, b: FP16 }));
    expect(toFloat64(r.value)).toBe(2048);
    expect(r.flags.inexact).toBe(true);
  });

  it("0 × ∞ makes the sum NaN and raises invalid; NaN stays NaN", () => {
    const r = okOf(dot(fcodes(E5M2, [0, 1]), fcodes(E5M2, [Infinity, 1]), fromFloat64(0), spec("fp32-seq"), { a: E5M2, b: E5M2 }));
    expect(r.value.cls).toBe("nan");
    expect(r.code).toBe(0x7fc00000n);
    expect(r.flags.invalid).toBe(true);
  });

  it("overflow to ∞ raises overflow and inexact", () => {
    const big = 2 ** 127;
    const r = okOf(dot(fcodes(FP32, [big, big]), fcodes(FP32, [1, 1]), fromFloat64(0), spec("fp32-fma"), F32));
    expect(toFloat64(r.value)).toBe(Infinity);
    expect(r.flags.overflow && r.flags.inexact).toBe(true);
  });

  it("int×int products accumulate into float accumulators exactly, then round", () => {
    // 127·127 + 2^24 → 2^24 + 16129 is odd, so binary32 (ulp 2) rounds it to even: 2^24 + 16128.
    const r = okOf(dot(i8([127]), i8([127]), fromFloat64(2 ** 24), spec("fp32-seq"), I8));
    expect(toFloat64(r.value)).toBe(2 ** 24 + 16128);
  });

  it("int×float products are exact", () => {
    const r = okOf(dot(i8([-128]), fcodes(E4M3, [448]), fromFloat64(0), spec("fp32-fma"), { a: INT8, b: E4M3 }));
    expect(toFloat64(r.value)).toBe(-57344);
  });

  it("stochastic rounding without a seeded source is refused with a reason", () => {
    const r = dot([], [], fromFloat64(0), spec("fp32-seq", { rounding: "stochastic" }), F32);
    expect(r.ok).toBe(false);
  });
});

describe("exact and Kulisch accumulators", () => {
  const a = fcodes(FP32, [2 ** 30, 1, -(2 ** 30)]);
  const b = fcodes(FP32, [1, 1, 1]);
  const F32 = { a: FP32, b: FP32 };

  it("exact keeps every bit and has no code; kulisch rounds once; fp32-seq loses the 1", () => {
    const e = okOf(dot(a, b, fromFloat64(0), spec("exact"), F32));
    expect(e.code).toBeNull();
    expect(toFloat64(e.value)).toBe(1);
    const k = okOf(dot(a, b, fromFloat64(0), spec("kulisch"), F32));
    expect(k.code).toBe(0x3f800000n);
    expect(okOf(dot(a, b, fromFloat64(0), spec("fp32-seq"), F32)).value.cls).toBe("zero");
  });

  it("exact sums far beyond any float format stay exact", () => {
    const r = okOf(dot(fcodes(FP32, [2 ** 127, 2 ** -149]), fcodes(FP32, [2 ** 127, 2 ** -149]), fromFloat64(0), spec("exact"), F32));
    expect(r.value).toEqual(finite(0, 2n ** 552n + 1n, -298));
  });

  it("kulisch rounds the exact sum with one RNE rounding", () => {
    // 1 + 2^-24 + 2^-70: exactly above the binary32 tie at 1 + 2^-24, so it rounds up to 1 + 2^-23.
    const r = okOf(dot(fcodes(FP32, [1, 2 ** -24, 2 ** -70]), fcodes(FP32, [1, 1, 1]), fromFloat64(0), spec("kulisch"), F32));
    expect(toFloat64(r.value)).toBe(1 + 2 ** -23);
  });

  it("empty dot returns c converted into the accumulator", () => {
    const r = okOf(dot([], [], fromFloat64(1.5), spec("kulisch"), F32));
    expect(r.code).toBe(0x3fc00000n);
  });

  it("length mismatch is a bug and throws", () => {
    expect(() => dot([1n], [], fromFloat64(0), spec("exact"), F32)).toThrow(RangeError);
  });
});
