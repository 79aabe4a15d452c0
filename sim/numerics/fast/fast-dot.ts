import type { ScalarFormat } from "../formats/format.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { accumulatorOutputFormat } from "../ops/accumulator.js";
import type { DotFormats } from "../ops/dot.js";
import { supportsDot } from "../ops/dot.js";
import type { ProductTable } from "./product-table.js";
import { buildProductTable } from "./product-table.js";
import type { FastDotResult } from "./fast-result.js";
import { fp32TableDot } from "./fp32-dot.js";
import { createF32TableKernels } from "./fp32-dot-wasm.js";
import { int8DotInt, int8DotInt32Wrap, intTableDot } from "./int-dot.js";
import { tcKernelLimit, tcTableDot } from "./tc-dot.js";

/** A fast kernel bound to one accumulator and one pair of formats. */
export interface FastDot {
  /** Which kernel runs (for reports and benchmarks). */
  readonly kernel: "fp32-table" | "fp32-table-wasm" | "int8-int32-wrap" | "int8-int" | "int-table" | "tensor-core-table";
  readonly outputFormat: ScalarFormat;
  readonly table: ProductTable;
  /** c is the accumulator's initial register value as a JS number (binary32 value, or an in-range integer). */
  run(a: Uint8Array, b: Uint8Array, c: number): FastDotResult;
}

export type FastDotOutcome = { ok: true; fast: FastDot } | { ok: false; reason: string };

/**
 * The fast kernel for `spec` on these formats, or the reason there is none (callers then use ops/dot.ts;
 * `prepareDot` in dot-auto.ts does that choice). Supported: ≤ 8-bit inputs with
 * - binary32 float accumulators (fp32-seq, fp32-fma) with RNE, when every product is a binary32 value;
 * - integer accumulators of at most 52 bits on integer inputs (int8×int8 multiplies Int8Array views, no table);
 * - tensor-core kinds with a binary32 output (RTZ or RNE blocks, RNE promotion).
 */
export function prepareFastDot(spec: AccumulatorSpec, formats: DotFormats): FastDotOutcome {
  const support = supportsDot(spec, formats);
  if (!support.ok) return support;
  const no = (reason: string): FastDotOutcome => ({ ok: false, reason: `no fast path for ${spec.id}: ${reason}` });
  if (spec.kind === "exact") return no("exact sums need arbitrary precision");
  if (spec.kind === "dot-unit") return no("dot units step on float64 in the array (sim/numerics/fast/dot-unit-float64.ts)");
  const out = accumulatorOutputFormat(spec);
  if (out === null) return no("the accumulator has no register to compute in");
  const built = buildProductTable(formats.a, formats.b);
  if (!built.ok) return no(built.reason);
  const table = built.table;
  const isFp32 = (f: ScalarFormat) => f.kind === "float" && f.id === "fp32";
  switch (spec.kind) {
    case "float": {
      if (!isFp32(spec.format)) return no(`only binary32 accumulators have a fast kernel, not ${spec.format.id}`);
      if (spec.rounding !== "rne") return no(`Math.fround rounds to nearest even, not ${spec.rounding}`);
      if (!table.fp32Exact) return no(`some ${formats.a.id}×${formats.b.id} products are not binary32 values`);
      const wasm = createF32TableKernels(table.products); // null without WebAssembly: the JavaScript loops run
      const run = (a: Uint8Array, b: Uint8Array, c: number) => fp32TableDot(table, a, b, c, wasm);
      return { ok: true, fast: { kernel: wasm ? "fp32-table-wasm" : "fp32-table", outputFormat: out, table, run } };
    }
    case "int": {
      if (spec.widthBits > 52) return no(`integer registers wider than 52 bits are not exact in binary64`);
      if (formats.a.id === "int8" && formats.b.id === "int8") {
        // int8 codes are the two's-complement bytes of their values: an Int8Array view of the codes holds the values.
        const view = (x: Uint8Array) => new Int8Array(x.buffer, x.byteOffset, x.length);
        if (spec.widthBits === 32 && spec.signed && spec.overflow === "wrap") {
          const run = (a: Uint8Array, b: Uint8Array, c: number) => int8DotInt32Wrap(view(a), view(b), c);
          return { ok: true, fast: { kernel: "int8-int32-wrap", outputFormat: out, table, run } };
        }
        const run = (a: Uint8Array, b: Uint8Array, c: number) => int8DotInt(view(a), view(b), spec, c);
        return { ok: true, fast: { kernel: "int8-int", outputFormat: out, table, run } };
      }
      return { ok: true, fast: { kernel: "int-table", outputFormat: out, table, run: (a, b, c) => intTableDot(table, spec, a, b, c) } };
    }
    case "tensor-core":
    case "tensor-core-promoted": {
      if (!isFp32(spec.outputFormat)) return no(`only binary32 tensor-core outputs have a fast kernel, not ${spec.outputFormat.id}`);
      const blockRounding = spec.kind === "tensor-core" ? spec.outputRounding : spec.partialRounding;
      if (blockRounding !== "rne" && blockRounding !== "rtz") return no(`block rounding ${blockRounding} is not supported`);
      if (spec.kind === "tensor-core-promoted" && spec.outputRounding !== "rne") {
        return no(`the promotion add must round to nearest even, not ${spec.outputRounding}`);
      }
      const params = {
        blockSize: spec.blockSize,
        fracBits: spec.fracBits,
        neab: spec.neab,
        blockRounding,
        promotionInterval: spec.kind === "tensor-core-promoted" ? spec.promotionInterval : null,
      } as const;
      const limit = tcKernelLimit(params);
      if (limit) return no(limit);
      return {
        ok: true,
        fast: { kernel: "tensor-core-table", outputFormat: out, table, run: (a, b, c) => tcTableDot(table, params, a, b, c) },
      };
    }
  }
}
