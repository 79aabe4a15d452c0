import { describe, expect, it } from "vitest";
import { gemmNumerics, layerSeeds, operandLines } from "./gemm-numerics.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { unwrap } from "../../workloads/result.js";

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};

/** Exact Σ a·b of float64 values as a BigInt over 2^2148 (products of two float64s are multiples of 2^−2148). */
function exactDotBig(a: Float64Array, b: Float64Array, ai: number, bj: number, k: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  const big = (x: number): [bigint, bigint] => {
    view.setFloat64(0, x);
    const bits = view.getBigUint64(0);
    const e = Number((bits >> 52n) & 0x7ffn);
    const f = bits & ((1n << 52n) - 1n);
    const m = (e === 0 ? f : f | (1n << 52n)) * (bits >> 63n ? -1n : 1n);
    return [m, BigInt(Math.max(e, 1) - 1075 + 1074)]; // x = m · 2^(shift − 1074)
  };
  let s = 0n;
  for (let t = 0; t < k; t++) {
    const [ma, ea] = big(a[ai + t]!);
    const [mb, eb] = big(b[bj + t]!);
    s += (ma * mb) << (ea + eb);
  }
  return s;
}

/** s·2^−scale rounded to the nearest float64, ties to even (normal range only: enough here). */
function roundScaled(s: bigint, scale: number): number {
  if (s === 0n) return 0;
  const neg = s < 0n;
  let a = neg ? -s : s;
  let exp = -scale;
  const len = a.toString(2).length;
  if (len > 53) {
    const shift = BigInt(len - 53);
    const rem = a & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    a >>= shift;
    if (rem > half || (rem === half && (a & 1n) === 1n)) a += 1n;
    exp += len - 53;
  }
  // a < 2^54: split the power of two so no intermediate over- or underflows.
  const v = Number(a) * 2 ** Math.max(exp, -1000) * 2 ** (exp - Math.max(exp, -1000));
  return neg ? -v : v;
}

/** A float64 as a BigInt over 2^2148 (exact). */
function scaledBig(x: number): bigint {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const e = Number((bits >> 52n) & 0x7ffn);
  const f = bits & ((1n << 52n) - 1n);
  const m = (e === 0 ? f : f | (1n << 52n)) * (bits >> 63n ? -1n : 1n);
  return m << BigInt(Math.max(e, 1) - 1075 + 2148);
}

describe("operand and accumulation error split", () => {
  const layer = unwrap(gemmLayer({ name: "g", m: 6, n: 5, k: 200 }));

  // fp16 × fp16 and fp32 × fp32 take the two-part split sum (zeroing its low part fails both), checked against BigInt.
  for (const text of ["int8", "fp8", "mxfp4", "nvfp4", "bf16", "w=fp8,a=fp8,acc=fp16-seq", "w=fp16,a=fp16", "w=fp32,a=fp32"]) {
    it(`${text}: the exact-accumulator output is the correctly rounded exact dot product of the quantized operands`, () => {
      const p = prec(text);
      const r = unwrap(gemmNumerics(layer, p, { chunk: 200 }, 3, 1));
      const seeds = layerSeeds(3, 1).operandSeeds[0]!;
      const rows = Uint32Array.from({ length: 6 }, (_, i) => i);
      const cols = Uint32Array.from({ length: 5 }, (_, i) => i);
      const lines = unwrap(operandLines(layer, p, seeds, rows, cols));
      for (let i = 0; i < 6; i++) {
        for (let j = 0; j < 5; j++) {
          const s = i * 5 + j;
          const exact = exactDotBig(lines.a.values, lines.b.values, i * 200, j * 200, 200);
          const expected = roundScaled(exact, 2148) * lines.a.postScale[lines.a.perChannel ? i : 0]! * lines.b.postScale[lines.b.perChannel ? j : 0]!;
          expect(r.exact[s], `${text} (${i},${j})`).toBe(expected);
        }
      }
    });
  }

  it("the parts add up exactly to the total error, and an exact accumulator has no accumulation error", () => {
    for (const text of ["w=fp8,a=fp8,acc=exact", "w=fp8,a=fp8,acc=fp16-seq", "mxfp4"]) {
      const r = unwrap(gemmNumerics(layer, prec(text), { chunk: 50 }, 5, 1));
      for (let s = 0; s < r.values.length; s++) {
        const total = scaledBig(r.reference[s]!) - scaledBig(r.values[s]!);
        const operand = scaledBig(r.reference[s]!) - scaledBig(r.exact[s]!);
        const accumulation = scaledBig(r.exact[s]!) - scaledBig(r.values[s]!);
        expect(operand + accumulation).toBe(total);
        if (text.endsWith("acc=exact")) expect(accumulation).toBe(0n);
      }
    }
  });
});
