import { describe, expect, it } from "vitest";
import { ffnLayers } from "./ffn.js";

describe("ffnLayers", () => {
  it("is up + down for a plain FFN", () => {
    const ls = ffnLayers({ name: "ffn", tokens: 10, hidden: 8, intermediate: 32, gated: false });
    expect(ls.map((l) => l.op)).toEqual(["ffn-up", "ffn-down"]);
    expect(ls[0]!.gemm).toEqual({ m: 10, n: 32, k: 8 });
    expect(ls[1]!.gemm).toEqual({ m: 10, n: 8, k: 32 });
  });
  it("adds a gate GEMM of the up shape for SwiGLU", () => {
    const ls = ffnLayers({ name: "mlp", tokens: 4, hidden: 16, intermediate: 48, gated: true });
    expect(ls.map((l) => l.op)).toEqual(["ffn-gate", "ffn-up", "ffn-down"]);
    expect(ls[0]!.gemm).toEqual(ls[1]!.gemm);
    expect(ls.reduce((s, l) => s + l.macs, 0)).toBe(3 * 4 * 16 * 48);
    expect(ls.every((l) => l.roles.b === "weights")).toBe(true);
  });
});
