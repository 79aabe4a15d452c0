import type { Float64Accumulator } from "../../../sim/numerics/fast/accumulate-float64.js";
import type { GemmShape } from "../../../workloads/layer.js";

/**
 * C = A·B with the accumulation order of a MAC array whose reduction is split into chunks of `chunk` products
 * (os: chunk = k, one chunk; ws/is: chunk = rows, one chunk per row fold): each chunk sums its products in k order
 * from `acc.zero`, and the output buffer combines the chunk partials in order (out = combine(out, partial)).
 * A row-major m×k, B row-major k×n; returns C row-major m×n as register values.
 */
export function chunkedGemmReference(
  gemm: GemmShape,
  a: Float64Array,
  b: Float64Array,
  acc: Float64Accumulator,
  chunk: number,
): Float64Array {
  const { m, n, k } = gemm;
  const out = new Float64Array(m * n);
  for (let x = 0; x < m; x++) {
    for (let y = 0; y < n; y++) {
      let total = acc.zero;
      for (let k0 = 0; k0 < k; k0 += chunk) {
        let partial = acc.zero;
        for (let kk = k0; kk < Math.min(k0 + chunk, k); kk++) partial = acc.add(partial, a[x * k + kk]! * b[kk * n + y]!);
        total = k0 === 0 ? partial : acc.combine(total, partial);
      }
      out[x * n + y] = total;
    }
  }
  return out;
}
