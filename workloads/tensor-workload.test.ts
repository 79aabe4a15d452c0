import { describe, expect, it } from "vitest";
import { tensorWorkload } from "./tensor-workload.js";

describe("tensorWorkload", () => {
  it("turns W[out × in] into B = Wᵀ (k = in, n = out) and flattens trailing dims", () => {
    const w = { shape: [2, 3], data: Float64Array.from([1, 2, 3, 4, 5, 6]) }; // rows = outputs
    const conv = { shape: [2, 1, 2, 2], data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8]) };
    const r = tensorWorkload("t", new Map([["w", w], ["b", { shape: [2], data: Float64Array.from([0, 0]) }], ["conv", conv]]), 7);
    if (!r.ok) throw new Error(r.reason);
    const [lw, lc] = r.value.layers;
    expect(lw!.gemm).toEqual({ m: 7, n: 2, k: 3 });
    // B[kk][nn] = W[nn][kk]: column 0 of B is output 0's weights (1, 2, 3).
    expect(Array.from(lw!.operandData!.b!)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(lc!.gemm).toEqual({ m: 7, n: 2, k: 4 });
    expect(r.value.layers).toHaveLength(2);
    expect(r.value.description).toMatch(/skipped rank-0\/1 tensors: b/);
  });

  it("refuses NaN weights, no usable tensor and bad token counts", () => {
    expect(tensorWorkload("t", new Map([["w", { shape: [1, 2], data: Float64Array.from([1, NaN]) }]]), 4).ok).toBe(false);
    expect(tensorWorkload("t", new Map([["b", { shape: [3], data: new Float64Array(3) }]]), 4).ok).toBe(false);
    expect(tensorWorkload("t", new Map([["w", { shape: [1, 1], data: new Float64Array(1) }]]), 0).ok).toBe(false);
  });
});
