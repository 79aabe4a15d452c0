import { describe, expect, it } from "vitest";
import { calibrateGroups, percentileSorted } from "./calibrate.js";
import { groupLayout } from "./groups.js";

describe("percentileSorted", () => {
  it("interpolates linearly like numpy.percentile's default", () => {
    const v = new Float64Array([1, 2, 3, 4]);
    expect(percentileSorted(v, 50)).toBe(2.5);
    expect(percentileSorted(v, 100)).toBe(4);
    expect(percentileSorted(v, 0)).toBe(1);
    expect(percentileSorted(v, 75)).toBe(3.25);
    const ramp = Float64Array.from({ length: 10001 }, (_, i) => i);
    expect(percentileSorted(ramp, 99.99)).toBeCloseTo(9999, 9);
  });
});

describe("calibrateGroups", () => {
  const per = (shape: number[]) => {
    const r = groupLayout(shape, { kind: "per-channel", axis: 0 });
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };
  it("absmax: symmetric threshold and asymmetric [min, max] widened to include 0", () => {
    const data = new Float64Array([1, -3, 2, /**/ 2, 5, 4]);
    const sym = calibrateGroups(data, per([2, 3]), { kind: "absmax" }, true);
    expect(Array.from(sym.hi)).toEqual([3, 5]);
    expect(Array.from(sym.lo)).toEqual([-3, -5]);
    const asym = calibrateGroups(data, per([2, 3]), { kind: "absmax" }, false);
    expect(Array.from(asym.lo)).toEqual([-3, 0]);
    expect(Array.from(asym.hi)).toEqual([2, 5]);
  });

  it("percentile: per group, of |x| (symmetric) or of x (asymmetric); non-finite values ignored", () => {
    const data = new Float64Array([-4, 1, 2, 3, NaN, /**/ 10, 20, 30, 40, Infinity]);
    const sym = calibrateGroups(data, per([2, 5]), { kind: "percentile", percentile: 50 }, true);
    expect(Array.from(sym.hi)).toEqual([2.5, 25]);
    const asym = calibrateGroups(data, per([2, 5]), { kind: "percentile", percentile: 75 }, false);
    // Group 0 sorted [-4, 1, 2, 3]: 25th → −4 + 0.75·5 = −0.25, 75th → 2.25. Group 1: lo widened to 0.
    expect(asym.lo[0]).toBeCloseTo(-0.25, 12);
    expect(asym.hi[0]).toBeCloseTo(2.25, 12);
    expect(asym.lo[1]).toBe(0);
    expect(asym.hi[1]).toBe(32.5);
  });
});
