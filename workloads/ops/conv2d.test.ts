import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conv2dLayer, convGeometry, convOutputSize } from "./conv2d.js";

/** Independent count of window positions: starts p·stride with the dilated kernel inside the padded input. */
function countPositions(input: number, kernel: number, stride: number, pad: number, dilation: number): number {
  let n = 0;
  for (let start = 0; start + dilation * (kernel - 1) <= input + 2 * pad - 1; start += stride) n++;
  return n;
}

describe("convOutputSize", () => {
  it("matches the textbook cases", () => {
    expect(convOutputSize(224, 7, 2, 3)).toBe(112); // ResNet stem
    expect(convOutputSize(56, 3, 2, 1)).toBe(28);
    expect(convOutputSize(56, 1, 2, 0)).toBe(28); // 1×1/2 downsample
    expect(convOutputSize(5, 3, 1, 0)).toBe(3);
    expect(convOutputSize(7, 3, 1, 0, 2)).toBe(3); // dilation 2: effective kernel 5
    expect(convOutputSize(224, 7, 2, 0)).toBe(109); // SCALE-Sim's unpadded stem
  });

  it("equals a brute-force count of window positions", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 3 }), (input, kernel, stride, pad, dilation) => {
          const n = countPositions(input, kernel, stride, pad, dilation);
          const got = convOutputSize(input, kernel, stride, pad, dilation);
          expect(Math.max(got, 0)).toBe(n);
        }),
      { numRuns: 300 },
    );
  });
});

describe("conv2dLayer", () => {
  it("lowers a dense conv to one GEMM via im2col", () => {
    const r = conv2dLayer({ name: "c", h: 56, w: 56, c: 64, k: 128, r: 3, s: 3, stride: 2, pad: 1 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const l = r.value;
    expect(l.gemm).toEqual({ m: 28 * 28, n: 128, k: 3 * 3 * 64 });
    expect(l.repeat).toBe(1);
    expect(l.macs).toBe(28 * 28 * 128 * 9 * 64);
    expect(l.roles).toEqual({ a: "activations", b: "weights", c: "activations" });
    expect(l.conv?.depthwise).toBe(false);
  });

  it("represents a grouped conv as `groups` independent GEMMs", () => {
    const r = conv2dLayer({ name: "g", h: 14, w: 14, c: 32, k: 64, r: 3, s: 3, pad: 1, groups: 4 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.gemm).toEqual({ m: 196, n: 16, k: 9 * 8 });
    expect(r.value.repeat).toBe(4);
    expect(r.value.macs).toBe((14 * 14 * 64 * 9 * 32) / 4);
  });

  it("flags depthwise (groups == C) and uses k = R·S per channel", () => {
    const r = conv2dLayer({ name: "dw", h: 112, w: 112, c: 96, k: 96, r: 3, s: 3, stride: 2, pad: 1, groups: 96 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.conv?.depthwise).toBe(true);
    expect(r.value.gemm).toEqual({ m: 56 * 56, n: 1, k: 9 });
    expect(r.value.repeat).toBe(96);
  });

  it("handles rectangular kernels, per-axis stride/padding, dilation and batch", () => {
    const g = convGeometry({ name: "x", h: 20, w: 30, c: 3, k: 8, r: 3, s: 5, stride: [2, 3], pad: [1, 2], dilation: [2, 1], batch: 4 });
    if (!g.ok) throw new Error(g.reason);
    expect(g.value.outH).toBe(countPositions(20, 3, 2, 1, 2));
    expect(g.value.outW).toBe(countPositions(30, 5, 3, 2, 1));
    const l = conv2dLayer({ name: "x", h: 20, w: 30, c: 3, k: 8, r: 3, s: 5, stride: [2, 3], pad: [1, 2], dilation: [2, 1], batch: 4 });
    if (!l.ok) throw new Error(l.reason);
    expect(l.value.gemm.m).toBe(4 * g.value.outH * g.value.outW);
  });

  it("returns reasons for invalid convolutions", () => {
    const bad = (p: Partial<Parameters<typeof conv2dLayer>[0]>) =>
      conv2dLayer({ name: "b", h: 8, w: 8, c: 16, k: 16, r: 3, s: 3, ...p });
    const g = bad({ groups: 3 });
    expect(g.ok).toBe(false);
    if (!g.ok) expect(g.reason).toMatch(/groups=3 must divide/);
    const k = bad({ r: 11 });
    expect(k.ok).toBe(false);
    if (!k.ok) expect(k.reason).toMatch(/does not fit/);
    const s = bad({ stride: 0 });
    expect(s.ok).toBe(false);
    const p = bad({ pad: -1 });
    expect(p.ok).toBe(false);
  });
});
