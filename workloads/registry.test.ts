import { describe, expect, it } from "vitest";
import { totalMacs } from "./layer.js";
import { lookupWorkload, workloadIds } from "./registry.js";

const get = (id: string) => {
  const r = lookupWorkload(id);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const reason = (id: string) => {
  const r = lookupWorkload(id);
  if (r.ok) throw new Error(`'${id}' unexpectedly resolved`);
  return r.reason;
};

describe("lookupWorkload", () => {
  it("resolves every built-in id that needs no parameters", () => {
    for (const id of ["default", "resnet18", "resnet50", "mobilenetv2", "bert-base", "vit-b16", "llama3-8b-prefill", "llama3-8b-decode"]) {
      expect(workloadIds()).toContain(id);
      const w = get(id);
      expect(w.id).toBe(id);
      expect(w.layers.length).toBeGreaterThan(0);
    }
  });

  it("parses parametric GEMM and conv ids", () => {
    const g = get("gemm:m=64,n=32,k=16");
    expect(g.layers[0]!.gemm).toEqual({ m: 64, n: 32, k: 16 });
    expect(g.id).toBe("gemm:m=64,n=32,k=16");
    const c = get("conv:h=56,w=56,c=64,k=64,r=3,s=3,stride=1,pad=1");
    expect(c.layers[0]!.conv).toMatchObject({ outH: 56, outW: 56 });
    expect(totalMacs(c)).toBe(56 * 56 * 64 * 9 * 64);
    const dw = get("conv:h=8,w=8,c=16,k=16,r=3,s=3,groups=16");
    expect(dw.layers[0]!.conv!.depthwise).toBe(true);
  });

  it("parses model parameters and keeps the canonical id", () => {
    const p = get("llama3-8b-prefill:s=512");
    expect(p.id).toBe("llama3-8b-prefill:s=512");
    expect(p.layers.find((l) => l.op === "attn-qk")!.gemm.n).toBe(512);
    const d = get(" LLaMA3-8B-Decode: l=2048 , b=8 ");
    expect(d.id).toBe("llama3-8b-decode:b=8,l=2048");
    expect(d.layers.find((l) => l.op === "ffn-up")!.gemm.m).toBe(8);
    expect(get("bert-base:s=64").layers.find((l) => l.op === "attn-qk")!.gemm.m).toBe(64);
  });

  it("suggests the nearest id for typos", () => {
    expect(reason("resnet-50")).toMatch(/did you mean 'resnet50'/);
    expect(reason("llama3-8b-decod")).toMatch(/did you mean 'llama3-8b-decode'/);
    expect(reason("mobilenet")).toMatch(/did you mean 'mobilenetv2'/);
  });

  it("names the bad key and the accepted keys", () => {
    const r = reason("gemm:m=1,n=1,q=4");
    expect(r).toMatch(/unknown parameter 'q'/);
    expect(r).toMatch(/accepted keys: m, n, k, repeat/);
    expect(reason("conv:h=8,w=8,c=4,k=4,r=3,s=3,stide=2")).toMatch(/'stide'.*did you mean 'stride'/);
    expect(reason("default:b=2")).toMatch(/takes no parameters/);
  });

  it("rejects bad values, missing, repeated and valueless parameters", () => {
    expect(reason("gemm:m=abc,n=1,k=1")).toMatch(/parameter 'm' of 'gemm' must be an integer ≥ 1, got 'abc'/);
    expect(reason("gemm:m=0,n=1,k=1")).toMatch(/'m'/);
    expect(reason("gemm:m=4,n=4")).toMatch(/missing parameter 'k'.*required: m, n, k/);
    expect(reason("gemm:m=4,m=5,n=4,k=4")).toMatch(/given twice/);
    expect(reason("llama3-8b-decode:b")).toMatch(/'b'.*has no value/);
    expect(reason("gemm:m=4,,n=4,k=4")).toMatch(/empty parameter/);
    expect(get("conv:h=8,w=8,c=4,k=4,r=3,s=3,pad=0").layers[0]!.conv!.outH).toBe(6);
  });

  it("passes geometry errors and MAC overflows through as reasons", () => {
    expect(reason("conv:h=8,w=8,c=6,k=4,r=3,s=3,groups=4")).toMatch(/groups=4 must divide/);
    expect(reason("llama3-8b-prefill:s=100000000")).toMatch(/exceeds 2\^53/);
  });
});
