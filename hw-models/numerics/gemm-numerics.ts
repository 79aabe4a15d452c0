import { createHash } from "node:crypto";
import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import type { Float64Accumulator, ProductInfo } from "../../sim/numerics/fast/accumulate-float64.js";
import { prepareFloat64Accumulator } from "../../sim/numerics/fast/accumulate-float64.js";
import { accumulateProducts } from "../../sim/numerics/ops/dot.js";
import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { createPrng } from "../../sim/prng.js";
import type { Prng } from "../../sim/prng.js";
import type { OperandFormat, Precision } from "../precision.js";
import { operandTensor } from "./operand-tensors.js";
import type { QuantizedOperand } from "./quantized-operand.js";
import { quantizeOperand } from "./quantized-operand.js";

/** How an array orders a dot product: K is split into chunks summed from zero, then added in order. */
export interface AccumulationOrder {
  /** Products per chunk (K for an output-stationary PE; the array rows for WS/IS columns). */
  readonly chunk: number;
}

/** Bit-exact outputs of one layer (sampled or all), with the float64 reference for error metrics. */
export interface GemmNumerics {
  /** Flat indices (repeat·m·n + i·n + j) of the computed outputs, ascending. */
  readonly indices: Uint32Array;
  /** Dequantized outputs: accumulator value × post-scales, in float64. */
  readonly values: Float64Array;
  /** float64 reference from the unquantized operands. */
  readonly reference: Float64Array;
  /** Accumulator output codes, in index order. */
  readonly codes: BigUint64Array;
  readonly outputFormat: ScalarFormat | null;
  /** Which accumulation path ran: the float64 stepper or the bigint reference. */
  readonly path: "fast" | "reference";
  /** Bit flips of the accumulator register over the computed outputs' steps (fast path only, when asked). */
  readonly accumulatorToggles?: { readonly toggles: number; readonly bits: number; readonly updates: number };
  /** The quantized operands of the first repeat (for operand toggle counting and the RTL engine). */
  readonly operands: { readonly a: QuantizedOperand; readonly b: QuantizedOperand } | null;
}

/** Options of a numerics run beyond the order and sampling. */
export interface GemmNumericsOptions {
  /** `reference` forces the bigint accumulator (tests prove both paths equal). */
  readonly path?: "auto" | "reference";
  /** Count accumulator-register toggles (activity energy). */
  readonly countToggles?: boolean;
}

/** Largest operand (elements per repeat) whose values are drawn and quantized: 2^26 float64s is 512 MiB. */
export const MAX_OPERAND_ELEMENTS = 2 ** 26;
/** Largest number of MACs one layer computes bit-exactly (~1–3 minutes on the float64 fast path). */
export const MAX_EXACT_MACS = 1e10;

/** Above this many sampled MACs the bigint reference path is refused (it runs ~1 µs per MAC). */
export const REFERENCE_PATH_MAX_MACS = 3_000_000;

/** Operand format for a layer operand, by its role. */
export function operandFormatFor(p: Precision, role: Layer["roles"]["a"]): OperandFormat {
  return role === "weights" ? p.weights : role === "kv-cache" ? p.kvCache : p.activations;
}

/**
 * Compute a layer's outputs bit-exactly in the given accumulation order: seeded operands, quantized per the
 * precision, products exact, accumulated by the precision's accumulator. Per-tensor/per-channel scales are
 * applied to the accumulator value in float64 afterwards (the rescale stage is outside the modelled datapath).
 */
