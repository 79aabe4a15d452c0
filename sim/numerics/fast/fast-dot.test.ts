/**
 * The fast path equals the reference path (ops/dot.ts): codes, values and flags, on every pair of codes
 * (one multiply-accumulate step from many starting accumulators) and on long seeded random vectors, for every
 * preset the fast path supports. Unsupported specs say why and dotAuto falls back to the reference.
 */
import { describe, expect, it } from "vitest";
import type { ScalarFormat } from "../formats/format.js";
import type { Raw } from "../raw.js";
import { finite } from "../raw.js";
import { encode } from "../codec.js";
import { fromFloat64 } from "../float64.js";
import type { Prng } from "../../prng.js";
import { createPrng } from "../../prng.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import type { DotFormats, DotInit } from "../ops/dot.js";
import { dot } from "../ops/dot.js";
import { dotAuto, prepareDot } from "./dot-auto.js";
import { prepareFastDot } from "./fast-dot.js";
import { F, S, same } from "./testing/every-pair-suite.js";

const FLOAT_PAIRS: [string, string][] = [
  ["fp8-e4m3", "fp8-e4m3"],
  ["fp8-e5m2", "fp8-e5m2"],
  ["fp8-e4m3", "fp8-e5m2"],
  ["fp4-e2m1", "fp4-e2m1"],
  ["int8", "int8"],
  ["int4", "int4"],
  ["int4", "int8"],
  ["int8", "fp8-e4m3"],
];
const INT_PAIRS: [string, string][] = [
  ["int8", "int8"],
  ["int4", "int4"],
  ["int4", "int8"],
  ["uint8", "int8"],
];
const TC_PAIRS: [string, string][] = [
  ["fp8-e4m3", "fp8-e4m3"],
  ["fp8-e5m2", "fp8-e5m2"],
  ["fp8-e4m3", "fp8-e5m2"],
  ["fp4-e2m1", "fp4-e2m1"],
  ["int8", "int8"],
];
const FAST_PRESETS: [string, [string, string][]][] = [
  ["fp32-seq", FLOAT_PAIRS],
  ["fp32-fma", FLOAT_PAIRS],
  ["int32-wrap", INT_PAIRS],
  ["int32-sat", INT_PAIRS],
  ["int48-dsp", INT_PAIRS],
  ["tc-v100", TC_PAIRS],
  ["tc-a100", TC_PAIRS],
  ["tc-ada", TC_PAIRS],
  ["tc-h100", TC_PAIRS],
  ["tc-h100-fp8", TC_PAIRS],
];

/** Starting accumulators that stress each register: zeros, ones, values near overflow and underflow. */
function startValues(spec: AccumulatorSpec): DotInit[] {
  if (spec.kind === "int") {
    const w = BigInt(spec.widthBits - 1);
    const hi = (1n << w) - 1n;
    const lo = -(1n << w);
    return [0n, 1n, -7n, hi, hi - 100n, lo, lo + 100n, 12345n].map((v) => finite(0, v, 0));
  }
  const f32 = [0, -0, 1, -1.5, 2 ** 24, 2 ** -140, -(2 ** -126), 3.4e38, -3.4e38, 2 ** 30 + 1, 0.1, Infinity];
  return f32.map((x) => fromFloat64(Math.fround(x)));
}

/** Random codes: mostly finite values from a scaled normal distribution, some uniform codes (NaN/∞ included). */
function vector(rng: Prng, fmt: ScalarFormat, n: number, specials: boolean): Uint8Array {
  const v = new Uint8Array(n);
  const scale = 2 ** ((rng.nextUint32() % 12) - 4);
  for (let i = 0; i < n; i++) {
    if (specials && rng.nextUint32() % 200 === 0) v[i] = rng.nextUint32() & ((1 << fmt.bits) - 1);
    else {
      const e = encode(fmt, fromFloat64(rng.nextNormal() * scale), { overflow: "saturate" });
      v[i] = Number(e.code);
    }
  }
  return v;
}

