import type { GemmShape } from "../../../workloads/layer.js";
import type { PeAccumulator } from "./rtl-gemm.js";

/**
 * C = A·B with the accumulation order of a MAC array whose reduction is split into chunks of `chunk` products
 * (os: chunk = k, one chunk; ws/is: chunk = rows · lanes, one chunk per row fold): each chunk sums its products in
 * k order from `acc.zero`, and the output buffer combines the chunk partials in order (out = combine(out, partial)).
 * A MAC unit adds one product per step; a dot unit (dot<n> PE) adds the next n products of the chunk per step, the
 * last step of a ragged chunk taking only the products left (no zero padding, unlike the RTL PEs, so a test
 * comparing the two checks that padding is harmless).
 * A row-major m×k, B row-major k×n; returns C row-major m×n as register values.
 */
export function chunkedGemmReference(
  gemm: GemmShape,
  a: Float64Array,
  b: Float64Array,
  acc: PeAccumulator,
  chunk: number,
): Float64Array {
  const { m, n, k } = gemm;
  const out = new Float64Array(m * n);
  const lanes = "addBlock" in acc ? acc.lanes : 1;
  const block = new Float64Array(lanes);
  for (let x = 0; x < m; x++) {
    for (let y = 0; y < n; y++) {
      let total = acc.zero;
      for (let k0 = 0; k0 < k; k0 += chunk) {
        let partial = acc.zero;
        const end = Math.min(k0 + chunk, k);
        for (let kk = k0; kk < end; kk += lanes) {
          if (!("addBlock" in acc)) {
            partial = acc.add(partial, a[x * k + kk]! * b[kk * n + y]!);
            continue;
          }
          const count = Math.min(lanes, end - kk);
          for (let l = 0; l < count; l++) block[l] = a[x * k + kk + l]! * b[(kk + l) * n + y]!;
          partial = acc.addBlock(partial, block, count);
        }
        total = k0 === 0 ? partial : acc.combine(total, partial);
      }
      out[x * n + y] = total;
    }
  }
  return out;
}
