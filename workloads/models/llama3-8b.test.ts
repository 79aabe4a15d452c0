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