describe("fast path equals the reference on long seeded random vectors", () => {
  for (const [name, pairs] of FAST_PRESETS) {
    it(`${name}: ${pairs.map((p) => p.join("×")).join(", ")}`, () => {
      const spec = S(name);
      const rng = createPrng(name.length * 1000 + 17);
      const starts = startValues(spec);
      for (const [x, y] of pairs) {
        const formats: DotFormats = { a: F(x), b: F(y) };
        const p = prepareDot(spec, formats);
        expect(p.path, p.fallbackReason ?? "").toBe("fast");
        for (let t = 0; t < 4; t++) {
          const n = [1000, 333, 1024, 129][t]!;
          const a = vector(rng, formats.a, n, t === 3);
          const b = vector(rng, formats.b, n, t === 3);
          const c: DotInit = starts[rng.nextUint32() % starts.length]!;
          const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), c, spec, formats);
          const fast = p.run(a, b, c);
          expect(same(fast, ref), `${x}×${y} t=${t}`).toBeNull();
        }
      }
    });
  }

  it("wrapping registers overflow and come back, flag sticky, on the fast path too", () => {
    const spec = S("int32-wrap");
    const formats = { a: F("int8"), b: F("int8") };
    const a = new Uint8Array(140000).fill(0x80); // −128 · −128 = 16384, 140000 times: passes 2^31 after 131072
    const r = prepareDot(spec, formats).run(a, a, finite(0, 0n, 0) as Raw);
    const ref = dot(Array.from(a, BigInt), Array.from(a, BigInt), finite(0, 0n, 0), spec, formats);
    expect(same(r, ref)).toBeNull();
    expect(r.ok && r.flags.overflow).toBe(true);
  });
});

describe("unsupported specs say why, and dotAuto falls back to the reference", () => {
  const e4 = { a: F("fp8-e4m3"), b: F("fp8-e4m3") };
  const cases: [AccumulatorSpec, DotFormats, RegExp][] = [
    [S("exact"), e4, /exact/],
    [S("kulisch"), e4, /exact|arbitrary/],
    [S("fp16-seq"), e4, /binary32/],
    [S("fp32-seq", { rounding: "rtz" }), e4, /nearest/],
    [S("tc-v100", { outputFormat: "fp16" }), e4, /binary32/],
    [S("fp32-seq"), { a: F("fp16"), b: F("fp8-e4m3") }, /8 bits/],
    [S("fp32-seq"), { a: F("e8m0"), b: F("e8m0") }, /binary32 values/],
    [S("int32-wrap", { widthBits: 64 }), { a: F("int8"), b: F("int8") }, /52 bits/],
    [S("int32-wrap"), e4, /integer products/],
  ];
  for (const [spec, formats, why] of cases) {
    it(`${spec.id} on ${formats.a.id}×${formats.b.id}`, () => {
      const f = prepareFastDot(spec, formats);
      expect(f.ok).toBe(false);
      expect(!f.ok && f.reason).toMatch(why);
      const rng = createPrng(3);
      const a = vector(rng, formats.a.bits <= 8 ? formats.a : F("int8"), 40, false);
      const b = vector(rng, formats.b.bits <= 8 ? formats.b : F("int8"), 40, false);
      const auto = dotAuto(Array.from(a, BigInt), Array.from(b, BigInt), fromFloat64(0.5), spec, formats);
      expect(auto.path).toBe("reference");
      const ref = dot(Array.from(a, BigInt), Array.from(b, BigInt), fromFloat64(0.5), spec, formats);
      expect(auto.ok).toBe(ref.ok);
      if (auto.ok && ref.ok) expect(auto.code).toBe(ref.code);
    });
  }

  it("dotAuto takes the fast path when it can", () => {
    const r = dotAuto([0x38n, 0x40n], [0x38n, 0x40n], fromFloat64(0), S("fp32-seq"), { a: F("fp8-e4m3"), b: F("fp8-e4m3") });
    expect(r.path).toBe("fast");
    expect(r.ok && r.code).toBe(0x40a00000n); // 1·1 + 2·2 = 5
  });

  it("out-of-range codes for narrow formats are rejected like decode() does", () => {
    const p = prepareDot(S("int32-wrap"), { a: F("int4"), b: F("int4") });
    expect(() => p.run(new Uint8Array([16]), new Uint8Array([1]), finite(0, 0n, 0))).toThrow(RangeError);
  });
});
