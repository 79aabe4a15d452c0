import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dominates, paretoFront } from "./pareto.js";

const points = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 25 });

describe("pareto front", () => {
  it("no kept row is dominated, and every dropped row is dominated by some kept row", () => {
    fc.assert(
      fc.property(points, (pts) => {
        const rows = pts.map((objectives, i) => ({ id: `r${i}`, objectives }));
        const front = paretoFront(rows);
        const kept = rows.filter((_, i) => front[i]!.onFront);
        for (const [i, r] of rows.entries()) {
          const domByAny = rows.some((o) => o !== r && dominates(o.objectives, r.objectives));
          if (front[i]!.onFront) expect(domByAny).toBe(false);
          else expect(kept.some((k) => dominates(k.objectives, r.objectives))).toBe(true);
        }
        expect(kept.length).toBeGreaterThan(0);
      }),
      { seed: 42, numRuns: 300 },
    );
  });

  it("keeps exact ties together on the front", () => {
    const f = paretoFront([
      { id: "a", objectives: [1, 2] },
      { id: "b", objectives: [1, 2] },
      { id: "c", objectives: [2, 2] },
    ]);
    expect(f.map((r) => r.onFront)).toEqual([true, true, false]);
    expect(f[2]!.dominatedBy).toEqual(["a", "b"]);
  });

  it("dominance needs one strict improvement and treats NaN as worst", () => {
    expect(dominates([1, 1], [1, 1])).toBe(false);
    expect(dominates([1, 0], [1, 1])).toBe(true);
    expect(dominates([0, 2], [1, 1])).toBe(false);
    expect(dominates([1, 1], [1, NaN])).toBe(true);
  });
});
