import { createHash } from "node:crypto";
import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { fromFloat64, toFloat64 } from "../../sim/numerics/float64.js";
import type { ScalarFormat } from "../../sim/numerics/formats/format.js";
import type { Float64Accumulator, ProductInfo } from "../../sim/numerics/fast/accumulate-float64.js";
import { prepareFloat64Accumulator } from "../../sim/numerics/fast/accumulate-float64.js";
import { exactSumFloat64 } from "../../sim/numerics/fast/exact-sum-float64.js";
import type { Float64BlockAccumulator } from "../../sim/numerics/fast/block-accumulate-float64.js";
import { prepareFloat64BlockAccumulator } from "../../sim/numerics/fast/block-accumulate-float64.js";
import { accumulateProducts } from "../../sim/numerics/ops/dot.js";
import { lookupScalar } from "../../sim/numerics/formats/registry.js";
import type { FloatFormat } from "../../sim/numerics/formats/format.js";
import type { AccumulatorSpec } from "../../sim/numerics/ops/accumulator.js";
import { createPrng } from "../../sim/prng.js";
import type { Prng } from "../../sim/prng.js";
import type { OperandFormat, Precision } from "../precision.js";
import type { AbsmaxMemo, OperandSource } from "./operand-source.js";
import { operandAbsmax, operandSource } from "./operand-source.js";
import type { AbsmaxMethod } from "../../workloads/quant/streaming-calibrate.js";
import type { OutputSample } from "./output-sample.js";
import { sampleIndicesOf, sampleOutputs } from "./output-sample.js";
import type { QuantizedOperand } from "./quantized-operand.js";
import { quantizeOperand } from "./quantized-operand.js";

/** How an array orders a dot product: K is split into chunks summed from zero, then added in order. */
export interface AccumulationOrder {
  /** Products per chunk (K for an output-stationary PE; the array rows × lanes for WS/IS columns). */
  readonly chunk: number;
  /** Products per PE step: 1 for a MAC PE, n for a dot<n> PE (the accumulator is then a dot unit). */
  readonly lanes?: number;
  /**
   * How chunk partials are added: `unit` (default) by the accumulator itself (the array's output buffer);
   * `fp32-add` by an fp32 round-to-nearest add (a GPU's split-K reduction on CUDA cores).
   */
  readonly combine?: "unit" | "fp32-add";
}

/** How a layer's operand scales were found (stated in reports). */
export type CalibrationMethod = AbsmaxMethod | "per-line" | "none";

/** Bit-exact outputs of one layer (sampled or all), with the float64 reference for error metrics. */
export interface GemmNumerics {
  /** Flat indices (repeat·m·n + i·n + j) of the computed outputs, ascending. */
  readonly indices: Float64Array;
  /** The grids those outputs form (for error estimates that respect their row and column correlation). */
  readonly sample: OutputSample;
  /** Dequantized outputs: accumulator value × post-scales, in float64. */
  readonly values: Float64Array;
  /** float64 reference from the unquantized operands. */
  readonly reference: Float64Array;
  /**
   * The same quantized operands through an exact accumulator (the exact sum of the products, rounded once to
   * float64), post-scaled like `values`: reference − exact is the operand-quantization error, exact − values the
   * accumulation error.
   */
  readonly exact: Float64Array;
  /** Accumulator output codes, in index order. */
  readonly codes: BigUint64Array;
  readonly outputFormat: ScalarFormat | null;
  /** Which accumulation path ran: the float64 stepper or the bigint reference. */
  readonly path: "fast" | "reference";
  /** Bit flips of the accumulator register over the activity tile's outputs (fast path only, when asked). */
  readonly accumulatorToggles?: { readonly toggles: number; readonly bits: number; readonly updates: number };
  /** The quantized activity tile of repeat 0 (A rows < 32 as [r × k], B columns < 32 as [k × c]), when asked. */
  readonly operands: { readonly a: QuantizedOperand; readonly b: QuantizedOperand } | null;
  /** How the per-tensor scales of A and B were calibrated. */
  readonly calibration: { readonly a: CalibrationMethod; readonly b: CalibrationMethod };
  /** Largest number of operand elements held at once (one grid's rows of A plus columns of B). */
  readonly peakOperandElements: number;
}

