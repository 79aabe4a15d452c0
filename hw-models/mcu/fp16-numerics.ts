import type { Layer } from "../../workloads/layer.js";
import type { Result } from "../../workloads/result.js";
import { createPrng } from "../../sim/prng.js";
import { float64Encoder } from "../../sim/numerics/fast/encode-float64.js";
import { exactSumFloat64 } from "../../sim/numerics/fast/exact-sum-float64.js";
import type { Precision } from "../precision.js";
import type { AbsmaxMemo } from "../numerics/operand-source.js";
import type { GemmNumerics } from "../numerics/gemm-numerics.js";
import { AUTO_REFERENCE_MACS, MAX_EXACT_MACS, MAX_OPERAND_ELEMENTS, REFERENCE_PATH_MAX_MACS, accumulatorFor, layerSeeds, operandLines } from "../numerics/gemm-numerics.js";
import type { OutputSample } from "../numerics/output-sample.js";
import { sampleIndicesOf, sampleOutputs } from "../numerics/output-sample.js";
import { FP16 } from "./isa/fp.js";

/**
 * One step of a fused fp16 register: round16(acc + p) for an fp16 value `acc` and a product `p` exact in float64
 * (an fp16×fp16 product has ≤ 22 significant bits). s = acc + p in float64 is exact unless |p| < 2^-32·|acc| or
 * the sum is beyond fp16's range; either way RNE16(s) = RNE16(acc + p) unless s landed on an fp16 rounding
 * midpoint (every midpoint is a float64 value, so s and the exact sum are on the same side of every other
 * one). TwoSum gives the float64 error; on a midpoint the exact sum lies on the error's side.
 */
export function fusedFp16Stepper(): { step(acc: number, p: number): number; code(acc: number): number } {
  const enc = float64Encoder(FP16, { rounding: "rne" });
  if (!enc.ok) throw new Error(enc.reason);
  const encode = enc.encode;
  const step = (acc: number, p: number): number => {
    const s = acc + p;
    const r = roundFp16(s);
    if (r === s || s !== s) return r;
    const bb = s - acc;
    const err = acc - (s - bb) + (p - bb);
    if (err === 0 || !Number.isFinite(err)) return r;
    // s = RNE64(exact sum) ≠ exact sum: only a midpoint s can round differently from the exact sum.
    const a = Math.abs(s);
    if (a >= FP16_OVERFLOW) return a === FP16_OVERFLOW && (err < 0) === s > 0 ? Math.sign(s) * FP16_MAX : r;
    const half = a < FP16_MIN_NORMAL ? 2 ** -25 : 2 ** (binade(a) - 11);
    if (Math.abs(s - r) !== half) return r;
    const other = 2 * s - r;
    return (err > 0) === (other > r) ? other : r;
  };
  return { step, code: (acc) => encode(acc) };
}

const FP16_MAX = 65504;
/** Halfway between the largest finite fp16 value and 2^16: RNE rounds it (odd 0x7bff) and everything above to ±inf. */
const FP16_OVERFLOW = 65520;
const FP16_MIN_NORMAL = 2 ** -14;
/** 1.5·2^(52 + lsb): adding and subtracting it rounds |x| < 2^(51 + lsb) to a multiple of 2^lsb, ties to even (float64 RNE). */
const MAGIC = Array.from({ length: 30 }, (_, i) => 1.5 * 2 ** (52 + i - 14 - 10));
const MAGIC_SUB = 1.5 * 2 ** (52 - 24);

/** floor(log2 a) for 2^-14 ≤ a < 65520 (exact: ToUint32 truncates, clz32 finds the top bit). */
function binade(a: number): number {
  return a >= 256 ? 31 - Math.clz32(a) : 7 - Math.clz32(a * 2 ** 24);
}

