import { describe, expect, it } from "vitest";
import { encoderLayer } from "./transformer-encoder.js";

describe("encoderLayer", () => {
  it("is MHA (kvHeads = heads, head dim = hidden/heads) followed by a 2-GEMM FFN", () => {
    const ls = encoderLayer({ batch: 1, tokens: 10, hidden: 32, heads: 4, ffn: 64 });
    expect(ls.map((l) => l.op)).toEqual(["attn-proj", "attn-proj", "attn-proj", "attn-qk", "attn-pv", "attn-proj", "ffn-up", "ffn-down"]);
    const qk = ls.find((l) => l.op === "attn-qk")!;
    expect(qk.attention).toMatchObject({ heads: 4, kvHeads: 4, headDim: 8 });
    expect(qk.repeat).toBe(4);
  });
});
