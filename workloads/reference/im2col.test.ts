import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { convGeometry } from "../ops/conv2d.js";
import type { Conv2dParams } from "../ops/conv2d.js";
import type { Tensor } from "../tensors/tensor.js";
import { im2col, referenceConv2d } from "./im2col.js";

/** Direct convolution, NCHW input and OIHW weights, straight from the definition (no im2col). */
function directConv(x: Tensor, w: Tensor, p: Required<Omit<Conv2dParams, "name" | "op">> & { stride: number; pad: number; dilation: number }) {
  const [N, C, H, W] = x.shape as [number, number, number, number];
  const [K, Cg, R, S] = w.shape as [number, number, number, number];
  const OH = Math.floor((H + 2 * p.pad - p.dilation * (R - 1) - 1) / p.stride) + 1;
  const OW = Math.floor((W + 2 * p.pad - p.dilation * (S - 1) - 1) / p.stride) + 1;
  const out = new Float64Array(N * K * OH * OW);
  const Kg = K / p.groups;
  for (let n = 0; n < N; n++)
    for (let k = 0; k < K; k++) {
      const g = Math.floor(k / Kg);
      for (let oh = 0; oh < OH; oh++)
        for (let ow = 0; ow < OW; ow++) {
          let s = 0;
          for (let c = 0; c < Cg; c++)
            for (let r = 0; r < R; r++)
              for (let q = 0; q < S; q++) {
                const y = oh * p.stride - p.pad + r * p.dilation;
                const xx = ow * p.stride - p.pad + q * p.dilation;
                if (y < 0 || y >= H || xx < 0 || xx >= W) continue;
                s += x.data[((n * C + g * Cg + c) * H + y) * W + xx]! * w.data[((k * Cg + c) * R + r) * S + q]!;
              }
          out[((n * K + k) * OH + oh) * OW + ow] = s;
        }
    }
  return { shape: [N, K, OH, OW], data: out };
}

const random = (shape: number[], seed: number): Tensor => {
  const rng = createPrng(seed);
  return { shape, data: Float64Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.nextNormal()) };
};

describe("im2col + referenceGemm", () => {
  const cases = [
    { h: 7, w: 6, c: 3, k: 4, r: 3, s: 3, stride: 1, pad: 1, dilation: 1, groups: 1, batch: 2 },
    { h: 9, w: 9, c: 4, k: 6, r: 3, s: 2, stride: 2, pad: 0, dilation: 1, groups: 2, batch: 1 },
    { h: 8, w: 10, c: 6, k: 6, r: 3, s: 3, stride: 1, pad: 2, dilation: 2, groups: 6, batch: 1 },
    { h: 5, w: 5, c: 2, k: 3, r: 1, s: 1, stride: 2, pad: 0, dilation: 1, groups: 1, batch: 3 },
  ];
  cases.forEach((p, i) => {
    it(`equals a direct convolution (case ${i}: stride ${p.stride}, pad ${p.pad}, dilation ${p.dilation}, groups ${p.groups})`, () => {
      const geo = convGeometry({ name: "t", ...p });
      if (!geo.ok) throw new Error(geo.reason);
      const x = random([p.batch, p.c, p.h, p.w], 10 + i);
      const w = random([p.k, p.c / p.groups, p.r, p.s], 20 + i);
      const got = referenceConv2d(x, w, geo.value);
      const want = directConv(x, w, p);
      expect(got.shape).toEqual(want.shape);
      want.data.forEach((v, j) => expect(Math.abs(got.data[j]! - v)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(v))));
    });
  });

  it("lays A out as m = batch·outH·outW rows of (c, r, s) columns with zero padding", () => {
    const geo = convGeometry({ name: "t", h: 2, w: 2, c: 1, k: 1, r: 3, s: 3, pad: 1 });
    if (!geo.ok) throw new Error(geo.reason);
    const x: Tensor = { shape: [1, 1, 2, 2], data: new Float64Array([1, 2, 3, 4]) };
    const a = im2col(x, geo.value, 0);
    expect(a).toHaveLength(4 * 9);
    // Output pixel (0,0): window rows −1..1, cols −1..1 → only the bottom-right 2×2 is inside.
    expect(Array.from(a.subarray(0, 9))).toEqual([0, 0, 0, 0, 1, 2, 0, 3, 4]);
  });
});
