import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { dominates, paretoFront } from "./pareto.js";

const points = fc.array(fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 25 });

/**
 * Independent brute-force definition (not `dominates`): p beats q when, with NaN read as +∞, p[i] ≤ q[i] on every
 * objective and p[i] < q[i] on at least one. A row is on the front when no other row beats it.
 */
function bruteFront(rows: readonly { id: string; objectives: readonly number[] }[]) {
  const worst = (x: number) => (Number.isNaN(x) ? Infinity : x);
  const beats = (p: readonly number[], q: readonly number[]) => {
    const pairs = p.map((x, i) => [worst(x), worst(q[i]!)] as const);
    return pairs.every(([x, y]) => x <= y) && pairs.some(([x, y]) => x < y);
  };
  return rows.map((r, i) => {
    const dominatedBy = rows.filter((o, j) => j !== i && beats(o.objectives, r.objectives)).map((o) => o.id);
    return { id: r.id, onFront: dominatedBy.length === 0, dominatedBy };
  });
}

describe("pareto front", () => {
  it("equals the brute-force definition on random points (4 objectives, ties and NaN included)", () => {
    const value = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 0, max: 4 }) }, { weight: 1, arbitrary: fc.constant(NaN) });
    const pts = fc.array(fc.array(value, { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 20 });
    fc.assert(
      fc.property(pts, (ps) => {
        const rows = ps.map((objectives, i) => ({ id: `r${i}`, objectives }));
        expect(paretoFront(rows)).toEqual(bruteFront(rows));
      }),
      { seed: 7, numRuns: 400 },
    );
  });

  it("a hand-checked set of three objectives", () => {
    // a=(1,5,2) b=(2,2,2) c=(2,3,2): b beats c (2≤2, 2<3, 2≤2). d=(1,5,3): a beats d (only the third is worse).
    // e=(3,1,NaN): nothing is ≤ 1 on the second objective except e itself, so e stays although NaN is worst.
    // f=(2,NaN,2): NaN is worst, so a (1<2, 5<NaN, 2≤2), b and c (2≤2, 2 or 3 < NaN, 2≤2) all beat it; it beats nobody.
    const f = paretoFront([
      { id: "a", objectives: [1, 5, 2] },
      { id: "b", objectives: [2, 2, 2] },
      { id: "c", objectives: [2, 3, 2] },
      { id: "d", objectives: [1, 5, 3] },
      { id: "e", objectives: [3, 1, NaN] },
      { id: "f", objectives: [2, NaN, 2] },
    ]);
    expect(f.map((r) => [r.id, r.onFront, r.dominatedBy])).toEqual([
      ["a", true, []],
      ["b", true, []],
      ["c", false, ["b"]],
      ["d", false, ["a"]],
      ["e", true, []],
      ["f", false, ["a", "b", "c"]],
    ]);
  });

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
