import type { ScalarFormat } from "../sim/numerics/formats/format.js";
import type { BlockFormat } from "../sim/numerics/formats/block.js";
import { lookupScalar, allScalarNames, nearestName } from "../sim/numerics/formats/registry.js";
import { bitsPerElement, lookupBlock, NAMED_BLOCKS } from "../sim/numerics/formats/block.js";
import type { AccumulatorSpec } from "../sim/numerics/ops/accumulator.js";
import { resolveAccumulator, accumulatorNames } from "../sim/numerics/ops/accumulator.js";

/** A format an operand is stored in: a scalar format, or a block format with its shared scales. */
export type OperandFormat =
  | { readonly kind: "scalar"; readonly format: ScalarFormat }
  | { readonly kind: "block"; readonly format: BlockFormat };

/** Precision declared per operand (ZigZag style): weights, activations, KV cache and the accumulator. */
export interface Precision {
  /** Label as the user wrote it, normalised (`int8`, `w4a8`, `w=int4,a=fp8-e4m3,acc=fp32-seq`). */
  readonly id: string;
  readonly weights: OperandFormat;
  readonly activations: OperandFormat;
  readonly kvCache: OperandFormat;
  readonly accumulator: AccumulatorSpec;
  /** True when hwsim chose the accumulator (the report says so). */
  readonly accumulatorDefaulted: boolean;
}

export type PrecisionLookup = { ok: true; precision: Precision } | { ok: false; reason: string };

/** Id of an operand format. */
export function operandId(f: OperandFormat): string {
  return f.format.id;
}

/** Bits stored per element, block scales included (MXFP8 8.25, NVFP4 4.5). */
export function operandBitsPerElement(f: OperandFormat): number {
  return f.kind === "scalar" ? f.format.bits : bitsPerElement(f.format);
}

/** The element format products are formed from (block formats multiply their elements). */
export function elementFormat(f: OperandFormat): ScalarFormat {
  return f.kind === "scalar" ? f.format : f.format.element;
}

/** Resolve one operand format name (scalar or block). */
export function lookupOperand(name: string): { ok: true; format: OperandFormat } | { ok: false; reason: string } {
  const s = lookupScalar(name);
  if (s.ok) return { ok: true, format: { kind: "scalar", format: s.format } };
  const b = lookupBlock(name);
  if (b.ok) return { ok: true, format: { kind: "block", format: b.format } };
  const names = [...allScalarNames(), ...NAMED_BLOCKS.flatMap((x) => [x.id, ...x.aliases])];
  return { ok: false, reason: `unknown format '${name}': did you mean '${nearestName(name, names)}'? (run 'hwsim formats')` };
}

/**
 * Default accumulator for a pair of operand formats, as an architect would build the MAC:
 * integers ≤ 8 bits into a wrapping int32 (the usual INT8 MAC); wider integers into the 48-bit DSP-style
 * register; anything with a float or block operand into fp32, rounding after each add (`fp32-seq`).
 */
export function defaultAccumulatorName(w: OperandFormat, a: OperandFormat): string {
  const ew = elementFormat(w);
  const ea = elementFormat(a);
  const intOnly = ew.kind === "int" && ea.kind === "int" && w.kind === "scalar" && a.kind === "scalar";
  if (intOnly) return ew.bits <= 8 && ea.bits <= 8 ? "int32-wrap" : "int48-dsp";
  return "fp32-seq";
}

const SHORTHAND = /^w(\d+)a(\d+)$/;

/**
 * Parse a precision: a format name (`int8`, `fp8`, `mxfp4`), the `wXaY` shorthand (int weights; int
 * activations, or fp16 for a16), or per-operand `w=<f>,a=<f>[,kv=<f>][,acc=<preset>]`.
 */
export function parsePrecision(text: string): PrecisionLookup {
  const t = text.trim().toLowerCase();
  if (!t) return { ok: false, reason: "empty precision: give a format (int8, fp8, mxfp4) or w=<f>,a=<f>,acc=<preset>" };
  let wName: string;
  let aName: string;
  let kvName: string | undefined;
  let accName: string | undefined;
  const sh = SHORTHAND.exec(t);
  if (sh) {
    wName = `int${sh[1]}`;
    aName = sh[2] === "16" ? "fp16" : `int${sh[2]}`;
  } else if (t.includes("=")) {
    const fields = new Map<string, string>();
    for (const part of t.split(",")) {
      const [k, v, extra] = part.split("=").map((s) => s.trim());
      if (!k || !v || extra !== undefined) return { ok: false, reason: `'${part}' in precision '${text}' is not key=value` };
      const key = { weights: "w", activations: "a", accumulator: "acc", "kv-cache": "kv" }[k] ?? k;
      if (!["w", "a", "kv", "acc"].includes(key)) {
        return { ok: false, reason: `unknown key '${k}' in precision '${text}': use w, a, kv or acc` };
      }
      if (fields.has(key)) return { ok: false, reason: `key '${k}' appears twice in precision '${text}'` };
      fields.set(key, v);
    }
    const w = fields.get("w");
    const a = fields.get("a");
    if (!w && !a) return { ok: false, reason: `precision '${text}' needs w=<format> and/or a=<format>` };
    wName = w ?? a!;
    aName = a ?? w!;
    kvName = fields.get("kv");
    accName = fields.get("acc");
  } else {
    wName = t;
    aName = t;
  }
  const w = lookupOperand(wName);
  if (!w.ok) return w;
  const a = lookupOperand(aName);
  if (!a.ok) return a;
  const kv = kvName ? lookupOperand(kvName) : a;
  if (!kv.ok) return kv;
  const accKey = accName ?? defaultAccumulatorName(w.format, a.format);
  const acc = resolveAccumulator(accKey);
  if (!acc.ok) {
    return { ok: false, reason: `${acc.reason} (accumulator presets: ${accumulatorNames().join(", ")})` };
  }
  return {
    ok: true,
    precision: {
      id: t,
      weights: w.format,
      activations: a.format,
      kvCache: kv.format,
      accumulator: acc.spec,
      accumulatorDefaulted: accName === undefined,
    },
  };
}
