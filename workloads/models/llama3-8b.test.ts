import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { llama3_8bDecode, llama3_8bPrefill } from "./llama3-8b.js";

const H = 4096;
const KV = 8 * 128;
const F = 14336;
/** Weight MACs per token: Q and O (H×H), K and V (H×1024), gate/up/down (H×F each). */
const weightMacsPerToken = 2 * H * H + 2 * H * KV + 3 * H * F;

describe("Llama-3-8B decoder layer", () => {
  it("prefill: weights per token plus S² attention over 32 heads of 128", () => {
    const s = 512;
    const w = llama3_8bPrefill(s);
    expect(totalMacs(w)).toBe(s * weightMacsPerToken + 2 * 32 * s * s * 128);
    expect(w.layers.map((l) => l.op)).toEqual(["attn-proj", "attn-proj", "attn-proj", "attn-qk", "attn-pv", "attn-proj", "ffn-gate", "ffn-up", "ffn-down"]);
  });

  it("decode: batch B rows through the weights, each query reads L cached positions", () => {
    const w = llama3_8bDecode(8, 2048);
    expect(totalMacs(w)).toBe(8 * weightMacsPerToken + 2 * 8 * 32 * 2048 * 128);
    const qk = w.layers.find((l) => l.op === "attn-qk")!;
    expect(qk.gemm).toEqual({ m: 4, n: 2048, k: 128 });
    expect(qk.repeat).toBe(64);
    expect(qk.roles.b).toBe("kv-cache");
    const pv = w.layers.find((l) => l.op === "attn-pv")!;
    expect(pv.roles.b).toBe("kv-cache");
    const k = w.layers.find((l) => l.name === "attn.k_proj")!;
    expect(k.gemm).toEqual({ m: 8, n: 1024, k: 4096 });
    expect(k.roles).toEqual({ a: "activations", b: "weights", c: "kv-cache" });
    expect(w.layers.find((l) => l.op === "ffn-down")!.gemm).toEqual({ m: 8, n: 4096, k: 14336 });
  });
});

describe("model depth: layers=L", () => {
  it("stacks L decoder layers as repeats; the whole model (32) adds the LM head", async () => {
    const { lookupWorkload } = await import("../registry.js");
    const one = lookupWorkload("llama3-8b-prefill");
    const four = lookupWorkload("llama3-8b-prefill:layers=4");
    const all = lookupWorkload("llama3-8b-prefill:layers=32");
    if (!one.ok || !four.ok || !all.ok) throw new Error("lookup failed");
    const macs = (w: { layers: readonly { macs: number }[] }) => w.layers.reduce((s, l) => s + l.macs, 0);
    expect(macs(four.value)).toBe(4 * macs(one.value));
    four.value.layers.forEach((l, i) => expect(l.repeat).toBe(4 * one.value.layers[i]!.repeat));
    // LM head on the last position of the one sequence: 1 × 128256 × 4096 MACs.
    const head = all.value.layers.at(-1)!;
    expect([head.op, head.gemm.m, head.gemm.n, head.gemm.k]).toEqual(["lm-head", 1, 128256, 4096]);
    expect(macs(all.value)).toBe(32 * macs(one.value) + 128256 * 4096);
    // Per decoder layer in prefill of 2048 tokens: 2048·(4096·4096·2 + 4096·1024·2 + 3·4096·14336) projections
    // and 32 heads · 2048 · 2048 · 128 · 2 attention products.
    const perLayer = 2048 * (4096 * 4096 * 2 + 4096 * 1024 * 2 + 3 * 4096 * 14336) + 32 * 2048 * 2048 * 128 * 2;
    expect(macs(one.value)).toBe(perLayer);
    const bad = lookupWorkload("llama3-8b-prefill:layers=33");
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.reason).toMatch(/must be an integer in 1–32, got '33'/);
  });
});
