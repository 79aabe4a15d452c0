import { describe, expect, it } from "vitest";
import { numericsCostMacs, parseSampleBudget, parseSampleSpec, resolveSample } from "./sample-budget.js";
import { unwrap } from "../../workloads/result.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";

describe("--sample auto | 0 | F", () => {
  it("parses auto, 0 and fractions; refuses the rest with one reason", () => {
    expect(unwrap(parseSampleSpec("auto"))).toEqual({ kind: "auto" });
    expect(unwrap(parseSampleSpec("0"))).toEqual({ kind: "fraction", fraction: 0 });
    expect(unwrap(parseSampleSpec("0.25"))).toEqual({ kind: "fraction", fraction: 0.25 });
    expect(unwrap(parseSampleSpec("1e-3"))).toEqual({ kind: "fraction", fraction: 0.001 });
    // 1e-400 underflows to 0 in float64: it must not silently become a timing-only run.
    const tiny = parseSampleSpec("1e-400");
    expect(tiny.ok).toBe(false);
    if (!tiny.ok) expect(tiny.reason).toMatch(/too small to represent/);
    expect(unwrap(parseSampleSpec("0.000e5"))).toEqual({ kind: "fraction", fraction: 0 });
    expect(unwrap(parseSampleBudget("5e8"))).toBe(5e8);
    for (const bad of ["abc", "-5", "0", "1e999", ""]) {
      const b = parseSampleBudget(bad);
      expect(b.ok).toBe(false);
      if (!b.ok) expect(b.reason).toBe(`--sample-budget ${bad} must be a positive number of MAC-equivalents, e.g. 5e8`);
    }
    for (const bad of ["-1", "2", "abc", "", "1.5", "NaN", "Infinity", "0x1"]) {
      const r = parseSampleSpec(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/must be auto, 0 .* or a fraction in \(0, 1\]/);
    }
  });

  it("prices a layer's numerics: 2k + 16 per output, 64 per operand element drawn", () => {
    // 10 × 10 × 10 in full: 100 outputs × (20 + 16) + 64 × (10 rows + 10 columns) × 10 = 3,600 + 12,800.
    expect(numericsCostMacs(unwrap(gemmLayer({ name: "a", m: 10, n: 10, k: 10 })), 1)).toBe(16_400);
    // 1 × 4096 × 4096 (a decode projection) at 1/16 of its outputs: one 1 × 256 grid:
    // 256 × (8192 + 16) + 64 × 257 × 4096 = 2,101,248 + 67,371,008.
    expect(numericsCostMacs(unwrap(gemmLayer({ name: "d", m: 1, n: 4096, k: 4096 })), 1 / 16)).toBe(69_472_256);
  });

  it("auto spends the budget: the largest fraction that fits, capped at 1", () => {
    const big = [unwrap(gemmLayer({ name: "a", m: 1000, n: 1000, k: 1000 }))];
    const r = unwrap(resolveSample({ kind: "auto" }, big, 2e8));
    expect(r.mode).toBe("auto");
    expect(numericsCostMacs(big[0]!, r.fraction)).toBeLessThanOrEqual(2e8);
    expect(numericsCostMacs(big[0]!, r.fraction * 1.02)).toBeGreaterThan(2e8);
    const small = [unwrap(gemmLayer({ name: "b", m: 10, n: 10, k: 10 }))];
    expect(unwrap(resolveSample({ kind: "auto" }, small, 2e8)).fraction).toBe(1);
    expect(unwrap(resolveSample({ kind: "fraction", fraction: 0 }, big)).mode).toBe("timing-only");
  });

  it("a weight-bound layer (every weight read once) gets a far smaller fraction than its MACs alone would allow", () => {
    const decode = [unwrap(gemmLayer({ name: "d", m: 1, n: 14336, k: 4096 }))]; // 5.9·10^7 MACs
    // MACs alone fit the budget 3 times over (fraction 1). With drawing priced, c columns cost about
    // c·(8192 + 16) + 64·(c + 1)·4096 ≈ 270,352·c, so c ≈ 740 of 14,336: a fraction near 0.05.
    const f = unwrap(resolveSample({ kind: "auto" }, decode, 2e8)).fraction;
    expect(f).toBeGreaterThan(0.045);
    expect(f).toBeLessThan(0.055);
  });

  it("a budget below one output per layer says what it needs, and never divides by zero", () => {
    const layers = [unwrap(gemmLayer({ name: "a", m: 4, n: 4, k: 300 })), unwrap(gemmLayer({ name: "b", m: 4, n: 4, k: 200 }))];
    // One output per layer: (2·300 + 16) + 64·2·300 + (2·200 + 16) + 64·2·200 = 39,016 + 26,016 = 65,032.
    const r = resolveSample({ kind: "auto" }, layers, 65_031);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("needs 65032");
    expect(resolveSample({ kind: "auto" }, layers, 65_032).ok).toBe(true);
    expect(resolveSample({ kind: "auto" }, layers, 0).ok).toBe(false);
    expect(unwrap(resolveSample({ kind: "auto" }, [], 1)).fraction).toBe(1);
  });
});