export function gemmNumerics(
  layer: Layer,
  p: Precision,
  order: AccumulationOrder,
  seed: number,
  sampleFraction: number,
  options: GemmNumericsOptions = {},
): Result<GemmNumerics> {
  const path = options.path ?? "auto";
  const toggles = options.countToggles ? { toggles: 0, bits: 0, updates: 0 } : undefined;
  let operands: GemmNumerics["operands"] = null;
  const { m, n, k } = layer.gemm;
  const total = m * n * layer.repeat;
  if (total > 2 ** 32 - 1) return { ok: false, reason: `${total} outputs exceed the 2^32 index range: use a smaller workload` };
  const operandElements = Math.max(m * k, k * n);
  if (sampleFraction > 0 && operandElements > MAX_OPERAND_ELEMENTS) {
    return {
      ok: false,
      reason: `an operand has ${operandElements} elements, over the ${MAX_OPERAND_ELEMENTS} hwsim draws for bit-exact values: use a smaller workload`,
    };
  }
  const { sampleRng, operandSeeds } = layerSeeds(seed, layer.repeat);
  // Fraction 0: timing and cost only (design-space sweeps); no tensors are drawn.
  const sample = sampleFraction > 0 ? sampleIndices(total, sampleFraction, sampleRng) : new Uint32Array(0);
  if (sample.length * k > MAX_EXACT_MACS) {
    return {
      ok: false,
      reason: `computing ${sample.length * k} MACs bit-exactly would take too long (limit ${MAX_EXACT_MACS}): use --sample ${Math.max(1e-6, Math.floor((MAX_EXACT_MACS / (total * k)) * 1e6) / 1e6)} or smaller`,
    };
  }
  const values = new Float64Array(sample.length);
  const reference = new Float64Array(sample.length);
  const codes = new BigUint64Array(sample.length);
  let outputFormat: ScalarFormat | null = null;
  let used: "fast" | "reference" = "fast";
  let s = 0;
  for (let r = 0; r < layer.repeat && s < sample.length; r++) {
    const base = r * m * n;
    if (sample[s]! >= base + m * n) continue; // nothing sampled in this repeat
    const ops = repeatOperands(layer, p, operandSeeds[r]!);
    if (!ops.ok) return ops;
    const { aRaw } = ops.value;
    // Column j of B contiguous (k elements), so every dot product walks both operands with stride 1.
    const bRawT = transpose(ops.value.bRaw, k, n);
    const bValT = transpose(ops.value.b.values, k, n);
    const qa = { value: ops.value.a };
    const qb = { value: ops.value.b };
    operands ??= { a: qa.value, b: qb.value };
    const acc = path === "reference" ? ({ ok: false, reason: "reference path requested" } as const) : accumulatorFor(p.accumulator, qa.value, qb.value);
    if (!acc.ok && sample.length * k > REFERENCE_PATH_MAX_MACS) {
      return { ok: false, reason: `${acc.reason}; the bigint reference path is too slow for ${sample.length * k} MACs: use --sample` };
    }
    for (; s < sample.length && sample[s]! < base + m * n; s++) {
      const idx = sample[s]! - base;
      const i = Math.floor(idx / n);
      const j = idx - i * n;
      const out = acc.ok ? fastDot(acc.acc, qa.value.values, bValT, i, j, k, order.chunk, toggles) : referenceDot(p.accumulator, qa.value, qb.value, i, j, order.chunk);
      if (!out.ok) return out;
      if (!acc.ok) used = "reference";
      outputFormat = out.format;
      codes[s] = out.code;
      const sa = qa.value.postScale[qa.value.perChannel ? i : 0]!;
      const sb = qb.value.postScale[qb.value.perChannel ? j : 0]!;
      values[s] = out.value * sa * sb;
      let ref = 0;
      const ai = i * k;
      const bj = j * k;
      for (let t = 0; t < k; t++) ref += aRaw[ai + t]! * bRawT[bj + t]!;
      reference[s] = ref;
    }
  }
  const accumulatorToggles = toggles && used === "fast" ? toggles : undefined;
  return { ok: true, value: { indices: sample, values, reference, codes, outputFormat, path: used, accumulatorToggles, operands } };
}

