import type { Raw } from "../raw.js";
import { ZERO, finite } from "../raw.js";
import type { ScalarFormat } from "../formats/format.js";
import { decode } from "../codec.js";
import type { StochasticSource } from "../rounding.js";
import type { EncodeOptions, Flags } from "../round-pack.js";
import { intMax, intMin } from "../formats/int.js";
import type { AccumulatorSpec, IntAccumulatorSpec } from "./accumulator.js";
import { intAccumulatorFormat } from "./accumulator.js";
import { emptyFlags, orFlags } from "./flags.js";
import type { ExactResult, OpResult } from "./op-result.js";
import { roundResult } from "./op-result.js";
import { mulRaw } from "./mul.js";
import { addRaw } from "./add.js";
import { alignedSum, blockFma } from "./block-fma.js";

/** Initial accumulator value c: an exact raw, or a code in some format. */
export type DotInit = Raw | { readonly format: ScalarFormat; readonly code: bigint };

/** Formats of the two input vectors. */
export interface DotFormats {
  readonly a: ScalarFormat;
  readonly b: ScalarFormat;
}

export interface DotOptions {
  /** Needed only when a rounding mode of the spec is `stochastic`. */
  readonly stochastic?: StochasticSource;
}

/** A dot product's result in the accumulator's output register. */
export interface DotResult {
  /** Code in `format`; null only for an exact accumulator with no output format. */
  readonly code: bigint | null;
  readonly format: ScalarFormat | null;
  /** Exact value of `code` (for a code-less exact accumulator: the exact sum). */
  readonly value: Raw;
  /** Sticky IEEE flags over every step; for integer accumulators `overflow` is the sticky Q flag. */
  readonly flags: Flags;
}

export type DotOutcome = ({ readonly ok: true } & DotResult) | { readonly ok: false; readonly reason: string };

export type Support = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Whether `spec` can accumulate products of these formats: integer accumulators take only int×int. */
export function supportsDot(spec: AccumulatorSpec, formats: DotFormats): Support {
  if (spec.kind === "int" && (formats.a.kind !== "int" || formats.b.kind !== "int")) {
    return {
      ok: false,
      reason: `integer accumulator '${spec.id}' takes only integer products, got ${formats.a.id}×${formats.b.id}`,
    };
  }
  return { ok: true };
}

/**
 * Reference dot product c + Σ a_i·b_i, bit-exact for the accumulator `spec`: products are exact; the order is
 * left to right (tensor-core kinds: blocks of `blockSize` in order, each block's result being the next c).
 * c is first converted into the accumulator register with round-to-nearest-even (exact when it already is
 * in that format). Throws only on a length mismatch (a bug); unsupported combinations come back as reasons.
 */
export function dot(
  aCodes: readonly bigint[],
  bCodes: readonly bigint[],
  c: DotInit,
  spec: AccumulatorSpec,
  formats: DotFormats,
  opts: DotOptions = {},
): DotOutcome {
  if (aCodes.length !== bCodes.length) {
    throw new RangeError(`dot: length mismatch (${aCodes.length} vs ${bCodes.length})`);
  }
  const support = supportsDot(spec, formats);
  if (!support.ok) return support;
  const products = aCodes.map((a, i) => mulRaw(decode(formats.a, a), decode(formats.b, bCodes[i]!)));
  return accumulateProducts(products, c, spec, opts);
}

/** Accumulate already-formed exact products (for units that form products their own way). */
export function accumulateProducts(
  products: readonly ExactResult[],
  c: DotInit,
  spec: AccumulatorSpec,
  opts: DotOptions = {},
): DotOutcome {
  if (usesStochastic(spec) && !opts.stochastic) {
    return { ok: false, reason: `accumulator '${spec.id}' rounds stochastically: pass a seeded stochastic source` };
  }
  const c0 = "cls" in c ? c : decode(c.format, c.code);
  switch (spec.kind) {
    case "int":
      return accumulateInt(products, c0, spec);
    case "float":
      return accumulateFloat(products, c0, spec, opts);
    case "exact":
      return accumulateExact(products, c0, spec, opts);
    case "tensor-core":
    case "tensor-core-promoted":
      return accumulateTensorCore(products, c0, spec, opts);
    case "dot-unit":
      return accumulateDotUnit(products, c0, spec, opts);
  }
}

