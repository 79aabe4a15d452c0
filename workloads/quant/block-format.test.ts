import { describe, expect, it } from "vitest";
import { quantize } from "./quantize.js";
import { dequantize } from "./dequantize.js";
import { generateTensor } from "../tensors/generators.js";
import { unwrap } from "../result.js";
import { quantizeBlocks } from "../../sim/numerics/block-quantize.js";
import { lookupBlock } from "../../sim/numerics/formats/block.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import type { BlockFormatScheme } from "./scheme.js";

/** Dequantized values straight from sim's reference block quantizer, lane by lane along axis 1 of [rows, cols]. */
function reference(data: Float64Array, rows: number, cols: number, s: BlockFormatScheme): number[] {
  const f = lookupBlock(s.formatId);
  if (!f.ok) throw new Error(f.reason);
  const out: number[] = [];
  for (let r = 0; r < rows; r++) {
    const lane = Array.from(data.subarray(r * cols, (r + 1) * cols), fromFloat64);
    const q = quantizeBlocks(f.format, lane, { blockSize: s.blockSize, scaleRule: s.scaleRule, convention: s.convention });
    if (!q.ok) throw new Error(q.reason);
    for (const b of q.result.blocks) out.push(...b.values.map((v) => toFloat64(v)));
  }
  return out;
}

describe("block-format tensor quantization equals sim's reference quantizer", () => {
  const rows = 6;
  const cols = 75; // several blocks per lane and a partial last block
  const cases: BlockFormatScheme[] = [
    { kind: "block", formatId: "mxfp8-e4m3", axis: 1 },
    { kind: "block", formatId: "mxfp8-e5m2", axis: 1 },
    { kind: "block", formatId: "mxfp6-e2m3", axis: 1 },
    { kind: "block", formatId: "mxfp6-e3m2", axis: 1 },
    { kind: "block", formatId: "mxfp4", axis: 1 },
    { kind: "block", formatId: "mxint8", axis: 1 },
    { kind: "block", formatId: "mxint8", axis: 1, convention: "microxcaling" },
    { kind: "block", formatId: "mxfp4", axis: 1, convention: "microxcaling" },
    { kind: "block", formatId: "mxfp8-e4m3", axis: 1, scaleRule: "ceil" },
    { kind: "block", formatId: "bfp8", axis: 1 },
    { kind: "block", formatId: "nvfp4", axis: 1 },
    { kind: "block", formatId: "mxfp4", axis: 1, blockSize: 8 },
  ];
  for (const s of cases) {
    it(`${s.formatId} ${s.convention ?? "ocp"} ${s.scaleRule ?? "ocp"} block ${s.blockSize ?? "default"}`, () => {
      for (const dist of ["normal", "laplace", "channel-outliers"] as const) {
        const t = unwrap(generateTensor({ kind: dist }, [rows, cols], 11));
        const q = quantize(t, s);
        if (!q.ok) throw new Error(q.reason);
        expect(Array.from(dequantize(q.value).data)).toEqual(reference(t.data, rows, cols, s));
      }
    });
  }

  it("NVFP4 exact ties take the fast path and still round to even (5 lies between E2M1 4 and 6)", () => {
    const t = { shape: [1, 4], data: Float64Array.from([6, 5, -3, 0.25]) };
    const q = quantize(t, { kind: "block", formatId: "nvfp4", axis: 1 });
    if (!q.ok) throw new Error(q.reason);
    expect(Array.from(dequantize(q.value).data)).toEqual(reference(t.data, 1, 4, { kind: "block", formatId: "nvfp4", axis: 1 }));
    expect(Array.from(dequantize(q.value).data)).toEqual([6, 4, -3, 0]);
  });

  it("blocks run along the chosen axis", () => {
    const t = unwrap(generateTensor({ kind: "normal" }, [64, 3], 5));
    const q = quantize(t, { kind: "block", formatId: "mxfp8-e4m3", axis: 0 });
    if (!q.ok) throw new Error(q.reason);
    expect(q.value.groupShape).toEqual([2, 3]);
  });
});
