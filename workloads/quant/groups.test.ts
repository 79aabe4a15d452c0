import { describe, expect, it } from "vitest";
import { groupLayout } from "./groups.js";

const layout = (shape: number[], g: Parameters<typeof groupLayout>[1]) => {
  const r = groupLayout(shape, g);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};

describe("groupLayout", () => {
  it("per-tensor: one group", () => {
    const l = layout([3, 4], { kind: "per-tensor" });
    expect(l.groupCount).toBe(1);
    expect(l.groupShape).toEqual([]);
    expect(Array.from(l.groupOf).every((g) => g === 0)).toBe(true);
  });

  it("per-channel: the coordinate along the axis (negative axes from the end)", () => {
    const l = layout([2, 3, 4], { kind: "per-channel", axis: 1 });
    expect(l.groupShape).toEqual([3]);
    for (let i = 0; i < 24; i++) expect(l.groupOf[i]).toBe(Math.floor(i / 4) % 3);
    const last = layout([2, 3], { kind: "per-channel", axis: -1 });
    expect(Array.from(last.groupOf)).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it("per-block: runs of blockSize along the axis, the last one partial", () => {
    const l = layout([2, 10], { kind: "per-block", axis: 1, blockSize: 4 });
    expect(l.groupShape).toEqual([2, 3]);
    expect(Array.from(l.groupOf)).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5]);
    // Blocks along axis 0 of [4, 2]: rows {0,1} and {2,3}, per column.
    const col = layout([4, 2], { kind: "per-block", axis: 0, blockSize: 2 });
    expect(col.groupShape).toEqual([2, 2]);
    expect(Array.from(col.groupOf)).toEqual([0, 1, 0, 1, 2, 3, 2, 3]);
  });

  it("rejects bad axes and block sizes", () => {
    expect(groupLayout([2, 2], { kind: "per-channel", axis: 2 }).ok).toBe(false);
    expect(groupLayout([2, 2], { kind: "per-block", axis: 0, blockSize: 0 }).ok).toBe(false);
  });
});