const FP32_FORMAT = (() => {
  const r = lookupScalar("fp32");
  if (!r.ok || r.format.kind !== "float") throw new Error("fp32 format missing");
  return r.format as FloatFormat;
})();

/** Options of a numerics run beyond the order and sampling. */
export interface GemmNumericsOptions {
  /** `reference` forces the bigint accumulator (tests prove both paths equal). */
  readonly path?: "auto" | "reference";
  /** Measure register toggles on the activity tile (activity energy). */
  readonly countToggles?: boolean;
  /** Whole-tensor absmax values shared across precisions (they depend on the values only). */
  readonly absmaxMemo?: AbsmaxMemo;
  /**
   * The fraction came from `--sample auto`, a budget: a layer whose accumulator has no float64 fast path (the
   * bigint reference runs ~1 µs per MAC) then computes at most AUTO_REFERENCE_MACS worth of outputs instead
   * of failing. An explicit fraction is never changed.
   */
  readonly sampleIsBudget?: boolean;
}

/** Largest operand part (rows of A or columns of B of one grid, in elements) drawn at once: 2^26 float64s is 512 MiB. */
export const MAX_OPERAND_ELEMENTS = 2 ** 26;
/** Largest number of MACs one layer computes bit-exactly (~1–3 minutes on the float64 fast path). */
export const MAX_EXACT_MACS = 1e10;

/** Above this many sampled MACs the bigint reference path is refused (it runs ~1 µs per MAC). */
export const REFERENCE_PATH_MAX_MACS = 3_000_000;

/** What `--sample auto` spends per layer on the bigint reference path: well under a second. */
export const AUTO_REFERENCE_MACS = 750_000;

/**
 * Activity factors (register toggles) are measured on a fixed tile of each layer's first repeat, the first
 * ACTIVITY_TILE rows of A and columns of B, so that activity energy does not depend on the sample fraction.
 */
export const ACTIVITY_TILE = 32;

/** Operand format for a layer operand, by its role. */
export function operandFormatFor(p: Precision, role: Layer["roles"]["a"]): OperandFormat {
  return role === "weights" ? p.weights : role === "kv-cache" ? p.kvCache : p.activations;
}

