import { describe, expect, it } from "vitest";
import { gemmNumerics, valueSpan } from "./gemm-numerics.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { defaultWorkload } from "../../workloads/models/default-workload.js";
import { unwrap } from "../../workloads/result.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { resolveAccumulator } from "../../sim/numerics/ops/accumulator.js";

const resolveAcc = (id: string, o: Record<string, unknown>) => {
  const r = resolveAccumulator(id, o);
  return r.ok ? { ok: true as const, value: r.spec } : r;
};

/** SQNR in dB, −∞ if any output is not finite (written here: hw-models may not import reports). */
function errorMetrics(ref: ArrayLike<number>, out: ArrayLike<number>) {
  let sig = 0;
  let noise = 0;
  let nonFiniteCount = 0;
  for (let i = 0; i < ref.length; i++) {
    if (!Number.isFinite(out[i]!)) nonFiniteCount++;
    sig += ref[i]! ** 2;
    noise += (ref[i]! - out[i]!) ** 2;
  }
  return { sqnrDb: nonFiniteCount ? -Infinity : 10 * Math.log10(sig / noise), nonFiniteCount };
}

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};

describe("GEMM numerics", () => {
  const layer = unwrap(gemmLayer({ name: "g", m: 12, n: 9, k: 70 }));

  it("fast stepper and bigint reference paths agree bit for bit in every chunk order", () => {
    for (const text of ["int8", "fp8", "w=int4,a=int8", "mxfp4", "nvfp4", "w=fp8-e4m3,a=fp8-e5m2,acc=fp16-seq", "bf16", "w=fp16,a=fp16,acc=fp32-fma", "w=fp32,a=fp32,acc=fp32-fma", "w=bf16,a=bf16,acc=fp32-fma"]) {
      const p = prec(text);
      for (const chunk of [70, 16, 5]) {
        const fast = unwrap(gemmNumerics(layer, p, { chunk }, 3, 1));
        const ref = unwrap(gemmNumerics(layer, p, { chunk }, 3, 1, { path: "reference" }));
        expect([fast.path, ref.path]).toEqual(["fast", "reference"]);
        expect(Array.from(fast.codes)).toEqual(Array.from(ref.codes));
        expect(Array.from(fast.values)).toEqual(Array.from(ref.values));
        expect(fast.values.length).toBe(12 * 9);
      }
    }
  });

  it("a fused fp16 register fed fp16 × fp16 products (the MCU FP16 SIMD kernel) takes the fast path, same bits", () => {
    // Its products are not fp16 values, so only the exact-in-float64 fused step covers it.
    const p = { ...prec("fp16"), accumulator: unwrap(resolveAcc("fp32-fma", { format: "fp16" })) };
    for (const chunk of [70, 8]) {
      const fast = unwrap(gemmNumerics(layer, p, { chunk }, 4, 1));
      const ref = unwrap(gemmNumerics(layer, p, { chunk }, 4, 1, { path: "reference" }));
      expect([fast.path, ref.path]).toEqual(["fast", "reference"]);
      expect(Array.from(fast.codes)).toEqual(Array.from(ref.codes));
    }
  });

  it("valueSpan reads significant bits and floor(log2) off the bits, subnormals included (oracle: exact rationals)", () => {
    // Oracle: x = m·2^e with m odd (BigInt from the IEEE fields); bits = bit length of m, floor(log2) = e + bits − 1.
    const oracle = (x: number) => {
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, Math.abs(x));
      const raw = view.getBigUint64(0);
      const biased = Number(raw >> 52n);
      let m = raw & ((1n << 52n) - 1n);
      let e = biased === 0 ? -1074 : biased - 1075;
      if (biased !== 0) m |= 1n << 52n;
      while ((m & 1n) === 0n) {
        m >>= 1n;
        e++;
      }
      const bits = m.toString(2).length;
      return { bits, exp: e + bits - 1 };
    };
    const xs = [1, -1, 0.5, 3, 0.1, -1 / 3, 65504, 2 ** -24, 5e-324, -7 * 5e-324, 2 ** -1022, 2 ** -1023, 1.5 * 2 ** -1070, Number.MAX_VALUE, 2 ** 1023];
    for (const x of xs) {
      const o = oracle(x);
      expect(valueSpan(Float64Array.of(x)), `${x}`).toEqual({ bits: o.bits, lo: o.exp, hi: o.exp, lowBit: o.exp - o.bits + 1 });
    }
    // Over a set: widest significand and the exponent range; zeros and non-finite values are skipped.
    expect(valueSpan(Float64Array.of(0, 3, 0.25, -Infinity, NaN, 1.75 * 2 ** 10))).toEqual({ bits: 3, lo: -2, hi: 10, lowBit: -2 });
    expect(valueSpan(Float64Array.of(0, NaN)).lowBit).toBe(Infinity);
  });

  it("computes the same outputs whatever the sampling (a sampled output equals the full run's)", () => {
    const p = prec("fp8");
    const full = unwrap(gemmNumerics(layer, p, { chunk: 16 }, 5, 1));
    const part = unwrap(gemmNumerics(layer, p, { chunk: 16 }, 5, 0.3));
    // A grid of about 0.3 · 108 outputs: round(sqrt(32 · 12/9)) = 7 rows × round(32/7) = 5 columns.
    expect(part.indices.length).toBe(35);
    part.indices.forEach((idx, s) => expect(part.codes[s]).toBe(full.codes[idx]));
  });

  it("same seed, same bits; another seed, other bits", () => {
    const p = prec("int8");
    const a = unwrap(gemmNumerics(layer, p, { chunk: 70 }, 1, 1));
    const b = unwrap(gemmNumerics(layer, p, { chunk: 70 }, 1, 1));
    const c = unwrap(gemmNumerics(layer, p, { chunk: 70 }, 2, 1));
    expect(Array.from(a.codes)).toEqual(Array.from(b.codes));
    expect(Array.from(a.codes)).not.toEqual(Array.from(c.codes));
  });

  it("int8 with an int32 accumulator is order-independent; fp16 accumulation is not", () => {
    const i8 = prec("int8");
    const os = unwrap(gemmNumerics(layer, i8, { chunk: 70 }, 7, 1));
    const ws = unwrap(gemmNumerics(layer, i8, { chunk: 4 }, 7, 1));
    expect(Array.from(ws.codes)).toEqual(Array.from(os.codes));
    const f16 = prec("w=fp8,a=fp8,acc=fp16-seq");
    const big = unwrap(gemmLayer({ name: "g", m: 8, n: 8, k: 512 }));
    const x = unwrap(gemmNumerics(big, f16, { chunk: 512 }, 7, 1));
    const y = unwrap(gemmNumerics(big, f16, { chunk: 8 }, 7, 1));
    expect(Array.from(x.codes)).not.toEqual(Array.from(y.codes));
  });

  it("a Kulisch accumulator takes the bigint reference path and, being exact, ignores the chunk order", () => {
    const big = unwrap(gemmLayer({ name: "g", m: 4, n: 4, k: 256 }));
    const whole = unwrap(gemmNumerics(big, prec("w=fp8,a=fp8,acc=kulisch"), { chunk: 256 }, 9, 1));
    const chunked = unwrap(gemmNumerics(big, prec("w=fp8,a=fp8,acc=kulisch"), { chunk: 7 }, 9, 1));
    expect(whole.path).toBe("reference");
    expect(Array.from(chunked.codes)).toEqual(Array.from(whole.codes));
  });

  it("fp8 products overflow an fp16 accumulator (448² > 65504) and the metrics say so", () => {
    const r = unwrap(gemmNumerics(layer, prec("w=fp8,a=fp8,acc=fp16-seq"), { chunk: 70 }, 9, 1));
    const m = errorMetrics(r.reference, r.values);
    expect(m.nonFiniteCount).toBeGreaterThan(0);
    expect(m.sqnrDb).toBe(-Infinity);
  });

  it("error ordering on the default workload: fp32 ≫ int8 and fp8 ≫ fp4", () => {
    const layers = defaultWorkload().layers.slice(0, 2);
    const sqnr = (t: string) => {
      const ref: number[] = [];
      const out: number[] = [];
      for (const l of layers) {
        const r = unwrap(gemmNumerics(l, prec(t), { chunk: l.gemm.k }, 11, 0.2));
        ref.push(...r.reference);
        out.push(...r.values);
      }
      return errorMetrics(ref, out).sqnrDb;
    };
    const [fp32, int8, fp8, fp4] = ["fp32", "int8", "fp8", "fp4"].map(sqnr) as [number, number, number, number];
    expect(fp32).toBeGreaterThan(int8 + 40);
    expect(fp8).toBeGreaterThan(fp4 + 6);
    expect(int8).toBeGreaterThan(20);
  });

});
