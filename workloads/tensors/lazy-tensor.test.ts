import { describe, expect, it } from "vitest";
import { generateDetailed, lazyTensor } from "./generators.js";
import type { Distribution } from "./generators.js";
import { counterKey, counterNormal, counterUniform, LAPLACE_ABS_BOUND, NORMAL_ABS_BOUND, counterLaplace } from "./counter-rng.js";
import { unwrap } from "../result.js";

const DISTS: Distribution[] = [
  { kind: "normal", mean: 1, std: 2 },
  { kind: "laplace" },
  { kind: "uniform" },
  { kind: "channel-outliers" },
  { kind: "channel-outliers", axis: 0, fraction: 0.1 },
];

describe("lazy (counter-based) tensors", () => {
  for (const d of DISTS) {
    it(`${d.kind}: any element, row or column equals the materialised tensor's, in any order`, () => {
      const shape = [37, 53];
      const lazy = unwrap(lazyTensor(d, shape, 99));
      const whole = unwrap(generateDetailed(d, shape, 99)).tensor.data;
      // Backwards, single elements.
      for (let i = whole.length - 1; i >= 0; i -= 7) expect(lazy.at(i)).toBe(whole[i]);
      // Column 11 by a strided fill, into an offset.
      const col = new Float64Array(40);
      lazy.fill(col, 3, 11, 53, 37);
      for (let r = 0; r < 37; r++) expect(col[3 + r]).toBe(whole[r * 53 + 11]);
      // Row 20.
      const row = new Float64Array(53);
      lazy.fill(row, 0, 20 * 53, 1, 53);
      expect(Array.from(row)).toEqual(Array.from(whole.subarray(20 * 53, 21 * 53)));
    });
  }

  it("a value depends on the seed and the index only, not on the shape it is drawn in", () => {
    const a = unwrap(lazyTensor({ kind: "normal" }, [10, 10], 5));
    const b = unwrap(lazyTensor({ kind: "normal" }, [1000], 5));
    for (let i = 0; i < 100; i++) expect(a.at(i)).toBe(b.at(i));
    expect(unwrap(lazyTensor({ kind: "normal" }, [10], 6)).at(3)).not.toBe(a.at(3));
  });

  it("indices above 2^32 are drawn (no wrap-around onto low indices)", () => {
    const key = counterKey(1);
    expect(counterUniform(key, 2 ** 32 + 5, 0)).not.toBe(counterUniform(key, 5, 0));
    expect(counterNormal(key, 2 ** 40)).not.toBe(counterNormal(key, 0));
  });

  it("the bounds the exact absmax relies on hold: |normal| ≤ 8.58, |laplace| ≤ 36.05", () => {
    // sqrt(−2 ln 2^−53) = sqrt(106 ln 2) = 8.5717; 52 ln 2 = 36.04. Extreme uniforms are reached at few indices,
    // so check the construction at its edges as well as on a sample.
    expect(Math.sqrt(-2 * Math.log(1 / 2 ** 53))).toBeLessThan(NORMAL_ABS_BOUND);
    expect(-Math.log(2 / 2 ** 53)).toBeLessThan(LAPLACE_ABS_BOUND);
    const key = counterKey(12);
    let maxNormal = 0;
    let maxLaplace = 0;
    for (let i = 0; i < 200_000; i++) {
      maxNormal = Math.max(maxNormal, Math.abs(counterNormal(key, i)));
      maxLaplace = Math.max(maxLaplace, Math.abs(counterLaplace(key, i)));
    }
    expect(maxNormal).toBeLessThanOrEqual(NORMAL_ABS_BOUND);
    expect(maxLaplace).toBeLessThanOrEqual(LAPLACE_ABS_BOUND);
    expect(maxNormal).toBeGreaterThan(3); // the sample does reach the tails
  });

  it("uniform bits are balanced: each of 32 output bits is set about half the time", () => {
    const key = counterKey(3);
    const N = 20_000;
    const ones = new Array<number>(32).fill(0);
    for (let i = 0; i < N; i++) {
      const u = Math.floor(counterUniform(key, i, 0) * 2 ** 32);
      for (let b = 0; b < 32; b++) ones[b]! += (u >>> b) & 1;
    }
    // 5 standard errors of a fair coin over N draws.
    for (const c of ones) expect(Math.abs(c / N - 0.5)).toBeLessThan(5 * Math.sqrt(0.25 / N));
  });
});