/**
 * Compute a layer's outputs bit-exactly in the given accumulation order: seeded operands, quantized per the
 * precision, products exact, accumulated by the precision's accumulator. Per-tensor/per-channel scales are
 * applied to the accumulator value in float64 afterwards (the rescale stage is outside the modelled datapath).
 * Only the rows of A and columns of B that the sampled outputs read are made; per-tensor scales come from an
 * exact whole-tensor absmax (streamed, or derived from the generator), so a sampled output is bit-identical to
 * the same output of a full run. Fraction 0 computes nothing and makes no operand.
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
  const lanes = order.lanes ?? 1;
  const { m, n, k } = layer.gemm;
  const total = m * n * layer.repeat;
  const { sampleRng, operandSeeds } = layerSeeds(seed, layer.repeat);
  let sample: OutputSample = sampleFraction > 0
    ? sampleOutputs(layer.repeat, m, n, sampleFraction * total, sampleRng)
    : { grids: [], count: 0, total, repeats: layer.repeat, m, n };
  if (options.sampleIsBudget && path === "auto" && sample.count * k > REFERENCE_PATH_MAX_MACS && sample.grids.length > 0) {
    // Probe the first grid: without a fast path, spend the budget on as many outputs as the reference affords.
    const g0 = sample.grids[0]!;
    const probe = operandLines(layer, p, operandSeeds[g0.repeat]!, g0.rows, g0.cols, options.absmaxMemo);
    if (probe.ok && !accumulatorFor(p.accumulator, probe.value.a, probe.value.b, lanes).ok) {
      // Grids round their sizes, so shrink the target until the sample fits.
      for (let target = Math.floor(AUTO_REFERENCE_MACS / k); ; target = Math.floor(target * 0.9)) {
        sample = sampleOutputs(layer.repeat, m, n, Math.max(1, target), createPrng(BigInt.asUintN(64, BigInt(seed)) ^ 0x9e3779b97f4a7c15n));
        if (sample.count * k <= AUTO_REFERENCE_MACS || target <= 1) break;
      }
    }
  }
  let peak = 0;
  for (const g of sample.grids) {
    const part = Math.max(g.rows.length, g.cols.length) * k;
    if (part > MAX_OPERAND_ELEMENTS) {
      return { ok: false, reason: `one sampled grid needs ${part} operand elements at once, over the ${MAX_OPERAND_ELEMENTS} hwsim draws: use --sample auto or a smaller fraction` };
    }
    peak = Math.max(peak, (g.rows.length + g.cols.length) * k);
  }
  if (sample.count * k > MAX_EXACT_MACS) {
    return {
      ok: false,
      reason: `computing ${sample.count * k} MACs bit-exactly would take too long (limit ${MAX_EXACT_MACS}): use --sample auto or --sample ${Math.max(1e-6, Math.floor((MAX_EXACT_MACS / (total * k)) * 1e6) / 1e6)} or smaller`,
    };
  }
  const indices = sampleIndicesOf(sample);
  const values = new Float64Array(sample.count);
  const reference = new Float64Array(sample.count);
  const exact = new Float64Array(sample.count);
  const prods = new Float64Array(k);
  const codes = new BigUint64Array(sample.count);
  let outputFormat: ScalarFormat | null = null;
  let used: "fast" | "reference" = "fast";
  let calibration: GemmNumerics["calibration"] = { a: "none", b: "none" };
  let s = 0;
  for (const g of sample.grids) {
    const lines = operandLines(layer, p, operandSeeds[g.repeat]!, g.rows, g.cols, options.absmaxMemo);
    if (!lines.ok) return lines;
    const { a, b, aRaw, bRawT } = lines.value;
    calibration = lines.value.calibration;
    const acc = path === "reference" ? ({ ok: false, reason: "reference path requested" } as const) : accumulatorFor(p.accumulator, a, b, lanes);
    if (!acc.ok && sample.count * k > REFERENCE_PATH_MAX_MACS) {
      return { ok: false, reason: `${acc.reason}; the bigint reference path is too slow for ${sample.count * k} MACs: use --sample` };
    }
    // When every product is a multiple of 2^qa·2^qb and Σ|products| stays below 2^(qa+qb+53), a plain float64
    // running sum never rounds: it is the exact sum, and the slower expansion sum is not needed.
    const low = lowestBitExponent(a.values) + lowestBitExponent(b.values);
    const bound = k * maxAbs(a.values) * maxAbs(b.values);
    const plainIsExact = bound < 2 ** (low + 53);
    // Otherwise split each product p into h, a multiple of 2^T (p rounded by adding and removing 1.5·2^(T+52)), and
    // l = p − h, a multiple of 2^low with |l| ≤ 2^(T−1). With T = ⌈log2 bound⌉ + 2 + logK − 53, Σh stays below 2^(T+53)
    // and, when T + logK ≤ low + 53, Σl below 2^(low+53): both running sums are exact, and their float64 sum is the
    // exact sum rounded once — what exactSumFloat64 returns, without its expansion.
    const logK = Math.ceil(Math.log2(k)) + 1;
    const T = Math.ceil(Math.log2(bound || 1)) + 2 + logK - 53;
    const split = !plainIsExact && Number.isFinite(bound) && T + logK <= low + 53;
    const magic = 1.5 * 2 ** (T + 52);
    for (let ii = 0; ii < g.rows.length; ii++) {
      for (let jj = 0; jj < g.cols.length; jj++, s++) {
        const out = acc.ok ? fastDot(acc.acc, a.values, b.values, ii, jj, k, order.chunk, undefined, order.combine) : referenceDot(p.accumulator, a, b, ii, jj, order.chunk, lanes, order.combine);
        if (!out.ok) return out;
        if (!acc.ok) used = "reference";
        outputFormat = out.format;
        codes[s] = out.code;
        const post = (x: number) => x * a.postScale[a.perChannel ? ii : 0]! * b.postScale[b.perChannel ? jj : 0]!;
        values[s] = post(out.value);
        let ref = 0;
        let plain = 0;
        let hi = 0;
        let lo = 0;
        const ai = ii * k;
        const bj = jj * k;
        for (let t = 0; t < k; t++) {
          ref += aRaw[ai + t]! * bRawT[bj + t]!;
          const p = a.values[ai + t]! * b.values[bj + t]!; // exact: element products of ≤ 32-bit formats fit 53 bits
          prods[t] = p;
          plain += p;
          if (split) {
            const h = p + magic - magic;
            hi += h;
            lo += p - h;
          }
        }
        reference[s] = ref;
        // A zero exact sum is −0 only when every product is −0, and then so is the plain sum.
        const splitSum = hi + lo === 0 ? (plain === 0 ? plain : 0) : hi + lo;
        exact[s] = post(plainIsExact ? plain : split ? splitSum : exactSumFloat64(prods));
      }
    }
  }
  let operands: GemmNumerics["operands"] = null;
  let accumulatorToggles: GemmNumerics["accumulatorToggles"];
  if (options.countToggles) {
    const tile = activityTile(layer, p, order, operandSeeds[0]!, path, options.absmaxMemo);
    if (!tile.ok) return tile;
    operands = tile.value.operands;
    accumulatorToggles = tile.value.accumulatorToggles;
  }
  return {
    ok: true,
    value: { indices, sample, values, reference, exact, codes, outputFormat, path: used, accumulatorToggles, operands, calibration, peakOperandElements: peak },
  };
}

/** Seeds of a layer: a stream for sampling, and one pair of operand seeds per repeat (shared by both engines). */
export function layerSeeds(seed: number, repeat: number): { sampleRng: Prng; operandSeeds: [number, number][] } {
  const rng = createPrng(seed);
  const sampleRng = rng.fork();
  const operandSeeds = Array.from({ length: repeat }, () => [rng.nextUint32(), rng.nextUint32()] as [number, number]);
  return { sampleRng, operandSeeds };
}