/** RNE of a float64 to fp16, as a float64 value (±inf on overflow, ±0 kept). */
export function roundFp16(x: number): number {
  const a = Math.abs(x);
  if (!(a < FP16_OVERFLOW)) return a === a ? (x > 0 ? Infinity : -Infinity) : x;
  // Subnormal range: multiples of 2^-24; a result of zero keeps x's sign (x · 0).
  if (a < FP16_MIN_NORMAL) return x + MAGIC_SUB - MAGIC_SUB || x * 0;
  const m = MAGIC[binade(a) + 14]!;
  return x + m - m;
}

/**
 * gemmNumerics (hw-models/numerics/gemm-numerics.ts) for the fused fp16 accumulator of the FP16 SIMD kernel
 * (one chunk of K, MAC steps), with the same sample, operands, reference and exact values, but each dot product
 * stepped in float64 by `fusedFp16Stepper` instead of the bigint reference (which gemmNumerics takes for fused
 * fp16: its products are not fp16 values). Same results, bit for bit (model.test.ts checks every field against
 * gemmNumerics), ~50× faster. Under `--sample auto` the sample is still the reference path's (AUTO_REFERENCE_MACS
 * per layer), so reports keep their numbers.
 */
export function fusedFp16Numerics(layer: Layer, p: Precision, seed: number, sampleFraction: number, options: { absmaxMemo?: AbsmaxMemo; sampleIsBudget?: boolean } = {}): Result<GemmNumerics> {
  const { m, n, k } = layer.gemm;
  const total = m * n * layer.repeat;
  const { sampleRng, operandSeeds } = layerSeeds(seed, layer.repeat);
  let sample: OutputSample = sampleFraction > 0 ? sampleOutputs(layer.repeat, m, n, sampleFraction * total, sampleRng) : { grids: [], count: 0, total, repeats: layer.repeat, m, n };
  if (options.sampleIsBudget && sample.count * k > REFERENCE_PATH_MAX_MACS && sample.grids.length > 0) {
    const g0 = sample.grids[0]!;
    const probe = operandLines(layer, p, operandSeeds[g0.repeat]!, g0.rows, g0.cols, options.absmaxMemo);
    if (probe.ok && !accumulatorFor(p.accumulator, probe.value.a, probe.value.b, 1).ok) {
      for (let target = Math.floor(AUTO_REFERENCE_MACS / k); ; target = Math.floor(target * 0.9)) {
        sample = sampleOutputs(layer.repeat, m, n, Math.max(1, target), createPrng(BigInt.asUintN(64, BigInt(seed)) ^ 0x9e3779b97f4a7c15n));
        if (sample.count * k <= AUTO_REFERENCE_MACS || target <= 1) break;
      }
    }
  }
  let peak = 0;
  for (const g of sample.grids) {
    const part = Math.max(g.rows.length, g.cols.length) * k;
    if (part > MAX_OPERAND_ELEMENTS) return { ok: false, reason: `one sampled grid needs ${part} operand elements at once, over the ${MAX_OPERAND_ELEMENTS} hwsim draws: use --sample auto or a smaller fraction` };
    peak = Math.max(peak, (g.rows.length + g.cols.length) * k);
  }
  if (sample.count * k > MAX_EXACT_MACS) return { ok: false, reason: `computing ${sample.count * k} MACs bit-exactly would take too long (limit ${MAX_EXACT_MACS}): use --sample auto or a smaller --sample` };
  const stepper = fusedFp16Stepper();
  const values = new Float64Array(sample.count);
  const reference = new Float64Array(sample.count);
  const exact = new Float64Array(sample.count);
  const codes = new BigUint64Array(sample.count);
  const prods = new Float64Array(k);
  let calibration: GemmNumerics["calibration"] = { a: "none", b: "none" };
  let s = 0;
  for (const g of sample.grids) {
    const lines = operandLines(layer, p, operandSeeds[g.repeat]!, g.rows, g.cols, options.absmaxMemo);
    if (!lines.ok) return lines;
    const { a, b, aRaw, bRawT } = lines.value;
    calibration = lines.value.calibration;
    if (a.element.id !== "fp16" || b.element.id !== "fp16") return { ok: false, reason: `fused fp16 numerics need fp16 operands, not ${a.element.id} × ${b.element.id}` };
    const av = a.values;
    const bv = b.values;
    // As gemmNumerics: a plain float64 running sum is exact when no partial sum can round. Otherwise every product
    // (a multiple of 2^low, |Σ| ≤ bound) splits into a multiple of 2^T and a remainder below 2^(T−1), and the two
    // running sums are exact when bound·2 < 2^(T+53) and k·2^(T−1) < 2^(low+53): their float64 sum is then the
    // exact sum rounded once, which is what exactSumFloat64 returns. Too wide a span falls back to it.
    const low = lowestBitExponent(av) + lowestBitExponent(bv);
    const bound = k * maxAbs(av) * maxAbs(bv);
    const plainIsExact = bound < 2 ** (low + 53);
    const logK = Math.ceil(Math.log2(k)) + 1;
    const T = Math.ceil(Math.log2(bound || 1)) + 2 + logK - 53;
    const split = !plainIsExact && T + logK <= low + 53;
    const magic = 1.5 * 2 ** (T + 52);
    for (let ii = 0; ii < g.rows.length; ii++) {
      const ai = ii * k;
      for (let jj = 0; jj < g.cols.length; jj++, s++) {
        const bj = jj * k;
        let acc = 0;
        let ref = 0;
        let plain = 0;
        let hi = 0;
        let lo = 0;
        for (let t = 0; t < k; t++) {
          const pr = av[ai + t]! * bv[bj + t]!;
          acc = stepper.step(acc, pr);
          plain += pr;
          ref += aRaw[ai + t]! * bRawT[bj + t]!;
          if (split) {
            const h = pr + magic - magic;
            hi += h;
            lo += pr - h;
          } else prods[t] = pr;
        }
        let sum = plain;
        if (split) {
          // A zero exact sum is −0 only when every product is −0 (IEEE), when the plain sum is also −0.
          sum = hi + lo;
          if (sum === 0) sum = plain === 0 ? plain : 0;
        } else if (!plainIsExact) sum = exactSumFloat64(prods);
        // Post-scales in gemmNumerics' order: (x · scaleA) · scaleB.
        const pa = a.postScale[a.perChannel ? ii : 0]!;
        const pb = b.postScale[b.perChannel ? jj : 0]!;
        codes[s] = BigInt(stepper.code(acc));
        values[s] = acc * pa * pb;
        reference[s] = ref;
        exact[s] = sum * pa * pb;
      }
    }
  }
  return { ok: true, value: { indices: sampleIndicesOf(sample), sample, values, reference, exact, codes, outputFormat: FP16, path: "fast", operands: null, calibration, peakOperandElements: peak } };
}

function maxAbs(v: Float64Array): number {
  let m = 0;
  for (const x of v) if (Math.abs(x) > m) m = Math.abs(x);
  return m;
}

/** Exponent of the lowest set bit over the nonzero finite values (each is a multiple of 2^that); 0 if none. */
function lowestBitExponent(v: Float64Array): number {
  const view = new DataView(new ArrayBuffer(8));
  let lowest = Infinity;
  for (const x of v) {
    if (x === 0 || !Number.isFinite(x)) continue;
    view.setFloat64(0, x);
    const biased = (view.getUint32(0) >>> 20) & 0x7ff;
    // x = significand · 2^(e − 1075), a 53-bit integer significand (hi:lo); its trailing zeros raise the exponent.
    const lo = view.getUint32(4);
    const hi = (view.getUint32(0) & 0xfffff) | (biased === 0 ? 0 : 0x100000);
    const tz = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 63 - Math.clz32(hi & -hi);
    const e = (biased === 0 ? 1 : biased) - 1075 + tz;
    if (e < lowest) lowest = e;
  }
  return lowest === Infinity ? 0 : lowest;
}
