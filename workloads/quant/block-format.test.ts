import { describe, expect, it } from "vitest";
import { quantize } from "./quantize.js";
import { quantizeBlockFormat, type BlockPathCounts } from "./block-format.js";
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
  /** Blocks per lane of 75: MX 32-element blocks → 3, NVFP4 and BFP 16 → 5, an explicit 8 → 10 (last one partial). */
  const blocksPerLane = (s: BlockFormatScheme) => (s.blockSize === 8 ? 10 : s.formatId === "nvfp4" || s.formatId === "bfp8" ? 5 : 3);
  for (const s of cases) {
    it(`${s.formatId} ${s.convention ?? "ocp"} ${s.scaleRule ?? "ocp"} block ${s.blockSize ?? "default"}`, () => {
      for (const dist of ["normal", "laplace", "channel-outliers"] as const) {
        const t = unwrap(generateTensor({ kind: dist }, [rows, cols], 11));
        const paths: BlockPathCounts = { fast: 0, reference: 0 };
        const q = quantizeBlockFormat(t, s, paths);
        if (!q.ok) throw new Error(q.reason);
        // Every block took the fast path, so the comparison below is fast vs reference, not reference vs itself.
        expect(paths, dist).toEqual({ fast: rows * blocksPerLane(s), reference: 0 });
        expect(Array.from(dequantize(q.value).data)).toEqual(reference(t.data, rows, cols, s));
        expect(quantize(t, s)).toEqual(q); // the public entry point is the same function
      }
    });
  }

  it("blocks with NaN or Inf take the reference path, and the counts say so", () => {
    const data = Float64Array.from({ length: 64 }, (_, i) => (i === 3 ? NaN : i === 40 ? -Infinity : (i - 30) / 8));
    for (const formatId of ["mxfp8-e4m3", "nvfp4"]) {
      const s: BlockFormatScheme = { kind: "block", formatId, axis: 1 };
      const paths: BlockPathCounts = { fast: 0, reference: 0 };
      const q = quantizeBlockFormat({ shape: [1, 64], data }, s, paths);
      if (!q.ok) throw new Error(q.reason);
      // mxfp8: two blocks of 32, each holding one of the non-finite values. nvfp4: four blocks of 16, NaN in the
      // first (elements 0..15) and −Inf in the third (32..47).
      expect(paths, formatId).toEqual(formatId === "nvfp4" ? { fast: 2, reference: 2 } : { fast: 0, reference: 2 });
      expect(Array.from(dequantize(q.value).data)).toEqual(reference(data, 1, 64, s));
    }
  });

  it("NVFP4 exact ties take the fast path and still round to even (5 lies between E2M1 4 and 6)", () => {
    const t = { shape: [1, 4], data: Float64Array.from([6, 5, -3, 0.25]) };
    const paths: BlockPathCounts = { fast: 0, reference: 0 };
    const q = quantizeBlockFormat(t, { kind: "block", formatId: "nvfp4", axis: 1 }, paths);
    if (!q.ok) throw new Error(q.reason);
    expect(paths).toEqual({ fast: 1, reference: 0 });
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