/**
 * Rows of A and columns of B of one repeat, unquantized and quantized, each line contiguous: A rows as
 * [rows × k], B columns as [cols × k] (B transposed). Per-tensor scales use the whole tensor's exact absmax;
 * per-channel scales (weights) and block scales run along the line, so a line needs nothing outside itself.
 */
export function operandLines(
  layer: Layer,
  p: Precision,
  seeds: readonly [number, number],
  rows: Uint32Array,
  cols: Uint32Array,
  memo?: AbsmaxMemo,
): Result<{ aRaw: Float64Array; bRawT: Float64Array; a: QuantizedOperand; b: QuantizedOperand; calibration: GemmNumerics["calibration"] }> {
  const { n, k } = layer.gemm;
  const sa = operandSource(layer, "a", seeds[0]);
  if (!sa.ok) return sa;
  const sb = operandSource(layer, "b", seeds[1]);
  if (!sb.ok) return sb;
  const aRaw = new Float64Array(rows.length * k);
  rows.forEach((i, ii) => sa.value.tensor.fill(aRaw, ii * k, i * k, 1, k));
  const bRawT = new Float64Array(cols.length * k);
  cols.forEach((j, jj) => sb.value.tensor.fill(bRawT, jj * k, j, n, k));
  const fa = operandFormatFor(p, layer.roles.a);
  const fb = operandFormatFor(p, layer.roles.b);
  const wa = layer.roles.a === "weights";
  const wb = layer.roles.b === "weights";
  const ca = perTensorCalibration(fa, wa, sa.value, memo);
  const cb = perTensorCalibration(fb, wb, sb.value, memo);
  // Both operands as [lines × k] with the reduction along axis 1 and channels (weights) along the lines.
  const qa = quantizeOperand(aRaw, rows.length, k, fa, 1, wa, ca.absmax);
  if (!qa.ok) return qa;
  const qb = quantizeOperand(bRawT, cols.length, k, fb, 1, wb, cb.absmax);
  if (!qb.ok) return qb;
  return { ok: true, value: { aRaw, bRawT, a: qa.value, b: qb.value, calibration: { a: ca.method, b: cb.method } } };
}

/** Whether an operand takes a per-tensor scale (and so the whole tensor's absmax), mirroring quantizeOperand. */
function perTensorCalibration(f: OperandFormat, perChannel: boolean, src: OperandSource, memo: AbsmaxMemo | undefined): { absmax?: number; method: CalibrationMethod } {
  if (f.kind === "block") return { method: "per-line" };
  const cast = f.format.kind === "float" && f.format.bits > 8;
  if (cast) return { method: "none" };
  if (perChannel) return { method: "per-line" };
  return operandAbsmax(src, memo);
}

