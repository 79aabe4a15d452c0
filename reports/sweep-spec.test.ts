import { describe, expect, it } from "vitest";
import { expandGrid } from "./sweep-grid.js";
import { parseSweepSpec } from "./sweep-spec.js";
import { canonicalJson, hardwareWithNode } from "./sweep-point.js";

describe("sweep grids", () => {
  it("expand every combination, the first grid slowest", () => {
    const r = expandGrid("mac-array:rows=[16,32],dataflow=[ws,os]");
    expect(r).toEqual({
      ok: true,
      value: ["mac-array:rows=16,dataflow=ws", "mac-array:rows=16,dataflow=os", "mac-array:rows=32,dataflow=ws", "mac-array:rows=32,dataflow=os"],
    });
    expect(expandGrid("gemm:m=64,n=64,k=64")).toEqual({ ok: true, value: ["gemm:m=64,n=64,k=64"] });
  });

  it("refuse unbalanced, nested, empty and repeated grids with the column", () => {
    expect(expandGrid("mac-array:rows=[16,32")).toEqual({ ok: false, reason: "'mac-array:rows=[16,32': '[' at column 16 is never closed" });
    expect(expandGrid("rows=16]")).toMatchObject({ ok: false, reason: expect.stringContaining("column 8 closes no '['") });
    expect(expandGrid("rows=[[1]]")).toMatchObject({ ok: false, reason: expect.stringContaining("cannot nest") });
    expect(expandGrid("rows=[1,,2]")).toMatchObject({ ok: false, reason: expect.stringContaining("empty value") });
    expect(expandGrid("rows=[1,1]")).toMatchObject({ ok: false, reason: expect.stringContaining("repeats") });
    const huge = ["a", "b", "c", "d", "e", "f"].map((k) => `${k}=[0,1,2,3,4,5,6,7,8,9]`).join(",");
    expect(expandGrid(huge)).toMatchObject({ ok: false, reason: expect.stringContaining("more than 100000 points") });
  });
});

describe("sweep spec", () => {
  it("fills defaults and takes a single string for a list", () => {
    expect(parseSweepSpec({ precisions: "int8" })).toEqual({
      ok: true,
      value: { precisions: ["int8"], hardware: ["mac-array"], workloads: ["default"], seed: 1, sample: "auto", energy: "table" },
    });
  });

  it("names the field path of every problem", () => {
    const r = parseSweepSpec({ precisions: ["int8", 7], hardware: [], seed: 1.5, sample: "half", node: 10, energy: "watts", extra: 1 });
    expect(r.ok).toBe(false);
    const reason = r.ok ? "" : r.reason;
    for (const part of ["precisions[1]: ", "hardware: must list at least one entry", "seed: must be an integer", "sample: must be auto", "node: must be 45, 28, 16, 7 or 5", "energy: ", '(root): Unrecognized key: "extra"']) {
      expect(reason).toContain(part);
    }
    expect(parseSweepSpec({})).toMatchObject({ ok: false, reason: expect.stringMatching(/^precisions: /) });
    expect(parseSweepSpec(["int8"])).toMatchObject({ ok: false, reason: expect.stringMatching(/^\(root\): /) });
  });

  it("lets command-line overrides win, naming the flag when one is bad", () => {
    const r = parseSweepSpec({ precisions: ["int8"], seed: 3, sample: 0.5, node: 45 }, { seed: 9, sample: "0", node: 7, energy: "table" });
    expect(r).toMatchObject({ ok: true, value: { seed: 9, sample: "0", node: 7 } });
    expect(parseSweepSpec({ precisions: ["int8"] }, { seed: Number.NaN })).toMatchObject({ ok: false, reason: expect.stringContaining("seed (--seed): ") });
    expect(parseSweepSpec({ precisions: ["int8"], sample: 0, energy: "activity" })).toMatchObject({ ok: false, reason: expect.stringMatching(/^energy: activity/) });
  });
});

describe("sweep points", () => {
  it("fold the node into the hardware string, replacing one already there", () => {
    expect(hardwareWithNode("mac-array", 7)).toBe("mac-array:node=7");
    expect(hardwareWithNode("mac-array:rows=16,node=28", 7)).toBe("mac-array:rows=16,node=7");
    expect(hardwareWithNode("mac-array:rows=16", undefined)).toBe("mac-array:rows=16");
    expect(hardwareWithNode("gpu:h100-sxm5", 7)).toBe("gpu:h100-sxm5"); // its own grammar: the node goes as --node does
  });

  it("hash content, not key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2n, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":"2"},"b":1}');
  });
});
