import { describe, expect, it } from "vitest";
import { quantizeBlocks } from "./block-quantize.js";
import type { BlockQuantizeOptions } from "./block-quantize.js";
import { lookupBlock } from "./formats/block.js";
import { parseNumber, rawToDecimal } from "./decimal.js";

/** Quantize decimal strings and return one block's scale code and exact values (hand-derived expectations below). */
function q(format: string, values: string[], opts: BlockQuantizeOptions = {}) {
  const f = lookupBlock(format);
  if (!f.ok) throw new Error(f.reason);
  const r = quantizeBlocks(f.format, values.map(parseNumber), opts);
  if (!r.ok) throw new Error(r.reason);
  return r.result.blocks.map((b) => ({
    scale: Number(b.scaleCode),
    codes: b.codes.map(Number),
    values: b.values.map(rawToDecimal),
  }));
}

describe("OCP MX v1.0 §6.3 shared scale and elements", () => {
  it("all-zero block gets scale code 0x00 and zero elements", () => {
    expect(q("mxfp8-e4m3", ["0", "0", "-0"])[0]).toEqual({ scale: 0, codes: [0, 0, 0x80], values: ["0", "0", "-0"] });
  });

  it("floor rule clips the top element: amax 1000 → X = 2^(9−8), 1000/2 saturates to 448", () => {
    expect(q("mxfp8-e4m3", ["1000", "3"])[0]).toEqual({ scale: 128, codes: [0x7e, 0x3c], values: ["896", "3"] });
  });

  it("E5M2 elements use emax 15: amax 1 → X = 2^-15", () => {
    const b = q("mxfp8-e5m2", ["1", "0.5"])[0]!;
    expect(b.scale).toBe(127 - 15);
    expect(b.values).toEqual(["1", "0.5"]);
  });

  it("FP4 elements: amax 6 → X = 2^(2−2) = 1; 5 is a tie between 4 and 6 and goes to even (4)", () => {
    expect(q("mxfp4", ["6", "5", "-0.25"])[0]).toEqual({ scale: 127, codes: [0x7, 0x6, 0x8], values: ["6", "4", "-0"] });
  });

  it("the shared exponent clamps to [−127, 127]", () => {
    const big = q("mxfp8-e4m3", ["0x1p200"])[0]!;
    expect(big.scale).toBe(254);
    expect(big.values[0]).toBe(rawToDecimal(parseNumber("0x1.cp135"))); // 448 · 2^127
    const tiny = q("mxfp8-e4m3", ["0x1p-200"])[0]!;
    expect(tiny.scale).toBe(0);
    expect(tiny.values).toEqual(["0"]);
  });

  it("MXINT8 elements are k/64 with k in [−128, 127]", () => {
    // amax 1.999 → X = 2^0; −1.999·64 = −127.936 rounds to −128 (OCP allows −2).
    expect(q("mxint8", ["-1.999", "0.5"])[0]).toEqual({ scale: 127, codes: [0x80, 0x20], values: ["-2", "0.5"] });
  });

  it("blocks are 32 elements by default and the last may be short", () => {
    const values = Array.from({ length: 70 }, (_, i) => String(i + 1));
    const blocks = q("mxfp8-e4m3", values);
    expect(blocks.map((b) => b.codes.length)).toEqual([32, 32, 6]);
    expect(q("mxfp8-e4m3", values, { blockSize: 8 }).length).toBe(9);
  });
});

describe("scale rules: ocp floor vs ceil (cuBLAS RCEIL)", () => {
  it("amax 500 in E4M3: floor gives X = 1 and clips to 448; ceil gives X = 2 and 250 rounds to 256", () => {
    expect(q("mxfp8-e4m3", ["500"])[0]!.values).toEqual(["448"]);
    const c = q("mxfp8-e4m3", ["500"], { scaleRule: "ceil" })[0]!;
    expect(c.scale).toBe(128);
    expect(c.values).toEqual(["512"]);
  });

  it("ceil never clips: amax exactly max·2^k keeps X = 2^k", () => {
    expect(q("mxfp8-e4m3", ["896"], { scaleRule: "ceil" })[0]).toMatchObject({ scale: 128, values: ["896"] });
  });
});