/** One repeat's whole operands, row-major A [m × k] and B [k × n], quantized (the RTL engine's inputs). */
export function repeatOperands(
  layer: Layer,
  p: Precision,
  seeds: readonly [number, number],
): Result<{ aRaw: Float64Array; bRaw: Float64Array; a: QuantizedOperand; b: QuantizedOperand }> {
  const { m, n, k } = layer.gemm;
  const lines = operandLines(layer, p, seeds, iota(m), iota(n));
  if (!lines.ok) return lines;
  const { a, b, aRaw, bRawT } = lines.value;
  return { ok: true, value: { aRaw, bRaw: transpose(bRawT, n, k), a, b: transposeOperand(b, k, n) } };
}

/** Operands and toggles of the activity tile (see ACTIVITY_TILE). */
function activityTile(
  layer: Layer,
  p: Precision,
  order: AccumulationOrder,
  seeds: readonly [number, number],
  path: "auto" | "reference",
  memo: AbsmaxMemo | undefined,
): Result<{ operands: NonNullable<GemmNumerics["operands"]>; accumulatorToggles?: GemmNumerics["accumulatorToggles"] }> {
  const { m, n, k } = layer.gemm;
  const rows = iota(Math.min(m, ACTIVITY_TILE));
  const cols = iota(Math.min(n, ACTIVITY_TILE));
  const lines = operandLines(layer, p, seeds, rows, cols, memo);
  if (!lines.ok) return lines;
  const { a, b } = lines.value;
  const operands = { a, b: transposeOperand(b, k, cols.length) };
  const acc = path === "reference" ? undefined : accumulatorFor(p.accumulator, a, b, order.lanes ?? 1);
  if (!acc?.ok) return { ok: true, value: { operands } };
  const toggles = { toggles: 0, bits: 0, updates: 0 };
  for (let ii = 0; ii < rows.length; ii++) for (let jj = 0; jj < cols.length; jj++) fastDot(acc.acc, a.values, b.values, ii, jj, k, order.chunk, toggles, order.combine);
  return { ok: true, value: { operands, accumulatorToggles: toggles } };
}

/** A [cols × k] line-major operand as the row-major [k × cols] matrix it came from. */
function transposeOperand(q: QuantizedOperand, k: number, cols: number): QuantizedOperand {
  const codes = new Uint32Array(q.codes.length);
  for (let j = 0; j < cols; j++) for (let t = 0; t < k; t++) codes[t * cols + j] = q.codes[j * k + t]!;
  return { ...q, values: transpose(q.values, cols, k), codes, rows: k, cols };
}

function iota(n: number): Uint32Array {
  return Uint32Array.from({ length: n }, (_, i) => i);
}

type DotOut = { ok: true; code: bigint; value: number; format: ScalarFormat | null } | { ok: false; reason: string };

/** A float64 stepper: one product per step (MAC PE) or `lanes` per step (dot PE). */
export type Stepper = { readonly kind: "mac"; readonly acc: Float64Accumulator } | { readonly kind: "dot"; readonly acc: Float64BlockAccumulator };

/** The float64 stepper for a spec, these operands and the PE's lanes (or why there is none). */
export function accumulatorFor(spec: AccumulatorSpec, a: QuantizedOperand, b: QuantizedOperand, lanes = 1): { ok: true; acc: Stepper } | { ok: false; reason: string } {
  const info: ProductInfo = {
    integer: a.element.kind === "int" && b.element.kind === "int" && isIntegral(a.values) && isIntegral(b.values),
    exactInFormat: (f) => productsExactIn(f, a.values, b.values),
    exactInFloat64: () => productsExactInFloat64(a.values, b.values),
    maxAbs: maxAbs(a.values) * maxAbs(b.values),
  };
  if (lanes === 1) {
    const r = prepareFloat64Accumulator(spec, info);
    return r.ok ? { ok: true, acc: { kind: "mac", acc: r.acc } } : r;
  }
  const r = prepareFloat64BlockAccumulator(spec, lanes, info);
  return r.ok ? { ok: true, acc: { kind: "dot", acc: r.acc } } : r;
}

