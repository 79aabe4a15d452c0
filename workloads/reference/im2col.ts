import type { ConvGeometry } from "../layer.js";
import type { Tensor } from "../tensors/tensor.js";
import { referenceGemm } from "./reference-gemm.js";

/**
 * im2col for one channel group, PyTorch layouts: input NCHW [batch, C, H, W]. Returns A [m × k] with
 * m = batch·outH·outW (rows in (n, oh, ow) order) and k = (C/groups)·R·S (columns in (c, r, s) order,
 * as torch.nn.functional.unfold), zeros where the window covers padding.
 */
export function im2col(input: Tensor, geo: ConvGeometry, group: number): Float64Array {
  const { batch, inC, inH, inW, kernelH: R, kernelW: S, outH, outW, groups } = geo;
  checkShape(input, [batch, inC, inH, inW], "input");
  const cg = inC / groups;
  const k = cg * R * S;
  const a = new Float64Array(batch * outH * outW * k);
  let row = 0;
  for (let nb = 0; nb < batch; nb++) {
    for (let oh = 0; oh < outH; oh++) {
      for (let ow = 0; ow < outW; ow++, row++) {
        let col = 0;
        for (let c = 0; c < cg; c++) {
          const plane = (nb * inC + group * cg + c) * inH;
          for (let r = 0; r < R; r++) {
            const y = oh * geo.strideH - geo.padH + r * geo.dilationH;
            for (let s = 0; s < S; s++, col++) {
              const x = ow * geo.strideW - geo.padW + s * geo.dilationW;
              if (y >= 0 && y < inH && x >= 0 && x < inW) a[row * k + col] = input.data[(plane + y) * inW + x]!;
            }
          }
        }
      }
    }
  }
  return a;
}

/** Filters of one group as B [k × n]: weights OIHW [K, C/groups, R, S], rows in (c, r, s) order, n = K/groups. */
export function filtersToGemm(weights: Tensor, geo: ConvGeometry, group: number): Float64Array {
  const { inC, outC, kernelH: R, kernelW: S, groups } = geo;
  const cg = inC / groups;
  const ng = outC / groups;
  checkShape(weights, [outC, cg, R, S], "weights");
  const k = cg * R * S;
  const b = new Float64Array(k * ng);
  for (let j = 0; j < ng; j++) {
    const base = (group * ng + j) * k; // OIHW flattens each filter in (c, r, s) order already
    for (let p = 0; p < k; p++) b[p * ng + j] = weights.data[base + p]!;
  }
  return b;
}

/** Float64 reference convolution through im2col + referenceGemm; output NCHW [batch, K, outH, outW]. */
export function referenceConv2d(input: Tensor, weights: Tensor, geo: ConvGeometry): Tensor {
  const { batch, outC, outH, outW, groups } = geo;
  const ng = outC / groups;
  const m = batch * outH * outW;
  const out = new Float64Array(batch * outC * outH * outW);
  for (let g = 0; g < groups; g++) {
    const a = im2col(input, geo, g);
    const b = filtersToGemm(weights, geo, g);
    const c = referenceGemm(a, b, { m, n: ng, k: a.length / m });
    for (let row = 0; row < m; row++) {
      const nb = Math.floor(row / (outH * outW));
      const pix = row % (outH * outW);
      for (let j = 0; j < ng; j++) out[(nb * outC + g * ng + j) * outH * outW + pix] = c[row * ng + j]!;
    }
  }
  return { shape: [batch, outC, outH, outW], data: out };
}

function checkShape(t: Tensor, expected: number[], what: string): void {
  if (t.shape.length !== expected.length || t.shape.some((d, i) => d !== expected[i])) {
    throw new RangeError(`${what} shape [${t.shape.join(", ")}] ≠ expected [${expected.join(", ")}]`);
  }
}
