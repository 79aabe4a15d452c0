import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { decode, encode } from "../../sim/numerics/codec.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import { fma } from "../../sim/numerics/ops/fma.js";
import { gemmNumerics } from "../numerics/gemm-numerics.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { FP16 } from "./isa/fp.js";
import { fusedFp16Numerics, fusedFp16Stepper, roundFp16 } from "./fp16-numerics.js";
import { kernelAccumulator } from "./model.js";
import { kernelById } from "./kernels/library.js";

/** Oracle: sim/numerics' bigint round-pack of the float64, read back as a float64. */
const oracleRound = (x: number) => toFloat64(decode(FP16, encode(FP16, fromFloat64(x)).code));
const val = (c: number) => toFloat64(decode(FP16, BigInt(c)));

describe("fp16 rounding and the fused fp16 step in float64 (oracles: sim/numerics round-pack and fma on codes)", () => {
  it("roundFp16 = round-pack on every fp16 value, every midpoint and its float64 neighbours, ±0, overflow, random values", () => {
    const xs: number[] = [0, -0, 65504, 65519.99, 65520, 65536, -65520, 1e9, -1e-30, 2 ** -25, -(2 ** -25), 3 * 2 ** -26];
    for (let c = 0; c < 0x7c00; c++) {
      const v = val(c);
      const next = c + 1 < 0x7c00 ? val(c + 1) : 65536;
      const mid = (v + next) / 2;
      for (const x of [v, mid, mid * (1 + 2 ** -52), mid * (1 - 2 ** -52), mid + 2 ** -60]) xs.push(x, -x);
    }
    const rng = createPrng(3);
    for (let i = 0; i < 20000; i++) xs.push((rng.nextFloat64() - 0.5) * 2 ** (Math.floor(rng.nextFloat64() * 50) - 30));
    for (const x of xs) expect(Object.is(roundFp16(x), oracleRound(x)), `${x}`).toBe(true);
  });
  it("step(acc, a·b) = fma(fp16, a, b, acc) on random codes of every magnitude, on fp16 midpoint products with tiny accumulators, and near overflow", () => {
    const { step } = fusedFp16Stepper();
    const rng = createPrng(7);
    const cases: [number, number, number][] = [
      // 1.5 × 683/512 = 2 + 2^-10: an fp16 midpoint; a tiny addend decides the rounding.
      [0x3e00, 0x3d56, 0x0001], [0x3e00, 0x3d56, 0x8001], [0x3e00, 0x3d56, 0x0000], [0x3e00, 0x3d56, 0x8000],
      [0x7bff, 0x3c00, 0x5000], [0x7bff, 0x3c00, 0x4c00], [0x7bff, 0x3c00, 0x4b00], [0xfbff, 0x3c00, 0xcc00], [0x7bff, 0x7bff, 0x0001], [0x0001, 0x0001, 0x7bff], [0x0001, 0x8001, 0x0000],
    ];
    for (let i = 0; i < 60000; i++) cases.push([rng.nextUint32() & 0x7fff ^ (rng.nextUint32() & 0x8000), rng.nextUint32() & 0xffff, rng.nextUint32() & 0xffff]);
    for (const [a, b, c] of cases) {
      const [va, vb, vc] = [val(a), val(b), val(c)];
      if (![va, vb, vc].every(Number.isFinite)) continue;
      const want = val(Number(fma(FP16, BigInt(a), BigInt(b), BigInt(c)).code));
      expect(Object.is(step(vc, va * vb), want) || (Number.isNaN(want) && Number.isNaN(step(vc, va * vb))), `fma(${a.toString(16)}, ${b.toString(16)}, ${c.toString(16)})`).toBe(true);
    }
  });
});

describe("fusedFp16Numerics = gemmNumerics (bigint reference path) field by field", () => {
  const acc = kernelAccumulator(kernelById("pulp-fp16-vfmac"));
  const prec = (s: string): Precision => {
    const r = parsePrecision(s);
    if (!r.ok) throw new Error(r.reason);
    return { ...r.precision, accumulator: acc };
  };
  const layer = (m: number, n: number, k: number, repeat = 1) => {
    const r = gemmLayer({ name: "g", m, n, k, repeat });
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };
  const same = (x: ArrayLike<number | bigint>, y: ArrayLike<number | bigint>) => x.length === y.length && Array.from(x).every((v, i) => Object.is(v, y[i]));
  for (const [what, l, fraction, budget] of [
    ["whole 24×20×96 layer", layer(24, 20, 96), 1, false],
    ["sampled 3 repeats of 64×48×160", layer(64, 48, 160, 3), 0.05, false],
    ["--sample auto shrink (over 3M MACs)", layer(128, 96, 300), 1, true],
  ] as const) {
    it(what, () => {
      const p = prec("fp16");
      const want = gemmNumerics(l, p, { chunk: l.gemm.k }, 9, fraction, { sampleIsBudget: budget });
      const got = fusedFp16Numerics(l, p, 9, fraction, { sampleIsBudget: budget });
      if (!want.ok || !got.ok) throw new Error("numerics failed");
      const w = want.value;
      const g = got.value;
      expect(g.sample).toEqual(w.sample);
      for (const f of ["indices", "codes", "values", "reference", "exact"] as const) expect(same(g[f], w[f]), f).toBe(true);
      expect(g.outputFormat?.id).toBe(w.outputFormat?.id);
      expect(g.calibration).toEqual(w.calibration);
      expect(g.peakOperandElements).toBe(w.peakOperandElements);
    });
  }
});
