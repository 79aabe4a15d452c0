import { describe, expect, it } from "vitest";
import { createPrng } from "../sim/prng.js";
import { sampleIndicesOf, sampleOutputs } from "../hw-models/numerics/output-sample.js";
import { errorMetrics } from "./metrics.js";
import { sampledErrorMetrics } from "./sample-error.js";

/** A synthetic layer: reference = row effect + column effect + noise; output = reference + error with row/column structure. */
function population(repeats: number, m: number, n: number, seed: number) {
  const rng = createPrng(seed);
  const total = repeats * m * n;
  const ref = new Float64Array(total);
  const out = new Float64Array(total);
  for (let r = 0; r < repeats; r++) {
    const rowFx = Array.from({ length: m }, () => rng.nextNormal());
    const colFx = Array.from({ length: n }, () => rng.nextNormal());
    const rowErr = Array.from({ length: m }, () => 0.05 * (1 + Math.abs(rng.nextNormal())));
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        const x = r * m * n + i * n + j;
        ref[x] = rowFx[i]! + colFx[j]! + 0.5 * rng.nextNormal();
        out[x] = ref[x]! + rowErr[i]! * rng.nextNormal() * (1 + Math.abs(colFx[j]!));
      }
    }
  }
  return { ref, out };
}

function take(all: Float64Array, idx: ArrayLike<number>): Float64Array {
  return Float64Array.from(idx, (i) => all[i]!);
}

describe("sampled error metrics", () => {
  it("with every output computed they equal the plain metrics, with zero uncertainty", () => {
    const { ref, out } = population(2, 10, 12, 1);
    const sample = sampleOutputs(2, 10, 12, Infinity, createPrng(1));
    const e = sampledErrorMetrics([{ sample, reference: ref, output: out }]);
    const plain = errorMetrics(ref, out);
    expect(e.sqnrDb).toBeCloseTo(plain.sqnrDb, 10);
    expect(e.relativeRmse).toBeCloseTo(plain.relativeRmse, 12);
    expect(e.sqnrDbStdErr).toBe(0);
    expect(e.fraction).toBe(1);
  });

  it("no output computed: not measured, every figure NaN", () => {
    const sample = sampleOutputs(1, 4, 4, 0, createPrng(1));
    const e = sampledErrorMetrics([{ sample: { ...sample, grids: [], count: 0 }, reference: [], output: [] }]);
    expect(e.measured).toBe(false);
    expect(e.sqnrDb).toBeNaN();
  });

  it("weights each layer by its outputs, not by how many were sampled", () => {
    // Layer A: 100 outputs, all with relative error 0.1; layer B: 10,000 outputs with relative error 0.01.
    // Same signal per output, so ρ = (100·0.01 + 10000·0.0001)/(10100) whatever the sample sizes.
    const mk = (m: number, n: number, rel: number, target: number, seed: number) => {
      const sample = sampleOutputs(1, m, n, target, createPrng(seed));
      return { sample, reference: new Float64Array(sample.count).fill(1), output: new Float64Array(sample.count).fill(1 + rel) };
    };
    const e = sampledErrorMetrics([mk(10, 10, 0.1, 100, 1), mk(100, 100, 0.01, 100, 2)]);
    const rho = (100 * 0.01 + 10000 * 0.0001) / 10100;
    expect(e.relativeRmse).toBeCloseTo(Math.sqrt(rho), 12);
  });

  it("its standard error matches the spread of repeated samples, and the 95% interval covers the truth", () => {
    const R = 4;
    const m = 60;
    const n = 80;
    const { ref, out } = population(R, m, n, 5);
    const truth = errorMetrics(ref, out).sqnrDb;
    const estimates: number[] = [];
    const ses: number[] = [];
    let covered = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const sample = sampleOutputs(R, m, n, 400, createPrng(1000 + t));
      const idx = sampleIndicesOf(sample);
      const e = sampledErrorMetrics([{ sample, reference: take(ref, idx), output: take(out, idx) }]);
      estimates.push(e.sqnrDb);
      ses.push(e.sqnrDbStdErr);
      if (e.sqnrDbCi95[0] <= truth && truth <= e.sqnrDbCi95[1]) covered++;
    }
    const mean = estimates.reduce((s, x) => s + x, 0) / trials;
    const sd = Math.sqrt(estimates.reduce((s, x) => s + (x - mean) ** 2, 0) / (trials - 1));
    const meanSe = ses.reduce((s, x) => s + x, 0) / trials;
    // Nearly unbiased (within a quarter of one standard deviation), the SE neither too small nor far too large
    // (Owen's crossed estimate is conservative), and the nominal 95% interval covers at least 88% of the time.
    expect(Math.abs(mean - truth)).toBeLessThan(0.25 * sd);
    expect(meanSe / sd).toBeGreaterThan(0.8);
    expect(meanSe / sd).toBeLessThan(2);
    expect(covered / trials).toBeGreaterThan(0.88);
  });
});