/** Seeds of a layer: a stream for sampling, and one pair of operand seeds per repeat (shared by both engines). */
export function layerSeeds(seed: number, repeat: number): { sampleRng: Prng; operandSeeds: [number, number][] } {
  const rng = createPrng(seed);
  const sampleRng = rng.fork();
  const operandSeeds = Array.from({ length: repeat }, () => [rng.nextUint32(), rng.nextUint32()] as [number, number]);
  return { sampleRng, operandSeeds };
}

/** One repeat's operands: the unquantized float64 tensors and their quantized datapath view. */
export function repeatOperands(
  layer: Layer,
  p: Precision,
  seeds: readonly [number, number],
): Result<{ aRaw: Float64Array; bRaw: Float64Array; a: QuantizedOperand; b: QuantizedOperand }> {
  const { m, n, k } = layer.gemm;
  const aRaw = operandTensor(layer, "a", seeds[0]);
  if (!aRaw.ok) return aRaw;
  const bRaw = operandTensor(layer, "b", seeds[1]);
  if (!bRaw.ok) return bRaw;
  const qa = quantizeOperand(aRaw.value, m, k, operandFormatFor(p, layer.roles.a), 1, layer.roles.a === "weights");
  if (!qa.ok) return qa;
  const qb = quantizeOperand(bRaw.value, k, n, operandFormatFor(p, layer.roles.b), 0, layer.roles.b === "weights");
  if (!qb.ok) return qb;
  return { ok: true, value: { aRaw: aRaw.value, bRaw: bRaw.value, a: qa.value, b: qb.value } };
}

type DotOut = { ok: true; code: bigint; value: number; format: ScalarFormat | null } | { ok: false; reason: string };

/** The float64 stepper for a spec and these operands (or why there is none). */
export function accumulatorFor(spec: AccumulatorSpec, a: QuantizedOperand, b: QuantizedOperand) {
  const info: ProductInfo = {
    integer: a.element.kind === "int" && b.element.kind === "int" && isIntegral(a.values) && isIntegral(b.values),
    exactInFormat: (f) => productsExactIn(f, a.values, b.values),
    maxAbs: maxAbs(a.values) * maxAbs(b.values),
  };
  return prepareFloat64Accumulator(spec, info);
}

/** Row i of A (row-major) times column j of B (given transposed, bT[j·k + t]), chunked as the dataflow sums. */
function fastDot(
  acc: Float64Accumulator,
  av: Float64Array,
  bT: Float64Array,
  i: number,
  j: number,
  k: number,
  chunk: number,
  toggles?: { toggles: number; bits: number; updates: number },
): DotOut {
  const ai = i * k;
  const bj = j * k;
  let out = acc.zero;
  for (let c0 = 0; c0 < k; c0 += chunk) {
    let partial = acc.zero;
    const end = Math.min(k, c0 + chunk);
    if (toggles) {
      let prev = acc.code(partial);
      for (let t = c0; t < end; t++) {
        partial = acc.add(partial, av[ai + t]! * bT[bj + t]!);
        const code = acc.code(partial);
        toggles.toggles += popcount(code ^ prev);
        toggles.updates += 1;
        prev = code;
      }
      toggles.bits = acc.outputFormat.bits;
    } else {
      for (let t = c0; t < end; t++) partial = acc.add(partial, av[ai + t]! * bT[bj + t]!);
    }
    out = c0 === 0 ? partial : acc.combine(out, partial);
  }
  return { ok: true, code: acc.code(out), value: out, format: acc.outputFormat };
}

