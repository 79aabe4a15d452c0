import { describe, expect, it } from "vitest";
import { totalMacs } from "./layer.js";
import { parseScaleSimTopology } from "./scalesim-topology.js";

const CONV_HEADER = "Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,";

const parse = (text: string, opts = {}) => {
  const r = parseScaleSimTopology(text, opts);
  if (!r.ok) throw new Error(r.reason);
  return r.value;
};
const failure = (text: string, opts = {}) => {
  const r = parseScaleSimTopology(text, opts);
  if (r.ok) throw new Error("unexpectedly parsed");
  return r;
};

describe("SCALE-Sim conv topology", () => {
  it("reads conv rows with trailing commas and SCALE-Sim's unpadded, rounded-up output size", () => {
    const w = parse(`${CONV_HEADER}\nConv1, 224, 224, 7, 7, 3, 64, 2,\nCB2a_2,56,56,3,3,64,64,1,\n`, { name: "net" });
    expect(w.id).toBe("net");
    expect(w.layers).toHaveLength(2);
    const [c1, c2] = w.layers;
    // ceil((224 − 7)/2) + 1 = ceil(108.5) + 1 = 110 (SCALE-Sim's topo_calc_hyperparams).
    expect(c1!.conv).toMatchObject({ outH: 110, outW: 110, padH: 0 });
    expect(c1!.gemm).toEqual({ m: 110 * 110, n: 64, k: 7 * 7 * 3 });
    expect(c2!.conv).toMatchObject({ outH: 54, outW: 54 });
    // SCALE-Sim: num_mac = ofmap_h · ofmap_w · filt_h · filt_w · num_ch · num_filt.
    expect(totalMacs(w)).toBe(110 * 110 * 49 * 3 * 64 + 54 * 54 * 9 * 64 * 64);
  });

  it("accepts a 9th column as the horizontal stride, CRLF, blank and all-empty rows, and # comments", () => {
    const text = `${CONV_HEADER}\r\n,,,,,,,,\r\n\r\nA,32,33,3,3,8,16,2,3,\r\nB_dw,16,16,3,3,1,1,1,#dw\r\n`;
    const w = parse(text);
    expect(w.layers).toHaveLength(2);
    // ceil((32 − 3)/2) + 1 = 16 rows; (33 − 3)/3 + 1 = 11 columns.
    expect(w.layers[0]!.conv).toMatchObject({ strideH: 2, strideW: 3, outH: 16, outW: 11 });
    expect(w.layers[1]!.gemm).toEqual({ m: 14 * 14, n: 1, k: 9 });
  });

  it("ignores columns after the 9th (spreadsheet notes)", () => {
    const w = parse(`${CONV_HEADER},,Eh,Ew\nConv1,224,224,7,7,3,64,2,,,110,110,12100\n`);
    expect(w.layers[0]!.conv).toMatchObject({ strideH: 2, strideW: 2, outH: 110 });
  });

  it("treats a row named with DP as depthwise: Channels groups of Num Filter each", () => {
    const w = parse(`${CONV_HEADER}\nConv2_DP,112,112,3,3,32,1,1,\n`);
    const l = w.layers[0]!;
    expect(l.repeat).toBe(32);
    expect(l.gemm).toEqual({ m: 110 * 110, n: 1, k: 9 });
    expect(l.conv!.depthwise).toBe(true);
  });

  it("names the line and column of bad cells", () => {
    const bad = failure(`${CONV_HEADER}\nok,8,8,3,3,4,4,1,\nbad,8,8,3,3,x4,4,1,\n`);
    expect(bad.line).toBe(3);
    expect(bad.column).toBe(6);
    expect(bad.reason).toMatch(/line 3, column 6: Channels 'x4'/);
    const short = failure(`${CONV_HEADER}\nshort,8,8,3,3,4,\n`);
    expect([short.line, short.column]).toEqual([2, 7]);
    expect(short.reason).toMatch(/expected 8 columns/);
    const zero = failure(`${CONV_HEADER}\nz,8,8,3,3,4,4,0,\n`);
    expect([zero.line, zero.column]).toEqual([2, 8]);
    const big = failure(`${CONV_HEADER}\nbig,4,8,5,3,4,4,1,\n`);
    expect([big.line, big.column]).toEqual([2, 4]);
    expect(big.reason).toMatch(/Filter Height 5 is larger than IFMAP Height 4/);
    const noName = failure(`${CONV_HEADER}\n,8,8,3,3,4,4,1,\n`);
    expect([noName.line, noName.column]).toEqual([2, 1]);
  });

  it("reports an empty file, a header without layers and an unknown header", () => {
    expect(failure("").line).toBe(1);
    expect(failure(`${CONV_HEADER}\n\n`).reason).toMatch(/no layers/);
    const u = failure("a,b,c\n1,2,3\n");
    expect([u.line, u.column]).toEqual([1, 2]);
    expect(u.reason).toMatch(/pass the format explicitly/);
  });
});

describe("SCALE-Sim GEMM topology", () => {
  it("reads Layer, M, N, K rows with or without a trailing comma", () => {
    const w = parse("Layer Name, M, N, K,\nTest 1, 256, 128, 64,\nQKT,1024,1024,64\n");
    expect(w.layers.map((l) => l.gemm)).toEqual([{ m: 256, n: 128, k: 64 }, { m: 1024, n: 1024, k: 64 }]);
    expect(w.layers[0]!.name).toBe("Test 1");
    expect(w.layers[0]!.op).toBe("gemm");
  });
  it("can be forced and reports errors by line and column", () => {
    const r = failure("whatever\nL,4,-1,4\n", { format: "gemm" });
    expect([r.line, r.column]).toEqual([2, 3]);
    expect(r.reason).toMatch(/N '-1'/);
  });
});
