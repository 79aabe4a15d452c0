import { describe, expect, it } from "vitest";
import { errorMetrics } from "./metrics.js";

describe("error metrics", () => {
  it("computes SQNR, relative RMSE and max error by hand", () => {
    // signal = 9 + 16 = 25, noise = 1 + 0 = 1 → SQNR = 10·log10(25) dB, relRMSE = 1/5.
    const m = errorMetrics([3, 4], [2, 4]);
    expect(m.sqnrDb).toBeCloseTo(10 * Math.log10(25), 12);
    expect(m.relativeRmse).toBeCloseTo(0.2, 15);
    expect(m.maxAbsError).toBe(1);
  });

  it("exact output has infinite SQNR and zero error", () => {
    expect(errorMetrics([1, -2], [1, -2])).toMatchObject({ sqnrDb: Infinity, relativeRmse: 0, maxAbsError: 0 });
  });

  it("a non-finite output is an unbounded error, never dropped", () => {
    expect(errorMetrics([1, 2], [NaN, 2])).toMatchObject({ nonFiniteCount: 1, sqnrDb: -Infinity, relativeRmse: Infinity });
    expect(errorMetrics([1, 2], [Infinity, Infinity])).toMatchObject({ nonFiniteCount: 2, maxAbsError: Infinity });
  });
});