describe("microxcaling convention differences", () => {
  it("elements round ties away from zero (1.0625 is an E4M3 tie between 1 and 1.125)", () => {
    expect(q("mxfp8-e4m3", ["1.0625", "256"])[0]!.values[0]).toBe("1");
    expect(q("mxfp8-e4m3", ["1.0625", "256"], { convention: "microxcaling" })[0]!.values[0]).toBe("1.125");
  });

  it("MXINT8 is symmetric: −1.999 gives −127/64 instead of −2", () => {
    expect(q("mxint8", ["-1.999"], { convention: "microxcaling" })[0]!.values).toEqual(["-1.984375"]);
  });

  it("NaN poisons the whole block, while OCP keeps it per element where E4M3 can hold it", () => {
    const ocp = q("mxfp8-e4m3", ["nan", "1"])[0]!;
    expect(ocp.scale).toBe(127 - 8);
    expect(ocp.values).toEqual(["nan", "1"]);
    const mx = q("mxfp8-e4m3", ["nan", "1"], { convention: "microxcaling" })[0]!;
    expect(mx.scale).toBe(0xff);
    expect(mx.values).toEqual(["nan", "nan"]);
  });

  it("OCP FP4 has no NaN element, so a NaN input makes the scale NaN", () => {
    expect(q("mxfp4", ["nan", "1"])[0]!.scale).toBe(0xff);
  });

  it("Inf: E5M2 keeps it per element under OCP; microxcaling gives a NaN block", () => {
    expect(q("mxfp8-e5m2", ["inf", "1"])[0]!.values).toEqual(["inf", "1"]);
    expect(q("mxfp8-e5m2", ["inf", "1"], { convention: "microxcaling" })[0]!.scale).toBe(0xff);
  });

  it("float32 log2 lands one binade high just below a power of two (256 − 2^-16)", () => {
    // exact floor(log2) = 7 → X = 2^-1; float32 log2 rounds to 8.0 → X = 2^0.
    expect(q("mxfp8-e4m3", ["255.9999847412109375"])[0]!.scale).toBe(126);
    expect(q("mxfp8-e4m3", ["255.9999847412109375"], { convention: "microxcaling" })[0]!.scale).toBe(127);
  });
});

describe("NVFP4 (E2M1 × 16, E4M3 scale = amax/6)", () => {
  it("amax 6 gives scale 1.0 and exact elements", () => {
    expect(q("nvfp4", ["6", "3", "0.5", "-1"])[0]).toEqual({ scale: 0x38, codes: [0x7, 0x5, 0x1, 0xa], values: ["6", "3", "0.5", "-1"] });
  });

  it("amax 0.3: scale 0.05 rounds to E4M3 13·2^-8, element 0.3/scale ≈ 5.91 → 6", () => {
    const b = q("nvfp4", ["0.3"])[0]!;
    expect(b.scale).toBe(0x15);
    expect(b.values).toEqual(["0.3046875"]);
  });

  it("blocks are 16 elements", () => {
    expect(q("nvfp4", Array.from({ length: 20 }, () => "1")).map((b) => b.codes.length)).toEqual([16, 4]);
  });

  it("the optional fp32 tensor scale is amax/(6·448)", () => {
    const f = lookupBlock("nvfp4");
    if (!f.ok) throw new Error(f.reason);
    const r = quantizeBlocks(f.format, ["2688", "1"].map(parseNumber), { tensorScale: true });
    if (!r.ok) throw new Error(r.reason);
    expect(r.result.tensorScaleCode).toBe(0x3f800000n); // 2688 / 2688 = 1.0
    expect(r.result.blocks[0]!.scaleCode).toBe(0x7en); // 2688/6 = 448 → E4M3 max
  });
});

describe("NF4 and BFP", () => {
  it("NF4 picks the nearest codebook level times the fp32 absmax", () => {
    // 0.5 lies between levels 0.4407 (code 12) and 0.5626 (code 13) and is nearer the first.
    expect(q("nf4", ["1", "-1", "0", "0.5"])[0]!.codes).toEqual([15, 0, 7, 12]);
  });

  it("BFP8: shared exponent of amax, mantissas k·2^(E−6)", () => {
    expect(q("bfp8", ["1", "-0.5", "0.3"])[0]).toMatchObject({ scale: 127 - 6, values: ["1", "-0.5", "0.296875"] });
  });
});

describe("errors are values", () => {
  it("rejects a bad block size and a tensor scale outside NVFP4", () => {
    const f = lookupBlock("mxfp4");
    if (!f.ok) throw new Error(f.reason);
    expect(quantizeBlocks(f.format, [], { blockSize: 0 })).toMatchObject({ ok: false });
    expect(quantizeBlocks(f.format, [], { tensorScale: true })).toMatchObject({ ok: false });
  });
});
