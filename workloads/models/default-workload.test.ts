import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { defaultWorkload } from "./default-workload.js";

describe("default workload", () => {
  const w = defaultWorkload();
  it("stays within 2–5 M MACs so bit-exact simulation of every output is fast", () => {
    expect(totalMacs(w)).toBeGreaterThanOrEqual(2e6);
    expect(totalMacs(w)).toBeLessThanOrEqual(5e6);
  });
  it("mixes a 3×3, a 1×1 and a depthwise conv with attention and FFN GEMMs", () => {
    const convs = w.layers.filter((l) => l.op === "conv2d");
    expect(convs.map((l) => l.conv!.kernelH).sort()).toEqual([1, 3, 3]);
    expect(convs.filter((l) => l.conv!.depthwise)).toHaveLength(1);
    expect(w.layers.some((l) => l.op === "attn-proj")).toBe(true);
    expect(w.layers.some((l) => l.op.startsWith("ffn"))).toBe(true);
    for (const l of w.layers) expect(l.macs).toBe(l.gemm.m * l.gemm.n * l.gemm.k * l.repeat);
  });
});
