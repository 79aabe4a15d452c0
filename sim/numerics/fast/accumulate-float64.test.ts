import { describe, expect, it } from "vitest";
import { ieeeRne, prepareFloat64Accumulator } from "./accumulate-float64.js";
import { encode } from "../codec.js";
import type { ProductInfo } from "./accumulate-float64.js";
import { accumulateProducts } from "../ops/dot.js";
import { resolveAccumulator } from "../ops/accumulator.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { fromFloat64 } from "../float64.js";
import { lookupScalar } from "../formats/registry.js";
import type { FloatFormat, ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import { toFloat64 } from "../float64.js";
import { createPrng } from "../../prng.js";
import type { Prng } from "../../prng.js";

const fmt = (id: string) => (lookupScalar(id) as { ok: true; format: ScalarFormat }).format;
const spec = (name: string, o = {}) => {
  const r = resolveAccumulator(name, o);
  if (!r.ok) throw new Error(r.reason);
  return r.spec;
};

/** Products of two random finite codes of `a` and `b` (exact in float64), times 2^j, j uniform in ±spread/2. */
function products(rng: Prng, a: ScalarFormat, b: ScalarFormat, n: number, spread: number): number[] {
  const value = (f: ScalarFormat) => {
    for (;;) {
      const v = toFloat64(decode(f, BigInt(rng.nextUint32() % 2 ** f.bits)));
      if (Number.isFinite(v)) return v;
    }
  };
  const shift = () => 2 ** (Math.floor(rng.nextFloat64() * (spread + 1)) - Math.floor(spread / 2));
  return Array.from({ length: n }, () => value(a) * value(b) * shift());
}

/** Run the fast stepper and the reference accumulator over the same products and compare codes step by step. */
function agree(s: AccumulatorSpec, ps: number[], info: ProductInfo, chunk: number) {
  const fast = prepareFloat64Accumulator(s, info);
  if (!fast.ok) throw new Error(fast.reason);
  const f = fast.acc;
  // Fast: chunks accumulated from zero, then combined in order (a WS/IS array's output buffer).
  let out = f.zero;
  for (let i = 0; i < ps.length; i += chunk) {
    let partial = f.zero;
    for (const p of ps.slice(i, i + chunk)) partial = f.add(partial, p);
    out = i === 0 ? partial : f.combine(out, partial);
  }
  // Reference: each chunk through accumulateProducts from c = 0, then chunk results added with the same spec.
  let ref: ReturnType<typeof accumulateProducts> | undefined;
  for (let i = 0; i < ps.length; i += chunk) {
    const part = accumulateProducts(ps.slice(i, i + chunk).map((p) => ({ value: fromFloat64(p), invalid: false })), { cls: "zero", sign: 0 }, s);
    if (!part.ok) throw new Error(part.reason);
    if (!ref) ref = part;
    else {
      if (!ref.ok) throw new Error(ref.reason);
      // The output-buffer add is one more accumulator step whose "product" is the partial sum (already a register value).
      ref = accumulateProducts([{ value: part.value, invalid: false }], ref.value, s.kind === "float" ? { ...s, fused: true } : s);
    }
  }
  if (!ref || !ref.ok) throw new Error("no reference");
  expect(f.code(out)).toBe(ref.code);
}

describe("float64 accumulator steppers equal the reference accumulator", () => {
  const rng = createPrng(99);
  const fp8 = fmt("fp8-e4m3");
  const fp8Info: ProductInfo = { integer: false, exactInFormat: () => true, maxAbs: 448 * 448 };
  for (const name of ["fp32-seq", "fp32-fma", "fp16-seq"]) {
    it(`${name}: fp8 products, sequential and chunked`, () => {
      for (let t = 0; t < 20; t++) {
        const ps = products(rng, fp8, fp8, 1 + (rng.nextUint32() % 300), name === "fp16-seq" ? 6 : 40);
        for (const chunk of [ps.length, 8, 3]) agree(spec(name), ps, fp8Info, chunk);
      }
    });
  }
  it("bf16-seq (a bf16 register, RNE)", () => {
    for (let t = 0; t < 12; t++) {
      const ps = products(rng, fp8, fmt("fp8-e5m2"), 200, 30);
      agree(spec("fp16-seq", { format: "bf16" }), ps, fp8Info, 16);
    }
  });
  for (const [name, over] of [["int32-wrap", {}], ["int32-sat", {}], ["int32-wrap", { widthBits: 20 }], ["int32-sat", { widthBits: 18 }]] as const) {
    it(`${name} ${JSON.stringify(over)}: int8 products, including overflow`, () => {
      const i8 = fmt("int8");
      for (let t = 0; t < 20; t++) {
        const ps = products(rng, i8, i8, 1 + (rng.nextUint32() % 400), 0).map((p) => p * 2 ** (rng.nextUint32() % 4));
        for (const chunk of [ps.length, 7]) agree(spec(name, over), ps, { integer: true, exactInFormat: () => true, maxAbs: 2 ** 17 }, chunk);
      }
    });
  }
  // Fused registers fed products that are not register values (exact in float64 only): fp16 × fp16 into an fp16
  // FMA (the MCU FP16 SIMD kernel) and fp32 × fp32 into fp32-fma, whose 48-bit products with a far-away register
  // make the float64 add round — the case the midpoint correction exists for.
  const wideInfo: ProductInfo = { integer: false, exactInFormat: () => false, maxAbs: 2 ** 60, exactInFloat64: () => true };
  /** Products of two random 24-bit (or p-bit) significands times 2^e, e uniform in [−spread, spread]. */
  const sigProducts = (n: number, p: number, spread: number) =>
    Array.from({ length: n }, () => {
      const sig = () => (2 ** (p - 1) + (rng.nextUint32() % 2 ** (p - 1))) / 2 ** (p - 1);
      const sign = rng.nextUint32() % 2 ? -1 : 1;
      return sign * sig() * sig() * 2 ** (Math.floor(rng.nextFloat64() * (2 * spread + 1)) - spread);
    });
  it("fp32-fma: fp32 × fp32 products (48-bit), sequential and chunked", () => {
    for (let t = 0; t < 60; t++) {
      const ps = sigProducts(1 + (rng.nextUint32() % 200), 24, 40);
      for (const chunk of [ps.length, 5]) agree(spec("fp32-fma"), ps, wideInfo, chunk);
    }
  });
  it("fp16 FMA register: fp16 × fp16 products, including overflow to ∞ and subnormal sums", () => {
    const fp16Fma = spec("fp32-fma", { format: "fp16" });
    for (let t = 0; t < 30; t++) {
      const ps = sigProducts(1 + (rng.nextUint32() % 200), 11, t % 2 ? 14 : 6);
      for (const chunk of [ps.length, 7]) agree(fp16Fma, ps, wideInfo, chunk);
    }
  });
  it("fp32-fma midpoints: the float64 add lands on a midpoint and the exact sum decides (hand-worked)", () => {
    const fast = prepareFloat64Accumulator(spec("fp32-fma"), wideInfo);
    if (!fast.ok) throw new Error(fast.reason);
    // acc = 2^30 + 2^7 (odd last bit; fp32 spacing 2^7 there), p = 2^6·(1 + 2^-23)(1 − 2^-23) = 2^6 − 2^-40.
    // Exact sum 2^30 + 2^7 + 2^6 − 2^-40 is just below the midpoint: rounds down to 2^30 + 2^7. The float64 add
    // gives the midpoint itself, whose tie-to-even would be 2^30 + 2^8.
    const p = 2 ** 6 * (1 + 2 ** -23) * (1 - 2 ** -23);
    expect(p).toBe(2 ** 6 - 2 ** -40);
    expect(fast.acc.add(2 ** 30 + 2 ** 7, p)).toBe(2 ** 30 + 2 ** 7);
    // The same on the negative side.
    expect(fast.acc.add(-(2 ** 30 + 2 ** 7), -p)).toBe(-(2 ** 30 + 2 ** 7));
    // Just above a midpoint: acc = 2^30 + 2^8 + 2^7 (odd), p = −(2^6 − 2^-40): exact 2^30 + 2^8 + 2^6 + 2^-40, above
    // the midpoint of 2^30 + 2^8 and 2^30 + 2^8 + 2^7 → up to 2^30 + 2^8 + 2^7 (tie-to-even would give 2^30 + 2^8).
    expect(fast.acc.add(2 ** 30 + 2 ** 8 + 2 ** 7, -p)).toBe(2 ** 30 + 2 ** 8 + 2 ** 7);
    // Overflow threshold: acc = max fp32 = (2 − 2^-23)·2^127, p = 2^103·(1 − 2^-46) just below half an ulp:
    // the float64 add gives the threshold (2 − 2^-24)·2^127 (tie → ∞), the exact sum stays below it → max.
    const max = (2 - 2 ** -23) * 2 ** 127;
    const q = 2 ** 103 * (1 + 2 ** -23) * (1 - 2 ** -23);
    expect(fast.acc.add(max, q)).toBe(max);
    expect(fast.acc.add(-max, -q)).toBe(-max);
    expect(fast.acc.add(max, 2 ** 103)).toBe(Infinity);
  });
  it("ieeeRne equals the reference encoder at every fp16, bf16 and e5m2 value, midpoint and midpoint ± a little", () => {
    for (const id of ["fp16", "bf16", "fp8-e5m2"]) {
      const f = fmt(id) as FloatFormat;
      const round = ieeeRne(f);
      const finite: number[] = [];
      for (let c = 0; c < 2 ** f.bits; c++) {
        const v = toFloat64(decode(f, BigInt(c)));
        if (Number.isFinite(v) && !Object.is(v, -0)) finite.push(v);
      }
      finite.sort((x, y) => x - y);
      const points: number[] = [...finite, 1e300, -1e300, Infinity, -Infinity];
      // bf16 has as many codes as fp16: every 5th neighbour pair keeps the test short (all binades still visited).
      for (let i = 0; i + 1 < finite.length; i += id === "bf16" ? 5 : 1) {
        const mid = (finite[i]! + finite[i + 1]!) / 2;
        const eps = Math.abs(mid) * 2 ** -40 || 2 ** -200;
        points.push(mid, mid + eps, mid - eps);
      }
      // Beyond the largest finite value: the overflow threshold max + ulp/2 and its neighbours.
      const max = finite[finite.length - 1]!;
      const thr = max + (max - finite[finite.length - 2]!) / 2;
      points.push(thr, thr * (1 - 2 ** -40), thr * (1 + 2 ** -40), -thr, -thr * (1 - 2 ** -40));
      for (const x of points) {
        const want = toFloat64(decode(f, encode(f, fromFloat64(x)).code));
        expect(Object.is(round(x), want), `${id} ${x}: ${round(x)} vs ${want}`).toBe(true);
      }
    }
  });
  it("refuses what float64 cannot do exactly", () => {
    const info: ProductInfo = { integer: false, exactInFormat: () => false, maxAbs: 1 };
    expect(prepareFloat64Accumulator(spec("fp32-seq", { rounding: "rtz" }), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("fp32-fma"), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("kulisch"), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("int32-wrap"), info).ok).toBe(false);
  });
});
