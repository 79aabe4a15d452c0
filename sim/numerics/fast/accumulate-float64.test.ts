import { describe, expect, it } from "vitest";
import { prepareFloat64Accumulator } from "./accumulate-float64.js";
import type { ProductInfo } from "./accumulate-float64.js";
import { accumulateProducts } from "../ops/dot.js";
import { resolveAccumulator } from "../ops/accumulator.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { fromFloat64 } from "../float64.js";
import { lookupScalar } from "../formats/registry.js";
import type { ScalarFormat } from "../formats/format.js";
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
  it("refuses what float64 cannot do exactly", () => {
    const info: ProductInfo = { integer: false, exactInFormat: () => false, maxAbs: 1 };
    expect(prepareFloat64Accumulator(spec("fp32-seq", { rounding: "rtz" }), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("fp32-fma"), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("kulisch"), info).ok).toBe(false);
    expect(prepareFloat64Accumulator(spec("int32-wrap"), info).ok).toBe(false);
  });
});
