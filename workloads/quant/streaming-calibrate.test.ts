import { describe, expect, it } from "vitest";
import { generateTensor, lazyTensor } from "../tensors/generators.js";
import type { Distribution, LazyTensor } from "../tensors/generators.js";
import { unwrap } from "../result.js";
import { calibrateGroups } from "./calibrate.js";
import { groupLayout } from "./groups.js";
import { streamingAbsmax, streamingChannelAbsmax, streamingPercentile } from "./streaming-calibrate.js";

const DISTS: Distribution[] = [
  { kind: "normal" },
  { kind: "laplace", scale: 0.5 },
  { kind: "uniform", low: -3, high: 2 },
  { kind: "channel-outliers", axis: 1 },
  { kind: "channel-outliers", axis: 0, fraction: 0.05 },
];

/** The whole tensor, materialised, calibrated the ordinary way (calibrateGroups sorts per group). */
function full(d: Distribution, shape: number[], seed: number) {
  return unwrap(generateTensor(d, shape, seed));
}

/** A lazy tensor that counts how many elements were drawn. */
function counting(t: LazyTensor): { t: LazyTensor; reads: () => number } {
  let n = 0;
  return { t: { ...t, at: (i) => (n++, t.at(i)) }, reads: () => n };
}

describe("streaming calibration equals calibration of the materialised tensor", () => {
  for (const d of DISTS) {
    it(`${d.kind}${"axis" in d ? ` axis ${d.axis}` : ""}: absmax, per-channel absmax, percentiles`, () => {
      const shape = [300, 70];
      const lazy = unwrap(lazyTensor(d, shape, 17));
      const t = full(d, shape, 17);
      const perTensor = calibrateGroups(t.data, unwrap(groupLayout(shape, { kind: "per-tensor" })), { kind: "absmax" }, true);
      expect(streamingAbsmax(lazy).absmax).toBe(perTensor.hi[0]);
      for (const axis of [0, 1]) {
        const per = calibrateGroups(t.data, unwrap(groupLayout(shape, { kind: "per-channel", axis })), { kind: "absmax" }, true);
        expect(Array.from(streamingChannelAbsmax(lazy, axis))).toEqual(Array.from(per.hi));
      }
      for (const p of [99.99, 99.9, 90, 100]) {
        const one = unwrap(groupLayout(shape, { kind: "per-tensor" }));
        const sym = calibrateGroups(t.data, one, { kind: "percentile", percentile: p }, true);
        expect(streamingPercentile(lazy, p, true)).toBe(sym.hi[0]);
        const asym = calibrateGroups(t.data, one, { kind: "percentile", percentile: p }, false);
        expect(Math.max(0, streamingPercentile(lazy, p, false))).toBe(asym.hi[0]);
        expect(Math.min(0, streamingPercentile(lazy, 100 - p, false))).toBe(asym.lo[0]);
      }
    });
  }

  it("derives the absmax of an outlier tensor from its outlier channels alone, exactly", () => {
    const shape = [2048, 512];
    const d: Distribution = { kind: "channel-outliers", axis: 1 };
    const { t, reads } = counting(unwrap(lazyTensor(d, shape, 3)));
    const r = streamingAbsmax(t);
    expect(r.method).toBe("derived");
    // round(0.005 · 512) = 3 outlier columns of 2048 rows are read, nothing else.
    expect(reads()).toBe(3 * 2048);
    const data = full(d, shape, 3).data;
    let m = 0;
    for (const x of data) m = Math.max(m, Math.abs(x));
    expect(r.absmax).toBe(m);
  });

  it("streams everything when the outlier channels do not clear the bulk bound", () => {
    // factor 1: the 'outliers' are ordinary, so no bound separates them from the bulk.
    const d: Distribution = { kind: "channel-outliers", axis: 0, factorMin: 1, factorMax: 1 };
    const r = streamingAbsmax(unwrap(lazyTensor(d, [64, 64], 5)));
    expect(r.method).toBe("streamed");
    let m = 0;
    for (const x of full(d, [64, 64], 5).data) m = Math.max(m, Math.abs(x));
    expect(r.absmax).toBe(m);
  });

  it("an empty tensor calibrates to 0", () => {
    const lazy = unwrap(lazyTensor({ kind: "normal" }, [0, 5], 1));
    expect(streamingAbsmax(lazy).absmax).toBe(0);
    expect(streamingPercentile(lazy, 99, true)).toBe(0);
  });
});