/** The bigint reference accumulator in the same chunk order (Kulisch, directed roundings, wide formats). */
function referenceDot(spec: AccumulatorSpec, a: QuantizedOperand, b: QuantizedOperand, i: number, j: number, chunk: number): DotOut {
  const k = a.cols;
  const n = b.cols;
  // An exact (Kulisch) register carries its partial sums at full width: chunking cannot change it.
  if (spec.kind === "exact") chunk = k;
  let out: ReturnType<typeof accumulateProducts> | undefined;
  for (let c0 = 0; c0 < k; c0 += chunk) {
    const prods = [];
    for (let t = c0; t < Math.min(k, c0 + chunk); t++) {
      prods.push({ value: fromFloat64(a.values[i * k + t]! * b.values[t * n + j]!), invalid: false });
    }
    const part = accumulateProducts(prods, { cls: "zero", sign: 0 }, spec);
    if (!part.ok) return part;
    if (!out) out = part;
    else {
      if (!out.ok) return out;
      out = accumulateProducts([{ value: part.value, invalid: false }], out.value, spec.kind === "float" ? { ...spec, fused: true } : spec);
    }
  }
  if (!out || !out.ok) return out ?? { ok: false, reason: "empty dot product" };
  return { ok: true, code: out.code ?? 0n, value: toFloat64(out.value), format: out.format };
}

function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(x.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = x[r * cols + c]!;
  return out;
}

/** k distinct indices in [0, total), ascending, seeded (all of them when fraction is 1). */
export function sampleIndices(total: number, fraction: number, rng: Prng): Uint32Array {
  if (fraction >= 1) return Uint32Array.from({ length: total }, (_, i) => i);
  const count = Math.max(1, Math.min(total, Math.round(total * fraction)));
  const chosen = new Set<number>();
  // Floyd's algorithm: count draws, each O(1), uniform over subsets.
  for (let j = total - count; j < total; j++) {
    const t = Math.floor(rng.nextFloat64() * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Uint32Array.from([...chosen].sort((x, y) => x - y));
}

/** SHA-256 of output codes (hex, fixed width per format) in order. */
export function hashCodes(parts: readonly { codes: BigUint64Array; bits: number }[]): string {
  const h = createHash("sha256");
  for (const p of parts) {
    const width = Math.ceil(p.bits / 4);
    for (const c of p.codes) h.update(c.toString(16).padStart(width, "0"));
  }
  return h.digest("hex");
}

/** Set bits of a non-negative bigint. */
export function popcount(x: bigint): number {
  let n = 0;
  while (x > 0n) {
    n += popcount32(Number(x & 0xffffffffn));
    x >>= 32n;
  }
  return n;
}

/** Set bits of a 32-bit value (SWAR). */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}

function isIntegral(v: Float64Array): boolean {
  for (const x of v) if (!Number.isInteger(x)) return false;
  return true;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) if (Math.abs(x) > m) m = Math.abs(x);
  return m;
}

/** Significant bits of a finite float64 (1 for powers of two), and its floor(log2). */
function sigBitsAndExp(x: number): { bits: number; exp: number } {
  const a = Math.abs(x);
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e -= 1;
  if (2 ** (e + 1) <= a) e += 1;
  let m = a / 2 ** e; // in [1, 2), exact
  let bits = 1;
  while (m !== Math.floor(m)) {
    m *= 2;
    bits++;
  }
  return { bits, exp: e };
}

/** Conservative: every product of an a-value and a b-value is a normal value of f (or zero). */
function productsExactIn(f: ScalarFormat, a: Float64Array, b: Float64Array): boolean {
  if (f.kind !== "float") return false;
  const span = (v: Float64Array) => {
    let bits = 0;
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of v) {
      if (x === 0 || !Number.isFinite(x)) continue;
      const s = sigBitsAndExp(x);
      bits = Math.max(bits, s.bits);
      lo = Math.min(lo, s.exp);
      hi = Math.max(hi, s.exp);
    }
    return { bits, lo, hi };
  };
  const sa = span(a);
  const sb = span(b);
  const eminNormal = 1 - f.bias;
  const emaxFinite = (1 << f.expBits) - 2 - f.bias;
  return sa.bits + sb.bits <= f.manBits + 1 && sa.lo + sb.lo >= eminNormal && sa.hi + sb.hi + 1 <= emaxFinite;
}
