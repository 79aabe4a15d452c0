import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { bertBaseLayer } from "./bert-base.js";

/** Closed form for an MHA encoder layer: 4 projections, QKᵀ + PV over all heads, 2 FFN GEMMs. */
const encoderMacs = (b: number, s: number, h: number, f: number) => b * (4 * s * h * h + 2 * s * s * h + 2 * s * h * f);

describe("BERT-base encoder layer", () => {
  it("matches the closed-form MAC count at the default sequence 128", () => {
    expect(totalMacs(bertBaseLayer())).toBe(encoderMacs(1, 128, 768, 3072));
  });
  it("has 12 heads of dim 64 and no KV cache", () => {
    const w = bertBaseLayer(384, 2);
    const qk = w.layers.find((l) => l.op === "attn-qk")!;
    expect(qk.gemm).toEqual({ m: 384, n: 384, k: 64 });
    expect(qk.repeat).toBe(24);
    expect(w.layers.some((l) => l.roles.a === "kv-cache" || l.roles.b === "kv-cache" || l.roles.c === "kv-cache")).toBe(false);
    expect(totalMacs(w)).toBe(encoderMacs(2, 384, 768, 3072));
  });
});
