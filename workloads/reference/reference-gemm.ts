import type { GemmShape } from "../layer.js";

/**
 * Float64 reference GEMM for error metrics: C[r] = A[r]·B[r] for r < repeat, with A stored [repeat][m][k] and
 * B [repeat][k][n], row-major. Operands are plain float64 values, so dequantized codes can be passed directly.
 * Each dot product uses Neumaier's compensated summation, so the result is within a few ulps of the exact
 * value even for long, cancelling sums (plain float64 summation error grows with k).
 */
export function referenceGemm(a: Float64Array, b: Float64Array, shape: GemmShape, repeat = 1): Float64Array {
  const { m, n, k } = shape;
  if (a.length !== repeat * m * k) throw new RangeError(`referenceGemm: A has ${a.length} elements, expected ${repeat}·${m}·${k}`);
  if (b.length !== repeat * k * n) throw new RangeError(`referenceGemm: B has ${b.length} elements, expected ${repeat}·${k}·${n}`);
  const c = new Float64Array(repeat * m * n);
  for (let r = 0; r < repeat; r++) {
    const aOff = r * m * k;
    const bOff = r * k * n;
    const cOff = r * m * n;
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let sum = 0;
        let comp = 0;
        for (let p = 0; p < k; p++) {
          const x = a[aOff + i * k + p]! * b[bOff + p * n + j]!;
          const t = sum + x;
          comp += Math.abs(sum) >= Math.abs(x) ? sum - t + x : x - t + sum;
          sum = t;
        }
        c[cOff + i * n + j] = sum + comp;
      }
    }
  }
  return c;
}
