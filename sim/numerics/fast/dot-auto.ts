import type { ScalarFormat } from "../formats/format.js";
import { decode, encode } from "../codec.js";
import type { Raw } from "../raw.js";
import { fromFloat64, toFloat64 } from "../float64.js";
import type { AccumulatorSpec } from "../ops/accumulator.js";
import { accumulatorOutputFormat } from "../ops/accumulator.js";
import type { DotFormats, DotInit, DotOptions, DotOutcome } from "../ops/dot.js";
import { dot, initialAccumulator } from "../ops/dot.js";
import { orFlags } from "../ops/flags.js";
import type { FastDot } from "./fast-dot.js";
import { prepareFastDot } from "./fast-dot.js";

/** Input codes: a byte array (≤ 8-bit formats) or bigint codes. */
export type DotCodes = Uint8Array | readonly bigint[];

/** A dot product bound to one accumulator and one pair of formats, on the fast path when there is one. */
export interface PreparedDot {
  readonly path: "fast" | "reference";
  /** Why the reference path runs (null on the fast path). */
  readonly fallbackReason: string | null;
  readonly outputFormat: ScalarFormat | null;
  run(a: DotCodes, b: DotCodes, c: DotInit): DotOutcome;
}

/**
 * Pick the fast kernel for `spec` and `formats` if there is one (proved equal to ops/dot.ts by the tests in
 * this folder), else the reference path. Build once, run many times: the product table is built here.
 */
export function prepareDot(spec: AccumulatorSpec, formats: DotFormats, opts: DotOptions = {}): PreparedDot {
  const outputFormat = accumulatorOutputFormat(spec);
  const fast = prepareFastDot(spec, formats);
  if (!fast.ok) {
    return {
      path: "reference",
      fallbackReason: fast.reason,
      outputFormat,
      run: (a, b, c) => dot(toBigints(a), toBigints(b), c, spec, formats, opts),
    };
  }
  return {
    path: "fast",
    fallbackReason: null,
    outputFormat,
    run: (a, b, c) => runFast(fast.fast, spec, toBytes(a, formats.a), toBytes(b, formats.b), c),
  };
}

/** One-shot dot product on the fast path when available, else the reference; says which path ran. */
export function dotAuto(
  aCodes: DotCodes,
  bCodes: DotCodes,
  c: DotInit,
  spec: AccumulatorSpec,
  formats: DotFormats,
  opts: DotOptions = {},
): DotOutcome & { readonly path: "fast" | "reference" } {
  const p = prepareDot(spec, formats, opts);
  return { ...p.run(aCodes, bCodes, c), path: p.path };
}

function runFast(fast: FastDot, spec: AccumulatorSpec, a: Uint8Array, b: Uint8Array, c: DotInit): DotOutcome {
  if (a.length !== b.length) throw new RangeError(`dot: length mismatch (${a.length} vs ${b.length})`);
  // c goes into the register exactly as the reference converts it (same rounding, same flags).
  const init = initialAccumulator(c, spec)!;
  const out = fast.outputFormat;
  const c0 = out.kind === "int" ? Number(intOf(init.value)) : toFloat64(init.value);
  const r = fast.run(a, b, c0);
  const code = out.kind === "int" ? BigInt.asUintN(out.bits, BigInt(r.value)) : encode(out, fromFloat64(r.value)).code;
  return { ok: true, code, format: out, value: decode(out, code), flags: orFlags(init.flags, r.flags) };
}

function intOf(x: Raw): bigint {
  if (x.cls === "zero") return 0n;
  if (x.cls !== "finite" || x.exp < 0) throw new Error("integer register holds a non-integer");
  return (x.sign ? -x.sig : x.sig) << BigInt(x.exp);
}

function toBigints(x: DotCodes): readonly bigint[] {
  return x instanceof Uint8Array ? Array.from(x, (v) => BigInt(v)) : x;
}

/** Codes as bytes, range-checked like decode() does for narrow formats. */
function toBytes(x: DotCodes, fmt: ScalarFormat): Uint8Array {
  const limit = 1 << fmt.bits;
  if (x instanceof Uint8Array) {
    if (fmt.bits < 8) {
      for (let i = 0; i < x.length; i++) {
        if (x[i]! >= limit) throw new RangeError(`code 0x${x[i]!.toString(16)} is out of range for ${fmt.id} (${fmt.bits} bits)`);
      }
    }
    return x;
  }
  const out = new Uint8Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const v = x[i]!;
    if (v < 0n || v >= BigInt(limit)) throw new RangeError(`code 0x${v.toString(16)} is out of range for ${fmt.id} (${fmt.bits} bits)`);
    out[i] = Number(v);
  }
  return out;
}
