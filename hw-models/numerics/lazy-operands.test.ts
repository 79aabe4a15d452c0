import { describe, expect, it } from "vitest";
import { gemmNumerics, layerSeeds, operandFormatFor, operandLines } from "./gemm-numerics.js";
import { operandDistribution } from "./operand-source.js";
import { quantizeOperand } from "./quantized-operand.js";
import { parsePrecision } from "../precision.js";
import type { Precision } from "../precision.js";
import { unwrap } from "../../workloads/result.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";
import { ffnLayers } from "../../workloads/ops/ffn.js";
import { attentionLayers } from "../../workloads/ops/attention.js";
import { conv2dLayer } from "../../workloads/ops/conv2d.js";
import { generateTensor } from "../../workloads/tensors/generators.js";
import type { Layer } from "../../workloads/layer.js";

const prec = (t: string): Precision => {
  const r = parsePrecision(t);
  if (!r.ok) throw new Error(r.reason);
  return r.precision;
};

/** One precision per family: integers (per-tensor and per-channel), minifloats, MX, NVFP4, BFP, wide casts. */
const FAMILIES = ["int8", "w4a8", "fp8", "w=fp8-e5m2,a=fp8-e4m3", "mxfp4", "mxint8", "nvfp4", "w=bfp8,a=bfp8", "bf16"];

/** Operands from every generator: Laplace CNN activations, LLM outlier activations, a KV cache, normal weights. */
const ffn = ffnLayers({ name: "mlp", tokens: 24, hidden: 64, intermediate: 40, gated: false });
const attn = attentionLayers({ name: "attn", batch: 1, queryTokens: 12, kvTokens: 20, hidden: 64, heads: 4, kvHeads: 2, headDim: 16, kvCache: true });
const LAYERS: Layer[] = [
  unwrap(conv2dLayer({ name: "conv", h: 6, w: 6, c: 8, k: 12, r: 3, s: 3, pad: 1 })),
  ffn[0]!,
  attn.find((l) => l.op === "attn-qk")!,
  unwrap(gemmLayer({ name: "g", m: 20, n: 14, k: 48, repeat: 3 })),
];

describe("operands made on demand", () => {
  for (const text of FAMILIES) {
    it(`${text}: every sampled output equals the full run's, bit for bit, on every generator`, () => {
      const p = prec(text);
      for (const layer of LAYERS) {
        const full = unwrap(gemmNumerics(layer, p, { chunk: 8 }, 21, 1));
        for (const f of [0.05, 0.3]) {
          const part = unwrap(gemmNumerics(layer, p, { chunk: 8 }, 21, f));
          expect(part.indices.length).toBeGreaterThan(0);
          expect(part.indices.length).toBeLessThan(full.indices.length);
          part.indices.forEach((idx, s) => {
            expect(part.codes[s]).toBe(full.codes[idx]);
            expect(part.values[s]).toBe(full.values[idx]);
            expect(part.reference[s]).toBe(full.reference[idx]);
          });
        }
      }
    });
  }

  it("sampled rows quantize exactly as the materialised, fully calibrated tensor does (per-tensor absmax and per-channel)", () => {
    const layer = ffn[0]!; // A: transformer activations with outlier channels; B: weights
    for (const text of ["int8", "fp8", "w4a8", "mxfp4"]) {
      const p = prec(text);
      const { m, n, k } = layer.gemm;
      const seeds = layerSeeds(4, 1).operandSeeds[0]!;
      // Independent route: draw whole tensors, calibrate them whole (quantizeOperand without a given absmax).
      const aFull = unwrap(generateTensor(operandDistribution(layer, "activations", 1), [m, k], seeds[0])).data;
      const bFull = unwrap(generateTensor(operandDistribution(layer, "weights", 0), [k, n], seeds[1])).data;
      const qa = unwrap(quantizeOperand(aFull, m, k, operandFormatFor(p, "activations"), 1, false));
      const qb = unwrap(quantizeOperand(bFull, k, n, operandFormatFor(p, "weights"), 0, true));
      const rows = Uint32Array.from([0, 5, 23]);
      const cols = Uint32Array.from([2, 39]);
      const lines = unwrap(operandLines(layer, p, seeds, rows, cols));
      rows.forEach((i, ii) => {
        for (let t = 0; t < k; t++) expect(lines.a.values[ii * k + t]).toBe(qa.values[i * k + t]);
        expect(lines.a.postScale[lines.a.perChannel ? ii : 0]).toBe(qa.postScale[qa.perChannel ? i : 0]);
      });
      cols.forEach((j, jj) => {
        for (let t = 0; t < k; t++) expect(lines.b.values[jj * k + t]).toBe(qb.values[t * n + j]);
        expect(lines.b.postScale[lines.b.perChannel ? jj : 0]).toBe(qb.postScale[qb.perChannel ? j : 0]);
      });
    }
  });

  it("fraction 0 computes nothing and draws no operand, however large the layer", () => {
    // 10^6 × 10^6 × 10^6: any operand drawn would be 10^12 elements.
    const huge = unwrap(gemmLayer({ name: "huge", m: 1_000_000, n: 1_000, k: 1_000_000 }));
    const r = unwrap(gemmNumerics(huge, prec("fp8"), { chunk: 32 }, 1, 0));
    expect(r.indices.length).toBe(0);
    expect(r.peakOperandElements).toBe(0);
    expect(r.calibration).toEqual({ a: "none", b: "none" });
  });

  it("a sampled run of a large layer holds only the grid's rows and columns", () => {
    // 4096 × 4096 × 4096 at fraction 2^-16: 256 outputs as a 16 × 16 grid, (16 + 16) · 4096 elements held.
    const big = unwrap(gemmLayer({ name: "big", m: 4096, n: 4096, k: 4096 }));
    const r = unwrap(gemmNumerics(big, prec("int8"), { chunk: 4096 }, 1, 2 ** -16));
    expect(r.indices.length).toBe(256);
    expect(r.peakOperandElements).toBe(32 * 4096);
    expect(r.calibration.a).toBe("streamed"); // normal activations of a plain GEMM: no bound to derive from
  });

  it("transformer activations derive their absmax from the outlier channels", () => {
    const r = unwrap(gemmNumerics(ffn[0]!, prec("int8"), { chunk: 8 }, 1, 0.1));
    expect(r.calibration).toEqual({ a: "derived", b: "per-line" });
  });
});

describe("--sample auto on an accumulator without a fast path", () => {
  it("spends the budget on the outputs the bigint reference affords, instead of failing; an explicit fraction still fails", () => {
    // A Kulisch register has no float64 fast path: every output takes the bigint reference.
    const big = unwrap(gemmLayer({ name: "big", m: 512, n: 512, k: 256 }));
    const p = prec("w=fp8,a=fp8,acc=kulisch");
    const explicit = gemmNumerics(big, p, { chunk: 256 }, 1, 0.2);
    expect(explicit.ok).toBe(false);
    if (!explicit.ok) expect(explicit.reason).toMatch(/bigint reference path is too slow/);
    const auto = unwrap(gemmNumerics(big, p, { chunk: 256 }, 1, 0.2, { sampleIsBudget: true }));
    expect(auto.path).toBe("reference");
    // At most 750,000 / 256 = 2,929 outputs, and some.
    expect(auto.indices.length).toBeGreaterThan(0);
    expect(auto.indices.length * 256).toBeLessThanOrEqual(750_000);
  });
});
