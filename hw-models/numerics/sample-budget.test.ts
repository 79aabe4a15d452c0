import { describe, expect, it } from "vitest";
import { parseSampleSpec, resolveSample } from "./sample-budget.js";
import { unwrap } from "../../workloads/result.js";
import { gemmLayer } from "../../workloads/ops/gemm.js";

describe("--sample auto | 0 | F", () => {
  it("parses auto, 0 and fractions; refuses the rest with one reason", () => {
    expect(unwrap(parseSampleSpec("auto"))).toEqual({ kind: "auto" });
    expect(unwrap(parseSampleSpec("0"))).toEqual({ kind: "fraction", fraction: 0 });
    expect(unwrap(parseSampleSpec("0.25"))).toEqual({ kind: "fraction", fraction: 0.25 });
    expect(unwrap(parseSampleSpec("1e-3"))).toEqual({ kind: "fraction", fraction: 0.001 });
    for (const bad of ["-1", "2", "abc", "", "1.5", "NaN", "Infinity", "0x1"]) {
      const r = parseSampleSpec(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/must be auto, 0 .* or a fraction in \(0, 1\]/);
    }
  });

  it("auto spends the budget: budget / MACs, capped at 1", () => {
    const big = [unwrap(gemmLayer({ name: "a", m: 1000, n: 1000, k: 1000 }))]; // 10^9 MACs
    expect(unwrap(resolveSample({ kind: "auto" }, big, 2e8))).toEqual({ fraction: 0.2, mode: "auto", budgetMacs: 2e8 });
    const small = [unwrap(gemmLayer({ name: "b", m: 10, n: 10, k: 10 }))];
    expect(unwrap(resolveSample({ kind: "auto" }, small, 2e8)).fraction).toBe(1);
    expect(unwrap(resolveSample({ kind: "fraction", fraction: 0 }, big)).mode).toBe("timing-only");
  });

  it("a budget below one output per layer says what it needs, and never divides by zero", () => {
    const layers = [unwrap(gemmLayer({ name: "a", m: 4, n: 4, k: 300 })), unwrap(gemmLayer({ name: "b", m: 4, n: 4, k: 200 }))];
    const r = resolveSample({ kind: "auto" }, layers, 499);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain("needs 500");
    expect(resolveSample({ kind: "auto" }, layers, 0).ok).toBe(false);
    expect(unwrap(resolveSample({ kind: "auto" }, [], 1)).fraction).toBe(1);
  });
});
