import { describe, expect, it } from "vitest";
import { generateDetailed, generateTensor } from "./generators.js";
import type { Distribution } from "./generators.js";

const N = 100_000;
const gen = (d: Distribution, shape: number[] = [N], seed = 7) => {
  const r = generateTensor(d, shape, seed);
  if (!r.ok) throw new Error(r.reason);
  return r.value.data;
};
const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const variance = (x: Float64Array) => {
  const m = mean(x);
  return x.reduce((a, b) => a + (b - m) ** 2, 0) / (x.length - 1);
};
/** Bounds are 5 standard errors: a correct generator fails them with probability below 1e-6. */
const Z = 5;

describe("generateTensor reproducibility", () => {
  for (const d of [{ kind: "normal" }, { kind: "laplace" }, { kind: "uniform" }, { kind: "channel-outliers" }] as Distribution[]) {
    it(`${d.kind}: same seed, same values; different seed, different values`, () => {
      const a = gen(d, [64, 32], 1);
      const b = gen(d, [64, 32], 1);
      const c = gen(d, [64, 32], 2);
      expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
      expect(Buffer.from(a.buffer).equals(Buffer.from(c.buffer))).toBe(false);
    });
  }
});

describe("distribution sanity", () => {
  it("normal(μ, σ): mean and variance within 5 standard errors", () => {
    const mu = 3;
    const sigma = 2;
    const x = gen({ kind: "normal", mean: mu, std: sigma });
    expect(Math.abs(mean(x) - mu)).toBeLessThan((Z * sigma) / Math.sqrt(N));
    // Var of the sample variance of a normal: 2σ⁴/(n−1).
    expect(Math.abs(variance(x) - sigma ** 2)).toBeLessThan(Z * sigma ** 2 * Math.sqrt(2 / (N - 1)));
    // Shape: P(|x−μ| < σ) = 0.682689…; binomial standard error.
    const inside = x.filter((v) => Math.abs(v - mu) < sigma).length / N;
    expect(Math.abs(inside - 0.682689492)).toBeLessThan(Z * Math.sqrt((0.6827 * 0.3173) / N));
  });

  it("laplace(μ, b): mean μ, variance 2b², P(|x−μ| > b) = 1/e", () => {
    const mu = -1;
    const b = 0.5;
    const x = gen({ kind: "laplace", loc: mu, scale: b });
    const sd = Math.SQRT2 * b;
    expect(Math.abs(mean(x) - mu)).toBeLessThan((Z * sd) / Math.sqrt(N));
    // Var of the sample variance: (μ4 − σ⁴)/n with μ4 = 24b⁴, σ⁴ = 4b⁴.
    expect(Math.abs(variance(x) - 2 * b * b)).toBeLessThan(Z * Math.sqrt((20 * b ** 4) / N));
    const tail = x.filter((v) => Math.abs(v - mu) > b).length / N;
    expect(Math.abs(tail - Math.exp(-1))).toBeLessThan(Z * Math.sqrt((0.368 * 0.632) / N));
  });

  it("uniform[a, b): bounds, mean (a+b)/2, variance (b−a)²/12", () => {
    const x = gen({ kind: "uniform", low: 2, high: 6 });
    expect(Math.min(...x)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...x)).toBeLessThan(6);
    expect(Math.abs(mean(x) - 4)).toBeLessThan((Z * Math.sqrt(16 / 12)) / Math.sqrt(N));
    // Var of the sample variance for uniform: (μ4 − σ⁴)/n with μ4 = (b−a)⁴/80.
    expect(Math.abs(variance(x) - 16 / 12)).toBeLessThan(Z * Math.sqrt((256 / 80 - (16 / 12) ** 2) / N));
  });
});

describe("channel outliers (LLM.int8()-style)", () => {
  it("scales round(fraction·C) channels by factors in range; other channels stay N(0, σ)", () => {
    const rows = 2000;
    const cols = 400;
    const r = generateDetailed({ kind: "channel-outliers", std: 1, fraction: 0.01, factorMin: 20, factorMax: 60 }, [rows, cols], 11);
    if (!r.ok) throw new Error(r.reason);
    const { tensor, outlierChannels, outlierFactors } = r.value;
    expect(outlierChannels).toHaveLength(4);
    expect(new Set(outlierChannels).size).toBe(4);
    for (const f of outlierFactors) expect(f >= 20 && f <= 60).toBe(true);
    const column = (c: number) => Float64Array.from({ length: rows }, (_, i) => tensor.data[i * cols + c]!);
    outlierChannels.forEach((c, j) => {
      const sd = Math.sqrt(variance(column(c)));
      expect(Math.abs(sd / outlierFactors[j]! - 1)).toBeLessThan(Z * Math.sqrt(1 / (2 * rows)));
    });
    const normalCol = [...Array(cols).keys()].find((c) => !outlierChannels.includes(c))!;
    expect(Math.abs(Math.sqrt(variance(column(normalCol))) - 1)).toBeLessThan(Z * Math.sqrt(1 / (2 * rows)));
  });

  it("picks along the requested axis and makes at least one outlier when fraction > 0", () => {
    const r = generateDetailed({ kind: "channel-outliers", fraction: 0.001, axis: 0 }, [10, 50], 3);
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.outlierChannels).toHaveLength(1);
    expect(r.value.outlierChannels[0]!).toBeLessThan(10);
    const none = generateDetailed({ kind: "channel-outliers", fraction: 0 }, [10, 50], 3);
    expect(none.ok && none.value.outlierChannels.length).toBe(0);
  });

  it("rejects invalid parameters with reasons", () => {
    expect(generateTensor({ kind: "normal", std: -1 }, [4], 1).ok).toBe(false);
    expect(generateTensor({ kind: "uniform", low: 1, high: 1 }, [4], 1).ok).toBe(false);
    expect(generateTensor({ kind: "laplace", scale: NaN }, [4], 1).ok).toBe(false);
    expect(generateTensor({ kind: "channel-outliers", fraction: 2 }, [4], 1).ok).toBe(false);
    expect(generateTensor({ kind: "channel-outliers", factorMin: 0.5 }, [4], 1).ok).toBe(false);
    const ax = generateTensor({ kind: "channel-outliers", axis: 2 }, [4, 4], 1);
    expect(ax.ok).toBe(false);
    if (!ax.ok) expect(ax.reason).toMatch(/axis 2/);
    expect(generateTensor({ kind: "normal" }, [2, -1], 1).ok).toBe(false);
  });
});