/**
 * c converted into the accumulator's register: round-to-nearest-even, integers wrapping or saturating as the
 * accumulator does (flags raised). Null for the exact kind, which uses c exactly.
 */
export function initialAccumulator(c: DotInit, spec: AccumulatorSpec): OpResult | null {
  const value = "cls" in c ? c : decode(c.format, c.code);
  switch (spec.kind) {
    case "int":
      return roundResult({ value, invalid: false }, intAccumulatorFormat(spec), {
        rounding: "rne",
        overflow: spec.overflow === "wrap" ? "non-saturating" : "saturate",
      });
    case "float":
      return roundResult({ value, invalid: false }, spec.format, { rounding: "rne" });
    case "exact":
      return null;
    case "tensor-core":
    case "tensor-core-promoted":
    case "dot-unit":
      return roundResult({ value, invalid: false }, spec.outputFormat, { rounding: "rne" });
  }
}

function usesStochastic(spec: AccumulatorSpec): boolean {
  switch (spec.kind) {
    case "int":
      return false;
    case "float":
    case "exact":
      return spec.rounding === "stochastic";
    case "tensor-core":
    case "dot-unit":
      return spec.outputRounding === "stochastic";
    case "tensor-core-promoted":
      return spec.outputRounding === "stochastic" || spec.partialRounding === "stochastic";
  }
}

const ok = (r: OpResult, format: ScalarFormat, flags: Flags): DotOutcome => ({
  ok: true,
  code: r.code,
  format,
  value: r.value,
  flags,
});

/** The integer value of an integral raw, or null (NaN, ∞, or a fraction). */
function rawToBigInt(x: Raw): bigint | null {
  if (x.cls === "zero") return 0n;
  if (x.cls !== "finite") return null;
  let m: bigint;
  if (x.exp >= 0) m = x.sig << BigInt(x.exp);
  else {
    const s = BigInt(-x.exp);
    m = x.sig >> s;
    if (m << s !== x.sig) return null;
  }
  return x.sign ? -m : m;
}

function accumulateInt(products: readonly ExactResult[], c: Raw, spec: IntAccumulatorSpec): DotOutcome {
  const fmt = intAccumulatorFormat(spec);
  const lo = intMin(fmt);
  const hi = intMax(fmt);
  const wrap = spec.overflow === "wrap";
  const init = initialAccumulator(c, spec)!;
  let flags = init.flags;
  let acc = rawToBigInt(init.value)!;
  for (let i = 0; i < products.length; i++) {
    const p = rawToBigInt(products[i]!.value);
    if (p === null) return { ok: false, reason: `integer accumulator '${spec.id}': product ${i} is not an integer` };
    let s = acc + p;
    if (s < lo || s > hi) {
      flags = orFlags(flags, { overflow: true });
      if (wrap) s = spec.signed ? BigInt.asIntN(spec.widthBits, s) : BigInt.asUintN(spec.widthBits, s);
      else s = s < lo ? lo : hi;
    }
    acc = s;
  }
  return { ok: true, code: BigInt.asUintN(spec.widthBits, acc), format: fmt, value: finite(0, acc, 0), flags };
}

function accumulateFloat(
  products: readonly ExactResult[],
  c: Raw,
  spec: Extract<AccumulatorSpec, { kind: "float" }>,
  opts: DotOptions,
): DotOutcome {
  const enc: EncodeOptions = { rounding: spec.rounding, stochastic: opts.stochastic };
  let acc = initialAccumulator(c, spec)!;
  let flags = acc.flags;
  for (const p of products) {
    if (spec.fused) {
      acc = roundResult(sumOf(acc.value, p, spec.rounding), spec.format, enc);
    } else {
      const pr = roundResult(p, spec.format, enc);
      flags = orFlags(flags, pr.flags);
      acc = roundResult(addRaw(acc.value, pr.value, spec.rounding), spec.format, enc);
    }
    flags = orFlags(flags, acc.flags);
  }
  return ok(acc, spec.format, flags);
}

