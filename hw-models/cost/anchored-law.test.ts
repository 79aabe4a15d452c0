import { describe, expect, it } from "vitest";
import { anchoredLaw, fitSingleCoefficient, type LawAnchor } from "./anchored-law.js";
import { estimate } from "./estimate.js";
import { LINEAR_IN_BITS, SHIFTER_N_LOG_N } from "./scaling-laws.js";

const pj = (v: number, s = "test anchor") => estimate(v, "pJ", s);
const anchors: LawAnchor[] = [
  { size: 8, value: pj(0.03) },
  { size: 16, value: pj(0.05) },
  { size: 32, value: pj(0.1) },
];

describe("anchoredLaw", () => {
  const law = anchoredLaw("adder", LINEAR_IN_BITS, anchors);

  it("reproduces every anchor exactly and says so", () => {
    for (const a of anchors) {
      expect(law.at(a.size).value).toBe(a.value.value);
      expect(law.methodAt(a.size)).toBe("anchor");
      expect(law.at(a.size).source).toContain("anchor");
    }
  });

  it("interpolates between neighbouring anchors and stays between them", () => {
    const v = law.at(12).value;
    expect(v).toBeGreaterThan(0.03);
    expect(v).toBeLessThan(0.05);
    expect(law.methodAt(12)).toBe("interpolated");
  });

  it("extrapolates by the law from the nearest anchor", () => {
    expect(law.at(64).value).toBeCloseTo(0.1 * (64 / 32), 12);
    expect(law.at(4).value).toBeCloseTo(0.03 * (4 / 8), 12);
    expect(law.methodAt(64)).toBe("extrapolated");
    const sh = anchoredLaw("shifter", SHIFTER_N_LOG_N, [{ size: 16, value: pj(1) }]);
    expect(sh.at(32).value).toBeCloseTo((32 * 5) / (16 * 4), 12);
  });

  it("is monotone in size across and beyond the anchors", () => {
    let prev = 0;
    for (let n = 1; n <= 80; n++) {
      const v = law.at(n).value;
      expect(v).toBeGreaterThan(prev);
      prev = v;
    }
  });

  it("rejects mixed units, duplicate sizes and bad sizes", () => {
    expect(() => anchoredLaw("x", LINEAR_IN_BITS, [{ size: 8, value: pj(1) }, { size: 16, value: estimate(2, "um2", "s") }])).toThrow();
    expect(() => anchoredLaw("x", LINEAR_IN_BITS, [{ size: 8, value: pj(1) }, { size: 8, value: pj(2) }])).toThrow();
    expect(() => law.at(0)).toThrow();
  });
});

describe("fitSingleCoefficient", () => {
  it("fits data that follow the law with zero error", () => {
    const f = fitSingleCoefficient(LINEAR_IN_BITS, [4, 8, 16].map((n) => ({ size: n, value: pj(0.25 * n) })));
    expect(f.coefficient).toBeCloseTo(0.25, 12);
    expect(f.maxRelativeError).toBeLessThan(1e-12);
  });

  it("reports the misfit of data that do not", () => {
    const f = fitSingleCoefficient(LINEAR_IN_BITS, [{ size: 1, value: pj(1) }, { size: 2, value: pj(4) }]);
    expect(f.maxRelativeError).toBeGreaterThan(0.3);
  });
});
