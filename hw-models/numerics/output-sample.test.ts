import { describe, expect, it } from "vitest";
import { createPrng } from "../../sim/prng.js";
import { floydSample, sampleIndicesOf, sampleOutputs } from "./output-sample.js";

describe("grid sampling of outputs", () => {
  it("takes everything when the target covers the layer", () => {
    const s = sampleOutputs(3, 4, 5, 60, createPrng(1));
    expect(s.count).toBe(60);
    expect(Array.from(sampleIndicesOf(s))).toEqual(Array.from({ length: 60 }, (_, i) => i));
  });

  it("grids keep the output's aspect and land near the target", () => {
    // 1 repeat of 2048 × 4096, target 5000: rows = round(sqrt(5000 · 2048/4096)) = 50, cols = round(5000/50) = 100.
    const s = sampleOutputs(1, 2048, 4096, 5000, createPrng(2));
    expect(s.grids).toHaveLength(1);
    expect([s.grids[0]!.rows.length, s.grids[0]!.cols.length]).toEqual([50, 100]);
    expect(s.count).toBe(5000);
  });

  it("spreads over repeats, about 256 outputs per visited repeat", () => {
    // 1024 repeats, target 2560: ceil(2560/256) = 10 repeats visited, 256 outputs each (16 × 16 on a square output).
    const s = sampleOutputs(1024, 128, 128, 2560, createPrng(3));
    expect(s.grids).toHaveLength(10);
    expect(new Set(s.grids.map((g) => g.repeat)).size).toBe(10);
    for (const g of s.grids) expect([g.rows.length, g.cols.length]).toEqual([16, 16]);
  });

  it("a single-row output (decode) samples columns only; a tiny target still takes one output", () => {
    const d = sampleOutputs(1, 1, 4096, 100, createPrng(4));
    expect([d.grids[0]!.rows.length, d.grids[0]!.cols.length]).toEqual([1, 100]);
    const one = sampleOutputs(7, 100, 100, 1e-9, createPrng(4));
    expect(one.count).toBe(1);
  });

  it("indices are distinct, ascending and inside the layer; the same seed gives the same sample", () => {
    const a = sampleIndicesOf(sampleOutputs(5, 30, 40, 700, createPrng(9)));
    const b = sampleIndicesOf(sampleOutputs(5, 30, 40, 700, createPrng(9)));
    expect(Array.from(a)).toEqual(Array.from(b));
    for (let i = 1; i < a.length; i++) expect(a[i]!).toBeGreaterThan(a[i - 1]!);
    expect(a[a.length - 1]!).toBeLessThan(5 * 30 * 40);
  });

  it("every row is equally likely to be chosen (Floyd's algorithm is uniform)", () => {
    const rng = createPrng(11);
    const hits = new Array<number>(10).fill(0);
    const trials = 20_000;
    for (let t = 0; t < trials; t++) for (const i of floydSample(10, 3, rng)) hits[i]!++;
    // Each index: Binomial(trials, 0.3); 5 standard errors.
    for (const h of hits) expect(Math.abs(h / trials - 0.3)).toBeLessThan(5 * Math.sqrt((0.3 * 0.7) / trials));
  });
});