/**
 * One dot product of row i of `a` and row j of `b` (both [lines × k], the reduction along a line) in the given
 * order, on the float64 stepper when there is one, else on the bigint reference: the path `gemmNumerics` takes
 * for every output, exposed for probes with chosen operand values.
 */
export function dotInOrder(spec: AccumulatorSpec, a: QuantizedOperand, b: QuantizedOperand, i: number, j: number, order: AccumulationOrder): DotOut {
  const lanes = order.lanes ?? 1;
  const acc = accumulatorFor(spec, a, b, lanes);
  return acc.ok ? fastDot(acc.acc, a.values, b.values, i, j, a.cols, order.chunk, undefined, order.combine) : referenceDot(spec, a, b, i, j, order.chunk, lanes, order.combine);
}

/** Row i of A (row-major) times column j of B (given transposed, bT[j·k + t]), chunked as the dataflow sums. */
function fastDot(
  stepper: Stepper,
  av: Float64Array,
  bT: Float64Array,
  i: number,
  j: number,
  k: number,
  chunk: number,
  toggles?: { toggles: number; bits: number; updates: number },
  combine: "unit" | "fp32-add" = "unit",
): DotOut {
  if (stepper.kind === "dot") return fastDotLanes(stepper.acc, av, bT, i, j, k, chunk, toggles, combine);
  const acc = stepper.acc;
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

/**
 * As fastDot, on a dot PE: each step takes the next `lanes` products of the chunk (chunks are whole steps). A
 * promoting unit restarts its block chain every `promotionInterval` products of a chunk and adds the partial into
 * the chunk's fp32 accumulator; chunk partials are then added by the unit or, for `fp32-add`, by an fp32 RNE add.
 */
function fastDotLanes(
  acc: Float64BlockAccumulator,
  av: Float64Array,
  bT: Float64Array,
  i: number,
  j: number,
  k: number,
  chunk: number,
  toggles?: { toggles: number; bits: number; updates: number },
  combine: "unit" | "fp32-add" = "unit",
): DotOut {
  const ai = i * k;
  const bj = j * k;
  const lanes = acc.lanes;
  const buf = new Float64Array(lanes);
  const interval = acc.promotionInterval;
  let out = acc.zero;
  for (let c0 = 0; c0 < k; c0 += chunk) {
    const end = Math.min(k, c0 + chunk);
    let chunkSum = acc.zero;
    for (let p0 = c0; p0 < end; p0 += interval ?? chunk) {
      const pend = interval === undefined ? end : Math.min(end, p0 + interval);
      let partial = acc.zero;
      let prev = toggles ? acc.code(partial) : 0n;
      for (let t = p0; t < pend; t += lanes) {
        const m = Math.min(lanes, pend - t);
        for (let q = 0; q < m; q++) buf[q] = av[ai + t + q]! * bT[bj + t + q]!;
        partial = acc.addBlock(partial, buf, m);
        if (toggles) {
          const code = acc.code(partial);
          toggles.toggles += popcount(code ^ prev);
          toggles.updates += 1;
          toggles.bits = acc.outputFormat.bits;
          prev = code;
        }
      }
      // Promotion adds every partial into the fp32 register (from +0, as the reference does).
      chunkSum = interval === undefined ? partial : acc.combine(chunkSum, partial);
    }
    out = c0 === 0 ? chunkSum : combine === "fp32-add" ? Math.fround(out + chunkSum) : acc.combine(out, chunkSum);
  }
  return { ok: true, code: acc.code(out), value: out, format: acc.outputFormat };
}

/** The bigint reference accumulator in the same chunk order (Kulisch, directed roundings, wide formats); b is [cols × k]. */
function referenceDot(spec: AccumulatorSpec, a: QuantizedOperand, b: QuantizedOperand, i: number, j: number, chunk: number, lanes = 1, combine: "unit" | "fp32-add" = "unit"): DotOut {
  const k = a.cols;
  // An exact (Kulisch) register carries its partial sums at full width: chunking cannot change it.
  if (spec.kind === "exact") chunk = k;
  let out: ReturnType<typeof accumulateProducts> | undefined;
  for (let c0 = 0; c0 < k; c0 += chunk) {
    const prods = [];
    const end = Math.min(k, c0 + chunk);
    // An integer dot PE adds the exact tree sum of each step; a tensor-core spec groups its own blocks.
    const group = spec.kind === "int" ? lanes : 1;
    for (let t = c0; t < end; t += group) {
      let sum = 0;
      for (let q = t; q < Math.min(end, t + group); q++) sum += a.values[i * k + q]! * b.values[j * k + q]!;
      prods.push({ value: fromFloat64(sum), invalid: false });
    }
    const part = accumulateProducts(prods, { cls: "zero", sign: 0 }, spec);
    if (!part.ok) return part;
    if (!out) out = part;
    else {
      if (!out.ok) return out;
      // The output buffer adds a fold's partial with one rounding (a tensor-core spec: a one-addend block).
      const adder: AccumulatorSpec = combine === "fp32-add" && spec.kind !== "int" ? { kind: "float", id: "fp32-add", format: FP32_FORMAT, rounding: "rne", fused: true } : spec.kind === "float" ? { ...spec, fused: true } : spec;
      out = accumulateProducts([{ value: part.value, invalid: false }], out.value, adder);
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

/** The exponent of the lowest set bit over all nonzero finite values (every value is a multiple of 2^that); 0 if none. */
function lowestBitExponent(v: Float64Array): number {
  const low = valueSpan(v).lowBit;
  return low === Infinity ? 0 : low;
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) if (Math.abs(x) > m) m = Math.abs(x);
  return m;
}

/**
 * Over the nonzero finite values, read off their IEEE fields: the widest significand (1 for powers of two), the
 * floor(log2) range, and the exponent of the lowest set bit (Infinity when there is no such value).
 */
export function valueSpan(v: Float64Array): { bits: number; lo: number; hi: number; lowBit: number } {
  const view = new DataView(new ArrayBuffer(8));
  const ctz = (x: number) => 31 - Math.clz32(x & -x);
  let bits = 0;
  let lo = Infinity;
  let hi = -Infinity;
  let lowBit = Infinity;
  for (const x of v) {
    if (x === 0 || !Number.isFinite(x)) continue;
    view.setFloat64(0, x);
    const high = view.getUint32(0);
    const low = view.getUint32(4);
    const biased = (high >>> 20) & 0x7ff;
    const frac = high & 0xfffff;
    let b: number;
    let e: number;
    if (biased !== 0) {
      // Normal: a 53-bit significand with its hidden bit; significant bits = 53 − trailing zeros.
      b = 53 - (low !== 0 ? ctz(low) : 32 + ctz(frac | 0x100000));
      e = biased - 1023;
    } else {
      // Subnormal: value = fraction · 2^−1074; its top set bit gives floor(log2).
      const top = frac !== 0 ? 63 - Math.clz32(frac) : 31 - Math.clz32(low);
      b = top - (low !== 0 ? ctz(low) : 32 + ctz(frac)) + 1;
      e = top - 1074;
    }
    if (b > bits) bits = b;
    if (e < lo) lo = e;
    if (e > hi) hi = e;
    // The lowest set bit sits b − 1 places below the top one.
    if (e - b + 1 < lowBit) lowBit = e - b + 1;
  }
  return { bits, lo, hi, lowBit };
}

/** Conservative: every product of an a-value and a b-value is a normal value of f (or zero). */
function productsExactIn(f: ScalarFormat, a: Float64Array, b: Float64Array): boolean {
  if (f.kind !== "float") return false;
  const sa = valueSpan(a);
  const sb = valueSpan(b);
  const eminNormal = 1 - f.bias;
  const emaxFinite = (1 << f.expBits) - 2 - f.bias;
  return sa.bits + sb.bits <= f.manBits + 1 && sa.lo + sb.lo >= eminNormal && sa.hi + sb.hi + 1 <= emaxFinite;
}

/** Every product of an a-value and a b-value is a normal float64 (or zero): the float64 multiply is exact. */
function productsExactInFloat64(a: Float64Array, b: Float64Array): boolean {
  const sa = valueSpan(a);
  const sb = valueSpan(b);
  return sa.bits + sb.bits <= 53 && sa.lo + sb.lo >= -1022 && sa.hi + sb.hi + 1 <= 1023;
}
