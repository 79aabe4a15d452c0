import { describe, expect, it } from "vitest";
import { totalMacs } from "../layer.js";
import { vitB16Layer } from "./vit-b16.js";

/** Closed form for an MHA encoder layer: 4 projections, QKᵀ + PV over all heads, 2 FFN GEMMs. */
const encoderMacs = (b: number, s: number, h: number, f: number) => b * (4 * s * h * h + 2 * s * s * h + 2 * s * h * f);

describe("ViT-B/16 encoder layer", () => {
  it("uses 197 tokens, hidden 768, MLP 3072", () => {
    const w = vitB16Layer();
    expect(totalMacs(w)).toBe(encoderMacs(1, 197, 768, 3072));
    expect(w.layers.find((l) => l.op === "ffn-up")!.gemm).toEqual({ m: 197, n: 3072, k: 768 });
  });
});
