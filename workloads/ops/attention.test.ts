import { describe, expect, it } from "vitest";
import { attentionLayers } from "./attention.js";

const byName = (ls: ReturnType<typeof attentionLayers>, suffix: string) => ls.find((l) => l.name.endsWith(suffix))!;

describe("attentionLayers", () => {
  it("multi-head: per-head QKᵀ and PV, projections of hidden×hidden", () => {
    const ls = attentionLayers({ name: "a", batch: 2, queryTokens: 16, kvTokens: 16, hidden: 64, heads: 4, kvHeads: 4, headDim: 16, kvCache: false });
    expect(ls.map((l) => l.name)).toEqual(["a.q_proj", "a.k_proj", "a.v_proj", "a.qk", "a.pv", "a.o_proj"]);
    expect(byName(ls, "q_proj").gemm).toEqual({ m: 32, n: 64, k: 64 });
    expect(byName(ls, "qk").gemm).toEqual({ m: 16, n: 16, k: 16 });
    expect(byName(ls, "qk").repeat).toBe(8);
    expect(byName(ls, "pv").gemm).toEqual({ m: 16, n: 16, k: 16 });
    expect(ls.every((l) => l.roles.b !== "kv-cache")).toBe(true);
  });

  it("GQA: K/V projections are kvHeads wide; query heads of a group share one KV operand", () => {
    const ls = attentionLayers({ name: "a", batch: 3, queryTokens: 1, kvTokens: 100, hidden: 256, heads: 8, kvHeads: 2, headDim: 32, kvCache: true });
    expect(byName(ls, "k_proj").gemm).toEqual({ m: 3, n: 64, k: 256 });
    expect(byName(ls, "k_proj").roles.c).toBe("kv-cache");
    expect(byName(ls, "q_proj").roles.c).toBe("activations");
    const qk = byName(ls, "qk");
    expect(qk.gemm).toEqual({ m: 4, n: 100, k: 32 });
    expect(qk.repeat).toBe(6);
    expect(qk.roles).toEqual({ a: "activations", b: "kv-cache", c: "activations" });
    // Total score MACs = batch · heads · queries · keys · headDim, however heads are stacked.
    expect(qk.macs).toBe(3 * 8 * 1 * 100 * 32);
    expect(byName(ls, "pv").macs).toBe(3 * 8 * 1 * 100 * 32);
    expect(byName(ls, "o_proj").gemm).toEqual({ m: 3, n: 256, k: 256 });
  });

  it("rejects heads not divisible by kvHeads", () => {
    expect(() => attentionLayers({ name: "a", batch: 1, queryTokens: 1, kvTokens: 1, hidden: 8, heads: 3, kvHeads: 2, headDim: 4, kvCache: false })).toThrow(/multiple/);
  });
});