/** acc + p exactly, keeping p's invalid flag. */
function sumOf(acc: Raw, p: ExactResult, rounding: Parameters<typeof addRaw>[2]): ExactResult {
  const s = addRaw(acc, p.value, rounding);
  return { value: s.value, invalid: s.invalid || p.invalid };
}

function accumulateExact(
  products: readonly ExactResult[],
  c: Raw,
  spec: Extract<AccumulatorSpec, { kind: "exact" }>,
  opts: DotOptions,
): DotOutcome {
  let sum: ExactResult = { value: c, invalid: false };
  let invalid = false;
  for (const p of products) {
    sum = sumOf(sum.value, p, spec.rounding);
    invalid ||= sum.invalid;
  }
  if (spec.outputFormat === null) {
    return { ok: true, code: null, format: null, value: sum.value, flags: orFlags(emptyFlags(), { invalid }) };
  }
  const r = roundResult({ value: sum.value, invalid }, spec.outputFormat, {
    rounding: spec.rounding,
    stochastic: opts.stochastic,
  });
  return ok(r, spec.outputFormat, r.flags);
}

/** Dot-unit steps: each block's aligned exact sum added to the register with one rounding (accumulator.ts). */
function accumulateDotUnit(products: readonly ExactResult[], c: Raw, spec: Extract<AccumulatorSpec, { kind: "dot-unit" }>, opts: DotOptions): DotOutcome {
  const out = spec.outputFormat;
  let acc = initialAccumulator(c, spec)!;
  let flags = acc.flags;
  for (let i = 0; i < products.length; i += spec.blockSize) {
    const s = alignedSum(products.slice(i, i + spec.blockSize), spec.alignBits - 1);
    const sum = addRaw(acc.value, s.value, spec.outputRounding);
    acc = roundResult({ value: sum.value, invalid: sum.invalid || s.invalid }, out, { rounding: spec.outputRounding, stochastic: opts.stochastic });
    flags = orFlags(flags, acc.flags);
    if (s.truncated) flags = { ...flags, inexact: true };
  }
  return ok(acc, out, flags);
}

function accumulateTensorCore(
  products: readonly ExactResult[],
  c: Raw,
  spec: Extract<AccumulatorSpec, { kind: "tensor-core" | "tensor-core-promoted" }>,
  opts: DotOptions,
): DotOutcome {
  const out = spec.outputFormat;
  let acc = initialAccumulator(c, spec)!;
  let flags = acc.flags;
  const n = spec.blockSize;
  if (spec.kind === "tensor-core") {
    const params = {
      fracBits: spec.fracBits,
      neab: spec.neab,
      outputFormat: out,
      outputRounding: spec.outputRounding,
      stochastic: opts.stochastic,
    };
    for (let i = 0; i < products.length; i += n) {
      acc = blockFma([{ value: acc.value, invalid: false }, ...products.slice(i, i + n)], params);
      flags = orFlags(flags, acc.flags);
    }
    return ok(acc, out, flags);
  }
  const partialParams = {
    fracBits: spec.fracBits,
    neab: spec.neab,
    outputFormat: out,
    outputRounding: spec.partialRounding,
    stochastic: opts.stochastic,
  };
  for (let start = 0; start < products.length; start += spec.promotionInterval) {
    const end = Math.min(start + spec.promotionInterval, products.length);
    let partial: ExactResult = { value: ZERO, invalid: false };
    for (let i = start; i < end; i += n) {
      const r = blockFma([partial, ...products.slice(i, Math.min(i + n, end))], partialParams);
      flags = orFlags(flags, r.flags);
      partial = { value: r.value, invalid: false };
    }
    // Promotion: the CUDA-core fp32 add of the partial into the full accumulator.
    acc = roundResult(addRaw(acc.value, partial.value, spec.outputRounding), out, {
      rounding: spec.outputRounding,
      stochastic: opts.stochastic,
    });
    flags = orFlags(flags, acc.flags);
  }
  return ok(acc, out, flags);
}
