import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { referenceGemm } from "./reference-gemm.js";

describe("referenceGemm", () => {
  it("equals exact BigInt products for integer operands, batched", () => {
    const rng = createPrng(5);
    const [m, n, k, rep] = [3, 4, 50, 2];
    const a = Float64Array.from({ length: rep * m * k }, () => (rng.nextUint32() % 2001) - 1000);
    const b = Float64Array.from({ length: rep * k * n }, () => (rng.nextUint32() % 2001) - 1000);
    const c = referenceGemm(a, b, { m, n, k }, rep);
    for (let r = 0; r < rep; r++) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0n;
          for (let p = 0; p < k; p++) s += BigInt(a[r * m * k + i * k + p]!) * BigInt(b[r * k * n + p * n + j]!);
          expect(c[r * m * n + i * n + j]).toBe(Number(s));
        }
      }
    }
  });

  it("compensates cancellation that plain float64 summation loses", () => {
    // Plain left-to-right: (1e16 + 1) − 1e16 = 0 in float64; the exact sum is 1.
    const c = referenceGemm(new Float64Array([1e16, 1, -1e16]), new Float64Array([1, 1, 1]), { m: 1, n: 1, k: 3 });
    expect(c[0]).toBe(1);
    const d = referenceGemm(new Float64Array([1, 1e100, 1, -1e100]), new Float64Array([1, 1, 1, 1]), { m: 1, n: 1, k: 4 });
    expect(d[0]).toBe(2);
  });

  it("throws on operand sizes that do not match the shape (a bug)", () => {
    expect(() => referenceGemm(new Float64Array(5), new Float64Array(6), { m: 2, n: 3, k: 2 })).toThrow(/A has 5/);
    expect(() => referenceGemm(new Float64Array(4), new Float64Array(5), { m: 2, n: 3, k: 2 })).toThrow(/B has 5/);
  });
});
